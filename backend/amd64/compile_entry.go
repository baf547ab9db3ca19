package amd64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
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

// compileEntry builds the preamble of one signature.
func compileEntry(params, results []compiler.Type) (*codegen.Func, error) {
	l, err := convention.Layout(params, results)
	if err != nil {
		return nil, err
	}
	e := &emitter{a: New()}
	a := e.a
	saved := l.ArgBytes + l.ResultBytes // where the buffer address is kept
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
		switch loc := l.Params[i]; {
		case !loc.InReg():
			a.Mov(width(t), tmp, src) // an i32 zero-extended (frame_abi.go)
			a.Mov(S64, Base(RSP, loc.Slot), tmp)
		case codegen.IsFloat(t):
			a.MovF(width(t), xmm(loc.Reg), src)
		default:
			a.Mov(width(t), gp(loc.Reg), src)
		}
	}
	a.CallIndirect(fn)
	if l.ArgBytes > 0 {
		a.ALU(Sub, S64, RSP, Imm(l.ArgBytes))
	}
	a.Mov(S64, buf, Base(RSP, saved))
	for i, t := range results {
		dst := Base(buf, int32(8*i))
		switch loc := l.Results[i]; {
		case !loc.InReg():
			a.Mov(width(t), tmp, Base(RSP, l.ArgBytes+loc.Slot))
			a.Mov(S64, dst, tmp)
		case codegen.IsFloat(t):
			a.MovFromX(width(t), tmp, xmm(loc.Reg))
			a.Mov(S64, dst, tmp)
		default:
			a.Mov(width(t), tmp, gp(loc.Reg))
			a.Mov(S64, dst, tmp)
		}
	}
	e.exit(abi.ExitReturn)
	a.Int3()
	return e.finish(nil)
}
