// Package bench compares Sable with wazero v1.12 (optimizing compiler) on
// the same workloads, in the same process. It is its own Go module so that
// wazero never enters the library's go.mod (DESIGN §1); its go.mod points
// github.com/sablewasm/sable at the checkout above it.
package bench

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

//go:embed testdata/*.wat
var testdata embed.FS

var (
	binMu    sync.Mutex
	binCache = map[string][]byte{}
)

// wasmBinary parses testdata/NAME.wat with Sable's own text parser and
// encodes it with Sable's encoder: both engines get the same bytes.
func wasmBinary(tb testing.TB, name string) []byte {
	tb.Helper()
	binMu.Lock()
	defer binMu.Unlock()
	if b, ok := binCache[name]; ok {
		return b
	}
	src, err := testdata.ReadFile("testdata/" + name + ".wat")
	if err != nil {
		tb.Fatal(err)
	}
	m, err := wat.ParseModule(src)
	if err != nil {
		tb.Fatalf("%s.wat: %v", name, err)
	}
	b := wasm.Encode(m)
	binCache[name] = b
	return b
}

// caller calls one exported function with integer arguments (i32 or i64,
// as the function's signature says) and returns its single integer result
// as raw bits (an i32 zero-extended).
type caller func(args ...uint64) (uint64, error)

// instance is one instantiated module of one engine.
type instance interface {
	export(name string) (caller, error)
	close()
}

// engine is one of the runtimes under comparison.
type engine struct {
	name string
	// compile compiles bin from scratch (no cache) and throws the result
	// away; it is what the compile benchmarks time.
	compile func(bin []byte) error
	// load compiles and instantiates bin.
	load func(bin []byte) (instance, error)
}

var engines = []engine{
	{name: "sable", compile: sableCompile, load: sableLoad},
	{name: "wazero", compile: wazeroCompile, load: wazeroLoad},
}

// ---- Sable ----

func sableCompile(bin []byte) error {
	_, err := runtime.NewEngine(runtime.Config{}).Compile(bin)
	return err
}

type sableInstance struct {
	st   *runtime.Store
	inst *runtime.Instance
}

func sableLoad(bin []byte) (instance, error) {
	eng := runtime.NewEngine(runtime.Config{})
	mod, err := eng.Compile(bin)
	if err != nil {
		return nil, fmt.Errorf("sable: compile: %w", err)
	}
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	inst, err := st.Instantiate(context.Background(), mod, nil)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("sable: instantiate: %w", err)
	}
	return &sableInstance{st: st, inst: inst}, nil
}

func (s *sableInstance) export(name string) (caller, error) {
	f := s.inst.Func(name)
	if f == nil {
		return nil, fmt.Errorf("sable: no exported function %q", name)
	}
	params := f.Type().Params
	ctx := context.Background()
	args := make([]runtime.Value, len(params))
	return func(in ...uint64) (uint64, error) {
		if len(in) != len(params) {
			return 0, fmt.Errorf("sable: %s takes %d arguments", name, len(params))
		}
		for i, p := range params {
			switch p.Kind {
			case runtime.KindI32:
				args[i] = runtime.I32(int32(uint32(in[i])))
			case runtime.KindI64:
				args[i] = runtime.I64(int64(in[i]))
			default:
				return 0, fmt.Errorf("sable: %s: unsupported parameter type %v", name, p)
			}
		}
		res, err := f.Call(ctx, args...)
		if err != nil {
			return 0, err
		}
		if len(res) != 1 {
			return 0, fmt.Errorf("sable: %s returned %d results", name, len(res))
		}
		return res[0].Bits(), nil
	}, nil
}

func (s *sableInstance) close() { s.st.Close() }

// ---- wazero ----

func newWazero() wazero.Runtime {
	return wazero.NewRuntimeWithConfig(context.Background(), wazero.NewRuntimeConfigCompiler())
}

var (
	wzOnce sync.Once
	wzRT   wazero.Runtime
)

// wazeroCompile compiles in one shared runtime and closes the compiled
// module at once: Close drops it from wazero's per-runtime code cache, so
// every iteration really compiles.
func wazeroCompile(bin []byte) error {
	wzOnce.Do(func() { wzRT = newWazero() })
	ctx := context.Background()
	cm, err := wzRT.CompileModule(ctx, bin)
	if err != nil {
		return err
	}
	return cm.Close(ctx)
}

type wazeroInstance struct {
	rt  wazero.Runtime
	mod api.Module
}

func wazeroLoad(bin []byte) (instance, error) {
	ctx := context.Background()
	rt := newWazero()
	cm, err := rt.CompileModule(ctx, bin)
	if err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("wazero: compile: %w", err)
	}
	mod, err := rt.InstantiateModule(ctx, cm, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("wazero: instantiate: %w", err)
	}
	return &wazeroInstance{rt: rt, mod: mod}, nil
}

func (w *wazeroInstance) export(name string) (caller, error) {
	f := w.mod.ExportedFunction(name)
	if f == nil {
		return nil, fmt.Errorf("wazero: no exported function %q", name)
	}
	ctx := context.Background()
	i32 := len(f.Definition().ResultTypes()) == 1 && f.Definition().ResultTypes()[0] == api.ValueTypeI32
	params := f.Definition().ParamTypes()
	args := make([]uint64, len(params))
	return func(in ...uint64) (uint64, error) {
		if len(in) != len(params) {
			return 0, fmt.Errorf("wazero: %s takes %d arguments", name, len(params))
		}
		for i := range in {
			args[i] = in[i]
			if params[i] == api.ValueTypeI32 {
				args[i] = uint64(uint32(in[i]))
			}
		}
		res, err := f.Call(ctx, args...)
		if err != nil {
			return 0, err
		}
		if len(res) != 1 {
			return 0, fmt.Errorf("wazero: %s returned %d results", name, len(res))
		}
		if i32 {
			return uint64(uint32(res[0])), nil
		}
		return res[0], nil
	}, nil
}

func (w *wazeroInstance) close() { w.rt.Close(context.Background()) }

// ---- helpers ----

// setup loads workload name on e and returns the caller of export fn,
// after one checked warm-up call. A Sable function that cannot run yet
// (runtime.ErrNotCompiled) skips the benchmark with that reason; any
// other failure, or a wrong result, fails it.
func setup(b *testing.B, e engine, workload, fn string, want uint64, args ...uint64) (caller, func()) {
	b.Helper()
	inst, err := e.load(wasmBinary(b, workload))
	if err != nil {
		b.Fatal(err)
	}
	call, err := inst.export(fn)
	if err != nil {
		inst.close()
		b.Fatal(err)
	}
	got, err := call(args...)
	if err != nil {
		inst.close()
		if errors.Is(err, runtime.ErrNotCompiled) {
			b.Skipf("%s cannot run %s yet: %v", e.name, workload, err)
		}
		b.Fatalf("%s: %s%v: %v", e.name, fn, args, err)
	}
	if got != want {
		inst.close()
		b.Fatalf("%s: %s%v = %d, want %d", e.name, fn, args, got, want)
	}
	return call, inst.close
}
