package wasm

// Reference instructions: null tests, function references, equality,
// casts, extern/any conversion and i31.

func (v *funcValidator) reference() error {
	in := &v.in
	switch in.Op {
	case OpRefNull:
		t := RefType(true, in.Heap)
		if err := v.checkValType(t); err != nil {
			return err
		}
		v.push(t)
		return nil
	case OpRefIsNull:
		if _, err := v.popRef(); err != nil {
			return err
		}
		v.push(TypeI32)
		return nil
	case OpRefAsNonNull:
		t, err := v.popRef()
		if err != nil {
			return err
		}
		v.push(nonNull(t))
		return nil
	case OpRefFunc:
		if uint64(in.Index) >= uint64(len(v.ctx.funcs)) {
			return v.errorf("unknown function %d", in.Index)
		}
		// Constant expressions are what declare references (C.refs), so
		// only function bodies are restricted to declared ones.
		if !v.constExpr && !v.ctx.refs[in.Index] {
			return v.errorf("undeclared function reference %d", in.Index)
		}
		v.push(RefType(false, HeapType(v.ctx.funcs[in.Index])))
		return nil
	case OpRefEq:
		eq := RefType(true, HeapEq)
		if _, err := v.popType(eq); err != nil {
			return err
		}
		if _, err := v.popType(eq); err != nil {
			return err
		}
		v.push(TypeI32)
		return nil
	case OpRefTest, OpRefTestNull, OpRefCast, OpRefCastNull:
		return v.refCast()
	case OpAnyConvertExtern, OpExternConvertAny:
		from, to := HeapExtern, HeapAny
		if in.Op == OpExternConvertAny {
			from, to = HeapAny, HeapExtern
		}
		t, err := v.popType(RefType(true, from))
		if err != nil {
			return err
		}
		// Nullness is preserved; an unknown operand is taken as non-null.
		v.push(RefType(t.Kind == Ref && t.Nullable, to))
		return nil
	case OpRefI31:
		if _, err := v.popType(TypeI32); err != nil {
			return err
		}
		v.push(RefType(false, HeapI31))
		return nil
	case OpI31GetS, OpI31GetU:
		if _, err := v.popType(RefType(true, HeapI31)); err != nil {
			return err
		}
		v.push(TypeI32)
		return nil
	}
	return v.errorf("unsupported instruction %s", in.Op)
}

// refCast handles ref.test and ref.cast: the operand may be any reference
// of the target's hierarchy.
func (v *funcValidator) refCast() error {
	in := &v.in
	rt := RefType(in.Op == OpRefTestNull || in.Op == OpRefCastNull, in.Heap)
	if err := v.checkValType(rt); err != nil {
		return err
	}
	if _, err := v.popType(RefType(true, v.env.top(rt.Heap))); err != nil {
		return err
	}
	if in.Op == OpRefTest || in.Op == OpRefTestNull {
		v.push(TypeI32)
	} else {
		v.push(rt)
	}
	return nil
}
