package amd64

import (
	"fmt"
	"math"
)

// Size is an operand width in bytes. Float instructions use S32 for single
// and S64 for double precision.
type Size uint8

// The operand widths.
const (
	S8  Size = 1
	S16 Size = 2
	S32 Size = 4
	S64 Size = 8
)

func (s Size) String() string {
	switch s {
	case S8, S16, S32, S64:
		return fmt.Sprintf("%d-bit", 8*int(s))
	}
	return fmt.Sprintf("Size(%d)", uint8(s))
}

// index maps S8..S64 to 0..3 for the per-width opcode tables; ok is false
// for any other value.
func (s Size) index() (i int, ok bool) {
	switch s {
	case S8:
		return 0, true
	case S16:
		return 1, true
	case S32:
		return 2, true
	case S64:
		return 3, true
	}
	return 0, false
}

// Imm is an immediate operand. Instructions take at most a sign-extended
// 32-bit immediate (64-bit Mov into a register excepted); for narrower
// operations any value that fits the width as a signed or an unsigned
// number is accepted and truncated, so uint32 constants work for 32-bit ops.
type Imm int64

// fits reports whether v can be encoded as an immediate of an operation of
// the given width (sign-extended to 64 bits for S64) and returns the value
// golang-asm expects: the width's bits, sign-extended.
func (v Imm) fits(size Size) (int64, bool) {
	switch size {
	case S8:
		return int64(int8(v)), v >= math.MinInt8 && v <= math.MaxUint8
	case S16:
		return int64(int16(v)), v >= math.MinInt16 && v <= math.MaxUint16
	case S32:
		return int64(int32(v)), v >= math.MinInt32 && v <= math.MaxUint32
	default:
		return int64(v), v >= math.MinInt32 && v <= math.MaxInt32
	}
}

// Mem is a memory operand: [base + index*scale + disp], or a RIP-relative
// reference to a constant in the function's literal pool (see
// Assembler.ConstF64). The zero Mem is not valid; build one with Base,
// BaseIndex or a constant method.
type Mem struct {
	base, index Reg
	scale       uint8 // 0: no index
	disp        int32
	lit         int32      // 1 + index into pool.lits; 0: not a literal
	gen         uint32     // and the function it assembled then (Assembler.gen)
	pool        *Assembler // the Assembler whose data tail holds the literal
	valid       bool
}

// Base is the operand [base + disp].
func Base(base Reg, disp int32) Mem {
	return Mem{base: base, disp: disp, valid: base.valid()}
}

// BaseIndex is the operand [base + index*scale + disp]; scale is 1, 2, 4 or
// 8 and index is not RSP (the SIB byte cannot encode it), which Finish
// reports as an error otherwise.
func BaseIndex(base, index Reg, scale uint8, disp int32) Mem {
	ok := base.valid() && index.valid() && index != RSP
	switch scale {
	case 1, 2, 4, 8:
	default:
		ok = false
	}
	return Mem{base: base, index: index, scale: scale, disp: disp, valid: ok}
}

func (m Mem) String() string {
	switch {
	case !m.valid:
		return "invalid memory operand"
	case m.lit != 0:
		return fmt.Sprintf("[rip+lit%d]", m.lit-1)
	case m.scale != 0:
		return fmt.Sprintf("[%v+%v*%d%+d]", m.base, m.index, m.scale, m.disp)
	}
	return fmt.Sprintf("[%v%+d]", m.base, m.disp)
}

// RMI is an operand that may be a register, memory or an immediate.
type RMI interface{ isRMI() }

// RM is a general-purpose register or memory operand.
type RM interface {
	RMI
	isRM()
}

// XM is an SSE register or memory operand.
type XM interface{ isXM() }

func (Reg) isRMI() {}
func (Reg) isRM()  {}
func (Imm) isRMI() {}
func (Mem) isRMI() {}
func (Mem) isRM()  {}
func (Mem) isXM()  {}
func (XReg) isXM() {}

// Cond is an x86 condition code, named for the comparison it follows:
// after cmp a, b, Jcc(LT, l) branches if a < b signed, Jcc(B, l) unsigned.
type Cond uint8

// The condition codes, in hardware encoding order (the low nibble of Jcc).
const (
	O  Cond = iota // overflow
	NO             // no overflow
	B              // below: unsigned <, carry set
	AE             // above or equal: unsigned >=, carry clear
	E              // equal, zero
	NE             // not equal, not zero
	BE             // below or equal: unsigned <=
	A              // above: unsigned >
	S              // sign set (negative)
	NS             // sign clear
	P              // parity set: unordered after ucomiss/ucomisd
	NP             // parity clear: ordered
	LT             // signed <
	GE             // signed >=
	LE             // signed <=
	GT             // signed >
)

var condNames = [...]string{"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"}

func (c Cond) String() string {
	if int(c) < len(condNames) {
		return condNames[c]
	}
	return fmt.Sprintf("Cond(%d)", uint8(c))
}

// Invert is the condition that holds exactly when c does not.
func (c Cond) Invert() Cond { return c ^ 1 }
