package wasm

// GC aggregate instructions: struct.* and array.*.

func (v *funcValidator) aggregate() error {
	in := &v.in
	switch in.Op {
	case OpStructNew, OpStructNewDefault:
		st, err := v.compType(in.Index, CompStruct)
		if err != nil {
			return err
		}
		for i := len(st.Fields) - 1; i >= 0; i-- {
			ft := st.Fields[i].Type
			if in.Op == OpStructNewDefault {
				if !ft.Defaultable() {
					return v.errorf("type mismatch: field %d of type %d is not defaultable", i, in.Index)
				}
			} else if _, err := v.popType(ft.Unpacked()); err != nil {
				return err
			}
		}
		v.push(RefType(false, HeapType(in.Index)))
		return nil
	case OpStructGet, OpStructGetS, OpStructGetU, OpStructSet:
		return v.structAccess()
	case OpArrayNew, OpArrayNewDefault, OpArrayNewFixed, OpArrayNewData, OpArrayNewElem:
		return v.arrayNew()
	case OpArrayGet, OpArrayGetS, OpArrayGetU:
		ft, err := v.arrayElem(in.Index)
		if err != nil {
			return err
		}
		if err := v.checkPacked(ft.Type, in.Op != OpArrayGet); err != nil {
			return err
		}
		if _, err := v.popType(TypeI32); err != nil {
			return err
		}
		if _, err := v.popType(RefType(true, HeapType(in.Index))); err != nil {
			return err
		}
		v.push(ft.Type.Unpacked())
		return nil
	case OpArrayLen:
		if _, err := v.popType(RefType(true, HeapArray)); err != nil {
			return err
		}
		v.push(TypeI32)
		return nil
	case OpArraySet, OpArrayFill, OpArrayCopy, OpArrayInitData, OpArrayInitElem:
		return v.arrayWrite()
	}
	return v.errorf("unsupported instruction %s", in.Op)
}

func (v *funcValidator) structAccess() error {
	in := &v.in
	st, err := v.compType(in.Index, CompStruct)
	if err != nil {
		return err
	}
	if uint64(in.Index2) >= uint64(len(st.Fields)) {
		return v.errorf("unknown field %d of type %d", in.Index2, in.Index)
	}
	field := st.Fields[in.Index2]
	if in.Op == OpStructSet {
		if !field.Mutable {
			return v.errorf("immutable field %d of type %d", in.Index2, in.Index)
		}
		if _, err := v.popType(field.Type.Unpacked()); err != nil {
			return err
		}
	} else if err := v.checkPacked(field.Type, in.Op != OpStructGet); err != nil {
		return err
	}
	if _, err := v.popType(RefType(true, HeapType(in.Index))); err != nil {
		return err
	}
	if in.Op != OpStructSet {
		v.push(field.Type.Unpacked())
	}
	return nil
}

// checkPacked checks that a read uses the _s/_u form exactly for packed
// storage types.
func (v *funcValidator) checkPacked(t ValType, signed bool) error {
	switch {
	case t.IsPacked() && !signed:
		return v.errorf("type mismatch: field is packed, use the _s or _u form")
	case !t.IsPacked() && signed:
		return v.errorf("type mismatch: field is not packed")
	}
	return nil
}

func (v *funcValidator) arrayNew() error {
	in := &v.in
	ft, err := v.arrayElem(in.Index)
	if err != nil {
		return err
	}
	et := ft.Type.Unpacked()
	switch in.Op {
	case OpArrayNew:
		if _, err := v.popType(TypeI32); err != nil {
			return err
		}
		if _, err := v.popType(et); err != nil {
			return err
		}
	case OpArrayNewDefault:
		if !ft.Type.Defaultable() {
			return v.errorf("type mismatch: element type of array type %d is not defaultable", in.Index)
		}
		if _, err := v.popType(TypeI32); err != nil {
			return err
		}
	case OpArrayNewFixed:
		if err := v.popN(et, in.Index2); err != nil {
			return err
		}
	case OpArrayNewData, OpArrayNewElem:
		if err := v.segmentSource(ft.Type); err != nil {
			return err
		}
		for range 2 {
			if _, err := v.popType(TypeI32); err != nil {
				return err
			}
		}
	}
	v.push(RefType(false, HeapType(in.Index)))
	return nil
}

