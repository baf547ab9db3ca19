package wasm

// Control instructions: blocks, branches, exceptions (try_table and the
// legacy try/catch/delegate/rethrow), and the nullness and cast branches.

func (v *funcValidator) control() error {
	in := &v.in
	switch in.Op {
	case OpUnreachable:
		v.setUnreachable()
		return nil
	case OpBlock:
		return v.block(frameBlock)
	case OpLoop:
		return v.block(frameLoop)
	case OpTry:
		return v.block(frameTry)
	case OpIf:
		f, err := v.blockFrame(frameIf, &in.Block)
		if err != nil {
			return err
		}
		if _, err := v.popType(TypeI32); err != nil {
			return err
		}
		return v.enter(f)
	case OpTryTable:
		f, err := v.blockFrame(frameTryTable, &in.Block)
		if err != nil {
			return err
		}
		for i := range in.Catches {
			if err := v.catchClause(&in.Catches[i]); err != nil {
				return err
			}
		}
		return v.enter(f)
	case OpElse:
		return v.nextArm(frameElse)
	case OpCatch:
		return v.nextArm(frameCatch)
	case OpCatchAll:
		return v.nextArm(frameCatchAll)
	case OpEnd:
		return v.end()
	case OpDelegate:
		return v.delegate()
	case OpBr:
		return v.br()
	case OpBrIf:
		return v.brIf()
	case OpBrTable:
		return v.brTable()
	case OpReturn:
		if err := v.popVals(v.endTypes(&v.ctrls[0])); err != nil {
			return err
		}
		v.setUnreachable()
		return nil
	case OpThrow:
		ft, err := v.tagType(in.Index)
		if err != nil {
			return err
		}
		if err := v.popVals(ft.Params); err != nil {
			return err
		}
		v.setUnreachable()
		return nil
	case OpThrowRef:
		if _, err := v.popType(TypeExnRef); err != nil {
			return err
		}
		v.setUnreachable()
		return nil
	case OpRethrow:
		f, err := v.label(in.Label)
		if err != nil {
			return err
		}
		if f.kind != frameCatch && f.kind != frameCatchAll {
			return v.errorf("invalid rethrow label")
		}
		v.setUnreachable()
		return nil
	case OpBrOnNull, OpBrOnNonNull:
		return v.brOnNull()
	case OpBrOnCast, OpBrOnCastFail:
		return v.brOnCast()
	}
	return v.errorf("unsupported instruction %s", in.Op)
}

func (v *funcValidator) block(kind frameKind) error {
	f, err := v.blockFrame(kind, &v.in.Block)
	if err != nil {
		return err
	}
	return v.enter(f)
}

// malformed reports a structurally misplaced instruction (else without
// if, ...): in the binary format such bodies do not parse.
func (v *funcValidator) malformed(what string) error {
	return &DecodeError{Offset: v.in.Offset, Msg: "unexpected " + what}
}

// nextArm handles else, catch and catch_all: the previous arm of the top
// frame ends and a new one starts with an empty stack.
func (v *funcValidator) nextArm(kind frameKind) error {
	f := v.top()
	switch kind {
	case frameElse:
		if f.kind != frameIf {
			return v.malformed("else")
		}
	case frameCatch, frameCatchAll:
		if f.kind != frameTry && f.kind != frameCatch {
			return v.malformed(v.in.Op.String())
		}
	}
	var tag *FuncType
	if kind == frameCatch {
		var err error
		if tag, err = v.tagType(v.in.Index); err != nil {
			return err
		}
	}
	if err := v.checkEnd(f); err != nil {
		return err
	}
	v.restart(f, kind)
	switch kind {
	case frameElse:
		v.pushVals(v.startTypes(f))
	case frameCatch:
		v.pushVals(tag.Params)
	}
	return nil
}

func (v *funcValidator) end() error {
	f := v.top()
	if f.kind == frameIf {
		// No else arm: the implicit one passes the parameters through,
		// so they must match the results.
		if err := v.checkEnd(f); err != nil {
			return err
		}
		v.restart(f, frameElse)
		v.pushVals(v.startTypes(f))
	}
	fr, err := v.popCtrl()
	if err != nil {
		return err
	}
	if len(v.ctrls) > 0 {
		v.pushVals(v.endTypes(&fr))
	}
	return nil
}

// delegate ends a legacy try block, forwarding its exceptions to the
// label, which is counted from outside the try block.
func (v *funcValidator) delegate() error {
	if v.top().kind != frameTry {
		return v.malformed("delegate")
	}
	fr, err := v.popCtrl()
	if err != nil {
		return err
	}
	if len(v.ctrls) == 0 {
		return v.malformed("delegate")
	}
	if _, err := v.label(v.in.Label); err != nil {
		return err
	}
	v.pushVals(v.endTypes(&fr))
	return nil
}

func (v *funcValidator) br() error {
	f, err := v.label(v.in.Label)
	if err != nil {
		return err
	}
	if err := v.popVals(v.labelTypes(f)); err != nil {
		return err
	}
	v.setUnreachable()
	return nil
}

