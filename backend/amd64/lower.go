package amd64

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
	feat  Features
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
		e.a.MovAPS(xmm(dst), xmm(src))
		return
	}
	e.a.Mov(S64, gp(dst), gp(src))
}

func (e *emitter) Spill(c regalloc.Class, dst regalloc.SpillSlot, src regalloc.PReg) {
	if c == regalloc.ClassFloat {
		e.a.MovF(S64, e.frame.spillSlot(uint32(dst)), xmm(src))
		return
	}
	e.a.Mov(S64, e.frame.spillSlot(uint32(dst)), gp(src))
}

func (e *emitter) Reload(c regalloc.Class, dst regalloc.PReg, src regalloc.SpillSlot) {
	if c == regalloc.ClassFloat {
		e.a.MovF(S64, xmm(dst), e.frame.spillSlot(uint32(src)))
		return
	}
	e.a.Mov(S64, gp(dst), e.frame.spillSlot(uint32(src)))
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
		e.load(m.typ, allocs[0], Base(RBP, int32(m.imm)))
	case mLoadRes:
		e.load(m.typ, allocs[0], Base(RSP, int32(m.imm)))
	case mStoreOut:
		e.store(m.typ, Base(RSP, int32(m.imm)), allocs[0])
	case mStoreRes:
		e.store(m.typ, Base(RBP, int32(m.imm)), allocs[0])
	case mNumeric:
		e.numeric(m, allocs)
	case mSelect:
		e.selectValue(m, allocs)
	case mCheck:
		e.check(m, allocs)
	case mSafepoint:
		e.interruptCheck()
	case mCall:
		e.call(i, m, allocs)
	case mRet:
		e.epilogue(m.argBytes)
	case mJump:
		e.jumpTo(int(m.targets[0]))
	case mBranch:
		e.a.Test(S32, gp(allocs[0]), gp(allocs[0]))
		e.branch(NE, m.targets)
	case mCmpBranch:
		e.branch(e.compare(m, allocs), m.targets)
	case mBrTable:
		e.brTable(m, gp(allocs[0]), gp(allocs[1]))
	case mTrap:
		e.trapExit(m.trap, m.offset)
	default:
		if !e.vmInst(i, m, allocs) {
			e.a.failf("minst kind %d has no emitter", m.kind)
		}
	}
}

func isFloat(t compiler.Type) bool { return t == compiler.TypeF32 || t == compiler.TypeF64 }

// width is the operand size of integer type t (references are 64-bit).
func width(t compiler.Type) Size {
	if t == compiler.TypeI32 || t == compiler.TypeF32 {
		return S32
	}
	return S64
}

func (e *emitter) constant(m *minst, dst regalloc.PReg) {
	bits := uint64(m.imm)
	switch {
	case isFloat(m.typ) && bits == 0:
		e.a.Packed(XorPS, xmm(dst), xmm(dst))
	case m.typ == compiler.TypeF32:
		e.a.MovF(S32, xmm(dst), e.a.Const32(uint32(bits)))
	case m.typ == compiler.TypeF64:
		e.a.MovF(S64, xmm(dst), e.a.Const64(bits))
	case bits == 0:
		e.a.ALU(Xor, S32, gp(dst), gp(dst))
	case m.typ == compiler.TypeI32:
		e.a.Mov(S32, gp(dst), Imm(uint32(bits)))
	default:
		e.a.Mov(S64, gp(dst), Imm(int64(bits)))
	}
}

// load and store move a value of type t between a register and an 8-byte
// stack slot.
func (e *emitter) load(t compiler.Type, dst regalloc.PReg, src Mem) {
	if isFloat(t) {
		e.a.MovF(width(t), xmm(dst), src)
		return
	}
	e.a.Mov(S64, gp(dst), src)
}

func (e *emitter) store(t compiler.Type, dst Mem, src regalloc.PReg) {
	if isFloat(t) {
		e.a.MovF(S64, dst, xmm(src))
		return
	}
	e.a.Mov(S64, dst, gp(src))
}

func (e *emitter) selectValue(m *minst, allocs []regalloc.PReg) {
	dst, cond, other := allocs[0], gp(allocs[1]), allocs[2]
	e.a.Test(S32, cond, cond)
	if !isFloat(m.typ) {
		e.a.Cmov(E, width(m.typ), gp(dst), gp(other))
		return
	}
	keep := e.a.NewLabel()
	e.a.Jcc(NE, keep)
	e.a.MovAPS(xmm(dst), xmm(other))
	e.a.Bind(keep)
}
