//go:build linux

package backendtest

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
	"golang.org/x/sys/unix"
)

// Backend is the back end under test, compiling for the machine the tests
// run on.
type Backend struct {
	// Compile compiles and links a validated module.
	Compile func(mi *compiler.ModuleInfo) (*codegen.Module, error)
	// HostTrampoline is the code host functions of type ft run as.
	HostTrampoline func(ft *wasm.FuncType) ([]byte, error)
}

// The harness plays the runtime's part: it maps a compiled module W^X,
// enters functions through their entry preambles with abi.Call on an
// mmap'd Wasm stack, and turns trap exits into errors through the trap
// site table. (runtime/internal/execmem is internal to runtime/, so the
// mapping is done with unix directly. On arm64 that relies on Linux
// cleaning and invalidating the caches when a freshly written page first
// becomes executable, which holds for the fresh mappings made here; see
// runtime/internal/execmem for what the runtime does instead.)

// Machine is a compiled module loaded and instantiated.
type Machine struct {
	Mod    *codegen.Module
	MI     *compiler.ModuleInfo
	St     *Store
	Ctx    *abi.ExecContext // St.Ctx
	Inst   *Instance
	code   []byte
	base   uintptr
	values []uint64 // St.values
}

// errTrap is a trap of native code.
type errTrap struct{ code abi.TrapCode }

func (e *errTrap) Error() string { return e.code.String() }

// ParseValidate parses a WAT module and validates it.
func ParseValidate(src []byte) (*wasm.Module, error) {
	m, err := wat.ParseModule(src)
	if err == nil {
		err = wasm.Validate(m)
	}
	return m, err
}

var (
	harnessTypes   = wasm.NewTypeRegistry()
	harnessTypesMu sync.Mutex
)

// NewMachine compiles m and loads it in a store of its own.
func NewMachine(t testing.TB, b Backend, m *wasm.Module, stackSize int) (*Machine, error) {
	return NewLinkedMachine(t, b, m, stackSize, noImports)
}

// noImports resolves no import.
func noImports(string, string) (uintptr, bool) { return 0, false }

// NewLinkedMachine is NewMachine with the function imports of modules
// other than spectest resolved by resolve (the exporter's VMFuncRef).
func NewLinkedMachine(t testing.TB, b Backend, m *wasm.Module, stackSize int,
	resolve func(module, name string) (uintptr, bool)) (*Machine, error) {
	st, err := NewStore(t, stackSize, gc.Config{Stress: *gcStress, Poison: *gcStress})
	if err != nil {
		return nil, err
	}
	return NewStoreMachine(t, b, st, m, resolve)
}

// NewStore maps an execution context, a Wasm stack of stackSize bytes, the
// entry buffer and a GC heap configured by cfg.
func NewStore(t testing.TB, stackSize int, cfg gc.Config) (*Store, error) {
	st := &Store{}
	var err error
	if st.Ctx, err = abi.NewExecContext(); err != nil {
		return nil, err
	}
	stack, err := unix.Mmap(-1, 0, stackSize, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, err
	}
	sbase := uintptr(unsafe.Pointer(&stack[0]))
	// The limit leaves a page below it untouched: a missed check would
	// scribble there, not outside the mapping.
	st.Ctx.StackTop, st.Ctx.StackLimit = sbase+uintptr(stackSize), sbase+4096
	vals, err := unix.Mmap(-1, 0, 4096, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, err
	}
	st.values = unsafe.Slice((*uint64)(unsafe.Pointer(&vals[0])), 512)
	if st.Heap, err = gc.New(&harnessGC.types, st.Ctx, cfg); err != nil {
		return nil, err
	}
	t.Cleanup(func() {
		st.Heap.Free()
		st.Ctx.Free()
		unix.Munmap(stack)
		unix.Munmap(vals)
	})
	return st, nil
}

// NewStoreMachine compiles m and instantiates it in st, with the function
// imports of modules other than spectest resolved by resolve.
func NewStoreMachine(t testing.TB, b Backend, st *Store, m *wasm.Module,
	resolve func(module, name string) (uintptr, bool)) (*Machine, error) {
	// One registry for every module, so that signature checks across
	// linked instances compare the same canonical ids.
	harnessTypesMu.Lock()
	ids := harnessTypes.Register(m)
	table, err := defineTypes(ids)
	harnessTypesMu.Unlock()
	if err != nil {
		return nil, err
	}
	st.Ctx.TypeTable = table
	mi, err := compiler.NewModuleInfo(m, ids)
	if err != nil {
		return nil, err
	}
	mod, err := b.Compile(mi)
	if err != nil {
		return nil, err
	}
	mc := &Machine{Mod: mod, MI: mi, St: st, Ctx: st.Ctx, values: st.values}
	size := (len(mod.Code) + 4095) &^ 4095
	if size == 0 {
		size = 4096
	}
	if mc.code, err = unix.Mmap(-1, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON); err != nil {
		return nil, err
	}
	copy(mc.code, mod.Code)
	if err := unix.Mprotect(mc.code, unix.PROT_READ|unix.PROT_EXEC); err != nil {
		return nil, err
	}
	mc.base = uintptr(unsafe.Pointer(&mc.code[0]))
	t.Cleanup(func() { unix.Munmap(mc.code) })
	funcs, err := optimizedIR(mi)
	if err != nil {
		return nil, err
	}
	if mc.Inst, err = newInstance(b, mi, mod, mc.base, st, funcs, resolve); err != nil {
		return nil, err
	}
	t.Cleanup(mc.Inst.free)
	return mc, nil
}

