package amd64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// callTarget loads the callee's vmctx into R14 when it may differ from
// ours and returns the operand of an indirect call or jump to its code
// (ok false: a direct call to function m.Fn). For a call through a
// reference, allocs[0] holds the VMFuncRef's address.
func (e *emitter) callTarget(m *codegen.Inst, allocs []regalloc.PReg) (target Mem, ok bool) {
	var ref Reg
	switch m.Call {
	case codegen.CallDirect:
		return Mem{}, false
	case codegen.CallImport:
		ref = scratchGP
		e.a.Mov(S64, ref, vm(e.s.Layout.ImportedFuncOffset(int(m.Fn))))
	case codegen.CallRef:
		ref = gp(allocs[0])
	}
	e.a.Mov(S64, vmctxReg, Base(ref, abi.VMFuncRefVMCtx))
	return Base(ref, abi.VMFuncRefCode), true
}

// call emits a call; afterwards the vmctx register is reloaded (the callee
// may have left another instance's there) and the stack argument area,
// which the callee popped, taken back.
func (e *emitter) call(i int, m *codegen.Inst, allocs []regalloc.PReg) {
	if target, ok := e.callTarget(m, allocs); ok {
		e.SafepointAt(i, e.a.CallIndirect(target))
	} else {
		e.SafepointAt(i, e.a.CallFunc(m.Fn))
	}
	e.reloadVMCtx()
	if m.ArgBytes > 0 {
		e.a.ALU(Sub, S64, RSP, Imm(m.ArgBytes))
	}
}

// tailCall emits a return_call form (see frame_abi.go for why this works
// with callee-popped arguments). The selector stored the callee's stack
// arguments at RSP+8 in the outgoing area; the register arguments are in
// place. The sequence puts our return address at RSP+0, restores the
// caller's RBP, and moves that block (return address and arguments) up so
// that it ends where our own stack arguments end — right below the result
// slots our caller reserved — then jumps with RSP pointing at the return
// address, as if our caller had called the callee directly.
//
// The block only moves up (its destination starts above our whole frame's
// bottom plus the block size), so copying from the highest word down
// never overwrites a word still to be read. Only R11 is used: every
// allocatable register may hold an argument or the callee reference.
func (e *emitter) tailCall(m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	block := 8 + m.ArgBytes
	// RSP+delta is where the return address goes: RBP + 8 + A_ours - A_callee.
	delta := e.frame.size + 8 + e.s.Sig.ArgBytes - m.ArgBytes
	a.Mov(S64, scratchGP, Base(RBP, 8))
	a.Mov(S64, Base(RSP, 0), scratchGP)
	a.Mov(S64, RBP, Base(RBP, 0))
	for off := block - 8; off >= 0; off -= 8 {
		a.Mov(S64, scratchGP, Base(RSP, off))
		a.Mov(S64, Base(RSP, delta+off), scratchGP)
	}
	a.Lea(S64, RSP, Base(RSP, delta))
	if target, ok := e.callTarget(m, allocs); ok {
		a.JmpIndirect(target)
	} else {
		a.JmpFunc(m.Fn)
	}
}
