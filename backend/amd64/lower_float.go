package amd64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"math"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// isConversion reports the operators from an integer operand to a float
// result; the ones from a float operand are recognized by their operand.
func isConversion(op wasm.Op) bool {
	switch op {
	case wasm.OpF32ConvertI32S, wasm.OpF32ConvertI32U, wasm.OpF32ConvertI64S, wasm.OpF32ConvertI64U,
		wasm.OpF64ConvertI32S, wasm.OpF64ConvertI32U, wasm.OpF64ConvertI64S, wasm.OpF64ConvertI64U,
		wasm.OpF32ReinterpretI32, wasm.OpF64ReinterpretI64:
		return true
	}
	return false
}

// floatConst is a float constant of the given width.
func (e *emitter) floatConst(size Size, x float64) Mem {
	if size == S32 {
		return e.a.Const32(math.Float32bits(float32(x)))
	}
	return e.a.Const64(math.Float64bits(x))
}

// signMask and absMask are the 128-bit masks of the packed bitwise ops.
func (e *emitter) signMask(size Size) Mem {
	if size == S32 {
		return e.a.Const128(1<<31, 0)
	}
	return e.a.Const128(1<<63, 0)
}

func (e *emitter) absMask(size Size) Mem {
	if size == S32 {
		return e.a.Const128(1<<31-1, 0)
	}
	return e.a.Const128(1<<63-1, 0)
}

var floatArith = map[wasm.Op]FloatOp{
	wasm.OpF32Add: FAdd, wasm.OpF32Sub: FSub, wasm.OpF32Mul: FMul, wasm.OpF32Div: FDiv,
	wasm.OpF64Add: FAdd, wasm.OpF64Sub: FSub, wasm.OpF64Mul: FMul, wasm.OpF64Div: FDiv,
}

var roundModes = map[wasm.Op]RoundMode{
	wasm.OpF32Ceil: RoundCeil, wasm.OpF32Floor: RoundFloor, wasm.OpF32Trunc: RoundTrunc, wasm.OpF32Nearest: RoundNearest,
	wasm.OpF64Ceil: RoundCeil, wasm.OpF64Floor: RoundFloor, wasm.OpF64Trunc: RoundTrunc, wasm.OpF64Nearest: RoundNearest,
}

func (e *emitter) floatOp(m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	size := width(m.Type) // the operand's width
	switch m.Num {
	case wasm.OpF32Min, wasm.OpF64Min, wasm.OpF32Max, wasm.OpF64Max:
		e.minMax(m.Num, size, xmm(allocs[0]), xmm(allocs[1]))
	case wasm.OpF32Copysign, wasm.OpF64Copysign:
		dst := xmm(allocs[0])
		a.MovAPS(scratchXMM, xmm(allocs[1]))
		a.Packed(AndPS, scratchXMM, e.signMask(size))
		a.Packed(AndPS, dst, e.absMask(size))
		a.Packed(OrPS, dst, scratchXMM)
	case wasm.OpF32Abs, wasm.OpF64Abs, wasm.OpF32Neg, wasm.OpF64Neg:
		dst, src := xmm(allocs[0]), xmm(allocs[1])
		if dst != src {
			a.MovAPS(dst, src)
		}
		if m.Num == wasm.OpF32Abs || m.Num == wasm.OpF64Abs {
			a.Packed(AndPS, dst, e.absMask(size))
		} else {
			a.Packed(XorPS, dst, e.signMask(size))
		}
	case wasm.OpF32Sqrt, wasm.OpF64Sqrt:
		a.Float(FSqrt, size, xmm(allocs[0]), xmm(allocs[1]))
	case wasm.OpF32Ceil, wasm.OpF64Ceil, wasm.OpF32Floor, wasm.OpF64Floor,
		wasm.OpF32Trunc, wasm.OpF64Trunc, wasm.OpF32Nearest, wasm.OpF64Nearest:
		if !e.feat.SSE41 {
			a.failf("%v needs SSE4.1", m.Num)
			return
		}
		a.Round(size, roundModes[m.Num], xmm(allocs[0]), xmm(allocs[1]))
	case wasm.OpF32Eq, wasm.OpF64Eq, wasm.OpF32Ne, wasm.OpF64Ne, wasm.OpF32Lt, wasm.OpF64Lt,
		wasm.OpF32Gt, wasm.OpF64Gt, wasm.OpF32Le, wasm.OpF64Le, wasm.OpF32Ge, wasm.OpF64Ge:
		e.floatCompare(m.Num, size, gp(allocs[0]), xmm(allocs[1]), xmm(allocs[2]))
	case wasm.OpI32ReinterpretF32, wasm.OpI64ReinterpretF64:
		a.MovFromX(size, gp(allocs[0]), xmm(allocs[1]))
	case wasm.OpF32ReinterpretI32, wasm.OpF64ReinterpretI64:
		a.MovToX(size, xmm(allocs[0]), gp(allocs[1]))
	case wasm.OpF32DemoteF64:
		a.CvtFloat(S32, xmm(allocs[0]), xmm(allocs[1]))
	case wasm.OpF64PromoteF32:
		a.CvtFloat(S64, xmm(allocs[0]), xmm(allocs[1]))
	default:
		if op, ok := floatArith[m.Num]; ok {
			a.Float(op, size, xmm(allocs[0]), xmm(allocs[1]))
		} else if isConversion(m.Num) {
			e.intToFloat(m.Num, xmm(allocs[0]), gp(allocs[1]), allocs)
		} else {
			e.floatToInt(m.Num, size, gp(allocs[0]), xmm(allocs[1]))
		}
	}
}

