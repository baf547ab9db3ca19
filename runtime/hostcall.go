package runtime

import (
	"context"
	"fmt"

	"github.com/sablewasm/sable/abi"
)

// hostCall serves abi.ExitHostCall: generated code called a function
// record whose code is a host trampoline (Scratch[0] = the record's VMCtx,
// its own address; Scratch[1] = the argument slots) or the no-code stub
// (VMCtx = address + 1, no slots).
func (st *Store) hostCall(ctx context.Context, ec *abi.ExecContext) error {
	id := uintptr(ec.Scratch[0])
	f := st.funcs[id&^1]
	if f == nil {
		return fmt.Errorf("runtime: host call of unknown function record %#x", id)
	}
	if id&1 != 0 {
		if f.inst != nil {
			return f.inst.mod.notCompiled(f.index)
		}
		tid, err := st.eng.funcTypeID(f.typ)
		if err == nil {
			_, err = st.eng.trampoline(tid)
		}
		return fmt.Errorf("%w: host function %v cannot be called from WebAssembly: %v", ErrNotCompiled, f.typ, err)
	}
	n := max(len(f.typ.Params), len(f.typ.Results))
	slots := uintptr(ec.Scratch[1])
	if !st.onStack(slots, 8*uintptr(n)) {
		return fmt.Errorf("runtime: host call with argument slots at %#x outside the Wasm stack", slots)
	}
	words := wordsAt(slots, n)
	// The Objects among the arguments, and those the function creates,
	// are released when it returns (see Object).
	defer st.OpenScope().Close()
	args := make([]Value, len(f.typ.Params))
	for i, t := range f.typ.Params {
		w := words[i]
		if t.Kind == KindI32 || t.Kind == KindF32 {
			w &= 0xffffffff
		}
		a, err := st.fromRaw(t, rawValue{lo: w})
		if err != nil {
			return err
		}
		args[i] = a
	}
	res, err := f.callHost(ctx, &Caller{inst: st.callerInstance(ec)}, args)
	if err != nil {
		return err
	}
	for i, r := range res {
		raw, err := st.toRaw(r)
		if err != nil {
			return err
		}
		words[i] = raw.lo
	}
	return nil
}

// callerInstance finds the instance of the Wasm function that called the
// host trampoline: the trampoline keeps a frame record, so [WasmFP] is the
// caller's frame pointer, and the caller saved its vmctx at [FP-8]. A tail
// call into the host function leaves no such caller (the frame pointer is
// the 0 that ends the activation): then there is no calling instance.
func (st *Store) callerInstance(ec *abi.ExecContext) *Instance {
	if !st.onStack(ec.WasmFP, 8) {
		return nil
	}
	fp := wordAt(ec.WasmFP)
	if fp == 0 || !st.onStack(fp-8, 8) {
		return nil
	}
	return st.byVMCtx[wordAt(fp-8)]
}
