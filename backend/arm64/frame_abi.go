package arm64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// # The Wasm-to-Wasm calling convention (arm64)
//
// Generated Wasm functions call each other with a private convention; Go
// never calls them directly (the per-signature entry preambles of
// compile_entry.go bridge from abi.Call). It mirrors backend/amd64's
// (frame_abi.go there), adapted to a link-register machine.
//
// Registers. X19 holds the *abi.ExecContext everywhere (abi), X20 the
// vmctx of the running function's instance (abi.VMLayout), SP and X29 are
// the stack and frame pointers, X30 the link register. X15 and V31 are the
// instruction selector's scratch registers: the register allocator breaks
// move cycles with them and instruction sequences use them as
// temporaries; no value lives in them across instructions. X16 and X17
// (IP0 and IP1) are not allocatable either: X16 is the assembler's
// temporary (immediates, far offsets), X17 the tail-call sequence's, and
// both may be clobbered between a branch and its target (veneers), which
// no convention register is. X18 and X28 are never touched. Everything
// else (X0-X14, X21-X27, V0-V30) is allocatable.
//
// The vmctx. Every call passes the callee's vmctx in X20: direct calls
// within a module leave it as it is. The prologue saves it at [FP-8] and
// the caller reloads it from there after every call and every exit (the
// callee may have switched instances, and Go leaves registers undefined
// across an exit).
//
// Arguments: the first eight integer and reference arguments go in X0-X7
// (in order of the integer arguments), the first eight float arguments in
// V0-V7; the rest go on the stack, one 8-byte slot each in argument order,
// the first at the lowest address. Results are assigned the same way,
// independently of the arguments. The stack argument area is rounded up to
// 16 bytes (SP must stay 16-byte aligned on arm64 at every access).
//
// Stack area. A call site reserves, at its SP, the callee's stack argument
// slots (A bytes) followed by its stack result slots (R bytes), and calls
// with bl:
//
//	caller SP+0      stack arguments        callee: FP+16
//	caller SP+A      stack results          callee: FP+16+A
//
// The callee pops its stack arguments (its epilogue adds A to SP before
// ret), so at the return the caller's SP points at the results; the caller
// re-reserves A bytes to get its frame back. Callee-pops keeps return_call
// a real tail call whatever the two signatures' stack arguments, exactly
// as on amd64 (the return address travels in X30 instead of on the stack,
// which makes the move simpler: lower_call.go).
//
// No register is callee-saved, for amd64's reasons: every exit to Go
// leaves all registers undefined, and a frame is fully described by the
// frame-pointer chain.
//
// Frames. Every function starts with stp x29, x30, [sp, #-16]!; mov x29,
// sp: a frame record with [FP] = the caller's FP and [FP+8] = the return
// address, the layout the runtime's frame-pointer walk reads on both
// architectures. It then checks the stack and reserves its fixed frame:
// the vmctx slot and the spill area below the record, the outgoing call
// area at the bottom (SP+0). See frame.go.

// The register numbering the allocator sees: X0..X30 are 0..30, V0..V31
// are 32..63.
const vBase = 32

func gpPReg(r Reg) regalloc.PReg   { return regalloc.PReg(r) }
func vPReg(v VReg) regalloc.PReg   { return regalloc.PReg(vBase + int(v)) }
func gp(p regalloc.PReg) Reg       { return Reg(p) }
func vreg(p regalloc.PReg) VReg    { return VReg(p - vBase) }
func isVPReg(p regalloc.PReg) bool { return p >= vBase }

const (
	vmctxReg  = X20 // the instance's vmctx
	scratchGP = X15 // the selector's temporary (never allocated)
	scratchV  = V31
)

var (
	intArgRegs   = [...]Reg{X0, X1, X2, X3, X4, X5, X6, X7}
	floatArgRegs = [...]VReg{V0, V1, V2, V3, V4, V5, V6, V7}
)

// target is the machine as the register allocator sees it. Registers that
// are not argument registers come first, so values computed before a call
// rarely sit in the register its argument copy needs.
var target = func() *regalloc.Target {
	t := &regalloc.Target{}
	ints := []Reg{X9, X10, X11, X12, X13, X14, X21, X22, X23, X24, X25, X26, X27, X8,
		X0, X1, X2, X3, X4, X5, X6, X7}
	for _, r := range ints {
		t.Classes[regalloc.ClassInt].Allocatable = append(t.Classes[regalloc.ClassInt].Allocatable, gpPReg(r))
	}
	for v := V8; v <= V30; v++ {
		t.Classes[regalloc.ClassFloat].Allocatable = append(t.Classes[regalloc.ClassFloat].Allocatable, vPReg(v))
	}
	for v := V0; v <= V7; v++ {
		t.Classes[regalloc.ClassFloat].Allocatable = append(t.Classes[regalloc.ClassFloat].Allocatable, vPReg(v))
	}
	t.Classes[regalloc.ClassInt].Scratch = gpPReg(scratchGP)
	t.Classes[regalloc.ClassInt].SlotSize = 8
	t.Classes[regalloc.ClassFloat].Scratch = vPReg(scratchV)
	t.Classes[regalloc.ClassFloat].SlotSize = 8
	return t
}()

// callClobbers is what a call destroys: every allocatable register.
var callClobbers = codegen.AllocatableSet(target)

// convention passes arguments and results in intArgRegs and floatArgRegs
// (codegen.Convention lays out the rest).
var convention = func() codegen.Convention {
	var c codegen.Convention
	for _, r := range intArgRegs {
		c.IntArgs = append(c.IntArgs, gpPReg(r))
	}
	for _, v := range floatArgRegs {
		c.FloatArgs = append(c.FloatArgs, vPReg(v))
	}
	return c
}()