// minMax implements Wasm's min and max: NaN if either operand is NaN, and
// -0 < +0. minss/maxss get neither right (they return the second operand
// for NaNs and for equal operands), so equal and unordered operands take
// their own paths: for equal ones, or-ing (min) or and-ing (max) the bits
// merges the signs of zeros and is the identity otherwise; for unordered
// ones, an add returns a quiet NaN.
func (e *emitter) minMax(op wasm.Op, size Size, dst, src XReg) {
	a := e.a
	isMin := op == wasm.OpF32Min || op == wasm.OpF64Min
	nan, ordered, done := a.NewLabel(), a.NewLabel(), a.NewLabel()
	a.Ucomis(size, dst, src)
	a.Jcc(P, nan)
	a.Jcc(NE, ordered)
	if isMin {
		a.Packed(OrPS, dst, src)
	} else {
		a.Packed(AndPS, dst, src)
	}
	a.Jmp(done)
	a.Bind(nan)
	a.Float(FAdd, size, dst, src)
	a.Jmp(done)
	a.Bind(ordered)
	if isMin {
		a.Float(FMin, size, dst, src)
	} else {
		a.Float(FMax, size, dst, src)
	}
	a.Bind(done)
}

// floatCompare materializes a float comparison. ucomis reports unordered
// as ZF=PF=CF=1, so the "less" forms compare the other way round and test
// "above", which excludes unordered for free; eq and ne combine two flags.
func (e *emitter) floatCompare(op wasm.Op, size Size, dst Reg, x, y XReg) {
	a := e.a
	a.ALU(Xor, S32, dst, dst) // before ucomis: xor clobbers the flags
	switch op {
	case wasm.OpF32Eq, wasm.OpF64Eq:
		a.Ucomis(size, x, y)
		a.Setcc(E, dst)
		a.Setcc(NP, scratchGP)
		a.ALU(And, S8, dst, scratchGP)
	case wasm.OpF32Ne, wasm.OpF64Ne:
		a.Ucomis(size, x, y)
		a.Setcc(NE, dst)
		a.Setcc(P, scratchGP)
		a.ALU(Or, S8, dst, scratchGP)
	case wasm.OpF32Lt, wasm.OpF64Lt:
		a.Ucomis(size, y, x)
		a.Setcc(A, dst)
	case wasm.OpF32Le, wasm.OpF64Le:
		a.Ucomis(size, y, x)
		a.Setcc(AE, dst)
	case wasm.OpF32Gt, wasm.OpF64Gt:
		a.Ucomis(size, x, y)
		a.Setcc(A, dst)
	case wasm.OpF32Ge, wasm.OpF64Ge:
		a.Ucomis(size, x, y)
		a.Setcc(AE, dst)
	}
}

