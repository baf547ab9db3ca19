package spectest

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/runtime/spectesthost"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// Unsupported is the error an Engine returns for a command it cannot carry
// out yet (a Wasm function the back end cannot compile, GC allocation in a
// constant expression). The runner reports the command as skipped with
// Reason, never as passed or failed.
type Unsupported struct{ Reason string }

func (e *Unsupported) Error() string { return "unsupported: " + e.Reason }

// SableEngine runs scripts on Sable's runtime. Use a new one per script:
// it holds the script's Store, named instances and registrations.
type SableEngine struct {
	eng     *runtime.Engine
	store   *runtime.Store
	imports runtime.Imports
	named   map[string]*runtime.Instance
	current *runtime.Instance
	// Instances that could not be completed for an Unsupported reason
	// (a start function the back end cannot compile), with the reason.
	// Commands that address them, or import from the module names they
	// were registered under, are skipped rather than failed: they would
	// have worked.
	incomplete   map[string]string
	currentIncom string
	skippedMods  map[string]bool
	// diverged is set once a Wasm call was skipped: from then on mutable
	// globals may differ from what the script expects, so reading them is
	// skipped too. sizesDiverged is set when the skipped call might have
	// grown a memory or table (some instance has memory.grow or
	// table.grow): then segment bounds traps and import limit checks are
	// skipped as well (see stale).
	diverged, sizesDiverged bool
	grows                   bool // some instantiated module can grow a memory or table
}

// staleReason is the skip reason for results that depend on state a
// skipped call may have changed.
const staleReason = "depends on state changed by a call that was skipped"

var _ Engine = (*SableEngine)(nil)

// NewSableEngine returns an Engine with a fresh Store in which the
// spectest host module is defined.
func NewSableEngine() (*SableEngine, error) { return NewSableEngineWith(runtime.Config{}) }

// NewSableEngineWith is NewSableEngine with runtime settings cfg (such as
// GCStress).
func NewSableEngineWith(cfg runtime.Config) (*SableEngine, error) {
	eng := runtime.NewEngine(cfg)
	e := &SableEngine{
		eng:         eng,
		store:       runtime.NewStore(eng, runtime.StoreLimits{}),
		named:       map[string]*runtime.Instance{},
		incomplete:  map[string]string{},
		skippedMods: map[string]bool{},
	}
	if err := spectesthost.Define(e.store, &e.imports, io.Discard); err != nil {
		return nil, err
	}
	return e, nil
}

// Close releases the engine's Store.
func (e *SableEngine) Close() error { return e.store.Close() }

// Instantiate implements Engine.
func (e *SableEngine) Instantiate(name string, m *wasm.Module) error {
	mod, err := e.eng.CompileModule(m)
	if err != nil {
		return err
	}
	e.grows = e.grows || canGrow(m)
	inst, err := e.store.Instantiate(context.Background(), mod, &e.imports)
	if err != nil {
		// A start function that could not run may have changed anything.
		e.noteSkippedCall(err)
		if e.stale(err, m) {
			err = &Unsupported{staleReason}
		}
		err = e.convert(err)
		var u *Unsupported
		if errors.As(err, &u) {
			e.current, e.currentIncom = nil, u.Reason
			if name != "" {
				e.incomplete[name] = u.Reason
				delete(e.named, name)
			}
		}
		return err
	}
	e.current, e.currentIncom = inst, ""
	if name != "" {
		e.named[name] = inst
		delete(e.incomplete, name)
	}
	return nil
}

// Register implements Engine.
func (e *SableEngine) Register(as, instance string) error {
	inst, err := e.instance(instance)
	if err != nil {
		var u *Unsupported
		if errors.As(err, &u) {
			e.skippedMods[as] = true
		}
		return err
	}
	delete(e.skippedMods, as)
	e.imports.DefineInstance(as, inst)
	return nil
}

