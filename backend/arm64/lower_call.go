package arm64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// callTarget loads the callee's vmctx into X20 when it may differ from
// ours and returns the register holding the callee's code address (ok
// false: a direct call to function m.Fn). For a call through a reference,
// allocs[0] holds the VMFuncRef's address.
func (e *emitter) callTarget(m *codegen.Inst, allocs []regalloc.PReg) (code Reg, ok bool) {
	a := e.a
	var ref Reg
	switch m.Call {
	case codegen.CallDirect:
		return 0, false
	case codegen.CallImport:
		ref = scratchGP
		a.Load(S64, ref, vm(e.s.Layout.ImportedFuncOffset(int(m.Fn))))
	case codegen.CallRef:
		ref = gp(allocs[0])
	}
	a.Load(S64, vmctxReg, Base(ref, abi.VMFuncRefVMCtx))
	a.Load(S64, scratchGP, Base(ref, abi.VMFuncRefCode))
	return scratchGP, true
}

// call emits a call; afterwards the vmctx register is reloaded (the callee
// may have left another instance's there) and the stack argument area,
// which the callee popped, taken back.
func (e *emitter) call(i int, m *codegen.Inst, allocs []regalloc.PReg) {
	if code, ok := e.callTarget(m, allocs); ok {
		e.SafepointAt(i, e.a.Blr(code))
	} else {
		e.SafepointAt(i, e.a.CallFunc(m.Fn))
	}
	e.reloadVMCtx()
	if m.ArgBytes > 0 {
		e.a.ALU(Sub, S64, SP, SP, Imm(m.ArgBytes))
	}
}

// tailCall emits a return_call form (frame_abi.go says why callee-popped
// stack arguments make this work). The selector stored the callee's stack
// arguments at SP+0 in the outgoing area (codegen.Machine.TailArgBase is
// 0: the return address travels in X30, not on the stack); the register
// arguments are in place. The sequence restores our caller's return
// address into X30 and its frame pointer into X17, moves the arguments up
// so that they end where our own stack arguments end — right below the
// result slots our caller reserved — points SP at them and jumps, as if
// our caller had called the callee directly.
//
// The block only moves up (its destination starts at least 16 bytes above
// our frame's top, which is above the outgoing area), so copying from the
// highest word down never overwrites a word still to be read. The frame
// record is read before the copy, which may overwrite it. Only X15, X16
// (for far offsets) and X17 are used: every allocatable register may hold
// an argument or the callee reference.
func (e *emitter) tailCall(m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	a.Load(S64, LR, Base(FP, 8))
	a.Load(S64, Scratch2, Base(FP, 0))
	// Where the callee's arguments go, relative to FP.
	dst := int64(codegen.FrameArgBase + e.s.Sig.ArgBytes - m.ArgBytes)
	for off := int64(m.ArgBytes) - 8; off >= 0; off -= 8 {
		a.Load(S64, scratchGP, Base(SP, off))
		a.Store(S64, scratchGP, Base(FP, dst+off))
	}
	// The callee's target is read from our vmctx before X20 changes.
	code, indirect := e.callTarget(m, allocs)
	a.ALU(Add, S64, SP, FP, Imm(dst))
	a.Mov(S64, FP, Scratch2)
	if indirect {
		a.Br(code)
	} else {
		a.JmpFunc(m.Fn)
	}
}
