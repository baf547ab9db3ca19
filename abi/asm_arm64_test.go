package abi

import (
	"testing"

	golangasm "github.com/twitchyliquid64/golang-asm"
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// The test kernels for arm64, written as a backend would emit them, with
// golang-asm. asm_amd64_test.go has the same kernels for amd64.

const ctxReg = arm64.REG_R19

type masm struct {
	b    *golangasm.Builder
	adrs []adrFixup
}

// adrFixup is an ADR whose label offset is patched after assembly:
// golang-asm assembles ADR label, Rd with a zero offset (it looks for the
// target in the wrong operand), so assemble fills it in, as a backend
// resolves its own relocations.
type adrFixup struct {
	adr, target *obj.Prog
}

func newMasm(t testing.TB) *masm {
	b, err := golangasm.NewBuilder("arm64", 256)
	if err != nil {
		t.Fatal(err)
	}
	a := &masm{b: b}
	// golang-asm's arm64 back end treats the first instruction as the
	// function's TEXT and drops it.
	a.op(arm64.ANOOP, obj.Addr{}, obj.Addr{})
	return a
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

// op3 emits as from, r, to: golang-asm's three-operand form (to = r op from).
func (a *masm) op3(as obj.As, from obj.Addr, r int16, to obj.Addr) {
	a.op(as, from, to).Reg = r
}

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

func (a *masm) call(l *obj.Prog) { a.jump(arm64.ABL, l) }

func (a *masm) ret() { a.op(obj.ARET, obj.Addr{}, reg(arm64.REG_R30)) }

// exit emits the exit sequence of the ABI (see the package documentation):
// record why and where, switch back to Go's stack, frame pointer and link
// register and return into Call or Resume. Execution continues after it
// when Go resumes, with R19 = ctx and RSP/R29 as they were; every other
// register is lost, so live values must be in the frame or in ctx.
func (a *masm) exit(code ExitCode) {
	a.op(arm64.AMOVD, imm(int64(code)), reg(arm64.REG_R0))
	a.op(arm64.AMOVW, reg(arm64.REG_R0), ctxField(ExecCtxExitCode))
	a.op(arm64.AMOVD, reg(arm64.REGSP), reg(arm64.REG_R0))
	a.op(arm64.AMOVD, reg(arm64.REG_R0), ctxField(ExecCtxWasmSP))
	a.op(arm64.AMOVD, reg(arm64.REG_R29), ctxField(ExecCtxWasmFP))
	cont := a.label()
	adr := a.op(arm64.AADR, obj.Addr{Type: obj.TYPE_BRANCH}, reg(arm64.REG_R0))
	a.adrs = append(a.adrs, adrFixup{adr: adr, target: cont})
	a.op(arm64.AMOVD, reg(arm64.REG_R0), ctxField(ExecCtxContPC))
	a.op(arm64.AMOVD, ctxField(ExecCtxGoSP), reg(arm64.REG_R0))
	a.op(arm64.AMOVD, reg(arm64.REG_R0), reg(arm64.REGSP))
	a.op(arm64.AMOVD, ctxField(ExecCtxGoFP), reg(arm64.REG_R29))
	a.op(arm64.AMOVD, ctxField(ExecCtxGoLR), reg(arm64.REG_R30))
	a.ret()
	a.bind(cont)
}

// trap exits with ExitTrap and code; it is never resumed.
func (a *masm) trap(code TrapCode) {
	a.op(arm64.AMOVD, imm(int64(code)), reg(arm64.REG_R0))
	a.op(arm64.AMOVW, reg(arm64.REG_R0), ctxField(ExecCtxTrapCode))
	a.exit(ExitTrap)
}

func (a *masm) assemble() []byte {
	code := a.b.Assemble()
	for _, f := range a.adrs {
		d := uint32(f.target.Pc - f.adr.Pc)
		w := uint32(code[f.adr.Pc]) | uint32(code[f.adr.Pc+1])<<8 | uint32(code[f.adr.Pc+2])<<16 | uint32(code[f.adr.Pc+3])<<24
		w |= (d&3)<<29 | (d>>2&0x7ffff)<<5 // immlo, immhi
		code[f.adr.Pc], code[f.adr.Pc+1], code[f.adr.Pc+2], code[f.adr.Pc+3] = byte(w), byte(w>>8), byte(w>>16), byte(w>>24)
	}
	return code
}

// kernelSum: Scratch[0] = n -> Scratch[0] = 1+2+...+n, by a loop; returns.
func kernelSum(t testing.TB) []byte {
	a := newMasm(t)
	a.op(arm64.AMOVD, scratch(0), reg(arm64.REG_R1))
	a.op(arm64.AMOVD, reg(arm64.REGZERO), reg(arm64.REG_R0))
	loop, done := a.label(), a.label()
	a.bind(loop)
	p := a.b.NewProg()
	p.As, p.From, p.To = arm64.ACBZ, reg(arm64.REG_R1), obj.Addr{Type: obj.TYPE_BRANCH}
	p.To.SetTarget(done)
	a.b.AddInstruction(p)
	a.op(arm64.AADD, reg(arm64.REG_R1), reg(arm64.REG_R0))
	a.op(arm64.ASUB, imm(1), reg(arm64.REG_R1))
	a.jump(arm64.AB, loop)
	a.bind(done)
	a.op(arm64.AMOVD, reg(arm64.REG_R0), scratch(0))
	a.exit(ExitReturn)
	return a.assemble()
}

// kernelHostCalls: Scratch[0] = n. For k = n down to 1 it exits with
// ExitHostCall, Scratch[0] = k, and adds the host's answer (Scratch[0] on
// resume) to a sum kept in its frame; returns the sum in Scratch[0].
func kernelHostCalls(t testing.TB) []byte {
	a := newMasm(t)
	k, sum := mem(arm64.REGSP, 0), mem(arm64.REGSP, 8)
	a.op(arm64.ASUB, imm(16), reg(arm64.REGSP))
	a.op(arm64.AMOVD, scratch(0), reg(arm64.REG_R0))
	a.op(arm64.AMOVD, reg(arm64.REG_R0), k)
	a.op(arm64.AMOVD, reg(arm64.REGZERO), sum)
	loop, done := a.label(), a.label()
	a.bind(loop)
	a.op(arm64.AMOVD, k, reg(arm64.REG_R0))
	p := a.b.NewProg()
	p.As, p.From, p.To = arm64.ACBZ, reg(arm64.REG_R0), obj.Addr{Type: obj.TYPE_BRANCH}
	p.To.SetTarget(done)
	a.b.AddInstruction(p)
	a.op(arm64.AMOVD, reg(arm64.REG_R0), scratch(0))
	a.exit(ExitHostCall)
	a.op(arm64.AMOVD, scratch(0), reg(arm64.REG_R0))
	a.op(arm64.AMOVD, sum, reg(arm64.REG_R1))
	a.op(arm64.AADD, reg(arm64.REG_R0), reg(arm64.REG_R1))
	a.op(arm64.AMOVD, reg(arm64.REG_R1), sum)
	a.op(arm64.AMOVD, k, reg(arm64.REG_R0))
	a.op(arm64.ASUB, imm(1), reg(arm64.REG_R0))
	a.op(arm64.AMOVD, reg(arm64.REG_R0), k)
	a.jump(arm64.AB, loop)
	a.bind(done)
	a.op(arm64.AMOVD, sum, reg(arm64.REG_R0))
	a.op(arm64.AMOVD, reg(arm64.REG_R0), scratch(0))
	a.op(arm64.AADD, imm(16), reg(arm64.REGSP))
	a.exit(ExitReturn)
	return a.assemble()
}

// kernelNest: Scratch[0] = d. Exits with ExitHostCall, Scratch[0] = d; on
// resume returns 10*Scratch[0] + d, so the digits of the final result show
// the order in which nested activations completed.
func kernelNest(t testing.TB) []byte {
	a := newMasm(t)
	d := mem(arm64.REGSP, 0)
	a.op(arm64.ASUB, imm(16), reg(arm64.REGSP))
	a.op(arm64.AMOVD, scratch(0), reg(arm64.REG_R0))
	a.op(arm64.AMOVD, reg(arm64.REG_R0), d)
	a.exit(ExitHostCall)
	a.op(arm64.AMOVD, scratch(0), reg(arm64.REG_R0))
	a.op(arm64.AMOVD, imm(10), reg(arm64.REG_R1))
	a.op(arm64.AMUL, reg(arm64.REG_R1), reg(arm64.REG_R0))
	a.op(arm64.AMOVD, d, reg(arm64.REG_R1))
	a.op(arm64.AADD, reg(arm64.REG_R1), reg(arm64.REG_R0))
	a.op(arm64.AMOVD, reg(arm64.REG_R0), scratch(0))
	a.op(arm64.AADD, imm(16), reg(arm64.REGSP))
	a.exit(ExitReturn)
	return a.assemble()
}

// kernelRecurse calls a function that calls itself forever, each frame
// taking frame bytes plus its saved R29/R30 pair, behind the prologue stack
// check every generated function has: it must end in a TrapStackExhausted
// exit.
func kernelRecurse(t testing.TB, frame int64) []byte {
	a := newMasm(t)
	fn, overflow := a.label(), a.label()
	a.call(fn)
	a.exit(ExitReturn)
	a.bind(fn)
	a.op3(arm64.ASUB, imm(frame+16), arm64.REGSP, reg(arm64.REG_R0))
	a.op(arm64.AMOVD, ctxField(ExecCtxStackLimit), reg(arm64.REG_R1))
	a.op3(arm64.ACMP, reg(arm64.REG_R1), arm64.REG_R0, obj.Addr{})
	a.jump(arm64.ABLO, overflow)
	// STP (R29, R30), -16(RSP)!; MOVD RSP, R29: the frame record.
	stp := a.op(arm64.ASTP, obj.Addr{Type: obj.TYPE_REGREG, Reg: arm64.REG_R29, Offset: int64(arm64.REG_R30)}, mem(arm64.REGSP, -16))
	stp.Scond = arm64.C_XPRE
	a.op(arm64.AMOVD, reg(arm64.REGSP), reg(arm64.REG_R29))
	a.op(arm64.ASUB, imm(frame), reg(arm64.REGSP))
	a.call(fn)
	a.bind(overflow)
	a.trap(TrapStackExhausted)
	return a.assemble()
}

// kernelCountdown: Scratch[0] = n > 0. Counts n down to zero, polling the
// interrupt flag each iteration as a loop header does, then returns. On an
// interrupt it exits with ExitInterrupt, the remaining count in Scratch[0],
// and continues counting when resumed.
func kernelCountdown(t testing.TB) []byte {
	a := newMasm(t)
	a.op(arm64.AMOVD, scratch(0), reg(arm64.REG_R0))
	loop, interrupted := a.label(), a.label()
	a.bind(loop)
	a.op(arm64.AMOVWU, ctxField(ExecCtxInterruptFlag), reg(arm64.REG_R1))
	p := a.b.NewProg()
	p.As, p.From, p.To = arm64.ACBNZW, reg(arm64.REG_R1), obj.Addr{Type: obj.TYPE_BRANCH}
	p.To.SetTarget(interrupted)
	a.b.AddInstruction(p)
	a.op(arm64.ASUBS, imm(1), reg(arm64.REG_R0))
	a.jump(arm64.ABNE, loop)
	a.exit(ExitReturn)
	a.bind(interrupted)
	a.op(arm64.AMOVD, reg(arm64.REG_R0), scratch(0))
	a.exit(ExitInterrupt)
	a.op(arm64.AMOVD, scratch(0), reg(arm64.REG_R0))
	a.jump(arm64.AB, loop)
	return a.assemble()
}

// kernelClobber overwrites every register generated code may use and
// returns: R0-R17, R20-R27 and the floating-point registers (R19 holds
// the context, which the exit sequence still needs). R18 (platform), R28
// (g), RSP and R29 are the ones it must leave alone.
func kernelClobber(t testing.TB) []byte {
	a := newMasm(t)
	for r := int16(arm64.REG_R0); r <= arm64.REG_R27; r++ {
		if r != arm64.REG_R18 && r != ctxReg {
			a.op(arm64.AMOVD, imm(-1), reg(r))
		}
	}
	for r := int16(arm64.REG_F0); r <= arm64.REG_F31; r++ {
		a.op(arm64.AFMOVD, reg(arm64.REG_R0), reg(r))
	}
	a.exit(ExitReturn)
	return a.assemble()
}
