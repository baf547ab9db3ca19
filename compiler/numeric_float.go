package compiler

import (
	"math"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

func f32(b uint64) float32      { return math.Float32frombits(uint32(b)) }
func f64(b uint64) float64      { return math.Float64frombits(b) }
func f32b(x float32) uint64     { return uint64(math.Float32bits(x)) }
func f64b(x float64) uint64     { return math.Float64bits(x) }
func isNaN32(x float32) bool    { return x != x }
func isNaN64(x float64) bool    { return x != x }
func round32(x float32) float32 { return float32(math.RoundToEven(float64(x))) }

const (
	signBit32 = 1 << 31
	signBit64 = 1 << 63
)

// evalFloat covers float arithmetic, comparisons and every conversion.
// Sign operations (abs, neg, copysign) are bit operations so that NaN
// payloads pass through, as Wasm requires.
func evalFloat(op wasm.Op, a, b uint64) (uint64, abi.TrapCode, bool) {
	x32, y32 := f32(a), f32(b)
	x64, y64 := f64(a), f64(b)
	switch op {
	case wasm.OpF32Eq:
		return b2u(x32 == y32), 0, true
	case wasm.OpF32Ne:
		return b2u(x32 != y32), 0, true
	case wasm.OpF32Lt:
		return b2u(x32 < y32), 0, true
	case wasm.OpF32Gt:
		return b2u(x32 > y32), 0, true
	case wasm.OpF32Le:
		return b2u(x32 <= y32), 0, true
	case wasm.OpF32Ge:
		return b2u(x32 >= y32), 0, true
	case wasm.OpF64Eq:
		return b2u(x64 == y64), 0, true
	case wasm.OpF64Ne:
		return b2u(x64 != y64), 0, true
	case wasm.OpF64Lt:
		return b2u(x64 < y64), 0, true
	case wasm.OpF64Gt:
		return b2u(x64 > y64), 0, true
	case wasm.OpF64Le:
		return b2u(x64 <= y64), 0, true
	case wasm.OpF64Ge:
		return b2u(x64 >= y64), 0, true

	case wasm.OpF32Abs:
		return a &^ signBit32 & 0xffffffff, 0, true
	case wasm.OpF32Neg:
		return (a ^ signBit32) & 0xffffffff, 0, true
	case wasm.OpF32Copysign:
		return (a&^signBit32 | b&signBit32) & 0xffffffff, 0, true
	case wasm.OpF32Ceil:
		return f32b(float32(math.Ceil(float64(x32)))), 0, true
	case wasm.OpF32Floor:
		return f32b(float32(math.Floor(float64(x32)))), 0, true
	case wasm.OpF32Trunc:
		return f32b(float32(math.Trunc(float64(x32)))), 0, true
	case wasm.OpF32Nearest:
		return f32b(round32(x32)), 0, true
	case wasm.OpF32Sqrt:
		// Exact: rounding the double sqrt to float32 cannot double-round.
		return f32b(float32(math.Sqrt(float64(x32)))), 0, true
	case wasm.OpF32Add:
		return f32b(x32 + y32), 0, true
	case wasm.OpF32Sub:
		return f32b(x32 - y32), 0, true
	case wasm.OpF32Mul:
		return f32b(x32 * y32), 0, true
	case wasm.OpF32Div:
		return f32b(x32 / y32), 0, true
	case wasm.OpF32Min:
		return f32b(float32(fminmax(float64(x32), float64(y32), true))), 0, true
	case wasm.OpF32Max:
		return f32b(float32(fminmax(float64(x32), float64(y32), false))), 0, true

	case wasm.OpF64Abs:
		return a &^ signBit64, 0, true
	case wasm.OpF64Neg:
		return a ^ signBit64, 0, true
	case wasm.OpF64Copysign:
		return a&^signBit64 | b&signBit64, 0, true
	case wasm.OpF64Ceil:
		return f64b(math.Ceil(x64)), 0, true
	case wasm.OpF64Floor:
		return f64b(math.Floor(x64)), 0, true
	case wasm.OpF64Trunc:
		return f64b(math.Trunc(x64)), 0, true
	case wasm.OpF64Nearest:
		return f64b(math.RoundToEven(x64)), 0, true
	case wasm.OpF64Sqrt:
		return f64b(math.Sqrt(x64)), 0, true
	case wasm.OpF64Add:
		return f64b(x64 + y64), 0, true
	case wasm.OpF64Sub:
		return f64b(x64 - y64), 0, true
	case wasm.OpF64Mul:
		return f64b(x64 * y64), 0, true
	case wasm.OpF64Div:
		return f64b(x64 / y64), 0, true
	case wasm.OpF64Min:
		return f64b(fminmax(x64, y64, true)), 0, true
	case wasm.OpF64Max:
		return f64b(fminmax(x64, y64, false)), 0, true
	}
	return evalConvert(op, a)
}

// fminmax is Wasm's min/max: NaN if either operand is NaN, and -0 < +0.
// float32 operands are exact in float64, so both widths share it.
func fminmax(x, y float64, isMin bool) float64 {
	switch {
	case isNaN64(x) || isNaN64(y):
		return x + y // propagates a NaN operand (quieted)
	case x == y:
		// Equal values differ only in the sign of zero.
		if isMin == math.Signbit(x) {
			return x
		}
		return y
	case (x < y) == isMin:
		return x
	}
	return y
}

func evalConvert(op wasm.Op, a uint64) (uint64, abi.TrapCode, bool) {
	switch op {
	case wasm.OpF32ConvertI32S:
		return f32b(float32(int32(a))), 0, true
	case wasm.OpF32ConvertI32U:
		return f32b(float32(uint32(a))), 0, true
	case wasm.OpF32ConvertI64S:
		return f32b(float32(int64(a))), 0, true
	case wasm.OpF32ConvertI64U:
		return f32b(float32(a)), 0, true
	case wasm.OpF32DemoteF64:
		return f32b(float32(f64(a))), 0, true
	case wasm.OpF64ConvertI32S:
		return f64b(float64(int32(a))), 0, true
	case wasm.OpF64ConvertI32U:
		return f64b(float64(uint32(a))), 0, true
	case wasm.OpF64ConvertI64S:
		return f64b(float64(int64(a))), 0, true
	case wasm.OpF64ConvertI64U:
		return f64b(float64(a)), 0, true
	case wasm.OpF64PromoteF32:
		return f64b(float64(f32(a))), 0, true
	case wasm.OpI32ReinterpretF32, wasm.OpF32ReinterpretI32:
		return a & 0xffffffff, 0, true
	case wasm.OpI64ReinterpretF64, wasm.OpF64ReinterpretI64:
		return a, 0, true
	}
	if tr, ok := truncRanges[op]; ok {
		return evalTrunc(tr, a)
	}
	return 0, 0, false
}

// truncRange describes a float->int truncation: its operand width and the
// open interval (lo, hi) of operands whose truncation fits the result.
// Both bounds are exact in float64.
type truncRange struct {
	from64, to64, signed, sat bool
	lo, hi                    float64
}

var (
	rangeI32S = [2]float64{-2147483649, 2147483648}
	rangeI32U = [2]float64{-1, 4294967296}
	// -2^63 itself is in range; the next float below it is far enough
	// below that a slightly smaller open bound is still exact in float64.
	rangeI64S = [2]float64{-9223372036854777856, 9223372036854775808}
	rangeI64U = [2]float64{-1, 18446744073709551616}
)

func tr(from64, to64, signed, sat bool, r [2]float64) truncRange {
	return truncRange{from64, to64, signed, sat, r[0], r[1]}
}

var truncRanges = map[wasm.Op]truncRange{
	wasm.OpI32TruncF32S:    tr(false, false, true, false, rangeI32S),
	wasm.OpI32TruncF32U:    tr(false, false, false, false, rangeI32U),
	wasm.OpI32TruncF64S:    tr(true, false, true, false, rangeI32S),
	wasm.OpI32TruncF64U:    tr(true, false, false, false, rangeI32U),
	wasm.OpI64TruncF32S:    tr(false, true, true, false, rangeI64S),
	wasm.OpI64TruncF32U:    tr(false, true, false, false, rangeI64U),
	wasm.OpI64TruncF64S:    tr(true, true, true, false, rangeI64S),
	wasm.OpI64TruncF64U:    tr(true, true, false, false, rangeI64U),
	wasm.OpI32TruncSatF32S: tr(false, false, true, true, rangeI32S),
	wasm.OpI32TruncSatF32U: tr(false, false, false, true, rangeI32U),
	wasm.OpI32TruncSatF64S: tr(true, false, true, true, rangeI32S),
	wasm.OpI32TruncSatF64U: tr(true, false, false, true, rangeI32U),
	wasm.OpI64TruncSatF32S: tr(false, true, true, true, rangeI64S),
	wasm.OpI64TruncSatF32U: tr(false, true, false, true, rangeI64U),
	wasm.OpI64TruncSatF64S: tr(true, true, true, true, rangeI64S),
	wasm.OpI64TruncSatF64U: tr(true, true, false, true, rangeI64U),
}

// isTrappingTrunc reports whether op is a float->int conversion that traps
// (the non-saturating ones), which the frontend guards with OpCheckTrunc.
func isTrappingTrunc(op wasm.Op) bool {
	r, ok := truncRanges[op]
	return ok && !r.sat
}

// truncCheck returns the trap a trapping truncation of a raises, or 0.
func truncCheck(op wasm.Op, a uint64) abi.TrapCode {
	r, ok := truncRanges[op]
	if !ok || r.sat {
		return 0
	}
	x := r.operand(a)
	switch {
	case isNaN64(x):
		return abi.TrapInvalidConversion
	case !(x > r.lo && x < r.hi):
		return abi.TrapIntegerOverflow
	}
	return 0
}

func (r truncRange) operand(a uint64) float64 {
	if r.from64 {
		return f64(a)
	}
	return float64(f32(a))
}

func evalTrunc(r truncRange, a uint64) (uint64, abi.TrapCode, bool) {
	x := r.operand(a)
	if !r.sat {
		switch {
		case isNaN64(x):
			return 0, abi.TrapInvalidConversion, true
		case !(x > r.lo && x < r.hi):
			return 0, abi.TrapIntegerOverflow, true
		}
	}
	var v uint64
	switch {
	case isNaN64(x):
		v = 0
	case x <= r.lo:
		v = r.min()
	case x >= r.hi:
		v = r.max()
	case r.signed:
		v = uint64(int64(x))
	default:
		v = uint64(x)
	}
	if !r.to64 {
		v &= 0xffffffff
	}
	return v, 0, true
}

func (r truncRange) min() uint64 {
	switch {
	case !r.signed:
		return 0
	case r.to64:
		return 1 << 63
	}
	return uint64(uint32(1 << 31))
}

func (r truncRange) max() uint64 {
	switch {
	case r.signed && r.to64:
		return 1<<63 - 1
	case r.signed:
		return 1<<31 - 1
	case r.to64:
		return math.MaxUint64
	}
	return math.MaxUint32
}
