package amd64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// jumpTo jumps to machine block t unless it comes next.
func (e *emitter) jumpTo(t int) {
	if t != e.cur+1 {
		e.a.Jmp(e.labels[t])
	}
}

// branch goes to targets[0] if c holds, else to targets[1], falling
// through where it can.
func (e *emitter) branch(c Cond, targets []int32) {
	yes, no := int(targets[0]), int(targets[1])
	if yes == e.cur+1 {
		e.a.Jcc(c.Invert(), e.labels[no])
		return
	}
	e.a.Jcc(c, e.labels[yes])
	e.jumpTo(no)
}

// brTable dispatches on the zero-extended 32-bit index; indices past the
// table go to the last target, the default.
func (e *emitter) brTable(m *codegen.Inst, index, tmp Reg) {
	n := len(m.Targets) - 1
	def := e.labels[m.Targets[n]]
	if n == 0 {
		e.a.Jmp(def)
		return
	}
	e.a.Mov(S32, scratchGP, index)
	e.a.ALU(Cmp, S32, scratchGP, Imm(n))
	e.a.Jcc(AE, def)
	labels := make([]Label, n)
	for i, t := range m.Targets[:n] {
		labels[i] = e.labels[t]
	}
	e.a.JumpTable(scratchGP, tmp, labels)
}

// exit emits abi's exit sequence, its continuation bound right after it.
func (e *emitter) exit(code abi.ExitCode) {
	cont := e.a.NewLabel()
	e.leave(code, cont)
	e.a.Bind(cont)
}

// leave stores the exit state and returns to Go. The ContPC is the address
// of cont, or with cont < 0 what scratchGP holds.
func (e *emitter) leave(code abi.ExitCode, cont Label) {
	a := e.a
	a.Mov(S32, Base(execCtx, abi.ExecCtxExitCode), Imm(code))
	a.Mov(S64, Base(execCtx, abi.ExecCtxWasmSP), RSP)
	a.Mov(S64, Base(execCtx, abi.ExecCtxWasmFP), RBP)
	if cont >= 0 {
		a.LeaLabel(scratchGP, cont)
	}
	a.Mov(S64, Base(execCtx, abi.ExecCtxContPC), scratchGP)
	a.Mov(S64, RSP, Base(execCtx, abi.ExecCtxGoSP))
	a.Mov(S64, RBP, Base(execCtx, abi.ExecCtxGoFP))
	a.Ret()
}

// trapExit leaves with ExitTrap and code, recording the trap site. The
// site calls the function's shared exit for code (TrapTail), so the
// return address of that call is the site's ContPC; int3 after the call
// keeps the address inside this function, so PC lookups cannot land in
// the next one. A site is 6 bytes instead of a 40-byte exit sequence.
func (e *emitter) trapExit(code abi.TrapCode, offset uint32) {
	e.TrapAt(e.a.CallLabel(e.trapTail(code)), code, offset)
	e.a.Int3()
}

// trapTail returns the label of the shared exit for code, queued as cold
// code. It pops the return address of the site's call as the ContPC,
// which also leaves SP as it was at the site (the call's 8 bytes are
// within stackSlack), and exits.
func (e *emitter) trapTail(code abi.TrapCode) Label {
	return Label(e.TrapTail(code, func() int {
		l := e.a.NewLabel()
		e.Cold(func() {
			e.a.Bind(l)
			e.a.Pop(scratchGP)
			e.a.Mov(S32, Base(execCtx, abi.ExecCtxTrapCode), Imm(code))
			e.leave(abi.ExitTrap, -1)
		})
		return int(l)
	}))
}

// trapStub returns the label of an out-of-line trap exit.
func (e *emitter) trapStub(code abi.TrapCode, offset uint32) Label {
	l := e.a.NewLabel()
	e.Cold(func() {
		e.a.Bind(l)
		e.trapExit(code, offset)
	})
	return l
}

