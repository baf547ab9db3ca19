package runtime

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/sablewasm/sable/abi"
)

// Func is a function: a host function (NewHostFunc, NewRawHostFunc), or a
// WebAssembly function of an instance.
type Func struct {
	typ  *FuncType
	host RawHostFunc // nil for Wasm functions

	// Wasm functions only.
	inst  *Instance
	index uint32         // in the module's function index space
	ref   *abi.VMFuncRef // the function's record in its instance's vmctx
}

func (*Func) extern() {}

// Type returns the function's signature. It must not be modified.
func (f *Func) Type() *FuncType { return f.typ }

func (f *Func) String() string {
	if f.inst == nil {
		return "host function " + f.typ.String()
	}
	if n := f.inst.mod.m.Names; n != nil && n.Funcs[f.index] != "" {
		return "$" + n.Funcs[f.index]
	}
	return fmt.Sprintf("func[%d]", f.index)
}

// Call calls f with args and returns its results. ctx is passed to host
// functions; when it is done before or during the call, the call stops
// with a *Trap whose code is abi.TrapInterrupted and which wraps ctx.Err().
//
// A WebAssembly function runs as machine code on its Store's Wasm stack;
// a trap returns a *Trap with a backtrace, and an error or panic of a host
// function it calls (directly or through other Wasm functions) ends the
// whole call with that error. Either way the Store stays usable. A
// function the back end could not compile returns an error matching
// ErrNotCompiled, with the reason.
func (f *Func) Call(ctx context.Context, args ...Value) ([]Value, error) {
	if f == nil {
		return nil, errors.New("runtime: call of a nil *Func (no such export?)")
	}
	if err := ctx.Err(); err != nil {
		return nil, interrupted(err)
	}
	if len(args) != len(f.typ.Params) {
		return nil, fmt.Errorf("runtime: %v called with %d arguments", f.typ, len(args))
	}
	for i, a := range args {
		if !f.valueFits(a, f.typ.Params[i]) {
			return nil, fmt.Errorf("runtime: argument %d is %v; %v wants %v", i, a, f.typ, f.typ.Params[i])
		}
	}
	if f.host != nil {
		return f.callHost(ctx, &Caller{}, args)
	}
	if err := f.inst.st.check(); err != nil {
		return nil, err
	}
	return f.callWasm(ctx, args)
}

// valueFits checks a value against a parameter or result type. A host
// function belongs to no Engine, but its types are abstract (see
// Engine.funcTypeID), and abstract checks need no registry.
func (f *Func) valueFits(v Value, t ValType) bool {
	var e *Engine
	if f.inst != nil {
		e = f.inst.st.eng
	}
	return e.valueFits(v, t)
}

// callHost runs a host function, turning a panic into a *PanicError and
// checking that the results match the signature.
func (f *Func) callHost(ctx context.Context, c *Caller, args []Value) (res []Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	res, err = f.host(ctx, c, args)
	if err != nil {
		return nil, err
	}
	if len(res) != len(f.typ.Results) {
		return nil, fmt.Errorf("runtime: host function %v returned %d results", f.typ, len(res))
	}
	for i, r := range res {
		if !f.valueFits(r, f.typ.Results[i]) {
			return nil, fmt.Errorf("runtime: host function %v returned %v as result %d", f.typ, r, i)
		}
	}
	return res, nil
}

// bindFunc returns f's record in st, creating it for a host function used
// in st for the first time, so that every use of f in st yields the same
// funcref.
func (st *Store) bindFunc(f *Func) (*abi.VMFuncRef, error) {
	if f.inst != nil {
		if f.inst.st != st {
			return nil, ErrWrongStore
		}
		return f.ref, nil
	}
	if ref, ok := st.hostRefs[f]; ok {
		return ref, nil
	}
	id, err := st.eng.funcTypeID(f.typ)
	if err != nil {
		return nil, err
	}
	ref, err := offheapNew[abi.VMFuncRef](st)
	if err != nil {
		return nil, err
	}
	// Generated code calls the trampoline of the function's type, which
	// exits to Go with abi.ExitHostCall and VMCtx in Scratch[0]: the
	// record's own address, which st.funcs maps back to f.
	ref.TypeID = uint32(id)
	if addr, err := st.eng.trampoline(id); err == nil {
		ref.Code, ref.VMCtx = addr, refAddr(ref)
	} else {
		st.eng.setNoCode(ref)
	}
	st.hostRefs[f] = ref
	st.funcs[refAddr(ref)] = f
	return ref, nil
}

// Caller gives a host function access to the instance that called it.
type Caller struct {
	inst *Instance
}

// Instance returns the calling instance, or nil when the host function was
// called from Go (Func.Call) rather than from WebAssembly.
func (c *Caller) Instance() *Instance { return c.inst }

// Memory returns the calling instance's exported memory name, or nil.
func (c *Caller) Memory(name string) *Memory {
	if c.inst == nil {
		return nil
	}
	return c.inst.Memory(name)
}
