package compiler

import (
	"math"
	"testing"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

func TestEvalNumericEdges(t *testing.T) {
	f32 := func(x float32) uint64 { return uint64(math.Float32bits(x)) }
	f64 := math.Float64bits
	negZero64 := f64(math.Copysign(0, -1))
	tests := []struct {
		op   wasm.Op
		a, b uint64
		want uint64
		trap abi.TrapCode
	}{
		{wasm.OpI32DivS, 1 << 31, 0xffffffff, 0, abi.TrapIntegerOverflow},
		{wasm.OpI32RemS, 1 << 31, 0xffffffff, 0, 0},
		{wasm.OpI64RemU, 5, 0, 0, abi.TrapIntegerDivideByZero},
		{wasm.OpI32Shl, 1, 33, 2, 0},
		{wasm.OpI32Rotr, 1, 1, 1 << 31, 0},
		{wasm.OpI32TruncF32S, f32(-2147483648), 0, 1 << 31, 0},
		{wasm.OpI32TruncF32S, f32(2147483648), 0, 0, abi.TrapIntegerOverflow},
		{wasm.OpI32TruncF64S, f64(-2147483648.9), 0, 1 << 31, 0},
		{wasm.OpI32TruncF64U, f64(-0.9), 0, 0, 0},
		{wasm.OpI64TruncF64S, f64(math.NaN()), 0, 0, abi.TrapInvalidConversion},
		{wasm.OpI64TruncF64S, f64(-9223372036854775808), 0, 1 << 63, 0},
		{wasm.OpI32TruncSatF64U, f64(1e300), 0, 0xffffffff, 0},
		{wasm.OpI64TruncSatF32S, f32(float32(math.Inf(-1))), 0, 1 << 63, 0},
		{wasm.OpF64Min, 0, negZero64, negZero64, 0},
		{wasm.OpF64Max, negZero64, 0, 0, 0},
		{wasm.OpF64Nearest, f64(2.5), 0, f64(2), 0},
		{wasm.OpF32Nearest, f32(-3.5), 0, f32(-4), 0},
		{wasm.OpF32Neg, 0x7fc00001, 0, 0xffc00001, 0}, // payload preserved
		{wasm.OpF64ConvertI64U, math.MaxUint64, 0, f64(18446744073709551616), 0},
		{wasm.OpF32ConvertI64U, 0x8000008000000001, 0, f32(9223373136366403584), 0}, // rounds up past the halfway point
	}
	for _, tc := range tests {
		got, trap, ok := EvalNumeric(tc.op, tc.a, tc.b)
		if !ok || trap != tc.trap || (trap == 0 && got != tc.want) {
			t.Errorf("%s(%#x, %#x) = %#x, %v, %v; want %#x, %v", tc.op, tc.a, tc.b, got, trap, ok, tc.want, tc.trap)
		}
	}
}

// Every operator with a fixed numeric signature must be known to the
// evaluator, so that the frontend never emits one that cannot be folded
// or run.
func TestEvalNumericCoversTable(t *testing.T) {
	for op := wasm.Op(0); op < 256; op++ {
		checkNumericOp(t, op)
	}
	for sub := wasm.Op(0); sub < 0x20; sub++ {
		checkNumericOp(t, wasm.PrefixMisc<<16|sub)
	}
}

func checkNumericOp(t *testing.T, op wasm.Op) {
	if _, ok := numericSig(op); !ok {
		return
	}
	if _, _, ok := EvalNumeric(op, 1, 1); !ok {
		t.Errorf("%s has a numeric signature but no evaluation", op)
	}
}