func (v *funcValidator) brIf() error {
	f, err := v.label(v.in.Label)
	if err != nil {
		return err
	}
	if _, err := v.popType(TypeI32); err != nil {
		return err
	}
	lt := v.labelTypes(f)
	if err := v.popVals(lt); err != nil {
		return err
	}
	v.pushVals(lt)
	return nil
}

// brTable: every target must take the same number of operands, and the
// operands must match each target's types (they need not be equal).
func (v *funcValidator) brTable() error {
	labels := v.in.Labels
	if len(labels) == 0 {
		return v.malformed("br_table without default")
	}
	if _, err := v.popType(TypeI32); err != nil {
		return err
	}
	def, err := v.label(labels[len(labels)-1])
	if err != nil {
		return err
	}
	arity := len(v.labelTypes(def))
	for _, l := range labels {
		f, err := v.label(l)
		if err != nil {
			return err
		}
		lt := v.labelTypes(f)
		if len(lt) != arity {
			return v.errorf("type mismatch: br_table targets have different arities (%d and %d)", arity, len(lt))
		}
		if err := v.checkVals(lt); err != nil {
			return err
		}
	}
	v.setUnreachable()
	return nil
}

// brOnNull handles br_on_null (branch if null, fall through with the
// non-null reference) and br_on_non_null (branch with the non-null
// reference, fall through without it).
func (v *funcValidator) brOnNull() error {
	f, err := v.label(v.in.Label)
	if err != nil {
		return err
	}
	t, err := v.popRef()
	if err != nil {
		return err
	}
	lt := v.labelTypes(f)
	if v.in.Op == OpBrOnNull {
		if err := v.popVals(lt); err != nil {
			return err
		}
		v.pushVals(lt)
		v.push(nonNull(t))
		return nil
	}
	if len(lt) == 0 || !v.match(nonNull(t), lt[len(lt)-1]) {
		return v.errorf("type mismatch: br_on_non_null target %s does not accept %s",
			typesString(lt), typeString(nonNull(t)))
	}
	lt = lt[:len(lt)-1]
	if err := v.popVals(lt); err != nil {
		return err
	}
	v.pushVals(lt)
	return nil
}

// brOnCast handles br_on_cast and br_on_cast_fail l rt1 rt2: the operand
// has type rt1; the branch carries rt2 (or rt1 minus rt2 for _fail) and
// the fall-through the other one.
func (v *funcValidator) brOnCast() error {
	in := &v.in
	f, err := v.label(in.Label)
	if err != nil {
		return err
	}
	rt1 := RefType(in.CastFlags&CastSourceNullable != 0, in.Heap)
	rt2 := RefType(in.CastFlags&CastTargetNullable != 0, in.Heap2)
	if err := v.checkValType(rt1); err != nil {
		return err
	}
	if err := v.checkValType(rt2); err != nil {
		return err
	}
	if !v.env.matchVal(rt2, rt1) {
		return v.errorf("type mismatch: cast target %s is not a subtype of %s", typeString(rt2), typeString(rt1))
	}
	// rt1 minus rt2: null can reach the failure side only if rt2 rejects it.
	diff := RefType(rt1.Nullable && !rt2.Nullable, rt1.Heap)
	taken, fallthru := rt2, diff
	if in.Op == OpBrOnCastFail {
		taken, fallthru = diff, rt2
	}
	lt := v.labelTypes(f)
	if len(lt) == 0 || !v.env.matchVal(taken, lt[len(lt)-1]) {
		return v.errorf("type mismatch: %s target %s does not accept %s", in.Op, typesString(lt), typeString(taken))
	}
	if _, err := v.popType(rt1); err != nil {
		return err
	}
	lt = lt[:len(lt)-1]
	if err := v.popVals(lt); err != nil {
		return err
	}
	v.pushVals(lt)
	v.push(fallthru)
	return nil
}

// catchClause checks a try_table catch clause. Its label is counted from
// outside the try_table, whose frame is not pushed yet.
func (v *funcValidator) catchClause(c *CatchClause) error {
	var params []ValType
	if c.Kind == Catch || c.Kind == CatchRef {
		ft, err := v.tagType(c.Tag)
		if err != nil {
			return err
		}
		params = ft.Params
	}
	f, err := v.label(c.Label)
	if err != nil {
		return err
	}
	lt := v.labelTypes(f)
	withRef := c.Kind == CatchRef || c.Kind == CatchAllRef
	n := len(params)
	if withRef {
		n++
	}
	ok := len(lt) == n
	for i := 0; ok && i < len(params); i++ {
		ok = v.env.matchVal(params[i], lt[i])
	}
	if ok && withRef {
		ok = v.env.matchVal(RefType(false, HeapExn), lt[n-1])
	}
	if !ok {
		return v.errorf("type mismatch: catch clause for label %d with types %s", c.Label, typesString(lt))
	}
	return nil
}

// tagType returns the function type of tag idx.
func (v *funcValidator) tagType(idx uint32) (*FuncType, error) {
	if uint64(idx) >= uint64(len(v.ctx.tags)) {
		return nil, v.errorf("unknown tag %d", idx)
	}
	ft := v.env.funcType(v.ctx.tags[idx])
	if ft == nil {
		return nil, v.errorf("unknown type %d", v.ctx.tags[idx])
	}
	return ft, nil
}
