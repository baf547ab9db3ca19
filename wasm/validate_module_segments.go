package wasm

// validateElems checks the element segments: every item is a constant
// expression of the segment's type, and an active segment's table exists,
// its offset has the table's address type and the segment's type fits the
// table's element type.
func (ctx *moduleCtx) validateElems() error {
	for i := range ctx.m.Elems {
		seg := &ctx.m.Elems[i]
		if seg.Type.Kind != Ref {
			return moduleErrorf(exprOffset(seg.Offset), "malformed reference type %s of element segment %d", seg.Type, i)
		}
		if err := ctx.types.checkValType(seg.Type); err != nil {
			return err
		}
		for _, item := range seg.Init {
			if err := validateConstExpr(ctx, item, seg.Type, len(ctx.globals)); err != nil {
				return err
			}
		}
		if seg.Mode != SegmentActive {
			continue
		}
		if uint64(seg.Table) >= uint64(len(ctx.tables)) {
			return moduleErrorf(exprOffset(seg.Offset), "unknown table %d", seg.Table)
		}
		tt := &ctx.tables[seg.Table]
		if err := validateConstExpr(ctx, seg.Offset, addrType(tt.Limits), len(ctx.globals)); err != nil {
			return err
		}
		if !ctx.types.matchVal(seg.Type, tt.Elem) {
			return moduleErrorf(exprOffset(seg.Offset), "type mismatch: element segment %d of type %s does not fit table %d of type %s",
				i, seg.Type, seg.Table, tt.Elem)
		}
	}
	return nil
}

// exprOffset is the module offset to report for an entry located by
// expression e: e's own offset, or -1 when the entry has no such expression.
func exprOffset(e ConstExpr) int {
	if e.Code == nil {
		return -1
	}
	return e.Offset
}

// validateDatas checks that an active data segment's memory exists and its
// offset has the memory's address type.
func (ctx *moduleCtx) validateDatas() error {
	for i := range ctx.m.Datas {
		seg := &ctx.m.Datas[i]
		if seg.Mode != SegmentActive {
			continue
		}
		if uint64(seg.Mem) >= uint64(len(ctx.mems)) {
			return moduleErrorf(exprOffset(seg.Offset), "unknown memory %d", seg.Mem)
		}
		if err := validateConstExpr(ctx, seg.Offset, addrType(ctx.mems[seg.Mem].Limits), len(ctx.globals)); err != nil {
			return err
		}
	}
	return nil
}

// collectRefs computes C.refs: the functions named by ref.func anywhere
// outside function bodies and the start section, plus exported functions.
// Only these may be referenced by ref.func inside bodies, which lets an
// engine know up front which functions need a reference representation.
//
// Expressions are scanned before they are validated; scanning stops at the
// first malformed instruction, whose expression will fail validation anyway.
func collectRefs(m *Module) map[uint32]bool {
	refs := make(map[uint32]bool)
	for i := range m.Exports {
		if m.Exports[i].Kind == ExternFunc {
			refs[m.Exports[i].Index] = true
		}
	}
	var in Instr
	scan := func(e ConstExpr) {
		r := NewInstrReader(e.Code, e.Offset)
		for r.Next(&in) == nil {
			if in.Op == OpRefFunc {
				refs[in.Index] = true
			}
		}
	}
	for i := range m.Globals {
		scan(m.Globals[i].Init)
	}
	for i := range m.Tables {
		scan(m.Tables[i].Init)
	}
	for i := range m.Elems {
		scan(m.Elems[i].Offset)
		for _, item := range m.Elems[i].Init {
			scan(item)
		}
	}
	for i := range m.Datas {
		scan(m.Datas[i].Offset)
	}
	return refs
}