// optimizedIR translates and optimizes every defined function, as the
// back end compiled them.
func optimizedIR(mi *compiler.ModuleInfo) ([]*compiler.Func, error) {
	funcs := make([]*compiler.Func, len(mi.FuncTypes))
	for i := int(mi.NumImportedFuncs); i < len(funcs); i++ {
		f, err := compiler.Translate(mi, uint32(i))
		if err != nil {
			return nil, err
		}
		compiler.Optimize(f)
		funcs[i] = f
	}
	return funcs, nil
}

// Call runs function idx natively. Interrupt exits are resumed.
func (mc *Machine) Call(idx uint32, args []uint64) ([]uint64, error) {
	ft := mc.MI.FuncType(mc.MI.FuncTypes[idx])
	if len(args) != len(ft.Params) || len(args) > len(mc.values) || len(ft.Results) > len(mc.values) {
		return nil, fmt.Errorf("bad call of function %d with %d arguments", idx, len(args))
	}
	fi := mc.Mod.Funcs[idx]
	// The function's VMFuncRef says what to run with which vmctx (for an
	// import, another instance's function or a host trampoline).
	ref := (*abi.VMFuncRef)(ptr(uintptr(mc.Inst.FuncRef(idx))))
	sp, ok := mc.Ctx.PushEntry()
	if !ok {
		return nil, &errTrap{abi.TrapStackExhausted}
	}
	defer mc.Ctx.PopEntry()
	copy(mc.values, args)
	mc.Ctx.Scratch[0] = uint64(uintptr(unsafe.Pointer(&mc.values[0])))
	mc.Ctx.Scratch[1] = uint64(ref.Code)
	mc.Ctx.Scratch[2] = uint64(ref.VMCtx)
	code := abi.Call(mc.Ctx, mc.base+uintptr(fi.Entry), sp)
	for code != abi.ExitReturn && code != abi.ExitTrap {
		switch code {
		case abi.ExitInterrupt:
			mc.Ctx.InterruptFlag = 0
		case abi.ExitGCAlloc:
			trap, err := mc.St.gcAlloc()
			if err != nil {
				return nil, err
			}
			if trap != 0 {
				return nil, &errTrap{trap}
			}
		default:
			vi, err := exitingInstance(mc.Ctx, code)
			if err != nil {
				return nil, err
			}
			trap, err := vi.handleExit(mc.Ctx, code)
			if err != nil {
				return nil, err
			}
			if trap != 0 {
				return nil, &errTrap{trap}
			}
		}
		code = abi.Resume(mc.Ctx)
	}
	switch code {
	case abi.ExitReturn:
		return append([]uint64(nil), mc.values[:len(ft.Results)]...), nil
	case abi.ExitTrap:
		site, ok := trapSite(mc.Ctx.ContPC)
		if !ok || site.Code != mc.Ctx.TrapCode {
			return nil, fmt.Errorf("trap %v at unknown site %#x", mc.Ctx.TrapCode, mc.Ctx.ContPC)
		}
		return nil, &errTrap{site.Code}
	}
	return nil, fmt.Errorf("unexpected exit %v", code)
}

// Export returns the function index of an exported function.
func Export(m *wasm.Module, name string) (uint32, bool) {
	for _, e := range m.Exports {
		if e.Name == name && e.Kind == wasm.ExternFunc {
			return e.Index, true
		}
	}
	return 0, false
}

// Evaluator builds the compiler's reference evaluator over the same
// optimized IR the back end compiled.
func Evaluator(t testing.TB, mi *compiler.ModuleInfo) *compiler.Instance {
	t.Helper()
	funcs, err := optimizedIR(mi)
	if err != nil {
		t.Fatal(err)
	}
	in, err := compiler.NewInstance(mi, funcs)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TrapOf returns the trap code of a native or evaluator error (0: none).
func TrapOf(err error) abi.TrapCode {
	var nt *errTrap
	var et *compiler.Trap
	switch {
	case errors.As(err, &nt):
		return nt.code
	case errors.As(err, &et):
		return et.Code
	}
	return 0
}
