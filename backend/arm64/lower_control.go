package arm64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"math"
	"slices"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// jumpTo jumps to machine block t unless it comes next.
func (e *emitter) jumpTo(t int) {
	if t != e.cur+1 {
		e.a.B(e.labels[t])
	}
}

// branch goes to targets[0] if c holds, else to targets[1], falling
// through where it can.
func (e *emitter) branch(c Cond, targets []int32) {
	yes, no := int(targets[0]), int(targets[1])
	if yes == e.cur+1 {
		e.a.BCond(c.Invert(), e.labels[no])
		return
	}
	e.a.BCond(c, e.labels[yes])
	e.jumpTo(no)
}

// branchNZ goes to targets[0] if the i32 in x is not zero, else to
// targets[1].
func (e *emitter) branchNZ(x Reg, targets []int32) {
	yes, no := int(targets[0]), int(targets[1])
	if yes == e.cur+1 {
		e.a.Cbz(S32, x, e.labels[no])
		return
	}
	e.a.Cbnz(S32, x, e.labels[yes])
	e.jumpTo(no)
}

// brTable dispatches on the zero-extended 32-bit index; indices past the
// table go to the last target, the default.
func (e *emitter) brTable(m *codegen.Inst, index, tmp Reg) {
	n := len(m.Targets) - 1
	def := e.labels[m.Targets[n]]
	if n == 0 {
		e.a.B(def)
		return
	}
	e.a.Mov(S32, scratchGP, index)
	e.a.Cmp(S32, scratchGP, Imm(n))
	e.a.BCond(HS, def)
	labels := make([]Label, n)
	for i, t := range m.Targets[:n] {
		labels[i] = e.labels[t]
	}
	e.a.JumpTable(scratchGP, tmp, labels)
}

// exit emits abi's arm64 exit sequence (abi/doc.go) with X15 as the
// temporary; the continuation is bound right after it.
func (e *emitter) exit(code abi.ExitCode) {
	cont := e.a.NewLabel()
	e.leave(code, cont)
	e.a.Bind(cont)
}

// leave stores the exit state and returns to Go. The ContPC is the address
// of cont, or with cont < 0 what LR holds.
func (e *emitter) leave(code abi.ExitCode, cont Label) {
	a := e.a
	a.MovImm(S32, scratchGP, int64(code))
	a.Store(S32, scratchGP, Base(Ctx, abi.ExecCtxExitCode))
	a.Mov(S64, scratchGP, SP)
	a.Store(S64, scratchGP, Base(Ctx, abi.ExecCtxWasmSP))
	a.Store(S64, FP, Base(Ctx, abi.ExecCtxWasmFP))
	if cont >= 0 {
		a.Adr(scratchGP, cont)
		a.Store(S64, scratchGP, Base(Ctx, abi.ExecCtxContPC))
	} else {
		a.Store(S64, LR, Base(Ctx, abi.ExecCtxContPC))
	}
	a.Load(S64, scratchGP, Base(Ctx, abi.ExecCtxGoSP))
	a.Mov(S64, SP, scratchGP)
	a.Load(S64, FP, Base(Ctx, abi.ExecCtxGoFP))
	a.Load(S64, LR, Base(Ctx, abi.ExecCtxGoLR))
	a.Ret()
}

// trapExit leaves with ExitTrap and code, recording the trap site. The
// site calls the function's shared exit for code (TrapTail), so the
// return address of that call is the site's ContPC; brk after the call
// keeps the address inside this function, so PC lookups cannot land in
// the next one. bl overwrites LR, which the prologue has saved in the
// frame record before any check, and the exit reloads Go's anyway.
func (e *emitter) trapExit(code abi.TrapCode, offset uint32) {
	e.TrapAt(e.a.CallLabel(e.trapTail(code)), code, offset)
	e.a.Brk(0)
}

