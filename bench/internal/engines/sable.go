package engines

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasm"
)

// Sable is the engine under test, this checkout of it (bench/go.mod
// replaces the module with ../).
type Sable struct{}

func (Sable) Name() string { return "sable" }

func (Sable) Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				return "checkout " + s.Value
			}
		}
	}
	return "this checkout"
}

func (Sable) Close() error { return nil }

// Compile times runtime.Engine.Compile with a fresh Engine (Sable has no
// code cache), which decodes, validates, compiles every function in
// parallel and maps the code. Engine.Compile succeeds even when the back
// end cannot compile some function (calls then report ErrNotCompiled):
// check a module with FullyCompiles before timing it.
func (Sable) Compile(bin []byte) (Timing, error) {
	eng := runtime.NewEngine(runtime.Config{})
	return measureProcess(func() error {
		_, err := eng.Compile(bin)
		return err
	})
}

// FullyCompiles implements Verifier: it reports whether Sable's back end
// for this machine compiles every function of bin (runtime.Module.Compiled),
// as an error matching ErrUnsupported with the back end's reason when it
// does not. runtime.Engine.Compile itself succeeds either way.
func (Sable) FullyCompiles(bin []byte) error { return FullyCompiles(bin) }

func FullyCompiles(bin []byte) error {
	mod, err := runtime.NewEngine(runtime.Config{}).Compile(bin)
	if err != nil {
		return err
	}
	return sableErr(mod.Compiled())
}

type sableInstance struct {
	st     *runtime.Store
	inst   *runtime.Instance
	params map[string][]wasm.ValType
}

// hostImports are the host functions every engine offers a module:
// env.inc(i32) -> i32, the callee of the Wasm -> host call benchmark.
func sableImports() (*runtime.Imports, error) {
	inc, err := runtime.NewHostFunc(func(x int32) int32 { return x + 1 })
	if err != nil {
		return nil, err
	}
	var im runtime.Imports
	im.Define("env", "inc", inc)
	return &im, nil
}

func (s Sable) Load(m *Module) (Instance, error) {
	eng := runtime.NewEngine(runtime.Config{})
	mod, err := eng.Compile(m.Bytes)
	if err != nil {
		return nil, fmt.Errorf("sable: compile %s: %w", m.Name, err)
	}
	return s.instantiate(eng, mod, m)
}

func (Sable) instantiate(eng *runtime.Engine, mod *runtime.Module, m *Module) (*sableInstance, error) {
	im, err := sableImports()
	if err != nil {
		return nil, err
	}
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	inst, err := st.Instantiate(context.Background(), mod, im)
	if err != nil {
		st.Close()
		return nil, sableErr(fmt.Errorf("sable: instantiate %s: %w", m.Name, err))
	}
	return &sableInstance{st: st, inst: inst, params: m.Params}, nil
}

func (s Sable) Cold(m *Module, fn string, args ...uint64) (uint64, time.Duration, error) {
	bin := WithNonce(m.Bytes)
	eng := runtime.NewEngine(runtime.Config{})
	t0 := time.Now()
	mod, err := eng.Compile(bin)
	if err != nil {
		return 0, 0, err
	}
	inst, err := s.instantiate(eng, mod, m)
	if err != nil {
		return 0, 0, err
	}
	defer inst.Close()
	r, _, err := inst.Call(fn, args...)
	return r, time.Since(t0), err
}

// Instantiate times instantiating an already compiled m in a new Store,
// the Store's creation included (what a program pays per instance).
func (s Sable) Instantiate(m *Module, n int) ([]time.Duration, error) {
	eng := runtime.NewEngine(runtime.Config{})
	mod, err := eng.Compile(m.Bytes)
	if err != nil {
		return nil, err
	}
	im, err := sableImports()
	if err != nil {
		return nil, err
	}
	out := make([]time.Duration, n)
	for i := range out {
		t0 := time.Now()
		st := runtime.NewStore(eng, runtime.StoreLimits{})
		_, err := st.Instantiate(context.Background(), mod, im)
		out[i] = time.Since(t0)
		st.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *sableInstance) args(fn string, in []uint64) ([]runtime.Value, error) {
	params, ok := s.params[fn]
	if !ok {
		return nil, fmt.Errorf("sable: no exported function %q", fn)
	}
	if len(in) != len(params) {
		return nil, fmt.Errorf("sable: %s takes %d arguments, not %d", fn, len(params), len(in))
	}
	args := make([]runtime.Value, len(in))
	for i, p := range params {
		switch p.Kind {
		case wasm.I32:
			args[i] = runtime.I32(int32(uint32(in[i])))
		case wasm.I64:
			args[i] = runtime.I64(int64(in[i]))
		default:
			return nil, fmt.Errorf("sable: %s: unsupported parameter type %v", fn, p)
		}
	}
	return args, nil
}

func (s *sableInstance) Call(fn string, in ...uint64) (uint64, Timing, error) {
	f := s.inst.Func(fn)
	if f == nil {
		return 0, Timing{}, fmt.Errorf("sable: no exported function %q", fn)
	}
	args, err := s.args(fn, in)
	if err != nil {
		return 0, Timing{}, err
	}
	ctx := context.Background()
	sw := startWatch()
	res, err := f.Call(ctx, args...)
	t := sw.stop()
	if err != nil {
		return 0, Timing{}, sableErr(err)
	}
	if len(res) != 1 {
		return 0, Timing{}, fmt.Errorf("sable: %s returned %d results", fn, len(res))
	}
	return res[0].Bits(), t, nil
}

func (s *sableInstance) Loop(fn string, n int) (time.Duration, error) {
	f := s.inst.Func(fn)
	if f == nil {
		return 0, fmt.Errorf("sable: no exported function %q", fn)
	}
	ctx := context.Background()
	arg := []runtime.Value{runtime.I32(0)}
	t0 := time.Now()
	for i := range n {
		arg[0] = runtime.I32(int32(i))
		if _, err := f.Call(ctx, arg...); err != nil {
			return 0, sableErr(err)
		}
	}
	return time.Since(t0), nil
}

func (s *sableInstance) Close() error { return s.st.Close() }

// sableErr marks runtime.ErrNotCompiled as ErrUnsupported.
func sableErr(err error) error {
	if errors.Is(err, runtime.ErrNotCompiled) {
		return fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	return err
}
