package arm64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// numeric emits a Wasm numeric operator (its shape is in isel_numeric.go).
// A Def may share its register with a Use that dies here, so every
// sequence reads its sources before writing dst, or goes through X15.
func (e *emitter) numeric(m *codegen.Inst, allocs []regalloc.PReg) {
	if _, ok := floatCompares[m.Num]; ok || codegen.IsFloat(m.Type) || isConversion(m.Num) {
		e.floatOp(m, allocs)
		return
	}
	a := e.a
	size := width(m.Type)
	switch numShapes[m.Num] {
	case shALU, shBinary:
		dst, x := gp(allocs[0]), gp(allocs[1])
		var y Operand
		if m.HasImm {
			y = Imm(m.Imm)
		} else {
			y = gp(allocs[2])
		}
		e.binary(m.Num, size, dst, x, y)
	case shCompare:
		c := e.compare(m, allocs[1:])
		a.CSet(gp(allocs[0]), c)
	case shUnary:
		e.intUnary(m.Num, size, gp(allocs[0]), gp(allocs[1]))
	}
}

var aluOf = map[wasm.Op]ALUOp{
	wasm.OpI32Add: Add, wasm.OpI32Sub: Sub, wasm.OpI32And: And, wasm.OpI32Or: Orr, wasm.OpI32Xor: Eor,
	wasm.OpI64Add: Add, wasm.OpI64Sub: Sub, wasm.OpI64And: And, wasm.OpI64Or: Orr, wasm.OpI64Xor: Eor,
}

var shiftOf = map[wasm.Op]ShiftOp{
	wasm.OpI32Shl: Lsl, wasm.OpI32ShrS: Asr, wasm.OpI32ShrU: Lsr, wasm.OpI32Rotr: Ror,
	wasm.OpI64Shl: Lsl, wasm.OpI64ShrS: Asr, wasm.OpI64ShrU: Lsr, wasm.OpI64Rotr: Ror,
}

func (e *emitter) binary(op wasm.Op, size Size, dst, x Reg, y Operand) {
	a := e.a
	if alu, ok := aluOf[op]; ok {
		a.ALU(alu, size, dst, x, y)
		return
	}
	if sh, ok := shiftOf[op]; ok {
		a.Shift(sh, size, dst, x, y) // the count is taken modulo the width, as in Wasm
		return
	}
	switch op {
	case wasm.OpI32Rotl, wasm.OpI64Rotl:
		// rotl(x, n) = rotr(x, -n mod width).
		if imm, ok := y.(Imm); ok {
			a.Shift(Ror, size, dst, x, Imm(-int64(imm)))
			return
		}
		a.Neg(size, scratchGP, y.(Reg))
		a.Shift(Ror, size, dst, x, scratchGP)
	case wasm.OpI32Mul, wasm.OpI64Mul:
		a.Mul(size, dst, x, y.(Reg))
	case wasm.OpI32DivS, wasm.OpI64DivS:
		// The zero and overflow traps were checked before (OpTrapIfZero,
		// OpCheckSDiv).
		a.SDiv(size, dst, x, y.(Reg))
	case wasm.OpI32DivU, wasm.OpI64DivU:
		a.UDiv(size, dst, x, y.(Reg))
	case wasm.OpI32RemS, wasm.OpI64RemS:
		// MinInt rem -1: sdiv gives MinInt, and x - MinInt*-1 wraps to 0,
		// which is Wasm's answer; no special case.
		a.SDiv(size, scratchGP, x, y.(Reg))
		a.MSub(size, dst, scratchGP, y.(Reg), x)
	case wasm.OpI32RemU, wasm.OpI64RemU:
		a.UDiv(size, scratchGP, x, y.(Reg))
		a.MSub(size, dst, scratchGP, y.(Reg), x)
	default:
		a.failf("no lowering for %v", op)
	}
}

// compare sets the flags for a comparison (ops: a[, b]) and returns the
// condition that means "true".
func (e *emitter) compare(m *codegen.Inst, ops []regalloc.PReg) Cond {
	if c, ok := floatCompares[m.Num]; ok {
		e.a.FCmp(width(m.Type), vreg(ops[0]), vreg(ops[1]))
		return c
	}
	size := width(m.Type)
	x := gp(ops[0])
	switch {
	case m.Num == wasm.OpI32Eqz || m.Num == wasm.OpI64Eqz:
		e.a.Cmp(size, x, Imm(0))
	case m.HasImm:
		e.a.Cmp(size, x, Imm(m.Imm))
	default:
		e.a.Cmp(size, x, gp(ops[1]))
	}
	return intCompares[m.Num]
}

func (e *emitter) intUnary(op wasm.Op, size Size, dst, src Reg) {
	a := e.a
	switch op {
	case wasm.OpI32Clz, wasm.OpI64Clz:
		a.Clz(size, dst, src)
	case wasm.OpI32Ctz, wasm.OpI64Ctz:
		a.Rbit(size, dst, src)
		a.Clz(size, dst, dst)
	case wasm.OpI32Popcnt, wasm.OpI64Popcnt:
		a.Popcnt(size, dst, src, scratchV)
	case wasm.OpI32Extend8S, wasm.OpI64Extend8S:
		a.Extend(Sxtb, size, dst, src)
	case wasm.OpI32Extend16S, wasm.OpI64Extend16S:
		a.Extend(Sxth, size, dst, src)
	case wasm.OpI64Extend32S, wasm.OpI64ExtendI32S:
		a.Extend(Sxtw, S64, dst, src)
	case wasm.OpI64ExtendI32U, wasm.OpI32WrapI64:
		a.Mov(S32, dst, src) // a 32-bit write clears the upper half
	default:
		a.failf("no lowering for %v", op)
	}
}