// arrayWrite handles the instructions that store into an array, which
// must therefore be mutable.
func (v *funcValidator) arrayWrite() error {
	in := &v.in
	ft, err := v.arrayElem(in.Index)
	if err != nil {
		return err
	}
	if !ft.Mutable {
		return v.errorf("immutable array %d", in.Index)
	}
	et := ft.Type.Unpacked()
	ref := RefType(true, HeapType(in.Index))
	var pops [5]ValType // the operands, bottom first
	var ops []ValType
	switch in.Op {
	case OpArraySet:
		pops = [5]ValType{ref, TypeI32, et}
		ops = pops[:3]
	case OpArrayFill:
		pops = [5]ValType{ref, TypeI32, et, TypeI32}
		ops = pops[:4]
	case OpArrayCopy:
		src, err := v.arrayElem(in.Index2)
		if err != nil {
			return err
		}
		if !v.env.matchVal(src.Type, ft.Type) {
			return v.errorf("array types do not match: cannot copy %s elements into %s elements",
				typeString(src.Type), typeString(ft.Type))
		}
		pops = [5]ValType{ref, TypeI32, RefType(true, HeapType(in.Index2)), TypeI32, TypeI32}
		ops = pops[:]
	case OpArrayInitData, OpArrayInitElem:
		if err := v.segmentSource(ft.Type); err != nil {
			return err
		}
		pops = [5]ValType{ref, TypeI32, TypeI32, TypeI32}
		ops = pops[:4]
	}
	return v.popVals(ops)
}

// segmentSource checks the data or element segment (in.Index2) of
// array.new_data/new_elem/init_data/init_elem against element type et.
func (v *funcValidator) segmentSource(et ValType) error {
	idx := v.in.Index2
	switch v.in.Op {
	case OpArrayNewData, OpArrayInitData:
		if et.IsRef() {
			return v.errorf("array type is not numeric or vector")
		}
		return v.dataIndex(idx)
	}
	if err := v.elemIndex(idx); err != nil {
		return err
	}
	if st := v.ctx.m.Elems[idx].Type; !v.env.matchVal(st, et) {
		return v.errorf("type mismatch: elem segment %d of %s cannot initialize %s elements",
			idx, typeString(st), typeString(et))
	}
	return nil
}

// popN pops n operands of type t (array.new_fixed).
func (v *funcValidator) popN(t ValType, n uint32) error {
	f := v.top()
	avail := uint64(len(v.vals) - f.height)
	if avail < uint64(n) && !f.unreachable {
		return v.errorf("type mismatch: array.new_fixed requires %d operands of type %s but stack has %d",
			n, typeString(t), avail)
	}
	// Below the stack height of unreachable code every operand is unknown,
	// so only the operands actually present need checking.
	k := int(min(avail, uint64(n)))
	base := len(v.vals) - k
	for _, got := range v.vals[base:] {
		if !v.match(got, t) {
			return v.errorf("type mismatch: array.new_fixed requires %s operands but stack has %s",
				typeString(t), typeString(got))
		}
	}
	v.vals = v.vals[:base]
	return nil
}

// compType returns type idx, which must be of composite kind k (struct or
// array; function types are looked up with funcTypeAt).
func (v *funcValidator) compType(idx uint32, k CompKind) (*CompType, error) {
	st := v.env.sub(idx)
	if st == nil {
		return nil, v.errorf("unknown type %d", idx)
	}
	if st.Comp.Kind != k {
		what := "a struct"
		if k == CompArray {
			what = "an array"
		}
		return nil, v.errorf("type mismatch: type %d is not %s type", idx, what)
	}
	return &st.Comp, nil
}

// arrayElem returns the element field type of array type idx.
func (v *funcValidator) arrayElem(idx uint32) (*FieldType, error) {
	ct, err := v.compType(idx, CompArray)
	if err != nil {
		return nil, err
	}
	if len(ct.Fields) != 1 {
		return nil, v.errorf("unknown type %d: malformed array type", idx)
	}
	return &ct.Fields[0], nil
}
