package runtime

import (
	"fmt"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/wasm"
)

// NewStruct allocates a struct of type t, a concrete struct type of the
// Store's Engine (Module.HeapType), with one value per field, each fitting
// the field's type (packed fields take an i32). The allocation follows
// the same rules as struct.new: it may collect, and it traps with
// ErrGCHeapOutOfMemory when the heap is full. The Object is owned as
// described there.
func (st *Store) NewStruct(t HeapType, fields ...Value) (*Object, error) {
	comp, err := st.compType(t, wasm.CompStruct)
	if err != nil {
		return nil, err
	}
	if len(fields) != len(comp.Fields) {
		return nil, fmt.Errorf("runtime: %v has %d fields, got %d values", t, len(comp.Fields), len(fields))
	}
	for i, v := range fields {
		if !st.eng.valueFits(v, fieldValType(comp.Fields[i])) {
			return nil, fmt.Errorf("runtime: %v does not fit field %d of %v", v, i, t)
		}
	}
	ref, err := st.newStruct(t.TypeID(), fields)
	if err != nil {
		return nil, err
	}
	return st.newObject(ref)
}

// NewArray allocates an array of type t (a concrete array type) with n
// elements, each init, or the element type's default (zero, null) if init
// is the zero Value. Like array.new it traps with ErrAllocationTooLarge
// when n exceeds what abi's size rule allows for the element type, and
// with ErrGCHeapOutOfMemory when the heap is full.
func (st *Store) NewArray(t HeapType, n uint32, init Value) (*Object, error) {
	comp, err := st.compType(t, wasm.CompArray)
	if err != nil {
		return nil, err
	}
	if init != (Value{}) && !st.eng.valueFits(init, fieldValType(comp.Fields[0])) {
		return nil, fmt.Errorf("runtime: %v does not fit the elements of %v", init, t)
	}
	ref, err := st.newArray(t.TypeID(), n, init)
	if err != nil {
		return nil, err
	}
	return st.newObject(ref)
}

// NewArrayOf allocates an array of type t holding elems, as
// array.new_fixed does.
func (st *Store) NewArrayOf(t HeapType, elems ...Value) (*Object, error) {
	comp, err := st.compType(t, wasm.CompArray)
	if err != nil {
		return nil, err
	}
	if uint64(len(elems)) > 1<<32-1 {
		return nil, newTrap(abi.TrapAllocationTooLarge)
	}
	for _, v := range elems {
		if !st.eng.valueFits(v, fieldValType(comp.Fields[0])) {
			return nil, fmt.Errorf("runtime: %v does not fit the elements of %v", v, t)
		}
	}
	ref, err := st.newArrayOf(t.TypeID(), elems)
	if err != nil {
		return nil, err
	}
	return st.newObject(ref)
}

// compType checks that t is a concrete type of kind k of the Store's
// Engine and returns its definition.
func (st *Store) compType(t HeapType, k wasm.CompKind) (*wasm.CompType, error) {
	if err := st.check(); err != nil {
		return nil, err
	}
	if !t.IsConcrete() {
		return nil, fmt.Errorf("runtime: %v is not a concrete type", t)
	}
	info := st.eng.types.Info(t.TypeID())
	if info == nil {
		return nil, fmt.Errorf("runtime: %v is not a type of the Store's Engine", t)
	}
	if info.Sub.Comp.Kind != k {
		return nil, fmt.Errorf("runtime: %v is not a %s type", t, map[wasm.CompKind]string{wasm.CompStruct: "struct", wasm.CompArray: "array"}[k])
	}
	return &info.Sub.Comp, nil
}

// layout returns the object layout of canonical type id.
func (st *Store) layout(id wasm.TypeID) (*gc.Layout, error) {
	tt, err := st.eng.typeTable()
	if err != nil {
		return nil, err
	}
	l := tt.layouts.Lookup(uint32(id))
	if l == nil {
		return nil, fmt.Errorf("runtime: type %d has no object layout", id)
	}
	return l, nil
}

// newStruct allocates a struct of canonical type id and stores vals, which
// fit its fields. The values are converted after the allocation: the
// collection it may run moves the objects they refer to.
func (st *Store) newStruct(id wasm.TypeID, vals []Value) (uint32, error) {
	l, err := st.layout(id)
	if err != nil {
		return 0, err
	}
	ref, err := st.alloc(uint32(id), 0)
	if err != nil {
		return 0, err
	}
	for i, v := range vals {
		raw, err := st.toRaw(v)
		if err != nil {
			return 0, err
		}
		s := l.Fields[i]
		putStorage(st.res.heap.Bytes(ref, l.Struct.Offsets[i], s.Size()), s, raw)
	}
	return ref, nil
}

// newArray allocates an array of canonical type id with n elements, each
// init, or zero (the default) if init is the zero Value.
func (st *Store) newArray(id wasm.TypeID, n uint32, init Value) (uint32, error) {
	l, err := st.layout(id)
	if err != nil {
		return 0, err
	}
	ref, err := st.alloc(uint32(id), n)
	if err != nil {
		return 0, err
	}
	if init == (Value{}) {
		return ref, nil
	}
	raw, err := st.toRaw(init)
	if err != nil || raw == (rawValue{}) {
		return ref, err // the new array is zero already
	}
	a := l.Array
	fillStorage(st.res.heap.Bytes(ref, a.ElemOffset, n*a.ElemSize), a.Elem, raw)
	return ref, nil
}

// newArrayOf allocates an array of canonical type id holding elems.
func (st *Store) newArrayOf(id wasm.TypeID, elems []Value) (uint32, error) {
	l, err := st.layout(id)
	if err != nil {
		return 0, err
	}
	ref, err := st.alloc(uint32(id), uint32(len(elems)))
	if err != nil {
		return 0, err
	}
	a := l.Array
	for i, v := range elems {
		raw, err := st.toRaw(v)
		if err != nil {
			return 0, err
		}
		putStorage(st.res.heap.Bytes(ref, a.ElemOffset+uint32(i)*a.ElemSize, a.ElemSize), a.Elem, raw)
	}
	return ref, nil
}