// interruptCheck polls the interrupt flag. The exit is out of line and
// saves every allocatable register around itself on the stack (an exit
// leaves registers undefined, and values are live here), so the hot path
// is one compare and a not-taken branch.
func (e *emitter) interruptCheck() {
	a := e.a
	stub, resume := a.NewLabel(), a.NewLabel()
	a.ALU(Cmp, S32, Base(execCtx, abi.ExecCtxInterruptFlag), Imm(0))
	a.Jcc(NE, stub)
	a.Bind(resume)
	e.Cold(func() {
		a.Bind(stub)
		e.saveRegs()
		e.exit(abi.ExitInterrupt)
		e.reloadVMCtx()
		e.restoreRegs()
		a.Jmp(resume)
	})
}

// saveRegs pushes every allocatable register, for an out-of-line exit on
// a path where values live in them (the area is within stackSlack).
func (e *emitter) saveRegs() {
	a := e.a
	for _, r := range target.Classes[regalloc.ClassInt].Allocatable {
		a.Push(gp(r))
	}
	a.ALU(Sub, S64, RSP, Imm(xmmSaveArea))
	for i, r := range target.Classes[regalloc.ClassFloat].Allocatable {
		a.MovF(S64, Base(RSP, int32(8*i)), xmm(r))
	}
}

// restoreRegs undoes saveRegs.
func (e *emitter) restoreRegs() {
	a := e.a
	for i, r := range target.Classes[regalloc.ClassFloat].Allocatable {
		a.MovF(S64, xmm(r), Base(RSP, int32(8*i)))
	}
	a.ALU(Add, S64, RSP, Imm(xmmSaveArea))
	gps := target.Classes[regalloc.ClassInt].Allocatable
	for i := len(gps) - 1; i >= 0; i-- {
		a.Pop(gp(gps[i]))
	}
}

// xmmSaveArea is the stack saveRegs takes for the XMM registers.
var xmmSaveArea = int32(len(target.Classes[regalloc.ClassFloat].Allocatable)*8+15) &^ 15

// check emits a trap check, branching to an out-of-line trap exit.
func (e *emitter) check(m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	switch m.Op {
	case compiler.OpTrapIf:
		x := gp(allocs[0])
		a.Test(S32, x, x)
		a.Jcc(NE, e.trapStub(m.Trap, m.Offset))
	case compiler.OpTrapIfZero:
		x := gp(allocs[0])
		a.Test(width(m.Type), x, x)
		a.Jcc(E, e.trapStub(m.Trap, m.Offset))
	case compiler.OpCheckSDiv:
		// Only MinInt / -1 overflows; cmp x, 1 sets OF exactly when x is
		// MinInt, with no 64-bit immediate needed.
		x, y, size := gp(allocs[0]), gp(allocs[1]), width(m.Type)
		ok := a.NewLabel()
		a.ALU(Cmp, size, y, Imm(-1))
		a.Jcc(NE, ok)
		a.ALU(Cmp, size, x, Imm(1))
		a.Jcc(O, e.trapStub(m.Trap, m.Offset))
		a.Bind(ok)
	case compiler.OpCheckTrunc:
		e.checkTrunc(m, xmm(allocs[0]))
	case compiler.OpTrapIfNull:
		x := gp(allocs[0])
		a.Test(S64, x, x)
		a.Jcc(E, e.trapStub(m.Trap, m.Offset))
	case compiler.OpSigCheck:
		// The expected canonical id comes from the vmctx, so the code does
		// not depend on the engine's type registry; a non-final type also
		// admits its subtypes (the display check of casts).
		trap := e.trapStub(m.Trap, m.Offset)
		a.Mov(S32, scratchGP, Base(gp(allocs[0]), abi.VMFuncRefTypeID))
		ok := a.NewLabel()
		e.subtype(m.Idx, ok, trap)
		a.Bind(ok)
	}
}