// intToFloat converts an integer; allocs[2] is an integer temporary for the
// unsigned 64-bit forms.
func (e *emitter) intToFloat(op wasm.Op, dst XReg, src Reg, allocs []regalloc.PReg) {
	a := e.a
	fsize := S64
	switch op {
	case wasm.OpF32ConvertI32S, wasm.OpF32ConvertI32U, wasm.OpF32ConvertI64S, wasm.OpF32ConvertI64U:
		fsize = S32
	}
	// cvtsi2ss/sd merge into dst: clear it to break the dependency on its
	// previous value.
	a.Packed(XorPS, dst, dst)
	switch op {
	case wasm.OpF32ConvertI32S, wasm.OpF64ConvertI32S:
		a.CvtIntToFloat(fsize, S32, dst, src)
	case wasm.OpF32ConvertI32U, wasm.OpF64ConvertI32U:
		a.Mov(S32, scratchGP, src) // zero-extended, then exact as a signed i64
		a.CvtIntToFloat(fsize, S64, dst, scratchGP)
	case wasm.OpF32ConvertI64S, wasm.OpF64ConvertI64S:
		a.CvtIntToFloat(fsize, S64, dst, src)
	default:
		// Values with the top bit set: convert half of it, keeping the
		// low bit as a sticky bit so the rounding is still correct, and
		// double the result.
		tmp := gp(allocs[2])
		big, done := a.NewLabel(), a.NewLabel()
		a.Test(S64, src, src)
		a.Jcc(S, big)
		a.CvtIntToFloat(fsize, S64, dst, src)
		a.Jmp(done)
		a.Bind(big)
		a.Mov(S64, scratchGP, src)
		a.Shift(Shr, S64, scratchGP, Imm(1))
		a.Mov(S64, tmp, src)
		a.ALU(And, S32, tmp, Imm(1))
		a.ALU(Or, S64, scratchGP, tmp)
		a.CvtIntToFloat(fsize, S64, dst, scratchGP)
		a.Float(FAdd, fsize, dst, dst)
		a.Bind(done)
	}
}

// truncInfo describes a float-to-integer conversion.
type truncInfo struct {
	isize  Size
	signed bool
	sat    bool
}

var truncs = map[wasm.Op]truncInfo{
	wasm.OpI32TruncF32S: {S32, true, false}, wasm.OpI32TruncF64S: {S32, true, false},
	wasm.OpI32TruncF32U: {S32, false, false}, wasm.OpI32TruncF64U: {S32, false, false},
	wasm.OpI64TruncF32S: {S64, true, false}, wasm.OpI64TruncF64S: {S64, true, false},
	wasm.OpI64TruncF32U: {S64, false, false}, wasm.OpI64TruncF64U: {S64, false, false},
	wasm.OpI32TruncSatF32S: {S32, true, true}, wasm.OpI32TruncSatF64S: {S32, true, true},
	wasm.OpI32TruncSatF32U: {S32, false, true}, wasm.OpI32TruncSatF64U: {S32, false, true},
	wasm.OpI64TruncSatF32S: {S64, true, true}, wasm.OpI64TruncSatF64S: {S64, true, true},
	wasm.OpI64TruncSatF32U: {S64, false, true}, wasm.OpI64TruncSatF64U: {S64, false, true},
}

