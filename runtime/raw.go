package runtime

import (
	"fmt"

	"github.com/sablewasm/sable/abi"
)

// rawValue is a value as generated code and the vmctx hold it: numbers in
// their bits, a v128 in both words, a reference as one word: 0 is null, a
// funcref is the address of the function's record, and references of the
// any and extern hierarchies are GC references (abi/gc.go: an i31, a host
// value's handle, or a GC heap offset).
type rawValue struct{ lo, hi uint64 }

// toRaw converts v, which has been checked against its destination type,
// for storage in st.
func (st *Store) toRaw(v Value) (rawValue, error) {
	if v.typ.Kind != KindRef {
		return rawValue{v.lo, v.hi}, nil
	}
	if v.IsNull() {
		return rawValue{}, nil
	}
	switch x := v.ref.(type) {
	case nil:
		return rawValue{lo: v.lo<<1 | abi.RefI31Tag}, nil
	case hostValue:
		h, err := st.host.add(x.x)
		return rawValue{lo: h}, err
	case *Func:
		ref, err := st.bindFunc(x)
		if err != nil {
			return rawValue{}, err
		}
		return rawValue{lo: uint64(refAddr(ref))}, nil
	case *Object:
		r, err := x.raw(st)
		return rawValue{lo: uint64(r)}, err
	}
	// An opaque reference read from st (an exnref).
	return rawValue{lo: v.lo}, nil
}

// fromRaw converts a raw value of static type t read from st. A GC object
// becomes a rooted *Object (see Object for who releases it).
func (st *Store) fromRaw(t ValType, r rawValue) (Value, error) {
	if t.Kind != KindRef {
		return Value{typ: t, lo: r.lo, hi: r.hi}, nil
	}
	if r.lo == 0 {
		return NullRef(t.Heap), nil
	}
	top := st.eng.top(t.Heap)
	switch top {
	case HeapFunc:
		return FuncRef(st.funcs[uintptr(r.lo)]), nil
	case HeapAny, HeapExtern:
	default:
		// An exception: opaque until exception handling gives the host a
		// view of them.
		return Value{typ: RefType(false, top), lo: r.lo}, nil
	}
	ref := uint32(r.lo) // GC references are u32 in 64-bit slots
	var v Value
	switch {
	case abi.IsI31Ref(ref):
		v = I31Ref(int32(ref >> 1))
	case abi.IsHostRef(ref):
		x, ok := st.host.get(uint64(ref))
		if !ok {
			return Value{}, fmt.Errorf("runtime: reference %#x to an unknown host value", ref)
		}
		v = HostRef(x)
	default:
		o, err := st.newObject(ref)
		if err != nil {
			return Value{}, err
		}
		v = ObjectRef(o)
	}
	if top == HeapExtern {
		v.typ = RefType(false, HeapExtern) // externalized
	}
	return v, nil
}
