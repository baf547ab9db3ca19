package runtime

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/sablewasm/sable/abi"
)

// callWasm runs Wasm function f on its Store's Wasm stack: the dispatch
// loop of package abi. The arguments have been checked against f's type.
//
// The values buffer (one 8-byte slot per parameter on entry, per result on
// return) lives on the Wasm stack itself, just below the activation's
// EntryRecord and above the entry preamble's frame: it needs no
// allocation, does not move, and nested calls (host -> Wasm -> host ->
// Wasm) each get their own.
//
// Whatever happens — return, trap, host error or panic — the activation is
// popped, so the Store is ready for the next call. A failed activation is
// simply abandoned: it holds nothing but stack memory.
func (f *Func) callWasm(ctx context.Context, args []Value) (_ []Value, err error) {
	defer recoverInternal("running WebAssembly code", &err)
	inst := f.inst
	st := inst.st
	code := inst.mod.code
	if code == nil || !code.has(f.index) {
		return nil, inst.mod.notCompiled(f.index)
	}
	if f.typ.hasV128() {
		return nil, fmt.Errorf("%w: v128 parameters or results of %v", ErrNotCompiled, f)
	}
	raw := make([]uint64, len(args))
	for i, a := range args {
		r, err := st.toRaw(a)
		if err != nil {
			return nil, err
		}
		raw[i] = r.lo
	}
	ec, err := st.execContext()
	if err != nil {
		return nil, err
	}
	// Deferred first, so it runs last: after PopEntry, which still uses
	// the ExecContext and the stack that a Close during the call frees.
	st.depth++
	defer func() {
		if st.depth--; st.depth == 0 && st.res.closed {
			st.res.free()
		}
	}()

	sp, ok := ec.PushEntry()
	if !ok {
		return nil, newTrap(abi.TrapStackExhausted)
	}
	defer ec.PopEntry()
	n := max(len(f.typ.Params), len(f.typ.Results))
	buf := (sp - 8*uintptr(n)) &^ 15
	if uintptr(n) > (sp-ec.StackLimit)/8 || buf < ec.StackLimit {
		return nil, newTrap(abi.TrapStackExhausted)
	}
	vals := wordsAt(buf, n)
	copy(vals, raw)

	st.calls = append(st.calls, ctx)
	defer func() { st.calls = st.calls[:len(st.calls)-1] }()
	defer watchInterrupt(ctx, ec)()

	ec.Scratch[0] = uint64(buf)
	ec.Scratch[1] = uint64(f.ref.Code)
	ec.Scratch[2] = uint64(f.ref.VMCtx)
	exit := abi.Call(ec, code.entryAddr(f.index), buf)
	for {
		switch exit {
		case abi.ExitReturn:
			res := make([]Value, len(f.typ.Results))
			for i, t := range f.typ.Results {
				w := vals[i]
				if t.Kind == KindI32 || t.Kind == KindF32 {
					w &= 0xffffffff
				}
				if res[i], err = st.fromRaw(t, rawValue{lo: w}); err != nil {
					return nil, err
				}
			}
			return res, nil
		case abi.ExitTrap:
			if ec.TrapCode == 0 {
				return nil, fmt.Errorf("runtime: generated code trapped without a trap code at %#x", ec.ContPC)
			}
			return nil, st.trapAtExit(ec, ec.TrapCode)
		}
		if err := st.handleExit(ctx, ec, exit); err != nil {
			return nil, err
		}
		if st.res.closed { // by a host function: nothing is left to resume
			return nil, ErrStoreClosed
		}
		exit = abi.Resume(ec)
	}
}

// watchInterrupt makes ctx's cancellation (or deadline) request an
// interrupt of ec's running code, until the returned stop is called. After
// stop returns, the watcher no longer touches ec, so the Store may be
// closed (and ec unmapped) right away.
func watchInterrupt(ctx context.Context, ec *abi.ExecContext) (stop func()) {
	if ctx.Done() == nil {
		return func() {}
	}
	var mu sync.Mutex
	stopped := false
	stopWatch := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if !stopped {
			ec.RequestInterrupt()
		}
	})
	return func() {
		if !stopWatch() {
			mu.Lock()
			stopped = true
			mu.Unlock()
		}
	}
}

// handleExit serves a resumable exit of the innermost activation. An error
// ends the activation: it is a trap (with a backtrace), or what a host
// function returned.
func (st *Store) handleExit(ctx context.Context, ec *abi.ExecContext, exit abi.ExitCode) error {
	switch exit {
	case abi.ExitHostCall:
		return st.hostCall(ctx, ec)
	case abi.ExitMemoryGrow:
		inst, err := st.exitingInstance(ec)
		if err != nil {
			return err
		}
		idx := ec.Scratch[0]
		if idx >= uint64(len(inst.mems)) {
			return fmt.Errorf("runtime: memory.grow of unknown memory %d", idx)
		}
		ec.Scratch[0] = uint64(inst.mems[idx].grow(ec.Scratch[1]))
		return nil
	case abi.ExitTableGrow:
		inst, err := st.exitingInstance(ec)
		if err != nil {
			return err
		}
		idx := ec.Scratch[0]
		if idx >= uint64(len(inst.tables)) {
			return fmt.Errorf("runtime: table.grow of unknown table %d", idx)
		}
		ec.Scratch[0] = uint64(inst.tables[idx].grow(ec.Scratch[1], ec.Scratch[2]))
		return nil
	case abi.ExitRuntimeCall:
		inst, err := st.exitingInstance(ec)
		if err != nil {
			return err
		}
		code, err := inst.runtimeCall(&ec.Scratch)
		if code != 0 {
			return st.trapAtExit(ec, code)
		}
		return err
	case abi.ExitInterrupt:
		// Any call in progress whose context is done stops the innermost
		// one; its trap then unwinds through the host functions between.
		for _, c := range st.calls {
			if err := c.Err(); err != nil {
				t := st.trapAtExit(ec, abi.TrapInterrupted)
				t.cause = err
				return t
			}
		}
		atomic.StoreUint32(&ec.InterruptFlag, 0)
		return nil
	case abi.ExitGCAlloc:
		return st.gcAllocExit(ec)
	}
	return fmt.Errorf("runtime: generated code exited with unknown code %v", exit)
}

// exitingInstance returns the instance whose code made the current exit.
// Every function saves its vmctx at [FP-8] (see backend/amd64/frame.go),
// and an exit leaves the function's FP in WasmFP.
func (st *Store) exitingInstance(ec *abi.ExecContext) (*Instance, error) {
	fp := ec.WasmFP
	if !st.onStack(fp-8, 8) {
		return nil, fmt.Errorf("runtime: exit with frame pointer %#x outside the Wasm stack", fp)
	}
	inst := st.byVMCtx[wordAt(fp-8)]
	if inst == nil {
		return nil, fmt.Errorf("runtime: exit from code with unknown vmctx %#x", wordAt(fp-8))
	}
	return inst, nil
}

// onStack reports whether [addr, addr+n) lies in the Store's Wasm stack.
func (st *Store) onStack(addr, n uintptr) bool {
	s := st.res.stack
	return s != nil && addr >= s.Base() && addr <= s.Top() && n <= s.Top()-addr
}

// hasV128 reports whether t passes a v128, which the entry preambles and
// host trampolines do not support yet.
func (t *FuncType) hasV128() bool {
	for _, ts := range [][]ValType{t.Params, t.Results} {
		for _, v := range ts {
			if v.Kind == KindV128 {
				return true
			}
		}
	}
	return false
}
