package amd64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// # The Wasm-to-Wasm calling convention
//
// Generated Wasm functions call each other with a private convention; Go
// never calls them directly (the per-signature entry preambles of
// compile_entry.go bridge from abi.Call).
//
// Registers. R15 holds the *abi.ExecContext everywhere, R14 the vmctx of
// the running function's instance (abi.VMLayout), RSP and RBP are the
// stack and frame pointers, R11 and X15 are scratch registers that no value
// lives in across instructions (the register allocator breaks move cycles
// with them and instruction sequences use them as temporaries). Everything
// else is allocatable.
//
// The vmctx. Every call passes the callee's vmctx in R14: direct calls
// within a module leave it as it is, calls through a VMFuncRef (imports,
// call_indirect, call_ref and their tail forms) load VMFuncRef.VMCtx into
// it. The prologue saves it at RBP-8 and the caller reloads it from there
// after every call and every exit: the callee may have tail-called into
// another instance, and Go leaves registers undefined across an exit.
// Nothing derived from the vmctx is cached across either, in particular
// not a memory's or table's current length, which grow changes.
//
// Zero-extended i32s. A GP register holding an i32 (or a GC reference,
// abi/gc.go) always has its upper 32 bits clear: every 32-bit x86
// operation writes them as zero (cmov included, whatever the condition),
// i32 loads from memory, globals, stack arguments and Go's buffers are
// 32-bit loads, and moves, spills and reloads copy all 64 bits. Code
// relies on it to use an i32 as a 64-bit index (memory addresses, table
// indices are not yet) without zero-extending it first.
//
// Arguments: the first eight integer and reference arguments go in RAX,
// RBX, RCX, RDX, RSI, RDI, R8, R9 (in order of the integer arguments), the
// first eight float arguments in X0..X7; the rest go on the stack, one
// 8-byte slot each in argument order, the first at the lowest address.
// Results are assigned the same way, independently of the arguments. The
// stack argument area is rounded up to 16 bytes, so that a tail call
// between signatures with different stack arguments keeps RSP aligned.
//
// Stack area. A call site reserves, at its SP, the callee's stack argument
// slots (A bytes) followed by its stack result slots (R bytes), and calls:
//
//	caller RSP+0      stack arguments        callee: RBP+16
//	caller RSP+A      stack results          callee: RBP+16+A
//
// The callee pops its stack arguments (ret A), so at the return the
// caller's RSP points at the results; the caller re-reserves A bytes to get
// its frame back (its outgoing area is part of its fixed frame).
//
// Why callee-pops: it keeps return_call a real tail call whatever the two
// signatures' stack arguments. A function tail-calling g has the same
// results as g, so the result slots stay where the original caller put
// them; the tail call writes g's arguments just below them (growing or
// shrinking the area), moves the return address below those, and jumps.
// g's "ret A_g" then lands exactly on the result slots, which is what the
// original caller expects whatever A it reserved. With caller-pops the
// caller would have to know how many bytes were pushed below its results.
//
// No register is callee-saved. Every exit to Go (host calls, interrupts,
// GC slow paths, grows) leaves all registers undefined (abi), so a
// callee-saved register would have to be saved around each of them anyway;
// with none, tail calls need no restore sequence either, stack maps only
// ever describe frame slots (the allocator spills GC references across
// calls), and a frame is fully described by the frame-pointer chain.
//
// Frames. Every function starts with push rbp; mov rbp, rsp (frame
// pointers stay on: traps and the GC walk the chain), then reserves its
// fixed frame: the spill area right below the saved RBP, the outgoing call
// area at the bottom (RSP+0). The frame size keeps RSP 16-byte aligned at
// every call. The prologue checks the stack before reserving: see
// frame.go.

// The register numbering the allocator sees: GP registers are their
// hardware numbers, XMM registers 16 + n.
const xmmBase = 16

func gpPReg(r Reg) regalloc.PReg   { return regalloc.PReg(r) }
func xmmPReg(x XReg) regalloc.PReg { return regalloc.PReg(xmmBase + int(x)) }

// gp and xmm convert an allocated register back.
func gp(p regalloc.PReg) Reg   { return Reg(p) }
func xmm(p regalloc.PReg) XReg { return XReg(p - xmmBase) }

const (
	execCtx    = R15 // *abi.ExecContext (abi)
	vmctxReg   = R14 // the instance's vmctx
	scratchGP  = R11
	scratchXMM = X15
)

var (
	intArgRegs   = [...]Reg{RAX, RBX, RCX, RDX, RSI, RDI, R8, R9}
	floatArgRegs = [...]XReg{X0, X1, X2, X3, X4, X5, X6, X7}
)

// target is the machine as the register allocator sees it. The
// allocatable order puts registers that are not argument registers first,
// so values computed before a call rarely sit in the register its argument
// copy needs.
var target = func() *regalloc.Target {
	t := &regalloc.Target{}
	for _, r := range []Reg{R10, R12, R13, RAX, RBX, RCX, RDX, RSI, RDI, R8, R9} {
		t.Classes[regalloc.ClassInt].Allocatable = append(t.Classes[regalloc.ClassInt].Allocatable, gpPReg(r))
	}
	for x := X8; x <= X14; x++ {
		t.Classes[regalloc.ClassFloat].Allocatable = append(t.Classes[regalloc.ClassFloat].Allocatable, xmmPReg(x))
	}
	for x := X0; x <= X7; x++ {
		t.Classes[regalloc.ClassFloat].Allocatable = append(t.Classes[regalloc.ClassFloat].Allocatable, xmmPReg(x))
	}
	t.Classes[regalloc.ClassInt].Scratch = gpPReg(scratchGP)
	t.Classes[regalloc.ClassInt].SlotSize = 8
	t.Classes[regalloc.ClassFloat].Scratch = xmmPReg(scratchXMM)
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
	for _, x := range floatArgRegs {
		c.FloatArgs = append(c.FloatArgs, xmmPReg(x))
	}
	return c
}()
