package runtime

// rawValue is a value as generated code and the vmctx hold it: numbers in
// their bits, a v128 in both words, a reference as one word (see the
// encoding in abi/vmctx.go: 0 is null; a funcref is the address of the
// function's record; an externref an index into the Store's handle table;
// an anyref a GC heap reference, where an odd word is an i31).
type rawValue struct{ lo, hi uint64 }

// toRaw converts v, which has been checked against its destination type,
// for storage in st.
func (st *Store) toRaw(v Value) (rawValue, error) {
	if v.typ.Kind != KindRef {
		return rawValue{v.lo, v.hi}, nil
	}
	switch {
	case v.IsNull():
		return rawValue{}, nil
	case v.typ.Heap == HeapI31:
		return rawValue{lo: v.lo<<1 | 1}, nil
	case v.typ.Heap == HeapExtern:
		return rawValue{lo: st.externHandle(v.ref)}, nil
	}
	if f := v.Func(); f != nil {
		ref, err := st.bindFunc(f)
		if err != nil {
			return rawValue{}, err
		}
		return rawValue{lo: uint64(refAddr(ref))}, nil
	}
	return rawValue{lo: v.lo}, nil // an opaque GC reference read from st
}

// fromRaw converts a raw value of static type t read from st.
func (st *Store) fromRaw(t ValType, r rawValue) Value {
	if t.Kind != KindRef {
		return Value{typ: t, lo: r.lo, hi: r.hi}
	}
	if r.lo == 0 {
		return NullRef(t.Heap)
	}
	switch st.eng.top(t.Heap) {
	case HeapFunc:
		return FuncRef(st.funcs[uintptr(r.lo)])
	case HeapExtern:
		if r.lo <= uint64(len(st.externs)) {
			return Value{typ: RefType(false, HeapExtern), ref: st.externs[r.lo-1]}
		}
	case HeapAny:
		if r.lo&1 == 1 {
			return I31Ref(int32(r.lo >> 1))
		}
	}
	// A GC object or exception: opaque until the GC milestone gives the
	// host a view of them.
	return Value{typ: RefType(false, st.eng.top(t.Heap)), lo: r.lo}
}
