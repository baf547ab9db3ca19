package runtime

import (
	"fmt"
	goruntime "runtime"
	"sync"

	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/wasm"
)

// Config holds an Engine's settings. The zero Config selects the
// defaults: code is compiled for the CPU the process runs on.
type Config struct {
	// GCStress makes the GC heap of every Store of the Engine collect at
	// every allocation, with compiled code taking the slow path for every
	// object, and poison the space it evacuates: a debugging aid that makes
	// a missing root fail fast (see package gc). The environment variable
	// SABLE_GC_STRESS=1 turns it on for every Engine.
	GCStress bool
}

// Engine compiles modules. It owns the engine-wide type registry, so that
// equal types in different modules get one canonical id: modules compiled
// by one Engine can be linked together, and Stores of that Engine can
// instantiate them. An Engine is safe for concurrent use.
type Engine struct {
	cfg    Config
	types  *wasm.TypeRegistry
	tramps *trampolines

	ttOnce sync.Once
	tt     *typeTable // run-time type records and layouts; see typeTable
	ttErr  error
}

// NewEngine returns an Engine with configuration cfg.
func NewEngine(cfg Config) *Engine {
	cfg.GCStress = cfg.GCStress || gc.StressFromEnv()
	e := &Engine{cfg: cfg, types: wasm.NewTypeRegistry(), tramps: &trampolines{}}
	// Stores keep their Engine reachable, and with it the trampolines
	// their host functions' records point at.
	goruntime.AddCleanup(e, (*trampolines).free, e.tramps)
	return e
}

// Compile decodes, validates and compiles a binary module. It is safe to
// call from several goroutines at once. Errors from decoding and
// validation are the *wasm.DecodeError and *wasm.ValidationError of package
// wasm. A valid module that uses what the back end cannot compile yet is
// not an error here: calling its functions is (ErrNotCompiled, with the
// reason).
func (e *Engine) Compile(bin []byte) (*Module, error) {
	m, err := wasm.Decode(bin)
	if err != nil {
		return nil, err
	}
	return e.CompileModule(m)
}

// CompileModule validates and compiles a decoded module (validation is
// repeated even if the caller validated m: it is cheap next to compiling,
// and it means no invalid module can ever reach the code generator). m
// must not be modified afterwards: the Module keeps it.
func (e *Engine) CompileModule(m *wasm.Module) (mod *Module, err error) {
	defer recoverInternal("compiling a module", &err)
	if err := wasm.Validate(m); err != nil {
		return nil, err
	}
	return newModule(e, m)
}

// typeTable returns the Engine's type table, mapping it on first use.
func (e *Engine) typeTable() (*typeTable, error) {
	e.ttOnce.Do(func() {
		e.tt, e.ttErr = newTypeTable()
		if e.tt != nil {
			goruntime.AddCleanup(e, (*typeTable).free, e.tt)
		}
	})
	return e.tt, e.ttErr
}

// recoverInternal, deferred by the entry points that process a module's
// contents, turns a panic (a bug: nothing there should panic) into an
// error, so that no input can crash the embedding program (DESIGN §4).
func recoverInternal(what string, err *error) {
	if p := recover(); p != nil {
		buf := make([]byte, 4096)
		buf = buf[:goruntime.Stack(buf, false)]
		*err = fmt.Errorf("runtime: internal error %s: %v\n%s", what, p, buf)
	}
}

// funcTypeID canonicalizes a host function's type in e's registry.
func (e *Engine) funcTypeID(ft *FuncType) (wasm.TypeID, error) {
	params, results, err := hostFuncType(ft)
	if err != nil {
		return 0, err
	}
	m := &wasm.Module{
		Types:     []wasm.SubType{{Final: true, Comp: wasm.CompType{Kind: wasm.CompFunc, Func: wasm.FuncType{Params: params, Results: results}}}},
		RecGroups: []wasm.RecGroup{{Start: 0, Len: 1}},
	}
	ids := e.types.Register(m)
	if len(ids) != 1 {
		return 0, fmt.Errorf("runtime: cannot canonicalize %v", ft)
	}
	// The type table must know it: a host function's funcref may meet a
	// subtype check in generated code.
	tt, err := e.typeTable()
	if err == nil {
		err = tt.define(e.types, ids)
	}
	return ids[0], err
}

// hostFuncType checks that ft can be a host function's type and converts
// it. Reference types must be abstract: a lone type outside any module
// cannot refer to canonical ids (yet).
func hostFuncType(ft *FuncType) (params, results []wasm.ValType, err error) {
	conv := func(ts []ValType) ([]wasm.ValType, error) {
		out := make([]wasm.ValType, len(ts))
		for i, t := range ts {
			if t.Kind < KindI32 || t.Kind > KindRef {
				return nil, fmt.Errorf("runtime: invalid value type in %v", ft)
			}
			if t.Kind == KindRef && (t.Heap.IsConcrete() || !wasm.HeapType(t.Heap).ValidAbstract()) {
				return nil, fmt.Errorf("%w: host function types with concrete reference types (%v)", ErrNotImplemented, t)
			}
			out[i] = wasmValType(t)
		}
		return out, nil
	}
	if params, err = conv(ft.Params); err != nil {
		return nil, nil, err
	}
	results, err = conv(ft.Results)
	return params, results, err
}

// funcType returns the public form of canonical function type id.
func (e *Engine) funcType(id wasm.TypeID) *FuncType {
	return funcTypeOf(&e.types.Info(id).Sub.Comp.Func)
}
