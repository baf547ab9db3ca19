package runtime

import (
	"errors"
	"fmt"
	goruntime "runtime"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/wasm"
)

// ErrReleased is returned by every use of an Object after its Release (or
// after the Scope that owned it closed).
var ErrReleased = errors.New("runtime: GC object handle released")

// Object is Go's handle to a struct or array in a Store's GC heap. The
// collector moves objects; an Object stays valid because it is a root: the
// Store keeps the object's current reference in a slot the collector
// updates, and the object lives at least as long as the handle.
//
// Who releases a handle:
//   - an Object created while a Scope is open (Store.OpenScope) belongs to
//     the innermost one and is released when it closes. Every host
//     function call runs in a scope of its own, so the Objects among its
//     arguments, and those it creates, are released when it returns; to
//     keep one, Retain it;
//   - any other Object lives until Release, or until Go's collector finds
//     it unreachable (a cleanup then releases it, at some later time).
//
// Values hold Objects by pointer: copies of a Value share one handle.
// Objects, like everything of a Store, are used from one goroutine at a
// time.
type Object struct {
	st      *Store
	id      wasm.TypeID // canonical type: never changes
	slot    int32       // in st.roots; -1 once released
	scoped  bool
	cleanup goruntime.Cleanup
}

// newObject roots ref, a reference to a GC object of st, in a new handle.
func (st *Store) newObject(ref uint32) (*Object, error) {
	h := st.res.heap
	if h == nil {
		return nil, fmt.Errorf("runtime: GC reference %#x without a GC heap", ref)
	}
	id, _, _, err := h.Object(ref)
	if err != nil {
		return nil, err
	}
	o := &Object{st: st, id: wasm.TypeID(id), slot: st.roots.add(ref)}
	if st.scopes.open() {
		o.scoped = true
		st.scopes.own(o)
	} else {
		o.cleanup = goruntime.AddCleanup(o, st.roots.orphans.push, o.slot)
	}
	return o, nil
}

// raw returns the object's current reference, for use in st.
func (o *Object) raw(st *Store) (uint32, error) {
	if o.st != st {
		return 0, ErrWrongStore
	}
	if err := st.check(); err != nil {
		return 0, err
	}
	if o.slot < 0 {
		return 0, ErrReleased
	}
	return st.roots.refs[o.slot], nil
}

// Release gives up the handle: the object may be collected once nothing
// else refers to it. Further use of o fails with ErrReleased. Releasing
// twice is harmless.
func (o *Object) Release() {
	if o.slot < 0 {
		return
	}
	if !o.scoped {
		o.cleanup.Stop()
	}
	o.st.roots.release(o.slot)
	o.slot = -1
}

// Retain returns a new handle to the same object that no Scope owns: it
// lives until its own Release (or until it becomes unreachable).
func (o *Object) Retain() (*Object, error) {
	ref, err := o.raw(o.st)
	if err != nil {
		return nil, err
	}
	n := &Object{st: o.st, id: o.id, slot: o.st.roots.add(ref)}
	n.cleanup = goruntime.AddCleanup(n, o.st.roots.orphans.push, n.slot)
	return n, nil
}

// Type returns the object's type, a concrete heap type (its canonical
// struct or array type).
func (o *Object) Type() HeapType { return ConcreteHeapType(o.id) }

// IsArray reports whether the object is an array (else it is a struct).
func (o *Object) IsArray() bool { return o.st.eng.compKind(o.Type()) == wasm.CompArray }

func (o *Object) String() string {
	kind := "struct"
	if o.IsArray() {
		kind = "array"
	}
	return fmt.Sprintf("%s %v", kind, o.Type())
}

// Len returns an array's length.
func (o *Object) Len() (uint32, error) {
	_, l, n, err := o.open()
	if err == nil && l.Kind != abi.KindArray {
		err = fmt.Errorf("runtime: Len of %v", o)
	}
	return n, err
}

// open validates the handle and returns the object's reference, layout
// and length.
func (o *Object) open() (uint32, *gc.Layout, uint32, error) {
	ref, err := o.raw(o.st)
	if err != nil {
		return 0, nil, 0, err
	}
	_, l, n, err := o.st.res.heap.Object(ref)
	return ref, l, n, err
}

