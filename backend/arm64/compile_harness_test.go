//go:build arm64 && linux

package arm64

import (
	"errors"
	"fmt"
	"testing"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
	"golang.org/x/sys/unix"
)

// The harness plays the runtime's part for modules without memories,
// tables or globals: it maps a compiled module W^X, enters functions
// through their entry preambles with abi.Call on an mmap'd Wasm stack,
// and turns trap exits into errors through the trap site table. The
// vmctx is a zeroed page: nothing compiled so far reads it.

type machine struct {
	mod    *Module
	mi     *compiler.ModuleInfo
	code   []byte
	base   uintptr
	ctx    *abi.ExecContext
	values []uint64 // the entry buffer, off the Go heap
	vmctx  uintptr
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

func newMachine(t testing.TB, m *wasm.Module, stackSize int) (*machine, error) {
	mod, err := Compile(m, Options{})
	if err != nil {
		return nil, err
	}
	mi, err := compiler.NewModuleInfo(m, nil)
	if err != nil {
		return nil, err
	}
	mc := &machine{mod: mod, mi: mi}
	size := (len(mod.Code) + 4095) &^ 4095
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
	mc.ctx.StackTop, mc.ctx.StackLimit = sbase+uintptr(stackSize), sbase+4096
	vals, err := unix.Mmap(-1, 0, 8192, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, err
	}
	mc.values = unsafe.Slice((*uint64)(unsafe.Pointer(&vals[0])), 512)
	mc.vmctx = uintptr(unsafe.Pointer(&vals[4096]))
	t.Cleanup(func() {
		mc.ctx.Free()
		unix.Munmap(mc.code)
		unix.Munmap(stack)
		unix.Munmap(vals)
	})
	return mc, nil
}

// call runs function idx natively. Interrupt exits are resumed.
func (mc *machine) call(idx uint32, args []uint64) ([]uint64, error) {
	ft := mc.mi.FuncType(mc.mi.FuncTypes[idx])
	if len(args) != len(ft.Params) || len(args) > len(mc.values) || len(ft.Results) > len(mc.values) {
		return nil, fmt.Errorf("bad call of function %d with %d arguments", idx, len(args))
	}
	fi := mc.mod.Funcs[idx]
	sp, ok := mc.ctx.PushEntry()
	if !ok {
		return nil, &errTrap{abi.TrapStackExhausted}
	}
	defer mc.ctx.PopEntry()
	copy(mc.values, args)
	mc.ctx.Scratch[0] = uint64(uintptr(unsafe.Pointer(&mc.values[0])))
	mc.ctx.Scratch[1] = uint64(mc.base + uintptr(fi.Offset))
	mc.ctx.Scratch[2] = uint64(mc.vmctx)
	code := abi.Call(mc.ctx, mc.base+uintptr(fi.Entry), sp)
	for code == abi.ExitInterrupt {
		mc.ctx.InterruptFlag = 0
		code = abi.Resume(mc.ctx)
	}
	switch code {
	case abi.ExitReturn:
		return append([]uint64(nil), mc.values[:len(ft.Results)]...), nil
	case abi.ExitTrap:
		site, ok := mc.mod.TrapAt(uint32(uintptr(mc.ctx.ContPC) - mc.base))
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
// optimized IR the back end compiled.
func evaluator(t testing.TB, mi *compiler.ModuleInfo) *compiler.Instance {
	t.Helper()
	funcs := make([]*compiler.Func, len(mi.FuncTypes))
	for i := int(mi.NumImportedFuncs); i < len(funcs); i++ {
		f, err := compiler.Translate(mi, uint32(i))
		if err != nil {
			t.Fatal(err)
		}
		compiler.Optimize(f)
		funcs[i] = f
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
