package compiler

import (
	"math/bits"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// This file and numeric_float.go are the one Go implementation of the
// numeric Wasm operators: constant folding and the evaluator both call
// EvalNumeric, so a folded constant is exactly what the unoptimized
// program computes.
//
// Values are passed as uint64 bit patterns: i32 zero-extended, f32 as its
// IEEE bits in the low half.

// numSig is the fixed signature of a numeric operator.
type numSig struct {
	params  [2]Type
	nparams uint8
	result  Type
}

var (
	numPlain [256]numSig
	numMisc  [0x20]numSig
)

func init() {
	for op := wasm.Op(0); op < 256; op++ {
		numPlain[op], _ = parseNumSig(op)
	}
	for sub := wasm.Op(0); sub < wasm.Op(len(numMisc)); sub++ {
		numMisc[sub], _ = parseNumSig(wasm.PrefixMisc<<16 | sub)
	}
}

// parseNumSig derives the signature of a pure numeric operator from the
// opcode table: no immediates, one result, at most two number operands.
func parseNumSig(op wasm.Op) (numSig, bool) {
	info := wasm.Lookup(op)
	if info == nil || info.Imm != wasm.ImmNone || len(info.Sig) < 3 {
		return numSig{}, false
	}
	var s numSig
	sig := info.Sig
	for i := 0; i < len(sig); i++ {
		if sig[i] == '>' {
			if len(sig) != i+2 {
				return numSig{}, false
			}
			s.result = sigType(sig[i+1])
			return s, s.result != TypeNone
		}
		t := sigType(sig[i])
		if t == TypeNone || s.nparams == 2 {
			return numSig{}, false
		}
		s.params[s.nparams] = t
		s.nparams++
	}
	return numSig{}, false
}

func sigType(c byte) Type {
	switch c {
	case 'i':
		return TypeI32
	case 'I':
		return TypeI64
	case 'f':
		return TypeF32
	case 'F':
		return TypeF64
	}
	return TypeNone
}

// numericSig returns the signature of op if it is a pure numeric operator
// that OpNumeric can carry.
func numericSig(op wasm.Op) (numSig, bool) {
	var s numSig
	switch op.Prefix() {
	case 0:
		s = numPlain[op.Sub()]
	case wasm.PrefixMisc:
		if op.Sub() < uint32(len(numMisc)) {
			s = numMisc[op.Sub()]
		}
	}
	return s, s.result != TypeNone
}

// EvalNumeric computes the numeric operator op on a (and b for binary
// operators) with exact Wasm semantics. It returns a non-zero trap code
// where Wasm traps (division by zero, signed overflow, invalid or
// overflowing float->int conversion) and false in ok for operators it does
// not know.
func EvalNumeric(op wasm.Op, a, b uint64) (r uint64, trap abi.TrapCode, ok bool) {
	if r, trap, ok = evalInt32(op, uint32(a), uint32(b)); ok {
		return r, trap, true
	}
	if r, trap, ok = evalInt64(op, a, b); ok {
		return r, trap, true
	}
	return evalFloat(op, a, b)
}

func b2u(c bool) uint64 {
	if c {
		return 1
	}
	return 0
}

func evalInt32(op wasm.Op, x, y uint32) (uint64, abi.TrapCode, bool) {
	sx, sy := int32(x), int32(y)
	var r uint32
	switch op {
	case wasm.OpI32Eqz:
		return b2u(x == 0), 0, true
	case wasm.OpI32Eq:
		return b2u(x == y), 0, true
	case wasm.OpI32Ne:
		return b2u(x != y), 0, true
	case wasm.OpI32LtS:
		return b2u(sx < sy), 0, true
	case wasm.OpI32LtU:
		return b2u(x < y), 0, true
	case wasm.OpI32GtS:
		return b2u(sx > sy), 0, true
	case wasm.OpI32GtU:
		return b2u(x > y), 0, true
	case wasm.OpI32LeS:
		return b2u(sx <= sy), 0, true
	case wasm.OpI32LeU:
		return b2u(x <= y), 0, true
	case wasm.OpI32GeS:
		return b2u(sx >= sy), 0, true
	case wasm.OpI32GeU:
		return b2u(x >= y), 0, true
	case wasm.OpI32Clz:
		r = uint32(bits.LeadingZeros32(x))
	case wasm.OpI32Ctz:
		r = uint32(bits.TrailingZeros32(x))
	case wasm.OpI32Popcnt:
		r = uint32(bits.OnesCount32(x))
	case wasm.OpI32Add:
		r = x + y
	case wasm.OpI32Sub:
		r = x - y
	case wasm.OpI32Mul:
		r = x * y
	case wasm.OpI32DivS:
		if y == 0 {
			return 0, abi.TrapIntegerDivideByZero, true
		}
		if sx == -1<<31 && sy == -1 {
			return 0, abi.TrapIntegerOverflow, true
		}
		r = uint32(sx / sy)
	case wasm.OpI32DivU:
		if y == 0 {
			return 0, abi.TrapIntegerDivideByZero, true
		}
		r = x / y
	case wasm.OpI32RemS:
		if y == 0 {
			return 0, abi.TrapIntegerDivideByZero, true
		}
		if sy != -1 { // INT_MIN % -1 is 0 in Wasm (and overflows in hardware)
			r = uint32(sx % sy)
		}
	case wasm.OpI32RemU:
		if y == 0 {
			return 0, abi.TrapIntegerDivideByZero, true
		}
		r = x % y
	case wasm.OpI32And:
		r = x & y
	case wasm.OpI32Or:
		r = x | y
	case wasm.OpI32Xor:
		r = x ^ y
	case wasm.OpI32Shl:
		r = x << (y & 31)
	case wasm.OpI32ShrS:
		r = uint32(sx >> (y & 31))
	case wasm.OpI32ShrU:
		r = x >> (y & 31)
	case wasm.OpI32Rotl:
		r = bits.RotateLeft32(x, int(y&31))
	case wasm.OpI32Rotr:
		r = bits.RotateLeft32(x, -int(y&31))
	case wasm.OpI32Extend8S:
		r = uint32(int32(int8(x)))
	case wasm.OpI32Extend16S:
		r = uint32(int32(int16(x)))
	case wasm.OpI64ExtendI32S:
		return uint64(int64(sx)), 0, true
	case wasm.OpI64ExtendI32U:
		return uint64(x), 0, true
	default:
		return 0, 0, false
	}
	return uint64(r), 0, true
}

func evalInt64(op wasm.Op, x, y uint64) (uint64, abi.TrapCode, bool) {
	sx, sy := int64(x), int64(y)
	switch op {
	case wasm.OpI64Eqz:
		return b2u(x == 0), 0, true
	case wasm.OpI64Eq:
		return b2u(x == y), 0, true
	case wasm.OpI64Ne:
		return b2u(x != y), 0, true
	case wasm.OpI64LtS:
		return b2u(sx < sy), 0, true
	case wasm.OpI64LtU:
		return b2u(x < y), 0, true
	case wasm.OpI64GtS:
		return b2u(sx > sy), 0, true
	case wasm.OpI64GtU:
		return b2u(x > y), 0, true
	case wasm.OpI64LeS:
		return b2u(sx <= sy), 0, true
	case wasm.OpI64LeU:
		return b2u(x <= y), 0, true
	case wasm.OpI64GeS:
		return b2u(sx >= sy), 0, true
	case wasm.OpI64GeU:
		return b2u(x >= y), 0, true
	case wasm.OpI64Clz:
		return uint64(bits.LeadingZeros64(x)), 0, true
	case wasm.OpI64Ctz:
		return uint64(bits.TrailingZeros64(x)), 0, true
	case wasm.OpI64Popcnt:
		return uint64(bits.OnesCount64(x)), 0, true
	case wasm.OpI64Add:
		return x + y, 0, true
	case wasm.OpI64Sub:
		return x - y, 0, true
	case wasm.OpI64Mul:
		return x * y, 0, true
	case wasm.OpI64DivS:
		if y == 0 {
			return 0, abi.TrapIntegerDivideByZero, true
		}
		if sx == -1<<63 && sy == -1 {
			return 0, abi.TrapIntegerOverflow, true
		}
		return uint64(sx / sy), 0, true
	case wasm.OpI64DivU:
		if y == 0 {
			return 0, abi.TrapIntegerDivideByZero, true
		}
		return x / y, 0, true
	case wasm.OpI64RemS:
		if y == 0 {
			return 0, abi.TrapIntegerDivideByZero, true
		}
		if sy == -1 {
			return 0, 0, true
		}
		return uint64(sx % sy), 0, true
	case wasm.OpI64RemU:
		if y == 0 {
			return 0, abi.TrapIntegerDivideByZero, true
		}
		return x % y, 0, true
	case wasm.OpI64And:
		return x & y, 0, true
	case wasm.OpI64Or:
		return x | y, 0, true
	case wasm.OpI64Xor:
		return x ^ y, 0, true
	case wasm.OpI64Shl:
		return x << (y & 63), 0, true
	case wasm.OpI64ShrS:
		return uint64(sx >> (y & 63)), 0, true
	case wasm.OpI64ShrU:
		return x >> (y & 63), 0, true
	case wasm.OpI64Rotl:
		return bits.RotateLeft64(x, int(y&63)), 0, true
	case wasm.OpI64Rotr:
		return bits.RotateLeft64(x, -int(y&63)), 0, true
	case wasm.OpI64Extend8S:
		return uint64(int64(int8(x))), 0, true
	case wasm.OpI64Extend16S:
		return uint64(int64(int16(x))), 0, true
	case wasm.OpI64Extend32S:
		return uint64(int64(int32(x))), 0, true
	case wasm.OpI32WrapI64:
		return x & 0xffffffff, 0, true
	}
	return 0, 0, false
}
