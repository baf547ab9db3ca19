package wasm

// Table instructions and the bulk memory/table instructions whose typing
// depends on more than one memory or table, or on a segment.

func (v *funcValidator) bulk() error {
	in := &v.in
	switch in.Op {
	case OpTableGet, OpTableSet, OpTableSize, OpTableGrow, OpTableFill:
		tt, err := v.table(in.Index)
		if err != nil {
			return err
		}
		at := addrType(tt.Limits)
		var ops [3]ValType
		var n int
		switch in.Op {
		case OpTableGet:
			ops[0], n = at, 1
		case OpTableSet:
			ops[0], ops[1], n = at, tt.Elem, 2
		case OpTableGrow:
			ops[0], ops[1], n = tt.Elem, at, 2
		case OpTableFill:
			ops[0], ops[1], ops[2], n = at, tt.Elem, at, 3
		}
		if err := v.popVals(ops[:n]); err != nil {
			return err
		}
		switch in.Op {
		case OpTableGet:
			v.push(tt.Elem)
		case OpTableSize, OpTableGrow:
			v.push(at)
		}
		return nil
	case OpTableCopy:
		dst, err := v.table(in.Index)
		if err != nil {
			return err
		}
		src, err := v.table(in.Index2)
		if err != nil {
			return err
		}
		if !v.env.matchVal(src.Elem, dst.Elem) {
			return v.errorf("type mismatch: cannot copy %s elements into a table of %s",
				typeString(src.Elem), typeString(dst.Elem))
		}
		return v.popCopyOperands(dst.Limits, src.Limits)
	case OpTableInit:
		tt, err := v.table(in.Index2)
		if err != nil {
			return err
		}
		if err := v.elemIndex(in.Index); err != nil {
			return err
		}
		if et := v.ctx.m.Elems[in.Index].Type; !v.env.matchVal(et, tt.Elem) {
			return v.errorf("type mismatch: elem segment %d of %s cannot initialize a table of %s",
				in.Index, typeString(et), typeString(tt.Elem))
		}
		ops := [3]ValType{addrType(tt.Limits), TypeI32, TypeI32}
		return v.popVals(ops[:])
	case OpElemDrop:
		return v.elemIndex(in.Index)
	case OpMemoryInit:
		mt, err := v.memory(in.Index2)
		if err != nil {
			return err
		}
		if err := v.dataIndex(in.Index); err != nil {
			return err
		}
		ops := [3]ValType{addrType(mt.Limits), TypeI32, TypeI32}
		return v.popVals(ops[:])
	case OpDataDrop:
		return v.dataIndex(in.Index)
	case OpMemoryCopy:
		dst, err := v.memory(in.Index)
		if err != nil {
			return err
		}
		src, err := v.memory(in.Index2)
		if err != nil {
			return err
		}
		return v.popCopyOperands(dst.Limits, src.Limits)
	}
	return v.errorf("unsupported instruction %s", in.Op)
}

// popCopyOperands pops the operands of memory.copy and table.copy: the
// destination and source addresses, each of its own address type, and a
// length that must fit both (i64 only if both are 64-bit).
func (v *funcValidator) popCopyOperands(dst, src Limits) error {
	n := TypeI32
	if dst.Is64 && src.Is64 {
		n = TypeI64
	}
	ops := [3]ValType{addrType(dst), addrType(src), n}
	return v.popVals(ops[:])
}

// table returns table idx.
func (v *funcValidator) table(idx uint32) (*TableType, error) {
	if uint64(idx) >= uint64(len(v.ctx.tables)) {
		return nil, v.errorf("unknown table %d", idx)
	}
	return &v.ctx.tables[idx], nil
}

// elemIndex checks that element segment idx exists.
func (v *funcValidator) elemIndex(idx uint32) error {
	if uint64(idx) >= uint64(v.ctx.numElems) || uint64(idx) >= uint64(len(v.ctx.m.Elems)) {
		return v.errorf("unknown elem segment %d", idx)
	}
	return nil
}

// dataIndex checks that data segment idx exists (the spec's C.datas is the
// data section; the decoder enforces the binary format's requirement of a
// data count section for instructions that name data segments).
func (v *funcValidator) dataIndex(idx uint32) error {
	if uint64(idx) >= uint64(len(v.ctx.m.Datas)) {
		return v.errorf("unknown data segment %d", idx)
	}
	return nil
}
