package abi

import _ "unsafe" // for go:linkname

// The goroutine is marked as in a system call while generated code runs, the
// way cgo runs C: Go cannot preempt machine code, and without this a
// stop-the-world (every GC cycle) would wait for the code to exit, with the
// runtime sending it SIGURG again and again (DESIGN §3 measures the cost).
// In syscall state the scheduler hands the P to other goroutines and the
// collector scans this goroutine's stack from the frame that called
// entersyscall. Both functions are on the runtime's "hall of shame" list of
// linkname targets kept for gvisor (go.dev/issue/67401), so Go 1.23+'s
// linkname restrictions allow them.

//go:linkname entersyscall runtime.entersyscall
func entersyscall()

//go:linkname exitsyscall runtime.exitsyscall
func exitsyscall()

// enter and resume are the trampolines in entry_$GOARCH.s. Each returns to
// its Go caller only when generated code runs the exit sequence.
//
//go:noescape
func enter(ctx *ExecContext, pc, sp uintptr)

//go:noescape
func resume(ctx *ExecContext)

// Call runs generated code at pc on the Wasm stack, starting with stack
// pointer sp (from PushEntry), and returns when the code exits. The code
// receives ctx in the context register and a zero frame pointer.
//
// Call is nosplit, like syscall.Syscall: between entersyscall and exitsyscall
// the goroutine must not grow its stack (the runtime recorded this frame's
// SP for the collector), and exitsyscall must run in the same frame as
// entersyscall.
//
//go:nosplit
func Call(ctx *ExecContext, pc, sp uintptr) ExitCode {
	entersyscall()
	enter(ctx, pc, sp)
	exitsyscall()
	return ctx.ExitCode
}

// Resume continues the innermost activation after Go has handled its exit
// (host call, grow, allocation, interrupt), and returns at the next exit.
// The trampoline saves Go's SP/FP afresh: the goroutine stack may have moved
// since Call.
//
//go:nosplit
func Resume(ctx *ExecContext) ExitCode {
	entersyscall()
	resume(ctx)
	exitsyscall()
	return ctx.ExitCode
}
