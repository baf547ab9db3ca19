package abi

import (
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// loadCode maps code read-execute (W^X: written while RW, then mprotect'd)
// for the life of the test. The runtime uses runtime/internal/execmem,
// which abi cannot import (it is internal to runtime/); execmem's own tests
// run code it sealed through these trampolines. On arm64 this loader relies
// on the kernel's instruction-cache maintenance for a fresh anonymous page
// made executable (see execmem's icache_arm64.go), which is sufficient for
// pages that never held code before.
func loadCode(t testing.TB, code []byte) uintptr {
	t.Helper()
	mem, err := unix.Mmap(-1, 0, len(code), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	copy(mem, code)
	if err := unix.Mprotect(mem, unix.PROT_READ|unix.PROT_EXEC); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Munmap(mem) })
	return uintptr(unsafe.Pointer(&mem[0]))
}

// stackReserve is the headroom tests keep between StackLimit and the end
// of the stack mapping.
const stackReserve = 4096

// newTestContext returns an ExecContext with a Wasm stack of stackSize
// bytes, both freed when the test ends.
func newTestContext(t testing.TB, stackSize int) (*ExecContext, []byte) {
	t.Helper()
	ctx, err := NewExecContext()
	if err != nil {
		t.Fatal(err)
	}
	stack, err := unix.Mmap(-1, 0, stackSize, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	base := uintptr(unsafe.Pointer(&stack[0]))
	ctx.StackTop = base + uintptr(stackSize)
	ctx.StackLimit = base + stackReserve
	t.Cleanup(func() {
		if err := ctx.Free(); err != nil {
			t.Error(err)
		}
		unix.Munmap(stack)
	})
	return ctx, stack
}

// run is a minimal dispatch loop: it begins an activation, passes arg in
// Scratch[0], enters pc, and serves ExitHostCall exits with host (which
// reads its argument from and leaves its result in Scratch[0]) until any
// other exit, whose code and Scratch[0] it returns.
func run(t testing.TB, ctx *ExecContext, pc uintptr, arg uint64, host func()) (ExitCode, uint64) {
	sp, ok := ctx.PushEntry()
	if !ok {
		t.Fatal("PushEntry: no room on the Wasm stack")
	}
	defer ctx.PopEntry()
	ctx.Scratch[0] = arg
	code := Call(ctx, pc, sp)
	for code == ExitHostCall {
		host()
		code = Resume(ctx)
	}
	return code, ctx.Scratch[0]
}
