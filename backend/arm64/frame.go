package arm64

import "github.com/sablewasm/sable/abi"

// Frame layout of a compiled function (see frame_abi.go for the calling
// convention):
//
//	FP+16+A+...   stack result slots    (caller's frame)
//	FP+16+...     stack argument slots  (caller's frame)
//	FP+8          return address (saved X30)
//	FP+0          caller's FP
//	FP-8          the function's vmctx (vmctxSlot)
//	FP-spill      spill area (slot s at FP-spill+s)
//	SP+0          outgoing call area (stack arguments, then results)
//
// The part below the frame record is size bytes, a multiple of 16, so SP
// stays 16-byte aligned.
type frameLayout struct {
	spill int32 // distance from FP to the start of the spill area
	size  int32
}

// vmctxSlot is where the prologue saves the vmctx register.
var vmctxSlot = Base(FP, -8)

func newFrameLayout(spillArea, outgoing int32) frameLayout {
	spill := spillArea + 8
	return frameLayout{spill: spill, size: (spill + outgoing + 15) &^ 15}
}

// stackSlack is the stack a function may use below its frame without a
// check of its own: the interrupt stub's register save area (22 GP + 31
// FP registers, 8 bytes each, rounded up). Calls are covered by the
// callee's own check.
const stackSlack = 512

// spillSlot is the address of a spill slot.
func (fl frameLayout) spillSlot(slot uint32) Mem { return Base(FP, int64(int32(slot)-fl.spill)) }

// prologue pushes the frame record, checks the stack and reserves the
// frame. The check runs after the record is linked and before SP moves
// further, so a failing one leaves a walkable frame for the backtrace.
func (e *emitter) prologue() {
	a := e.a
	a.StorePair(FP, LR, SP, -16, PairPreIndex)
	a.Mov(S64, FP, SP)
	e.stackCheck(e.frame.size + stackSlack)
	if e.frame.size > 0 {
		a.ALU(Sub, S64, SP, SP, Imm(e.frame.size))
	}
	a.Store(S64, vmctxReg, vmctxSlot)
}

// stackCheck traps with TrapStackExhausted unless SP-need stays at or
// above the ExecContext's stack limit.
func (e *emitter) stackCheck(need int32) {
	a := e.a
	a.ALU(Sub, S64, scratchGP, SP, Imm(need))
	a.Load(S64, Scratch, Base(Ctx, abi.ExecCtxStackLimit))
	a.Cmp(S64, scratchGP, Scratch)
	a.BCond(LO, e.trapStub(abi.TrapStackExhausted, 0))
}

// reloadVMCtx restores the vmctx register after a call or an exit.
func (e *emitter) reloadVMCtx() { e.a.Load(S64, vmctxReg, vmctxSlot) }

// epilogue unlinks the frame and returns, popping argBytes of stack
// arguments.
func (e *emitter) epilogue(argBytes int32) {
	a := e.a
	a.Mov(S64, SP, FP)
	a.LoadPair(FP, LR, SP, 16, PairPostIndex)
	if argBytes > 0 {
		a.ALU(Add, S64, SP, SP, Imm(argBytes))
	}
	a.Ret()
}
