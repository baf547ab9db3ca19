package arm64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
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

// compileEntry builds the preamble of one signature. Its temporaries
// X9-X11 and X15 are not argument registers.
func compileEntry(params, results []compiler.Type) (*codegen.Func, error) {
	l, err := convention.Layout(params, results)
	if err != nil {
		return nil, err
	}
	e := &emitter{a: New()}
	a := e.a
	saved := l.ArgBytes + l.ResultBytes // where the buffer address is kept
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
		switch loc := l.Params[i]; {
		case !loc.InReg():
			a.Load(S64, tmp, src)
			a.Store(S64, tmp, Base(SP, int64(loc.Slot)))
		case codegen.IsFloat(t):
			a.FLoad(width(t), vreg(loc.Reg), src)
		default:
			a.Load(width(t), gp(loc.Reg), src)
		}
	}
	a.Blr(fn)
	if l.ArgBytes > 0 {
		a.ALU(Sub, S64, SP, SP, Imm(l.ArgBytes))
	}
	a.Load(S64, buf, Base(SP, int64(saved)))
	for i, t := range results {
		dst := Base(buf, int64(8*i))
		switch loc := l.Results[i]; {
		case !loc.InReg():
			a.Load(width(t), tmp, Base(SP, int64(l.ArgBytes+loc.Slot)))
		case codegen.IsFloat(t):
			a.FMovToGP(width(t), tmp, vreg(loc.Reg))
		default:
			a.Mov(width(t), tmp, gp(loc.Reg))
		}
		a.Store(S64, tmp, dst)
	}
	e.exit(abi.ExitReturn)
	a.Brk(0)
	return e.finish(nil)
}