// trapTail returns the label of the shared exit for code, queued as cold
// code: it stores the trap code and exits with LR, the return address of
// the site's bl, as the ContPC.
func (e *emitter) trapTail(code abi.TrapCode) Label {
	return Label(e.TrapTail(code, func() int {
		l := e.a.NewLabel()
		e.Cold(func() {
			e.a.Bind(l)
			e.a.MovImm(S32, scratchGP, int64(code))
			e.a.Store(S32, scratchGP, Base(Ctx, abi.ExecCtxTrapCode))
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
// leaves registers undefined, and values are live here).
func (e *emitter) interruptCheck() {
	a := e.a
	stub, resume := a.NewLabel(), a.NewLabel()
	a.Load(S32, scratchGP, Base(Ctx, abi.ExecCtxInterruptFlag))
	a.Cbnz(S32, scratchGP, stub)
	a.Bind(resume)
	e.Cold(func() {
		a.Bind(stub)
		e.saveRegs()
		e.exit(abi.ExitInterrupt)
		e.reloadVMCtx()
		e.restoreRegs()
		a.B(resume)
	})
}

// saveRegs stores every allocatable register below SP, for an
// out-of-line exit on a path where values live in them (the area is
// within stackSlack).
func (e *emitter) saveRegs() {
	a := e.a
	a.ALU(Sub, S64, SP, SP, Imm(regSaveArea))
	for i, r := range savedRegs {
		if isVPReg(r) {
			a.FStore(S64, vreg(r), Base(SP, int64(8*i)))
		} else {
			a.Store(S64, gp(r), Base(SP, int64(8*i)))
		}
	}
}

// restoreRegs undoes saveRegs.
func (e *emitter) restoreRegs() {
	a := e.a
	for i, r := range savedRegs {
		if isVPReg(r) {
			a.FLoad(S64, vreg(r), Base(SP, int64(8*i)))
		} else {
			a.Load(S64, gp(r), Base(SP, int64(8*i)))
		}
	}
	a.ALU(Add, S64, SP, SP, Imm(regSaveArea))
}

// savedRegs are the registers saveRegs saves, regSaveArea the stack it
// takes (16-byte aligned).
var (
	savedRegs   = append(slices.Clone(target.Classes[regalloc.ClassInt].Allocatable), target.Classes[regalloc.ClassFloat].Allocatable...)
	regSaveArea = (int64(len(savedRegs))*8 + 15) &^ 15
)

// check emits a trap check, branching to an out-of-line trap exit.
func (e *emitter) check(m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	switch m.Op {
	case compiler.OpTrapIf:
		a.Cbnz(S32, gp(allocs[0]), e.trapStub(m.Trap, m.Offset))
	case compiler.OpTrapIfZero:
		a.Cbz(width(m.Type), gp(allocs[0]), e.trapStub(m.Trap, m.Offset))
	case compiler.OpCheckSDiv:
		// Only MinInt / -1 overflows: cmn y, #1 sets Z for y == -1; then
		// cmp x, #1 sets V exactly when x is MinInt (ccmp would fuse
		// them; two branches are fine here).
		x, y, size := gp(allocs[0]), gp(allocs[1]), width(m.Type)
		ok := a.NewLabel()
		a.Cmn(size, y, Imm(1))
		a.BCond(NE, ok)
		a.Cmp(size, x, Imm(1))
		a.BCond(VS, e.trapStub(m.Trap, m.Offset))
		a.Bind(ok)
	case compiler.OpCheckTrunc:
		e.checkTrunc(m, vreg(allocs[0]))
	case compiler.OpTrapIfNull:
		a.Cbz(S64, gp(allocs[0]), e.trapStub(m.Trap, m.Offset))
	case compiler.OpSigCheck:
		// The expected canonical id comes from the vmctx, so the code does
		// not depend on the engine's type registry; a non-final type also
		// admits its subtypes (the display check of casts).
		trap := e.trapStub(m.Trap, m.Offset)
		a.Load(S32, scratchGP, Base(gp(allocs[0]), abi.VMFuncRefTypeID))
		ok := a.NewLabel()
		e.subtype(m.Idx, ok, trap)
		a.Bind(ok)
	default:
		a.failf("no check %v", m.Op)
	}
}

// truncInfo describes a float-to-int truncation.
type truncInfo struct {
	signed, sat bool
	isize       Size
}

var truncs = map[wasm.Op]truncInfo{
	wasm.OpI32TruncF32S: {true, false, S32}, wasm.OpI32TruncF64S: {true, false, S32},
	wasm.OpI32TruncF32U: {false, false, S32}, wasm.OpI32TruncF64U: {false, false, S32},
	wasm.OpI64TruncF32S: {true, false, S64}, wasm.OpI64TruncF64S: {true, false, S64},
	wasm.OpI64TruncF32U: {false, false, S64}, wasm.OpI64TruncF64U: {false, false, S64},
	wasm.OpI32TruncSatF32S: {true, true, S32}, wasm.OpI32TruncSatF64S: {true, true, S32},
	wasm.OpI32TruncSatF32U: {false, true, S32}, wasm.OpI32TruncSatF64U: {false, true, S32},
	wasm.OpI64TruncSatF32S: {true, true, S64}, wasm.OpI64TruncSatF64S: {true, true, S64},
	wasm.OpI64TruncSatF32U: {false, true, S64}, wasm.OpI64TruncSatF64U: {false, true, S64},
}

// checkTrunc traps unless the float in x truncates to a value in range
// of the conversion m.Num: NaN is an invalid conversion, anything else
// out of range an overflow. The bounds are exact in both float widths.
func (e *emitter) checkTrunc(m *codegen.Inst, x VReg) {
	a := e.a
	ti, ok := truncs[m.Num]
	if !ok {
		a.failf("no trunc check for %v", m.Num)
		return
	}
	fsize := width(m.Type)
	var lo, hi float64
	loInclusive := false
	switch {
	case !ti.signed:
		lo, hi = -1, math.Ldexp(1, int(ti.isize)*8)
	case ti.isize == S32 && fsize == S64:
		lo, hi = -2147483649, 1<<31
	default:
		bits := int(ti.isize) * 8
		lo, hi, loInclusive = -math.Ldexp(1, bits-1), math.Ldexp(1, bits-1), true
	}
	fbits := func(f float64) uint64 {
		if fsize == S32 {
			return uint64(math.Float32bits(float32(f)))
		}
		return math.Float64bits(f)
	}
	overflow := e.trapStub(m.Trap, m.Offset)
	a.FCmp(fsize, x, x)
	a.BCond(VS, e.trapStub(abi.TrapInvalidConversion, m.Offset))
	a.FMovConst(fsize, scratchV, fbits(lo))
	a.FCmp(fsize, x, scratchV)
	if loInclusive {
		a.BCond(MI, overflow)
	} else {
		a.BCond(LS, overflow)
	}
	a.FMovConst(fsize, scratchV, fbits(hi))
	a.FCmp(fsize, x, scratchV)
	a.BCond(GE, overflow)
}