// floatToInt truncates toward zero. The trapping forms run after their
// OpCheckTrunc, so their operand is in range; the saturating ones clamp.
// cvttss2si/cvttsd2si produce MinInt ("integer indefinite") for NaN and
// out-of-range inputs, which the sequences below detect.
func (e *emitter) floatToInt(op wasm.Op, fsize Size, dst Reg, src XReg) {
	a := e.a
	ti, ok := truncs[op]
	if !ok {
		a.failf("no lowering for %v", op)
		return
	}
	done := a.NewLabel()
	switch {
	case ti.signed && !ti.sat:
		a.CvtFloatToInt(ti.isize, fsize, dst, src)
	case ti.signed:
		nan := a.NewLabel()
		a.CvtFloatToInt(ti.isize, fsize, dst, src)
		a.ALU(Cmp, ti.isize, dst, Imm(1)) // OF: dst is MinInt
		a.Jcc(NO, done)
		a.Ucomis(fsize, src, src)
		a.Jcc(P, nan)
		a.Packed(XorPS, scratchXMM, scratchXMM)
		a.Ucomis(fsize, src, scratchXMM)
		a.Jcc(B, done) // negative overflow: MinInt is right
		if ti.isize == S32 {
			a.Mov(S32, dst, Imm(math.MaxInt32))
		} else {
			a.Mov(S64, dst, Imm(math.MaxInt64))
		}
		a.Jmp(done)
		a.Bind(nan)
		a.ALU(Xor, S32, dst, dst)
	case ti.isize == S32:
		// Unsigned 32-bit: in range as a signed 64-bit conversion.
		if ti.sat {
			maxL := a.NewLabel()
			a.Ucomis(fsize, src, e.floatConst(fsize, 1<<32))
			a.Jcc(AE, maxL)
			e.clampNegative(fsize, dst, src, done)
			a.Bind(maxL)
			a.Mov(S32, dst, Imm(math.MaxUint32))
		} else {
			a.CvtFloatToInt(S64, fsize, dst, src)
		}
	default:
		// Unsigned 64-bit: values from 2^63 up are converted after
		// subtracting 2^63, which is then added back as the top bit.
		big := a.NewLabel()
		var maxL Label
		if ti.sat {
			maxL = a.NewLabel()
			a.Ucomis(fsize, src, e.floatConst(fsize, 1<<64))
			a.Jcc(AE, maxL)
		}
		a.Ucomis(fsize, src, e.floatConst(fsize, 1<<63))
		a.Jcc(AE, big)
		if ti.sat {
			e.clampNegative(fsize, dst, src, done)
		} else {
			a.CvtFloatToInt(S64, fsize, dst, src)
			a.Jmp(done)
		}
		a.Bind(big)
		a.MovAPS(scratchXMM, src)
		a.Float(FSub, fsize, scratchXMM, e.floatConst(fsize, 1<<63))
		a.CvtFloatToInt(S64, fsize, dst, scratchXMM)
		a.Mov(S64, scratchGP, Imm(math.MinInt64))
		a.ALU(Xor, S64, dst, scratchGP)
		if ti.sat {
			a.Jmp(done)
			a.Bind(maxL)
			a.Mov(S64, dst, Imm(-1))
		}
	}
	a.Bind(done)
}

// clampNegative converts src (known below the unsigned maximum) as a
// signed 64-bit value and replaces negative results (NaN gives MinInt,
// values <= -1 are negative) with 0, then jumps to done.
func (e *emitter) clampNegative(fsize Size, dst Reg, src XReg, done Label) {
	a := e.a
	a.CvtFloatToInt(S64, fsize, dst, src)
	a.Test(S64, dst, dst)
	a.Jcc(NS, done)
	a.ALU(Xor, S32, dst, dst)
	a.Jmp(done)
}

// checkTrunc traps for the operands of a trapping conversion whose
// truncation does not fit: NaN is "invalid conversion to integer", other
// out-of-range values the check's trap code ("integer overflow"). The
// bounds are exact floats: the valid inputs are lo < x < hi, or lo <= x
// when lo itself truncates to the minimum (a power of two, exactly
// representable) rather than being the float just below it.
func (e *emitter) checkTrunc(m *codegen.Inst, x XReg) {
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
		// -2^(n-1) - 1 is not representable here: the float below -2^(n-1)
		// is already far below it.
		bits := int(ti.isize) * 8
		lo, hi, loInclusive = -math.Ldexp(1, bits-1), math.Ldexp(1, bits-1), true
	}
	overflow := e.trapStub(m.Trap, m.Offset)
	a.Ucomis(fsize, x, x)
	a.Jcc(P, e.trapStub(abi.TrapInvalidConversion, m.Offset))
	a.Ucomis(fsize, x, e.floatConst(fsize, lo))
	if loInclusive {
		a.Jcc(B, overflow)
	} else {
		a.Jcc(BE, overflow)
	}
	a.Ucomis(fsize, x, e.floatConst(fsize, hi))
	a.Jcc(AE, overflow)
}
