//go:build amd64 && linux

package amd64

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
	"golang.org/x/sys/unix"
)

// The harness plays the runtime's part: it maps a compiled module W^X,
// enters functions through their entry preambles with abi.Call on an
// mmap'd Wasm stack, and turns trap exits into errors through the trap
// site table. (runtime/internal/execmem is internal to runtime/, so the
// mapping is done with unix directly, as in asm_exec_test.go.)

type machine struct {
	mod    *Module
	mi     *compiler.ModuleInfo
	code   []byte
	base   uintptr
	ctx    *abi.ExecContext
	values []uint64 // the entry buffer, off the Go heap
	inst   *vmInstance
}

// errTrap is a trap of native code.
type errTrap struct{ code abi.TrapCode }

func (e *errTrap) Error() string { return e.code.String() }

func parseValidate(src []byte) (*wasm.Module, error) {
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

// newMachine compiles m and loads it.
func newMachine(t testing.TB, m *wasm.Module, stackSize int, feat Features) (*machine, error) {
	return newLinkedMachine(t, m, stackSize, feat, func(string, string) (uintptr, bool) { return 0, false })
}

// newLinkedMachine is newMachine with the function imports of modules
// other than spectest resolved by resolve (the exporter's VMFuncRef).
func newLinkedMachine(t testing.TB, m *wasm.Module, stackSize int, feat Features,
	resolve func(module, name string) (uintptr, bool)) (*machine, error) {
	// One registry for every module, so that signature checks across
	// linked instances compare the same canonical ids.
	harnessTypesMu.Lock()
	ids := harnessTypes.Register(m)
	harnessTypesMu.Unlock()
	mi, err := compiler.NewModuleInfo(m, ids)
	if err != nil {
		return nil, err
	}
	mod, err := CompileModule(mi, Options{Features: feat, GC: true})
	if err != nil {
		return nil, err
	}
	mc := &machine{mod: mod, mi: mi}
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
	if mc.ctx, err = abi.NewExecContext(); err != nil {
		return nil, err
	}
	stack, err := unix.Mmap(-1, 0, stackSize, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, err
	}
	sbase := uintptr(unsafe.Pointer(&stack[0]))
	// The limit leaves a page below it untouched: a missed check would
	// scribble there, not outside the mapping.
	mc.ctx.StackTop, mc.ctx.StackLimit = sbase+uintptr(stackSize), sbase+4096
	vals, err := unix.Mmap(-1, 0, 4096, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, err
	}
	mc.values = unsafe.Slice((*uint64)(unsafe.Pointer(&vals[0])), 512)
	t.Cleanup(func() {
		mc.ctx.Free()
		unix.Munmap(mc.code)
		unix.Munmap(stack)
		unix.Munmap(vals)
	})
	funcs, err := optimizedIR(mi)
	if err != nil {
		return nil, err
	}
	if mc.inst, err = newVMInstance(mi, mod, mc.base, mc.ctx, funcs, resolve); err != nil {
		return nil, err
	}
	t.Cleanup(mc.inst.free)
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

// call runs function idx natively. Interrupt exits are resumed.
func (mc *machine) call(idx uint32, args []uint64) ([]uint64, error) {
	ft := mc.mi.FuncType(mc.mi.FuncTypes[idx])
	if len(args) != len(ft.Params) || len(args) > len(mc.values) || len(ft.Results) > len(mc.values) {
		return nil, fmt.Errorf("bad call of function %d with %d arguments", idx, len(args))
	}
	fi := mc.mod.Funcs[idx]
	// The function's VMFuncRef says what to run with which vmctx (for an
	// import, another instance's function or a host trampoline).
	ref := (*abi.VMFuncRef)(ptr(uintptr(mc.inst.funcRef(idx))))
	sp, ok := mc.ctx.PushEntry()
	if !ok {
		return nil, &errTrap{abi.TrapStackExhausted}
	}
	defer mc.ctx.PopEntry()
	copy(mc.values, args)
	mc.ctx.Scratch[0] = uint64(uintptr(unsafe.Pointer(&mc.values[0])))
	mc.ctx.Scratch[1] = uint64(ref.Code)
	mc.ctx.Scratch[2] = uint64(ref.VMCtx)
	code := abi.Call(mc.ctx, mc.base+uintptr(fi.Entry), sp)
	for code != abi.ExitReturn && code != abi.ExitTrap {
		if code == abi.ExitInterrupt {
			mc.ctx.InterruptFlag = 0
		} else {
			vi, err := exitingInstance(mc.ctx, code)
			if err != nil {
				return nil, err
			}
			trap, err := vi.handleExit(mc.ctx, code)
			if err != nil {
				return nil, err
			}
			if trap != 0 {
				return nil, &errTrap{trap}
			}
		}
		code = abi.Resume(mc.ctx)
	}
	switch code {
	case abi.ExitReturn:
		return append([]uint64(nil), mc.values[:len(ft.Results)]...), nil
	case abi.ExitTrap:
		site, ok := trapSite(mc.ctx.ContPC)
		if !ok || site.Code != mc.ctx.TrapCode {
			return nil, fmt.Errorf("trap %v at unknown site %#x", mc.ctx.TrapCode, mc.ctx.ContPC)
		}
		return nil, &errTrap{site.Code}
	}
	return nil, fmt.Errorf("unexpected exit %v", code)
}

// export returns the function index of an exported function.
func export(m *wasm.Module, name string) (uint32, bool) {
	for _, e := range m.Exports {
		if e.Name == name && e.Kind == wasm.ExternFunc {
			return e.Index, true
		}
	}
	return 0, false
}

// evaluator builds the compiler's reference evaluator over the same
// optimized IR the backend compiled.
func evaluator(t testing.TB, mi *compiler.ModuleInfo) *compiler.Instance {
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

// trapOf returns the trap code of a native or evaluator error (0: none).
func trapOf(err error) abi.TrapCode {
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