// Field returns field i of a struct. A packed field (i8, i16) reads as an
// i32, zero-extended.
func (o *Object) Field(i int) (Value, error) {
	ref, l, _, err := o.open()
	if err != nil {
		return Value{}, err
	}
	ft, err := o.field(l, i)
	if err != nil {
		return Value{}, err
	}
	s := l.Fields[i]
	return o.st.fromRaw(fieldValType(ft), getStorage(o.st.res.heap.Bytes(ref, l.Struct.Offsets[i], s.Size()), s))
}

// SetField stores v in field i of a struct. The field must be mutable and
// v must fit its type; a packed field takes an i32 and keeps its low bits.
func (o *Object) SetField(i int, v Value) error {
	ref, l, _, err := o.open()
	if err != nil {
		return err
	}
	ft, err := o.field(l, i)
	if err != nil {
		return err
	}
	if !ft.Mutable {
		return fmt.Errorf("runtime: field %d of %v is immutable", i, o)
	}
	if !o.st.eng.valueFits(v, fieldValType(ft)) {
		return fmt.Errorf("runtime: %v does not fit field %d of %v", v, i, o)
	}
	raw, err := o.st.toRaw(v)
	if err != nil {
		return err
	}
	s := l.Fields[i]
	putStorage(o.st.res.heap.Bytes(ref, l.Struct.Offsets[i], s.Size()), s, raw)
	return nil
}

func (o *Object) field(l *gc.Layout, i int) (wasm.FieldType, error) {
	if l.Kind != abi.KindStruct || i < 0 || i >= len(l.Fields) {
		return wasm.FieldType{}, fmt.Errorf("runtime: %v has no field %d", o, i)
	}
	return o.st.eng.types.Info(o.id).Sub.Comp.Fields[i], nil
}

// Elem returns element i of an array (packed elements as for Field). An
// index out of bounds is the trap ErrOutOfBoundsArray.
func (o *Object) Elem(i uint32) (Value, error) {
	ref, l, n, err := o.open()
	if err != nil {
		return Value{}, err
	}
	ft, err := o.elem(l, i, n)
	if err != nil {
		return Value{}, err
	}
	a := l.Array
	return o.st.fromRaw(fieldValType(ft), getStorage(o.st.res.heap.Bytes(ref, a.ElemOffset+i*a.ElemSize, a.ElemSize), a.Elem))
}

// SetElem stores v in element i of a mutable array (v as for SetField).
func (o *Object) SetElem(i uint32, v Value) error {
	ref, l, n, err := o.open()
	if err != nil {
		return err
	}
	ft, err := o.elem(l, i, n)
	if err != nil {
		return err
	}
	if !ft.Mutable {
		return fmt.Errorf("runtime: %v is immutable", o)
	}
	if !o.st.eng.valueFits(v, fieldValType(ft)) {
		return fmt.Errorf("runtime: %v does not fit the elements of %v", v, o)
	}
	raw, err := o.st.toRaw(v)
	if err != nil {
		return err
	}
	a := l.Array
	putStorage(o.st.res.heap.Bytes(ref, a.ElemOffset+i*a.ElemSize, a.ElemSize), a.Elem, raw)
	return nil
}

func (o *Object) elem(l *gc.Layout, i, n uint32) (wasm.FieldType, error) {
	if l.Kind != abi.KindArray {
		return wasm.FieldType{}, fmt.Errorf("runtime: %v is not an array", o)
	}
	if i >= n {
		return wasm.FieldType{}, newTrap(abi.TrapArrayOutOfBounds)
	}
	return o.st.eng.types.Info(o.id).Sub.Comp.Fields[0], nil
}

// fieldValType is the type a field or element reads and writes as: its
// own, or i32 for a packed one.
func fieldValType(ft wasm.FieldType) ValType {
	if ft.Type.Kind == wasm.I8 || ft.Type.Kind == wasm.I16 {
		return TypeI32
	}
	return canonValType(ft.Type, nil)
}
