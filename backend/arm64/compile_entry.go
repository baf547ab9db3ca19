package arm64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// Entry preambles bridge abi.Call to the Wasm calling convention, one per
// signature, with amd64's contract. Go enters one (abi's enter: a jump,
// with X19 = the ExecContext and FP = 0) with
//
//	Scratch[0] = address of the values buffer: 8 bytes per parameter on
//	             entry, overwritten with 8 bytes per result on return
//	             (i32 and f32 zero-extended)
//	Scratch[1] = address of the function to call
//	Scratch[2] = the callee's vmctx
//
// and it leaves with ExitReturn. The preamble pushes no frame record: the
// callee's record holds the FP 0 that enter planted, which ends the frame
// walk, and the preamble's own return address, inside this code.

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

// compileEntry builds the preamble of one signature. Its temporaries
// X9-X11 and X15 are not argument registers.
func compileEntry(params, results []compiler.Type) (*CompiledFunc, error) {
	l, err := layoutSig(params, results)
	if err != nil {
		return nil, err
	}
	e := &emitter{a: New()}
	a := e.a
	saved := l.argBytes + l.resultBytes // where the buffer address is kept
	area := (saved + 8 + 15) &^ 15
	e.stackCheck(area + stackSlack)
	a.ALU(Sub, S64, SP, SP, Imm(area))
	buf, fn, tmp := X9, X10, X11
	a.Load(S64, buf, Base(Ctx, abi.ExecCtxScratch))
	a.Load(S64, fn, Base(Ctx, abi.ExecCtxScratch+8))
	a.Load(S64, vmctxReg, Base(Ctx, abi.ExecCtxScratch+16))
	a.Store(S64, buf, Base(SP, int64(saved)))
	for i, t := range params {
		src := Base(buf, int64(8*i))
		switch loc := l.params[i]; {
		case loc.reg == regalloc.NoReg:
			a.Load(S64, tmp, src)
			a.Store(S64, tmp, Base(SP, int64(loc.slot)))
		case isFloat(t):
			a.FLoad(width(t), vreg(loc.reg), src)
		default:
			a.Load(width(t), gp(loc.reg), src)
		}
	}
	a.Blr(fn)
	if l.argBytes > 0 {
		a.ALU(Sub, S64, SP, SP, Imm(l.argBytes))
	}
	a.Load(S64, buf, Base(SP, int64(saved)))
	for i, t := range results {
		dst := Base(buf, int64(8*i))
		switch loc := l.results[i]; {
		case loc.reg == regalloc.NoReg:
			a.Load(width(t), tmp, Base(SP, int64(l.argBytes+loc.slot)))
		case isFloat(t):
			a.FMovToGP(width(t), tmp, vreg(loc.reg))
		default:
			a.Mov(width(t), tmp, gp(loc.reg))
		}
		a.Store(S64, tmp, dst)
	}
	e.exit(abi.ExitReturn)
	a.Brk(0)
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
