package amd64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// numeric emits a Wasm numeric operator (its shape is in isel_numeric.go).
func (e *emitter) numeric(m *codegen.Inst, allocs []regalloc.PReg) {
	if codegen.IsFloat(m.Type) || isConversion(m.Num) {
		e.floatOp(m, allocs)
		return
	}
	a := e.a
	size := width(m.Type)
	var src RMI
	if m.HasImm {
		src = Imm(m.Imm)
	} else if len(allocs) > 1 {
		src = gp(allocs[1])
	}
	switch numShapes[m.Num] {
	case shALU, shBinary:
		dst := gp(allocs[0])
		if op, ok := aluOf[m.Num]; ok {
			a.ALU(op, size, dst, src)
		} else {
			a.Imul(size, dst, src.(Reg))
		}
	case shShift:
		if m.HasImm {
			// Wasm masks the count like the CPU does; masking here keeps
			// the immediate in range.
			src = Imm(m.Imm & (int64(size)*8 - 1))
		}
		a.Shift(shiftOf[m.Num], size, gp(allocs[0]), src)
	case shDivide:
		e.divide(m.Num, size, gp(allocs[1]))
	case shCompare:
		dst := gp(allocs[0])
		c := e.compare(m, allocs[1:])
		a.Setcc(c, dst)
		a.MovZX(S8, S32, dst, dst)
	case shUnary:
		e.intUnary(m.Num, size, gp(allocs[0]), gp(allocs[1]))
	}
}

var aluOf = map[wasm.Op]ALUOp{
	wasm.OpI32Add: Add, wasm.OpI32Sub: Sub, wasm.OpI32And: And, wasm.OpI32Or: Or, wasm.OpI32Xor: Xor,
	wasm.OpI64Add: Add, wasm.OpI64Sub: Sub, wasm.OpI64And: And, wasm.OpI64Or: Or, wasm.OpI64Xor: Xor,
}

var shiftOf = map[wasm.Op]ShiftOp{
	wasm.OpI32Shl: Shl, wasm.OpI32ShrS: Sar, wasm.OpI32ShrU: Shr, wasm.OpI32Rotl: Rol, wasm.OpI32Rotr: Ror,
	wasm.OpI64Shl: Shl, wasm.OpI64ShrS: Sar, wasm.OpI64ShrU: Shr, wasm.OpI64Rotl: Rol, wasm.OpI64Rotr: Ror,
}

// compare sets the flags for an integer comparison (ops: a[, b]) and
// returns the condition that means "true".
func (e *emitter) compare(m *codegen.Inst, ops []regalloc.PReg) Cond {
	size := width(m.Type)
	x := gp(ops[0])
	switch {
	case m.Num == wasm.OpI32Eqz || m.Num == wasm.OpI64Eqz:
		e.a.Test(size, x, x)
	case m.HasImm:
		e.a.ALU(Cmp, size, x, Imm(m.Imm))
	default:
		e.a.ALU(Cmp, size, x, gp(ops[1]))
	}
	return intCompares[m.Num]
}

// divide emits a division whose dividend is in RAX and whose result the
// allocator expects in RAX (quotient) or RDX (remainder). The zero and
// overflow traps were checked before; what remains is the one case x86
// faults on that Wasm defines: MinInt rem -1 is 0.
func (e *emitter) divide(op wasm.Op, size Size, divisor Reg) {
	a := e.a
	if divisor == RDX {
		// cqo or the zeroing of RDX would destroy it.
		a.Mov(S64, scratchGP, RDX)
		divisor = scratchGP
	}
	switch op {
	case wasm.OpI32DivU, wasm.OpI64DivU, wasm.OpI32RemU, wasm.OpI64RemU:
		a.ALU(Xor, S32, RDX, RDX)
		a.Div(size, divisor)
	case wasm.OpI32DivS, wasm.OpI64DivS:
		a.SignExtendAX(size)
		a.IDiv(size, divisor)
	default:
		normal, done := a.NewLabel(), a.NewLabel()
		a.ALU(Cmp, size, divisor, Imm(-1))
		a.Jcc(NE, normal)
		a.ALU(Xor, S32, RDX, RDX)
		a.Jmp(done)
		a.Bind(normal)
		a.SignExtendAX(size)
		a.IDiv(size, divisor)
		a.Bind(done)
	}
}

func (e *emitter) intUnary(op wasm.Op, size Size, dst, src Reg) {
	a := e.a
	bits := int64(size) * 8
	switch op {
	case wasm.OpI32Clz, wasm.OpI64Clz:
		if e.feat.LZCNT {
			a.BitCount(Lzcnt, size, dst, src)
			return
		}
		// bsr gives the index of the highest set bit; clz = index ^ (bits-1).
		// For zero, pick 2*bits-1, which the xor turns into bits.
		a.BitCount(Bsr, size, dst, src)
		a.Mov(S32, scratchGP, Imm(2*bits-1))
		a.Cmov(E, size, dst, scratchGP)
		a.ALU(Xor, size, dst, Imm(bits-1))
	case wasm.OpI32Ctz, wasm.OpI64Ctz:
		if e.feat.BMI1 {
			a.BitCount(Tzcnt, size, dst, src)
			return
		}
		a.BitCount(Bsf, size, dst, src)
		a.Mov(S32, scratchGP, Imm(bits))
		a.Cmov(E, size, dst, scratchGP)
	case wasm.OpI32Popcnt, wasm.OpI64Popcnt:
		if e.feat.POPCNT {
			a.BitCount(Popcnt, size, dst, src)
			return
		}
		e.popcntFallback(size, dst, src)
	case wasm.OpI32Extend8S, wasm.OpI64Extend8S:
		a.MovSX(S8, size, dst, src)
	case wasm.OpI32Extend16S, wasm.OpI64Extend16S:
		a.MovSX(S16, size, dst, src)
	case wasm.OpI64Extend32S, wasm.OpI64ExtendI32S:
		a.MovSX(S32, S64, dst, src)
	case wasm.OpI64ExtendI32U, wasm.OpI32WrapI64:
		a.Mov(S32, dst, src) // a 32-bit write clears the upper half
	}
}

// popcntFallback is the classic SWAR population count (Hacker's Delight
// 5-2) for CPUs without POPCNT, with R11 as the temporary and the masks in
// the literal pool.
func (e *emitter) popcntFallback(size Size, dst, src Reg) {
	a := e.a
	mask := func(v uint64) Mem {
		if size == S32 {
			return a.Const32(uint32(v))
		}
		return a.Const64(v)
	}
	if dst != src {
		a.Mov(size, dst, src)
	}
	a.Mov(size, scratchGP, dst)
	a.Shift(Shr, size, scratchGP, Imm(1))
	a.ALU(And, size, scratchGP, mask(0x5555555555555555))
	a.ALU(Sub, size, dst, scratchGP)
	a.Mov(size, scratchGP, dst)
	a.Shift(Shr, size, scratchGP, Imm(2))
	a.ALU(And, size, scratchGP, mask(0x3333333333333333))
	a.ALU(And, size, dst, mask(0x3333333333333333))
	a.ALU(Add, size, dst, scratchGP)
	a.Mov(size, scratchGP, dst)
	a.Shift(Shr, size, scratchGP, Imm(4))
	a.ALU(Add, size, dst, scratchGP)
	a.ALU(And, size, dst, mask(0x0f0f0f0f0f0f0f0f))
	a.Imul(size, dst, mask(0x0101010101010101))
	a.Shift(Shr, size, dst, Imm(int64(size)*8-8))
}
