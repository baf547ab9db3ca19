package wasm

// Calls: call, call_indirect, call_ref and their return_call (tail call)
// forms.

func (v *funcValidator) call() error {
	in := &v.in
	var ft *FuncType
	var err error
	switch in.Op {
	case OpCall, OpReturnCall:
		ft, err = v.funcOf(in.Index)
		if err != nil {
			return err
		}
	case OpCallIndirect, OpReturnCallIndirect:
		tt, err := v.table(in.Index2)
		if err != nil {
			return err
		}
		if !v.env.matchVal(tt.Elem, TypeFuncRef) {
			return v.errorf("type mismatch: call_indirect on table %d of %s", in.Index2, typeString(tt.Elem))
		}
		if ft, err = v.funcTypeAt(in.Index); err != nil {
			return err
		}
		if _, err := v.popType(addrType(tt.Limits)); err != nil {
			return err
		}
	case OpCallRef, OpReturnCallRef:
		if ft, err = v.funcTypeAt(in.Index); err != nil {
			return err
		}
		if _, err := v.popType(RefType(true, HeapType(in.Index))); err != nil {
			return err
		}
	}
	if err := v.popVals(ft.Params); err != nil {
		return err
	}
	switch in.Op {
	case OpReturnCall, OpReturnCallIndirect, OpReturnCallRef:
		// The callee's results become the caller's: they must match.
		want := v.endTypes(&v.ctrls[0])
		ok := len(ft.Results) == len(want)
		for i := 0; ok && i < len(want); i++ {
			ok = v.env.matchVal(ft.Results[i], want[i])
		}
		if !ok {
			return v.errorf("type mismatch: tail call results %s do not match the function's results %s",
				typesString(ft.Results), typesString(want))
		}
		v.setUnreachable()
	default:
		v.pushVals(ft.Results)
	}
	return nil
}

// funcOf returns the type of function idx.
func (v *funcValidator) funcOf(idx uint32) (*FuncType, error) {
	if uint64(idx) >= uint64(len(v.ctx.funcs)) {
		return nil, v.errorf("unknown function %d", idx)
	}
	return v.funcTypeAt(v.ctx.funcs[idx])
}

// funcTypeAt returns type idx, which must be a function type.
func (v *funcValidator) funcTypeAt(idx uint32) (*FuncType, error) {
	st := v.env.sub(idx)
	if st == nil {
		return nil, v.errorf("unknown type %d", idx)
	}
	if st.Comp.Kind != CompFunc {
		return nil, v.errorf("type mismatch: type %d is not a function type", idx)
	}
	return &st.Comp.Func, nil
}
