package arm64

import (
	"fmt"

	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// Reg is a general-purpose register operand: X0 to X30, or one of the two
// meanings of register number 31, SP and ZR. The hardware tells them
// apart by instruction (add/sub immediate and addressing take SP, almost
// everything else ZR); this package keeps them apart by value, so an
// instruction given the one it cannot encode is reported as an error
// instead of silently meaning the other. The width of the access (W or X
// view) comes from the instruction's Size, not from the register.
type Reg uint8

// The general-purpose registers.
const (
	X0 Reg = iota
	X1
	X2
	X3
	X4
	X5
	X6
	X7
	X8
	X9
	X10
	X11
	X12
	X13
	X14
	X15
	X16
	X17
	X18
	X19
	X20
	X21
	X22
	X23
	X24
	X25
	X26
	X27
	X28
	X29
	X30
	SP // the stack pointer, register 31 where it means SP
	ZR // the zero register, register 31 where it means XZR/WZR
)

// Registers with a fixed role (DESIGN §3, abi/doc.go, AAPCS64).
const (
	// Scratch (IP0) is the assembler's own temporary: the helpers that
	// need a register to materialize an immediate, an out-of-range offset
	// or a constant use it, so it must never hold a live value across a
	// call into this package, and is never allocated.
	Scratch = X16
	// Scratch2 (IP1) is the second temporary of sequences that need one
	// (the tail-call sequence, call veneers); never allocated, and no
	// helper of this package uses it implicitly.
	Scratch2 = X17
	// Ctx holds the *abi.ExecContext in generated code.
	Ctx = X19
	// FP is the frame pointer; frame records chain through it.
	FP = X29
	// LR is the link register, written by BL and BLR, read by RET.
	LR = X30
)

// Allocatable lists the registers a register allocator may hand out:
// everything but the scratch pair, X18 (the platform register, which
// generated code must never touch), the context register, X28 (Go's g,
// which Go's signal handler reads), FP, LR, SP and ZR. The helpers of
// this package never use X18 or X28 either: they are rejected as operands.
var Allocatable = []Reg{
	X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15,
	X20, X21, X22, X23, X24, X25, X26, X27,
}

func (r Reg) String() string {
	switch {
	case r <= X30:
		return fmt.Sprintf("x%d", uint8(r))
	case r == SP:
		return "sp"
	case r == ZR:
		return "xzr"
	}
	return fmt.Sprintf("Reg(%d)", uint8(r))
}

// hw is r's 5-bit hardware number.
func (r Reg) hw() uint32 {
	if r == ZR {
		return 31
	}
	return uint32(r) & 31
}

// asmReg is r's golang-asm name. golang-asm, like the hardware, uses the
// same name for the W and X views.
func (r Reg) asmReg() int16 {
	switch r {
	case SP:
		return arm64.REGSP
	case ZR:
		return arm64.REGZERO
	}
	return arm64.REG_R0 + int16(r)
}

// regUse says which meaning of register 31 an operand position accepts.
type regUse uint8

const (
	useGP   regUse = iota // X0-X30 or ZR
	useSP                 // X0-X30 or SP
	useNone               // X0-X30 only
)

// check validates r for a position of the given use. X18 and X28 are
// never accepted: generated code must not touch them (DESIGN §3).
func (a *Assembler) check(r Reg, use regUse) bool {
	switch {
	case r > ZR:
		a.failf("invalid register %v", r)
	case r == X18 || r == X28:
		a.failf("%v is reserved (platform register / Go's g) and never used", r)
	case r == SP && use != useSP:
		a.failf("sp not allowed here (register 31 means xzr in this position)")
	case r == ZR && use != useGP:
		a.failf("xzr not allowed here (register 31 means sp in this position)")
	default:
		return true
	}
	return false
}

// gp converts r for a position of the given use.
func (a *Assembler) gp(r Reg, use regUse) (int16, bool) {
	if !a.check(r, use) {
		return 0, false
	}
	return r.asmReg(), true
}

// VReg is a SIMD and floating-point register, V0 to V31; scalar float
// instructions use its low S (f32) or D (f64) part.
type VReg uint8

// The SIMD and floating-point registers.
const (
	V0 VReg = iota
	V1
	V2
	V3
	V4
	V5
	V6
	V7
	V8
	V9
	V10
	V11
	V12
	V13
	V14
	V15
	V16
	V17
	V18
	V19
	V20
	V21
	V22
	V23
	V24
	V25
	V26
	V27
	V28
	V29
	V30
	V31
)

// NumVRegs is the number of SIMD and floating-point registers.
const NumVRegs = 32

func (v VReg) String() string {
	if v >= NumVRegs {
		return fmt.Sprintf("VReg(%d)", uint8(v))
	}
	return fmt.Sprintf("v%d", uint8(v))
}

func (v VReg) hw() uint32 { return uint32(v) }

// fpReg is v's golang-asm name as a scalar register (F0-F31).
func (a *Assembler) fpReg(v VReg) (int16, bool) {
	if v >= NumVRegs {
		a.failf("invalid register %v", v)
		return 0, false
	}
	return arm64.REG_F0 + int16(v), true
}
