// Package abi is the contract between Go and Sable's generated machine code:
// the execution context both sides share (ExecContext, with its offsets as
// ExecCtx* constants), the exit and trap codes, and the trampolines that
// move between the goroutine stack and the Wasm stack. The compiler, the
// back ends, the GC and the runtime all take these from here and nowhere
// else.
//
// # Running generated code
//
// Machine code never runs on a goroutine stack and Go never runs on the Wasm
// stack. The runtime's dispatch loop does
//
//	sp, ok := ctx.PushEntry()       // !ok: trap "call stack exhausted"
//	defer ctx.PopEntry()
//	code := abi.Call(ctx, pc, sp)   // runs until the code exits
//	for code is a resumable exit {
//		handle it (host call, grow, GC allocation, interrupt)
//		code = abi.Resume(ctx)
//	}
//
// Call and Resume mark the goroutine as in a system call for as long as
// machine code runs (see entry.go), so Go's collector and scheduler never
// wait for it. Between exits the goroutine stack may move; Resume saves
// Go's SP/FP afresh each time. A host function may call Call again on the
// same ExecContext: PushEntry then saves the suspended activation in an
// EntryRecord on the Wasm stack, and Activations walks the chain.
//
// # Registers
//
//	                        amd64            arm64
//	context (*ExecContext)  R15              R19
//	stack pointer           SP               RSP
//	frame pointer           BP               R29
//	link register           -                R30
//	never touch             -                R18 (platform), R28 (g)
//
// At the entry point and at every continuation the context register holds
// the ExecContext, SP is the stack pointer of the activation and the frame
// pointer is 0 at entry (the end of the activation's frame chain) or as it
// was at the exit. Every other register is undefined: live values must be
// spilled to the frame, or passed in Scratch, around an exit. Generated code
// may clobber every register except those in the table, including R14 (g)
// and X15 (zero) of Go's amd64 ABIInternal: the Go compiler reloads both
// after every call to an ABI0 function such as the trampolines, and Go's
// signal handler takes g from TLS on amd64. On arm64 Go's signal handler
// reads g from R28 (without cgo it does not consult TLS), so R28 must hold
// g at every instruction. Code must also leave the amd64 direction flag
// clear, MXCSR and FPCR as it found them, and run VZEROUPPER before exiting
// if it used 256-bit AVX registers.
//
// Frames keep frame pointers (a frame record of saved FP and return address
// at FP), which is what stack walkers for traps and GC roots follow. The
// Wasm stack has no red zone: nothing may be stored below SP, since a
// nested activation's EntryRecord goes right below a suspended one's SP.
//
// # The exit sequence
//
// To return to Go, generated code stores why, its SP and FP, and where to
// continue, then restores Go's SP and FP (and LR) and returns, which
// returns from Call or Resume. On amd64 (any free register instead of AX):
//
//	MOVL $exitcode, ExecCtxExitCode(R15)
//	MOVQ SP, ExecCtxWasmSP(R15)
//	MOVQ BP, ExecCtxWasmFP(R15)
//	LEAQ cont(RIP), AX
//	MOVQ AX, ExecCtxContPC(R15)
//	MOVQ ExecCtxGoSP(R15), SP
//	MOVQ ExecCtxGoFP(R15), BP
//	RET
//	cont:
//
// On arm64 (any free register instead of R0):
//
//	MOVW $exitcode, R0
//	MOVW R0, ExecCtxExitCode(R19)
//	MOVD RSP, R0
//	MOVD R0, ExecCtxWasmSP(R19)
//	MOVD R29, ExecCtxWasmFP(R19)
//	ADR  cont, R0
//	MOVD R0, ExecCtxContPC(R19)
//	MOVD ExecCtxGoSP(R19), R0
//	MOVD R0, RSP
//	MOVD ExecCtxGoFP(R19), R29
//	MOVD ExecCtxGoLR(R19), R30
//	RET
//	cont:
//
// A trap stores the trap code at ExecCtxTrapCode first and exits with
// ExitTrap; its continuation is never run, but its address identifies the
// trap site. The tests assemble exactly these sequences with golang-asm
// (asm_amd64_test.go, asm_arm64_test.go).
//
// The trap sites of a function share one exit per trap code, so a site
// is a call and a breakpoint, and the call's return address is the
// site's ContPC. On amd64 the site is CALL tail; INT3 and the tail pops
// that address, which also restores the site's SP:
//
//	tail:
//	POPQ AX
//	MOVL $trapcode, ExecCtxTrapCode(R15)
//	MOVL $ExitTrap, ExecCtxExitCode(R15)
//	MOVQ SP, ExecCtxWasmSP(R15)
//	... as above from MOVQ AX, ExecCtxContPC(R15)
//
// On arm64 the site is BL tail; BRK #0 and the tail stores LR (x30) as the
// ContPC instead of an ADR result; the prologue has saved the function's
// own LR in its frame record before any check.
//
// # Stack checks and interrupts
//
// Every function prologue compares SP minus its frame size (plus what its
// call sequence pushes) against ExecCtxStackLimit and traps with
// TrapStackExhausted when below. Loop headers and function entries load the
// 32-bit ExecCtxInterruptFlag and exit with ExitInterrupt when it is set.
package abi
