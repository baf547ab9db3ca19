package abi

import (
	"encoding/binary"
	"testing"

	golangasm "github.com/twitchyliquid64/golang-asm"
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// The test kernels for amd64, written as a backend would emit them, with
// golang-asm. asm_arm64_test.go has the same kernels for arm64.

const ctxReg = x86.REG_R15

type masm struct {
	b      *golangasm.Builder
	rel32s []rel32
}

// rel32 is a PC-relative displacement to a label, patched after assembly:
// golang-asm encodes neither LEAQ label(RIP) nor CALL label (it wants a
// symbol and emits a relocation), so those are emitted as bytes with a zero
// displacement that assemble fills in, as a backend resolves its own
// relocations.
type rel32 struct {
	disp   *obj.Prog // the 4-byte displacement, last in its instruction
	target *obj.Prog // the label
}

func newMasm(t testing.TB) *masm {
	b, err := golangasm.NewBuilder("amd64", 256)
	if err != nil {
		t.Fatal(err)
	}
	return &masm{b: b}
}

func reg(r int16) obj.Addr { return obj.Addr{Type: obj.TYPE_REG, Reg: r} }
func imm(v int64) obj.Addr { return obj.Addr{Type: obj.TYPE_CONST, Offset: v} }
func mem(base int16, off int64) obj.Addr {
	return obj.Addr{Type: obj.TYPE_MEM, Reg: base, Offset: off}
}
func ctxField(off int64) obj.Addr { return mem(ctxReg, off) }
func scratch(i int) obj.Addr      { return ctxField(ExecCtxScratch + 8*int64(i)) }

func (a *masm) op(as obj.As, from, to obj.Addr) *obj.Prog {
	p := a.b.NewProg()
	p.As, p.From, p.To = as, from, to
	a.b.AddInstruction(p)
	return p
}

// label returns a branch target; bind places it.
func (a *masm) label() *obj.Prog {
	p := a.b.NewProg()
	p.As = obj.ANOP
	return p
}

func (a *masm) bind(l *obj.Prog) { a.b.AddInstruction(l) }

func (a *masm) jump(as obj.As, l *obj.Prog) {
	p := a.b.NewProg()
	p.As = as
	p.To.Type = obj.TYPE_BRANCH
	p.To.SetTarget(l)
	a.b.AddInstruction(p)
}

// rel32 emits the instruction bytes op followed by a displacement to l.
func (a *masm) rel32(l *obj.Prog, op ...int64) {
	for _, b := range op {
		a.op(x86.ABYTE, imm(b), obj.Addr{})
	}
	a.rel32s = append(a.rel32s, rel32{disp: a.op(x86.ALONG, imm(0), obj.Addr{}), target: l})
}

func (a *masm) call(l *obj.Prog) { a.rel32(l, 0xe8) }

func (a *masm) ret() {
	p := a.b.NewProg()
	p.As = obj.ARET
	a.b.AddInstruction(p)
}

// exit emits the exit sequence of the ABI (see the package documentation):
// record why and where, switch back to Go's stack and return into Call or
// Resume. Execution continues after it when Go resumes, with R15 = ctx and
// SP/BP as they were; every other register is lost, so live values must be
// in the frame or in ctx.
func (a *masm) exit(code ExitCode) {
	a.op(x86.AMOVL, imm(int64(code)), ctxField(ExecCtxExitCode))
	a.op(x86.AMOVQ, reg(x86.REG_SP), ctxField(ExecCtxWasmSP))
	a.op(x86.AMOVQ, reg(x86.REG_BP), ctxField(ExecCtxWasmFP))
	cont := a.label()
	a.rel32(cont, 0x48, 0x8d, 0x05) // LEAQ cont(RIP), AX
	a.op(x86.AMOVQ, reg(x86.REG_AX), ctxField(ExecCtxContPC))
	a.op(x86.AMOVQ, ctxField(ExecCtxGoSP), reg(x86.REG_SP))
	a.op(x86.AMOVQ, ctxField(ExecCtxGoFP), reg(x86.REG_BP))
	a.ret()
	a.bind(cont)
}

// trap exits with ExitTrap and code; it is never resumed.
func (a *masm) trap(code TrapCode) {
	a.op(x86.AMOVL, imm(int64(code)), ctxField(ExecCtxTrapCode))
	a.exit(ExitTrap)
}

func (a *masm) assemble() []byte {
	code := a.b.Assemble()
	for _, f := range a.rel32s {
		binary.LittleEndian.PutUint32(code[f.disp.Pc:], uint32(f.target.Pc-(f.disp.Pc+4)))
	}
	return code
}

// kernelSum: Scratch[0] = n -> Scratch[0] = 1+2+...+n, by a loop; returns.
func kernelSum(t testing.TB) []byte {
	a := newMasm(t)
	a.op(x86.AMOVQ, scratch(0), reg(x86.REG_CX))
	a.op(x86.AXORL, reg(x86.REG_AX), reg(x86.REG_AX))
	loop, done := a.label(), a.label()
	a.bind(loop)
	a.op(x86.ATESTQ, reg(x86.REG_CX), reg(x86.REG_CX))
	a.jump(x86.AJEQ, done)
	a.op(x86.AADDQ, reg(x86.REG_CX), reg(x86.REG_AX))
	a.op(x86.ADECQ, obj.Addr{}, reg(x86.REG_CX))
	a.jump(obj.AJMP, loop)
	a.bind(done)
	a.op(x86.AMOVQ, reg(x86.REG_AX), scratch(0))
	a.exit(ExitReturn)
	return a.assemble()
}

// kernelHostCalls: Scratch[0] = n. For k = n down to 1 it exits with
// ExitHostCall, Scratch[0] = k, and adds the host's answer (Scratch[0] on
// resume) to a sum kept in its frame; returns the sum in Scratch[0].
func kernelHostCalls(t testing.TB) []byte {
	a := newMasm(t)
	k, sum := mem(x86.REG_SP, 0), mem(x86.REG_SP, 8)
	a.op(x86.ASUBQ, imm(16), reg(x86.REG_SP))
	a.op(x86.AMOVQ, scratch(0), reg(x86.REG_AX))
	a.op(x86.AMOVQ, reg(x86.REG_AX), k)
	a.op(x86.AMOVQ, imm(0), sum)
	loop, done := a.label(), a.label()
	a.bind(loop)
	a.op(x86.AMOVQ, k, reg(x86.REG_AX))
	a.op(x86.ATESTQ, reg(x86.REG_AX), reg(x86.REG_AX))
	a.jump(x86.AJEQ, done)
	a.op(x86.AMOVQ, reg(x86.REG_AX), scratch(0))
	a.exit(ExitHostCall)
	a.op(x86.AMOVQ, scratch(0), reg(x86.REG_AX))
	a.op(x86.AADDQ, reg(x86.REG_AX), sum)
	a.op(x86.ADECQ, obj.Addr{}, k)
	a.jump(obj.AJMP, loop)
	a.bind(done)
	a.op(x86.AMOVQ, sum, reg(x86.REG_AX))
	a.op(x86.AMOVQ, reg(x86.REG_AX), scratch(0))
	a.op(x86.AADDQ, imm(16), reg(x86.REG_SP))
	a.exit(ExitReturn)
	return a.assemble()
}

// kernelNest: Scratch[0] = d. Exits with ExitHostCall, Scratch[0] = d; on
// resume returns 10*Scratch[0] + d, so the digits of the final result show
// the order in which nested activations completed.
func kernelNest(t testing.TB) []byte {
	a := newMasm(t)
	d := mem(x86.REG_SP, 0)
	a.op(x86.ASUBQ, imm(16), reg(x86.REG_SP))
	a.op(x86.AMOVQ, scratch(0), reg(x86.REG_AX))
	a.op(x86.AMOVQ, reg(x86.REG_AX), d)
	a.exit(ExitHostCall)
	a.op(x86.AMOVQ, scratch(0), reg(x86.REG_AX))
	a.op(x86.AIMULQ, imm(10), reg(x86.REG_AX))
	a.op(x86.AADDQ, d, reg(x86.REG_AX))
	a.op(x86.AMOVQ, reg(x86.REG_AX), scratch(0))
	a.op(x86.AADDQ, imm(16), reg(x86.REG_SP))
	a.exit(ExitReturn)
	return a.assemble()
}

// kernelRecurse calls a function that calls itself forever, each frame
// taking frame bytes plus its saved BP and return address, behind the
// prologue stack check every generated function has: it must end in a
// TrapStackExhausted exit.
func kernelRecurse(t testing.TB, frame int64) []byte {
	a := newMasm(t)
	fn, overflow := a.label(), a.label()
	a.call(fn)
	a.exit(ExitReturn)
	a.bind(fn)
	a.op(x86.ALEAQ, mem(x86.REG_SP, -(frame+16)), reg(x86.REG_AX))
	a.op(x86.ACMPQ, reg(x86.REG_AX), ctxField(ExecCtxStackLimit))
	a.jump(x86.AJCS, overflow)
	a.op(x86.APUSHQ, reg(x86.REG_BP), obj.Addr{})
	a.op(x86.AMOVQ, reg(x86.REG_SP), reg(x86.REG_BP))
	a.op(x86.ASUBQ, imm(frame), reg(x86.REG_SP))
	a.call(fn)
	a.bind(overflow)
	a.trap(TrapStackExhausted)
	return a.assemble()
}

// kernelCountdown: Scratch[0] = n > 0. Counts n down to zero, polling the
// interrupt flag each iteration as a loop header does, then returns. On an
// interrupt it exits with ExitInterrupt, the remaining count in Scratch[0],
// and continues counting when resumed. The count lives in R14 and X15 is
// overwritten, Go's g and zero registers under ABIInternal, which the ABI
// lets generated code use (see entry_amd64.s).
func kernelCountdown(t testing.TB) []byte {
	a := newMasm(t)
	a.op(x86.AMOVQ, scratch(0), reg(x86.REG_R14))
	a.op(x86.AMOVQ, reg(x86.REG_R14), reg(x86.REG_X15))
	loop, interrupted := a.label(), a.label()
	a.bind(loop)
	a.op(x86.ACMPL, ctxField(ExecCtxInterruptFlag), imm(0))
	a.jump(x86.AJNE, interrupted)
	a.op(x86.ADECQ, obj.Addr{}, reg(x86.REG_R14))
	a.jump(x86.AJNE, loop)
	a.exit(ExitReturn)
	a.bind(interrupted)
	a.op(x86.AMOVQ, reg(x86.REG_R14), scratch(0))
	a.exit(ExitInterrupt)
	a.op(x86.AMOVQ, scratch(0), reg(x86.REG_R14))
	a.jump(obj.AJMP, loop)
	return a.assemble()
}

// kernelClobber overwrites every register generated code may use and
// returns: all general registers but SP, BP and the context register, and
// all of X0-X15.
func kernelClobber(t testing.TB) []byte {
	a := newMasm(t)
	for _, r := range []int16{x86.REG_AX, x86.REG_BX, x86.REG_CX, x86.REG_DX, x86.REG_SI, x86.REG_DI,
		x86.REG_R8, x86.REG_R9, x86.REG_R10, x86.REG_R11, x86.REG_R12, x86.REG_R13, x86.REG_R14} {
		a.op(x86.AMOVQ, imm(-1), reg(r))
	}
	for r := int16(x86.REG_X0); r <= x86.REG_X15; r++ {
		a.op(x86.APCMPEQB, reg(r), reg(r))
	}
	a.exit(ExitReturn)
	return a.assemble()
}
