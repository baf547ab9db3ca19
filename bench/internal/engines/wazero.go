package engines

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/sablewasm/sable/wasm"
)

// Wazero is wazero with its optimizing compiler
// (wazero.NewRuntimeConfigCompiler). Workers > 1 compiles with that many
// goroutines (experimental.WithCompilationWorkers); wazero's default is
// one, and Sable compiles on every core, so the compile table shows both.
type Wazero struct {
	Workers int
}

func (w Wazero) Name() string {
	if w.Workers > 1 {
		return fmt.Sprintf("wazero-%dw", w.Workers)
	}
	return "wazero"
}

func (Wazero) Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/tetratelabs/wazero" {
				return d.Version + " (optimizing compiler)"
			}
		}
	}
	return "unknown"
}

func (Wazero) Close() error { return nil }

func (w Wazero) ctx() context.Context {
	ctx := context.Background()
	if w.Workers > 1 {
		ctx = experimental.WithCompilationWorkers(ctx, w.Workers)
	}
	return ctx
}

func newWazeroRuntime(ctx context.Context) (wazero.Runtime, error) {
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler())
	_, err := rt.NewHostModuleBuilder("env").
		NewFunctionBuilder().WithFunc(func(x int32) int32 { return x + 1 }).Export("inc").
		Instantiate(ctx)
	if err != nil {
		rt.Close(ctx)
		return nil, err
	}
	return rt, nil
}

// errNoGC is wazero v1.12's answer to a module with GC types: it
// implements Wasm 2.0 (its decoder rejects such a type section).
var errNoGC = fmt.Errorf("%w: wazero v1.12 does not implement Wasm GC", ErrUnsupported)

// usesGC reports whether bin declares types beyond Wasm 2.0's: struct or
// array types, subtyping, or recursion groups.
func usesGC(bin []byte) bool {
	m, err := wasm.Decode(bin)
	if err != nil {
		return false // let wazero report it
	}
	for _, t := range m.Types {
		if t.Comp.Kind != wasm.CompFunc || !t.Final || len(t.Supers) > 0 {
			return true
		}
	}
	for _, g := range m.RecGroups {
		if g.Len > 1 {
			return true
		}
	}
	return false
}

// wazeroErr marks wazero's refusal of a feature it does not implement (Wasm
// GC in v1.12) as ErrUnsupported.
func wazeroErr(err error) error {
	if err != nil && strings.Contains(err.Error(), "feature") {
		return fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	return err
}

// Compile compiles in a fresh runtime, with a nonce so that no cache can
// answer, and closes the compiled module. wazero's optimizing compiler
// compiles every function in CompileModule.
func (w Wazero) Compile(bin []byte) (Timing, error) {
	ctx := w.ctx()
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler())
	defer rt.Close(ctx)
	if usesGC(bin) {
		return Timing{}, errNoGC
	}
	bin = WithNonce(bin)
	var cm wazero.CompiledModule
	t, err := measureProcess(func() (err error) {
		cm, err = rt.CompileModule(ctx, bin)
		return err
	})
	if err != nil {
		return Timing{}, wazeroErr(err)
	}
	return t, cm.Close(ctx)
}

type wazeroInstance struct {
	rt  wazero.Runtime
	mod api.Module
}

func (w Wazero) Load(m *Module) (Instance, error) {
	if usesGC(m.Bytes) {
		return nil, errNoGC
	}
	ctx := w.ctx()
	rt, err := newWazeroRuntime(ctx)
	if err != nil {
		return nil, err
	}
	cm, err := rt.CompileModule(ctx, m.Bytes)
	if err != nil {
		rt.Close(ctx)
		return nil, wazeroErr(fmt.Errorf("wazero: compile %s: %w", m.Name, err))
	}
	mod, err := rt.InstantiateModule(ctx, cm, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("wazero: instantiate %s: %w", m.Name, err)
	}
	return &wazeroInstance{rt: rt, mod: mod}, nil
}

func (w Wazero) Cold(m *Module, fn string, args ...uint64) (uint64, time.Duration, error) {
	if usesGC(m.Bytes) {
		return 0, 0, errNoGC
	}
	ctx := w.ctx()
	rt, err := newWazeroRuntime(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer rt.Close(ctx)
	bin := WithNonce(m.Bytes)
	t0 := time.Now()
	cm, err := rt.CompileModule(ctx, bin)
	if err != nil {
		return 0, 0, wazeroErr(err)
	}
	mod, err := rt.InstantiateModule(ctx, cm, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		return 0, 0, err
	}
	r, _, err := (&wazeroInstance{rt: rt, mod: mod}).Call(fn, args...)
	return r, time.Since(t0), err
}

// Instantiate times instantiating an already compiled m (a module
// instance in an existing runtime, wazero's unit of isolation).
func (w Wazero) Instantiate(m *Module, n int) ([]time.Duration, error) {
	ctx := w.ctx()
	rt, err := newWazeroRuntime(ctx)
	if err != nil {
		return nil, err
	}
	defer rt.Close(ctx)
	cm, err := rt.CompileModule(ctx, m.Bytes)
	if err != nil {
		return nil, err
	}
	out := make([]time.Duration, n)
	for i := range out {
		t0 := time.Now()
		mod, err := rt.InstantiateModule(ctx, cm, wazero.NewModuleConfig().WithName(""))
		out[i] = time.Since(t0)
		if err != nil {
			return nil, err
		}
		mod.Close(ctx)
	}
	return out, nil
}

func (w *wazeroInstance) fn(name string) (api.Function, error) {
	f := w.mod.ExportedFunction(name)
	if f == nil {
		return nil, fmt.Errorf("wazero: no exported function %q", name)
	}
	return f, nil
}

func (w *wazeroInstance) Call(name string, in ...uint64) (uint64, Timing, error) {
	f, err := w.fn(name)
	if err != nil {
		return 0, Timing{}, err
	}
	def := f.Definition()
	params := def.ParamTypes()
	if len(in) != len(params) {
		return 0, Timing{}, fmt.Errorf("wazero: %s takes %d arguments, not %d", name, len(params), len(in))
	}
	args := make([]uint64, len(in))
	for i := range in {
		args[i] = in[i]
		if params[i] == api.ValueTypeI32 {
			args[i] = uint64(uint32(in[i]))
		}
	}
	ctx := context.Background()
	sw := startWatch()
	res, err := f.Call(ctx, args...)
	t := sw.stop()
	if err != nil {
		return 0, Timing{}, err
	}
	if len(res) != 1 {
		return 0, Timing{}, fmt.Errorf("wazero: %s returned %d results", name, len(res))
	}
	if def.ResultTypes()[0] == api.ValueTypeI32 {
		return uint64(uint32(res[0])), t, nil
	}
	return res[0], t, nil
}

func (w *wazeroInstance) Loop(name string, n int) (time.Duration, error) {
	f, err := w.fn(name)
	if err != nil {
		return 0, err
	}
	ctx := context.Background()
	t0 := time.Now()
	for i := range n {
		if _, err := f.Call(ctx, uint64(uint32(i))); err != nil {
			return 0, err
		}
	}
	return time.Since(t0), nil
}

func (w *wazeroInstance) Close() error { return w.rt.Close(context.Background()) }
