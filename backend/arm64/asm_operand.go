package arm64

import (
	"fmt"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// Size is an operand width in bytes. Integer instructions take S32 (the W
// view of the registers) or S64 (the X view); loads and stores also S8 and
// S16. Float instructions use S32 for single and S64 for double precision.
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

// bits is the width in bits.
func (s Size) bits() uint { return 8 * uint(s) }

// wx checks that s is a register width, S32 or S64.
func (a *Assembler) wx(s Size) bool {
	if s != S32 && s != S64 {
		a.failf("%v: instruction needs a 32- or 64-bit width", s)
		return false
	}
	return true
}

// pick returns w for a 32-bit and x for a 64-bit operation: golang-asm
// has separate mnemonics (ADDW, ADD) where the hardware has the sf bit.
func pick(s Size, w, x obj.As) obj.As {
	if s == S32 {
		return w
	}
	return x
}

// Imm is an immediate operand. Each instruction documents which values it
// encodes directly and what it does with the rest.
type Imm int64

// Operand is a register or an immediate: the second source of the ALU
// instructions, the amount of a shift.
type Operand interface{ isOperand() }

func (Reg) isOperand() {}
func (Imm) isOperand() {}

// Cond is an arm64 condition code, in hardware encoding order. After
// cmp a, b: LT/GE/GT/LE compare signed, LO/HS/HI/LS unsigned. After fcmp,
// MI is "less than", LS "less or equal", GT, GE, EQ, NE (true when
// unordered), VS "unordered", VC "ordered".
type Cond uint8

// The condition codes.
const (
	EQ Cond = iota // equal
	NE             // not equal
	HS             // unsigned >=, carry set (CS)
	LO             // unsigned <, carry clear (CC)
	MI             // negative
	PL             // positive or zero
	VS             // overflow; unordered after fcmp
	VC             // no overflow; ordered
	HI             // unsigned >
	LS             // unsigned <=
	GE             // signed >=
	LT             // signed <
	GT             // signed >
	LE             // signed <=
	AL             // always
	NV             // always (the encoding behaves as AL)
)

var condNames = [...]string{"eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"}

func (c Cond) String() string {
	if int(c) < len(condNames) {
		return condNames[c]
	}
	return fmt.Sprintf("Cond(%d)", uint8(c))
}

// Invert is the condition that holds exactly when c does not. AL and NV
// have no inverse; Invert maps them to each other, which is wrong, so the
// branch and select helpers reject them where they would need one.
func (c Cond) Invert() Cond { return c ^ 1 }

// cond checks c and returns golang-asm's operand for it (conditions are
// "registers" there: CSET EQ, R0).
func (a *Assembler) cond(c Cond, invertible bool) (obj.Addr, bool) {
	switch {
	case c > NV:
		a.failf("invalid condition %v", c)
	case invertible && c >= AL:
		a.failf("condition %v cannot be used here", c)
	default:
		return regAddr(arm64.COND_EQ + int16(c)), true
	}
	return obj.Addr{}, false
}