// Invoke implements Engine.
func (e *SableEngine) Invoke(instance, export string, args []wat.Value) ([]wat.Value, error) {
	inst, err := e.instance(instance)
	if err != nil {
		return nil, err
	}
	f := inst.Func(export)
	if f == nil {
		return nil, fmt.Errorf("no function export %q", export)
	}
	in := make([]runtime.Value, len(args))
	for i, a := range args {
		if in[i], err = fromScript(a); err != nil {
			return nil, err
		}
	}
	res, err := f.Call(context.Background(), in...)
	if err != nil {
		e.noteSkippedCall(err)
		return nil, e.convert(err)
	}
	out := make([]wat.Value, len(res))
	for i, r := range res {
		if out[i], err = toScript(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Get implements Engine.
func (e *SableEngine) Get(instance, export string) (wat.Value, error) {
	inst, err := e.instance(instance)
	if err != nil {
		return wat.Value{}, err
	}
	g := inst.Global(export)
	if g == nil {
		return wat.Value{}, fmt.Errorf("no global export %q", export)
	}
	if e.diverged && g.Type().Mutable {
		return wat.Value{}, &Unsupported{staleReason}
	}
	return toScript(g.Get())
}

func (e *SableEngine) instance(name string) (*runtime.Instance, error) {
	if name == "" {
		if e.currentIncom != "" {
			return nil, &Unsupported{"instance incomplete: " + e.currentIncom}
		}
		if e.current == nil {
			return nil, errors.New("no current instance")
		}
		return e.current, nil
	}
	if inst := e.named[name]; inst != nil {
		return inst, nil
	}
	if r, ok := e.incomplete[name]; ok {
		return nil, &Unsupported{"instance incomplete: " + r}
	}
	return nil, fmt.Errorf("unknown instance %q", name)
}

// noteSkippedCall records divergence if err says a Wasm call was skipped.
func (e *SableEngine) noteSkippedCall(err error) {
	if errors.Is(err, runtime.ErrNotCompiled) {
		e.diverged = true
		e.sizesDiverged = e.sizesDiverged || e.grows
	}
}

// canGrow reports whether m's code contains memory.grow or table.grow.
func canGrow(m *wasm.Module) bool {
	var in wasm.Instr
	for _, c := range m.Codes {
		rd := wasm.NewInstrReader(c.Body, c.BodyOffset)
		for rd.Next(&in) == nil {
			if in.Op == wasm.OpMemoryGrow || in.Op == wasm.OpTableGrow {
				return true
			}
		}
	}
	return false
}

// stale reports whether an instantiation error may be an artifact of
// divergence: a segment that traps against a table or memory a skipped
// call would have grown, or a table or memory import whose size no longer
// matches. Unknown imports and type mismatches do not depend on state.
func (e *SableEngine) stale(err error, m *wasm.Module) bool {
	if !e.sizesDiverged {
		return false
	}
	var link *runtime.LinkError
	if errors.As(err, &link) {
		if !errors.Is(err, runtime.ErrIncompatibleImport) {
			return false
		}
		for _, im := range m.Imports {
			if im.Module == link.Module && im.Name == link.Name {
				return im.Kind == wasm.ExternMemory || im.Kind == wasm.ExternTable
			}
		}
		return false
	}
	var trap *runtime.Trap
	return errors.As(err, &trap)
}

// convert maps runtime errors to the error types the runner checks.
func (e *SableEngine) convert(err error) error {
	var trap *runtime.Trap
	var link *runtime.LinkError
	var u *Unsupported
	switch {
	case errors.As(err, &u):
		return u
	case errors.Is(err, runtime.ErrNotCompiled):
		return &Unsupported{err.Error()}
	case errors.Is(err, runtime.ErrNotImplemented):
		return &Unsupported{err.Error()}
	case errors.As(err, &link):
		if e.skippedMods[link.Module] {
			return &Unsupported{fmt.Sprintf("imports from %q, whose instance is incomplete", link.Module)}
		}
		return &LinkError{Message: link.Error()}
	case errors.As(err, &trap):
		switch trap.Code {
		case abi.TrapStackExhausted:
			return &Exhaustion{Message: trap.Error()}
		case abi.TrapUnhandledException:
			return &Exception{Message: trap.Error()}
		}
		return &Trap{Message: trap.Error()}
	}
	return err
}

// fromScript converts an action argument.
func fromScript(v wat.Value) (runtime.Value, error) {
	switch v.Kind {
	case wat.ValI32:
		return runtime.I32(int32(uint32(v.Bits))), nil
	case wat.ValI64:
		return runtime.I64(int64(v.Bits)), nil
	case wat.ValF32:
		return runtime.F32FromBits(uint32(v.Bits)), nil
	case wat.ValF64:
		return runtime.F64FromBits(v.Bits), nil
	case wat.ValV128:
		return runtime.V128(v.V128), nil
	case wat.ValNull:
		if v.Heap.IsAbstract() {
			return runtime.NullRef(runtime.HeapType(v.Heap)), nil
		}
	case wat.ValExtern:
		return runtime.ExternRef(v.Host), nil
	case wat.ValHost:
		return runtime.HostRef(v.Host), nil
	}
	return runtime.Value{}, &Unsupported{fmt.Sprintf("argument %s", formatValue(v))}
}

// toScript converts a result, releasing the GC object it may hold.
func toScript(v runtime.Value) (wat.Value, error) {
	if o := v.Object(); o != nil {
		defer o.Release()
	}
	t := v.Type()
	switch t.Kind {
	case runtime.KindI32, runtime.KindF32:
		return wat.Value{Kind: scriptKinds[t.Kind], Bits: v.Bits() & 0xffffffff}, nil
	case runtime.KindI64, runtime.KindF64:
		return wat.Value{Kind: scriptKinds[t.Kind], Bits: v.Bits()}, nil
	case runtime.KindV128:
		return wat.Value{Kind: wat.ValV128, V128: v.V128()}, nil
	}
	switch {
	case v.IsNull():
		h := wasm.HeapType(t.Heap)
		if t.Heap.IsConcrete() {
			h = wasm.HeapNone // matching ignores a null's type
		}
		return wat.Value{Kind: wat.ValNull, Heap: h}, nil
	case v.Extern() != nil:
		// A host value, as an externref or internalized as an anyref.
		n, ok := v.Extern().(uint32)
		if !ok {
			return wat.Value{}, &Unsupported{fmt.Sprintf("host reference %v not made by the script", v.Extern())}
		}
		if t.Heap == runtime.HeapExtern {
			return wat.Value{Kind: wat.ValExtern, Host: n}, nil
		}
		return wat.Value{Kind: wat.ValHost, Host: n}, nil
	case t.Heap == runtime.HeapExtern:
		// An externalized i31 or GC object.
		return wat.Value{Kind: wat.ValRef, Heap: wasm.HeapExtern}, nil
	case v.Object() != nil:
		if v.Object().IsArray() {
			return wat.Value{Kind: wat.ValRef, Heap: wasm.HeapArray}, nil
		}
		return wat.Value{Kind: wat.ValRef, Heap: wasm.HeapStruct}, nil
	case v.IsI31():
		return wat.Value{Kind: wat.ValRef, Heap: wasm.HeapI31}, nil
	}
	return wat.Value{Kind: wat.ValRef, Heap: wasm.HeapType(t.Heap)}, nil
}

var scriptKinds = map[runtime.ValKind]wat.ValueKind{
	runtime.KindI32: wat.ValI32, runtime.KindI64: wat.ValI64,
	runtime.KindF32: wat.ValF32, runtime.KindF64: wat.ValF64,
}
