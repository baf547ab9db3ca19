package amd64

import "github.com/sablewasm/sable/abi"

// Frame layout of a compiled function (see frame_abi.go for the calling
// convention):
//
//	RBP+16+A+...   stack result slots    (caller's frame)
//	RBP+16+...     stack argument slots  (caller's frame)
//	RBP+8          return address
//	RBP+0          caller's RBP
//	RBP-8          the function's vmctx (vmctxSlot)
//	RBP-spill      spill area (slot s at RBP-spill+s)
//	RSP+0          outgoing call area (stack arguments, then results)
//
// The part below the saved RBP is size bytes, a multiple of 16, so RSP is
// 16-byte aligned at every call.
type frameLayout struct {
	spill int32 // distance from RBP to the start of the spill area
	size  int32
}

// vmctxSlot is where the prologue saves the vmctx register: calls and
// exits may leave another value in it, and it is reloaded from here.
var vmctxSlot = Base(RBP, -8)

func newFrameLayout(spillArea, outgoing int32) frameLayout {
	spill := spillArea + 8
	return frameLayout{spill: spill, size: (spill + outgoing + 15) &^ 15}
}

// stackSlack is the stack a function may use below its frame without a
// check of its own: the interrupt stub's register save area (11 GP + 15
// XMM registers, 8 bytes each, rounded up). Calls are covered by the
// callee's own check.
const stackSlack = 256

// spillSlot is the address of a spill slot.
func (fl frameLayout) spillSlot(slot uint32) Mem { return Base(RBP, int32(slot)-fl.spill) }

// prologue links the frame, checks the stack and reserves the frame. The
// check runs before SP moves, so a failing one leaves a walkable frame
// (the new RBP) for the trap's backtrace.
func (e *emitter) prologue() {
	a := e.a
	a.Push(RBP)
	a.Mov(S64, RBP, RSP)
	a.Lea(S64, scratchGP, Base(RSP, -(e.frame.size+stackSlack)))
	a.ALU(Cmp, S64, scratchGP, Base(execCtx, abi.ExecCtxStackLimit))
	a.Jcc(B, e.trapStub(abi.TrapStackExhausted, 0))
	a.ALU(Sub, S64, RSP, Imm(e.frame.size))
	a.Mov(S64, vmctxSlot, vmctxReg)
}

// reloadVMCtx restores the vmctx register after a call or an exit.
func (e *emitter) reloadVMCtx() { e.a.Mov(S64, vmctxReg, vmctxSlot) }

// epilogue unlinks the frame and returns, popping argBytes of stack
// arguments.
func (e *emitter) epilogue(argBytes int32) {
	e.a.Mov(S64, RSP, RBP)
	e.a.Pop(RBP)
	e.a.RetPop(uint16(argBytes))
}
