package amd64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// Entry preambles bridge abi.Call to the Wasm calling convention, one per
// signature. Go enters one with R15 = the ExecContext, RBP = 0 and
//
//	Scratch[0] = address of the values buffer: 8 bytes per parameter on
//	             entry, overwritten with 8 bytes per result on return
//	             (i32 and f32 zero-extended)
//	Scratch[1] = address of the function to call
//	Scratch[2] = the callee's vmctx
//
// and it leaves with ExitReturn. The preamble pushes no frame record: the
// callee's saved RBP is the 0 abi.Call planted, which ends the frame walk.

// entryKey identifies a signature for preamble sharing.
func entryKey(params, results []compiler.Type) string {
	b := make([]byte, 0, len(params)+len(results)+1)
	for _, t := range params {
		b = append(b, byte(t))
	}
	b = append(b, 0xff)
	for _, t := range results {
		b = append(b, byte(t))
	}
	return string(b)
}

// compileEntry builds the preamble of one signature.
func compileEntry(params, results []compiler.Type) (*CompiledFunc, error) {
	l, err := layoutSig(params, results)
	if err != nil {
		return nil, err
	}
	e := &emitter{a: New()}
	a := e.a
	saved := l.argBytes + l.resultBytes // where the buffer address is kept
	area := (saved + 8 + 15) &^ 15
	a.Lea(S64, scratchGP, Base(RSP, -(area+stackSlack)))
	a.ALU(Cmp, S64, scratchGP, Base(execCtx, abi.ExecCtxStackLimit))
	a.Jcc(B, e.trapStub(abi.TrapStackExhausted, 0))
	a.ALU(Sub, S64, RSP, Imm(area))
	buf, fn, tmp := scratchGP, R10, R12 // none of them an argument register
	a.Mov(S64, buf, Base(execCtx, abi.ExecCtxScratch))
	a.Mov(S64, fn, Base(execCtx, abi.ExecCtxScratch+8))
	a.Mov(S64, vmctxReg, Base(execCtx, abi.ExecCtxScratch+16))
	a.Mov(S64, Base(RSP, saved), buf)
	for i, t := range params {
		src := Base(buf, int32(8*i))
		switch loc := l.params[i]; {
		case loc.reg == regalloc.NoReg:
			a.Mov(S64, tmp, src)
			a.Mov(S64, Base(RSP, loc.slot), tmp)
		case isFloat(t):
			a.MovF(width(t), xmm(loc.reg), src)
		default:
			a.Mov(width(t), gp(loc.reg), src)
		}
	}
	a.CallIndirect(fn)
	if l.argBytes > 0 {
		a.ALU(Sub, S64, RSP, Imm(l.argBytes))
	}
	a.Mov(S64, buf, Base(RSP, saved))
	for i, t := range results {
		dst := Base(buf, int32(8*i))
		switch loc := l.results[i]; {
		case loc.reg == regalloc.NoReg:
			a.Mov(width(t), tmp, Base(RSP, l.argBytes+loc.slot))
			a.Mov(S64, dst, tmp)
		case isFloat(t):
			a.MovFromX(width(t), tmp, xmm(loc.reg))
			a.Mov(S64, dst, tmp)
		default:
			a.Mov(width(t), tmp, gp(loc.reg))
			a.Mov(S64, dst, tmp)
		}
	}
	e.exit(abi.ExitReturn)
	a.Int3()
	for i := 0; i < len(e.cold); i++ {
		e.cold[i]()
	}
	code, err := a.Finish()
	if err != nil {
		return nil, err
	}
	out := &CompiledFunc{Code: code}
	for _, t := range e.traps {
		out.TrapSites = append(out.TrapSites, TrapSite{PC: code.PCs[t.mark], Code: t.code, Offset: t.offset})
	}
	return out, nil
}
