package wasm

// Parametric and variable instructions: drop, select, locals and globals.

func (v *funcValidator) variable() error {
	in := &v.in
	switch in.Op {
	case OpDrop:
		_, err := v.pop()
		return err
	case OpSelect:
		return v.selectUntyped()
	case OpSelectT:
		if len(in.Types) != 1 {
			return v.errorf("invalid result arity %d", len(in.Types))
		}
		t := in.Types[0]
		if err := v.checkValType(t); err != nil {
			return err
		}
		if _, err := v.popType(TypeI32); err != nil {
			return err
		}
		if _, err := v.popType(t); err != nil {
			return err
		}
		if _, err := v.popType(t); err != nil {
			return err
		}
		v.push(t)
		return nil
	case OpLocalGet:
		t, err := v.local(in.Index)
		if err != nil {
			return err
		}
		if !v.locals.isSet(in.Index, t) {
			return v.errorf("uninitialized local %d", in.Index)
		}
		v.push(t)
		return nil
	case OpLocalSet, OpLocalTee:
		t, err := v.local(in.Index)
		if err != nil {
			return err
		}
		if _, err := v.popType(t); err != nil {
			return err
		}
		v.locals.set(in.Index, t)
		if in.Op == OpLocalTee {
			v.push(t)
		}
		return nil
	case OpGlobalGet:
		g, err := v.global(in.Index)
		if err != nil {
			return err
		}
		if v.constExpr && g.Mutable {
			return v.errorf("constant expression required: global %d is mutable", in.Index)
		}
		v.push(g.Type)
		return nil
	case OpGlobalSet:
		g, err := v.global(in.Index)
		if err != nil {
			return err
		}
		if !g.Mutable {
			return v.errorf("immutable global %d", in.Index)
		}
		_, err = v.popType(g.Type)
		return err
	}
	return v.errorf("unsupported instruction %s", in.Op)
}

// selectUntyped: the select without a type annotation only chooses
// between numbers or vectors of one type.
func (v *funcValidator) selectUntyped() error {
	if _, err := v.popType(TypeI32); err != nil {
		return err
	}
	t1, err := v.pop()
	if err != nil {
		return err
	}
	t2, err := v.pop()
	if err != nil {
		return err
	}
	if t1.Kind == Ref || t2.Kind == Ref {
		return v.errorf("type mismatch: select without a type needs number or vector operands, got %s and %s",
			typeString(t2), typeString(t1))
	}
	switch {
	case t1.Kind == KindInvalid:
		v.push(t2)
	case t2.Kind == KindInvalid || t1 == t2:
		v.push(t1)
	default:
		return v.errorf("type mismatch: select operands %s and %s differ", typeString(t2), typeString(t1))
	}
	return nil
}

// local returns the type of local idx.
func (v *funcValidator) local(idx uint32) (ValType, error) {
	t, ok := v.locals.typeOf(idx)
	if !ok {
		return t, v.errorf("unknown local %d", idx)
	}
	return t, nil
}

// global returns the type of global idx; constant expressions see only
// the first numGlobals globals.
func (v *funcValidator) global(idx uint32) (*GlobalType, error) {
	n := uint64(len(v.ctx.globals))
	if v.constExpr {
		n = min(n, uint64(max(v.numGlobals, 0)))
	}
	if uint64(idx) >= n {
		return nil, v.errorf("unknown global %d", idx)
	}
	return &v.ctx.globals[idx], nil
}
