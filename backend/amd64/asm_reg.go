package amd64

import (
	"fmt"

	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// Reg is a general-purpose register, numbered as the hardware encodes it
// (RAX = 0 ... R15 = 15), so REX bits and ModRM fields follow directly.
type Reg uint8

// The general-purpose registers.
const (
	RAX Reg = iota
	RCX
	RDX
	RBX
	RSP
	RBP
	RSI
	RDI
	R8
	R9
	R10
	R11
	R12
	R13
	R14
	R15
)

// NumRegs is the number of general-purpose (and of XMM) registers.
const NumRegs = 16

var regNames = [NumRegs]string{"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"}

func (r Reg) String() string {
	if r >= NumRegs {
		return fmt.Sprintf("Reg(%d)", uint8(r))
	}
	return regNames[r]
}

func (r Reg) valid() bool { return r < NumRegs }

// asmReg is r's golang-asm name when an instruction operates on size bytes
// of it. golang-asm names byte registers separately (AL, SIB, R9B) and
// encodes the REX prefix that SPL/BPL/SIL/DIL need from that name; 16-,
// 32- and 64-bit operations all name the full register and take their width
// from the mnemonic.
func (r Reg) asmReg(size Size) int16 {
	if size == S8 {
		return x86.REG_AL + int16(r)
	}
	return x86.REG_AX + int16(r)
}

// XReg is an SSE register, X0 to X15.
type XReg uint8

// The SSE registers.
const (
	X0 XReg = iota
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
)

func (x XReg) String() string {
	if x >= NumRegs {
		return fmt.Sprintf("XReg(%d)", uint8(x))
	}
	return fmt.Sprintf("xmm%d", uint8(x))
}

func (x XReg) valid() bool { return x < NumRegs }

func (x XReg) asmReg() int16 { return x86.REG_X0 + int16(x) }
