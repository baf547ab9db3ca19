package arm64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// isConversion reports whether op converts between integers and floats
// (including reinterpretations), whose operand or result is an integer.
func isConversion(op wasm.Op) bool {
	_, ok := convs[op]
	return ok
}

// conv describes a conversion: the integer and float widths, and whether
// the integer is signed.
type conv struct {
	kind   uint8 // convToInt, convToFloat, convReinterpretToInt, convReinterpretToFloat
	signed bool
	isize  Size
	fsize  Size
}

const (
	convToInt uint8 = iota
	convToFloat
	convBitsToInt
	convBitsToFloat
)

var convs = map[wasm.Op]conv{
	wasm.OpI32ReinterpretF32: {convBitsToInt, false, S32, S32},
	wasm.OpI64ReinterpretF64: {convBitsToInt, false, S64, S64},
	wasm.OpF32ReinterpretI32: {convBitsToFloat, false, S32, S32},
	wasm.OpF64ReinterpretI64: {convBitsToFloat, false, S64, S64},
	wasm.OpF32ConvertI32S:    {convToFloat, true, S32, S32},
	wasm.OpF32ConvertI32U:    {convToFloat, false, S32, S32},
	wasm.OpF32ConvertI64S:    {convToFloat, true, S64, S32},
	wasm.OpF32ConvertI64U:    {convToFloat, false, S64, S32},
	wasm.OpF64ConvertI32S:    {convToFloat, true, S32, S64},
	wasm.OpF64ConvertI32U:    {convToFloat, false, S32, S64},
	wasm.OpF64ConvertI64S:    {convToFloat, true, S64, S64},
	wasm.OpF64ConvertI64U:    {convToFloat, false, S64, S64},
}

func init() {
	// fcvtzs/fcvtzu saturate and give 0 for NaN: exactly the trunc_sat
	// semantics, and the trapping forms were checked before
	// (OpCheckTrunc), so both are one instruction.
	for op, ti := range truncs {
		fs := S32
		switch op {
		case wasm.OpI32TruncF64S, wasm.OpI32TruncF64U, wasm.OpI64TruncF64S, wasm.OpI64TruncF64U,
			wasm.OpI32TruncSatF64S, wasm.OpI32TruncSatF64U, wasm.OpI64TruncSatF64S, wasm.OpI64TruncSatF64U:
			fs = S64
		}
		convs[op] = conv{convToInt, ti.signed, ti.isize, fs}
	}
}

var floatBinOps = map[wasm.Op]FloatOp{
	wasm.OpF32Add: FAdd, wasm.OpF32Sub: FSub, wasm.OpF32Mul: FMul, wasm.OpF32Div: FDiv, wasm.OpF32Min: FMin, wasm.OpF32Max: FMax,
	wasm.OpF64Add: FAdd, wasm.OpF64Sub: FSub, wasm.OpF64Mul: FMul, wasm.OpF64Div: FDiv, wasm.OpF64Min: FMin, wasm.OpF64Max: FMax,
}

var floatUnOps = map[wasm.Op]FUnaryOp{
	wasm.OpF32Abs: FAbs, wasm.OpF32Neg: FNeg, wasm.OpF32Sqrt: FSqrt, wasm.OpF32Ceil: FRintP,
	wasm.OpF32Floor: FRintM, wasm.OpF32Trunc: FRintZ, wasm.OpF32Nearest: FRintN,
	wasm.OpF64Abs: FAbs, wasm.OpF64Neg: FNeg, wasm.OpF64Sqrt: FSqrt, wasm.OpF64Ceil: FRintP,
	wasm.OpF64Floor: FRintM, wasm.OpF64Trunc: FRintZ, wasm.OpF64Nearest: FRintN,
}

// floatOp emits float arithmetic, float comparisons and conversions. The
// hardware's fmin/fmax are IEEE 754-2019 minimum/maximum (NaN-propagating,
// -0 < +0) and its roundings are Wasm's.
func (e *emitter) floatOp(m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	size := width(m.Type)
	if c, ok := convs[m.Num]; ok {
		switch c.kind {
		case convBitsToInt:
			a.FMovToGP(c.isize, gp(allocs[0]), vreg(allocs[1]))
		case convBitsToFloat:
			a.FMovFromGP(c.fsize, vreg(allocs[0]), gp(allocs[1]))
		case convToInt:
			a.FCvtToInt(c.signed, c.isize, c.fsize, gp(allocs[0]), vreg(allocs[1]))
		case convToFloat:
			a.IntToFloat(c.signed, c.fsize, c.isize, vreg(allocs[0]), gp(allocs[1]))
		}
		return
	}
	if _, ok := floatCompares[m.Num]; ok {
		c := e.compare(m, allocs[1:])
		a.CSet(gp(allocs[0]), c)
		return
	}
	if op, ok := floatBinOps[m.Num]; ok {
		a.Float(op, size, vreg(allocs[0]), vreg(allocs[1]), vreg(allocs[2]))
		return
	}
	if op, ok := floatUnOps[m.Num]; ok {
		a.FUnary(op, size, vreg(allocs[0]), vreg(allocs[1]))
		return
	}
	switch m.Num {
	case wasm.OpF32DemoteF64:
		a.FCvt(S32, vreg(allocs[0]), vreg(allocs[1]))
	case wasm.OpF64PromoteF32:
		a.FCvt(S64, vreg(allocs[0]), vreg(allocs[1]))
	case wasm.OpF32Copysign, wasm.OpF64Copysign:
		// Through X15 and X16: |x| with y's sign bit. Both masks are
		// bitmask immediates, so the assembler needs no scratch of its own.
		sign := int64(-1) << 63
		if size == S32 {
			sign = int64(uint32(1) << 31)
		}
		a.FMovToGP(size, scratchGP, vreg(allocs[1]))
		a.FMovToGP(size, Scratch, vreg(allocs[2]))
		a.ALU(And, size, Scratch, Scratch, Imm(sign))
		a.ALU(And, size, scratchGP, scratchGP, Imm(^sign))
		a.ALU(Orr, size, scratchGP, scratchGP, Scratch)
		a.FMovFromGP(size, vreg(allocs[0]), scratchGP)
	default:
		a.failf("no lowering for %v", m.Num)
	}
}
