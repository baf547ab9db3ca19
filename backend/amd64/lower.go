package amd64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// emitter writes the allocated function through the Assembler; it is the
// regalloc.Emitter of Result.Emit. Errors are sticky in the Assembler.
type emitter struct {
	a     *Assembler
	s     *codegen.Selector
	feat  Features
	frame frameLayout

	labels []Label // per machine block
	cur    int     // the block being emitted

	codegen.Emission[Mark]
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
	m := &e.s.Insts[i]
	switch m.Kind {
	case codegen.Move:
		c := regalloc.ClassInt
		if codegen.IsFloat(m.Type) {
			c = regalloc.ClassFloat
		}
		e.Move(c, allocs[0], allocs[1])
	case codegen.Const:
		e.constant(m, allocs[0])
	case codegen.Temp, codegen.Params:
		// No code: the values are already where the allocator put them.
	case codegen.LoadArg:
		e.load(m.Type, allocs[0], Base(RBP, int32(m.Imm)))
	case codegen.LoadRes:
		e.load(m.Type, allocs[0], Base(RSP, int32(m.Imm)))
	case codegen.StoreOut:
		e.store(m.Type, Base(RSP, int32(m.Imm)), allocs[0])
	case codegen.StoreRes:
		e.store(m.Type, Base(RBP, int32(m.Imm)), allocs[0])
	case codegen.Numeric:
		e.numeric(m, allocs)
	case codegen.Select:
		e.selectValue(m, allocs)
	case codegen.Check:
		e.check(m, allocs)
	case codegen.Safepoint:
		e.interruptCheck()
	case codegen.Call:
		e.call(i, m, allocs)
	case codegen.Ret:
		e.epilogue(m.ArgBytes)
	case codegen.Jump:
		e.jumpTo(int(m.Targets[0]))
	case codegen.Branch:
		e.a.Test(S32, gp(allocs[0]), gp(allocs[0]))
		e.branch(NE, m.Targets)
	case codegen.CastBranch:
		// The cast jumps to the no-match target itself and falls
		// through on a match.
		e.cast(m.Heap, m.Nullable, gp(allocs[0]), e.labels[m.Targets[1]])
		e.jumpTo(int(m.Targets[0]))
	case codegen.CmpBranch:
		e.branch(e.compare(m, allocs), m.Targets)
	case codegen.BrTable:
		e.brTable(m, gp(allocs[0]), gp(allocs[1]))
	case codegen.Trap:
		e.trapExit(m.Trap, m.Offset)
	default:
		if !e.vmInst(i, m, allocs) {
			e.a.failf("minst kind %d has no emitter", m.Kind)
		}
	}
}

// width is the operand size of integer type t (references are 64-bit).
func width(t compiler.Type) Size {
	if t == compiler.TypeI32 || t == compiler.TypeF32 {
		return S32
	}
	return S64
}

func (e *emitter) constant(m *codegen.Inst, dst regalloc.PReg) {
	bits := uint64(m.Imm)
	switch {
	case codegen.IsFloat(m.Type) && bits == 0:
		e.a.Packed(XorPS, xmm(dst), xmm(dst))
	case m.Type == compiler.TypeF32:
		e.a.MovF(S32, xmm(dst), e.a.Const32(uint32(bits)))
	case m.Type == compiler.TypeF64:
		e.a.MovF(S64, xmm(dst), e.a.Const64(bits))
	case bits == 0:
		e.a.ALU(Xor, S32, gp(dst), gp(dst))
	case m.Type == compiler.TypeI32:
		e.a.Mov(S32, gp(dst), Imm(uint32(bits)))
	default:
		e.a.Mov(S64, gp(dst), Imm(int64(bits)))
	}
}

// load and store move a value of type t between a register and an 8-byte
// stack slot.
func (e *emitter) load(t compiler.Type, dst regalloc.PReg, src Mem) {
	if codegen.IsFloat(t) {
		e.a.MovF(width(t), xmm(dst), src)
		return
	}
	e.a.Mov(S64, gp(dst), src)
}

func (e *emitter) store(t compiler.Type, dst Mem, src regalloc.PReg) {
	if codegen.IsFloat(t) {
		e.a.MovF(S64, dst, xmm(src))
		return
	}
	e.a.Mov(S64, dst, gp(src))
}

func (e *emitter) selectValue(m *codegen.Inst, allocs []regalloc.PReg) {
	dst, cond, other := allocs[0], gp(allocs[1]), allocs[2]
	e.a.Test(S32, cond, cond)
	if !codegen.IsFloat(m.Type) {
		e.a.Cmov(E, width(m.Type), gp(dst), gp(other))
		return
	}
	keep := e.a.NewLabel()
	e.a.Jcc(NE, keep)
	e.a.MovAPS(xmm(dst), xmm(other))
	e.a.Bind(keep)
}
