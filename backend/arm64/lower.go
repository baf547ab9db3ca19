package arm64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// emitter writes the allocated function through the Assembler; it is the
// regalloc.Emitter of Result.Emit. Errors are sticky in the Assembler.
type emitter struct {
	a     *Assembler
	s     *selector
	frame frameLayout

	labels []Label // per machine block
	cur    int     // the block being emitted

	// cold is the out-of-line code (trap and interrupt stubs), emitted
	// after the function body so the hot path falls through.
	cold  []func()
	traps []trapMark
	// calls maps a call's instruction index to the Mark of its return
	// address, the key of its stack map.
	calls map[int]Mark
}

// trapMark is a trap site before the assembly has PCs.
type trapMark struct {
	mark   Mark
	code   abi.TrapCode
	offset uint32
}

func (e *emitter) Block(b int) {
	e.cur = b
	e.a.Bind(e.labels[b])
	if b == 0 {
		e.prologue()
	}
}

func (e *emitter) Move(c regalloc.Class, dst, src regalloc.PReg) {
	if dst == src {
		return
	}
	if c == regalloc.ClassFloat {
		e.a.FUnary(FMov, S64, vreg(dst), vreg(src))
		return
	}
	e.a.Mov(S64, gp(dst), gp(src))
}

func (e *emitter) Spill(c regalloc.Class, dst regalloc.SpillSlot, src regalloc.PReg) {
	if c == regalloc.ClassFloat {
		e.a.FStore(S64, vreg(src), e.frame.spillSlot(uint32(dst)))
		return
	}
	e.a.Store(S64, gp(src), e.frame.spillSlot(uint32(dst)))
}

func (e *emitter) Reload(c regalloc.Class, dst regalloc.PReg, src regalloc.SpillSlot) {
	if c == regalloc.ClassFloat {
		e.a.FLoad(S64, vreg(dst), e.frame.spillSlot(uint32(src)))
		return
	}
	e.a.Load(S64, gp(dst), e.frame.spillSlot(uint32(src)))
}

func (e *emitter) Inst(i int, allocs []regalloc.PReg) {
	m := &e.s.insts[i]
	switch m.kind {
	case mMove:
		c := regalloc.ClassInt
		if isFloat(m.typ) {
			c = regalloc.ClassFloat
		}
		e.Move(c, allocs[0], allocs[1])
	case mConst:
		e.constant(m, allocs[0])
	case mTemp, mParams:
		// No code: the values are already where the allocator put them.
	case mLoadArg:
		e.load(m.typ, allocs[0], Base(FP, m.imm))
	case mLoadRes:
		e.load(m.typ, allocs[0], Base(SP, m.imm))
	case mStoreOut:
		e.store(m.typ, Base(SP, m.imm), allocs[0])
	case mStoreRes:
		e.store(m.typ, Base(FP, m.imm), allocs[0])
	case mNumeric:
		e.numeric(m, allocs)
	case mSelect:
		e.selectValue(m, allocs)
	case mCheck:
		e.check(m, allocs)
	case mSafepoint:
		e.interruptCheck()
	case mCall:
		e.call(i, m)
	case mRet:
		e.epilogue(m.argBytes)
	case mJump:
		e.jumpTo(int(m.targets[0]))
	case mBranch:
		e.branchNZ(gp(allocs[0]), m.targets)
	case mCmpBranch:
		e.branch(e.compare(m, allocs), m.targets)
	case mBrTable:
		e.brTable(m, gp(allocs[0]), gp(allocs[1]))
	case mTrap:
		e.trapExit(m.trap, m.offset)
	default:
		e.a.failf("minst kind %d has no emitter", m.kind)
	}
}

func isFloat(t compiler.Type) bool { return t == compiler.TypeF32 || t == compiler.TypeF64 }

// width is the operand size of type t (references are 64-bit).
func width(t compiler.Type) Size {
	if t == compiler.TypeI32 || t == compiler.TypeF32 {
		return S32
	}
	return S64
}

func (e *emitter) constant(m *minst, dst regalloc.PReg) {
	bits := uint64(m.imm)
	switch {
	case isFloat(m.typ):
		e.a.FMovConst(width(m.typ), vreg(dst), bits)
	case m.typ == compiler.TypeI32:
		e.a.MovImm(S32, gp(dst), int64(uint32(bits)))
	default:
		e.a.MovImm(S64, gp(dst), int64(bits))
	}
}

// load and store move a value of type t between a register and an 8-byte
// stack slot.
func (e *emitter) load(t compiler.Type, dst regalloc.PReg, src Mem) {
	if isFloat(t) {
		e.a.FLoad(width(t), vreg(dst), src)
		return
	}
	e.a.Load(S64, gp(dst), src)
}

func (e *emitter) store(t compiler.Type, dst Mem, src regalloc.PReg) {
	if isFloat(t) {
		e.a.FStore(S64, vreg(src), dst)
		return
	}
	e.a.Store(S64, gp(src), dst)
}

// selectValue emits dst = cond != 0 ? a : b.
func (e *emitter) selectValue(m *minst, allocs []regalloc.PReg) {
	dst, cond, x, y := allocs[0], gp(allocs[1]), allocs[2], allocs[3]
	e.a.Cmp(S32, cond, Imm(0))
	if isFloat(m.typ) {
		e.a.FCSel(width(m.typ), vreg(dst), vreg(x), vreg(y), NE)
		return
	}
	e.a.CSel(width(m.typ), gp(dst), gp(x), gp(y), NE)
}
