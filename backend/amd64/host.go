package amd64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/wasm"
)

// HostTrampoline returns the code that host functions of signature ft run
// as: position-independent machine code, entered at offset 0 with the Wasm
// calling convention (frame_abi.go), that hands the call to Go. The
// runtime maps it once per signature and stores its address as the Code
// of every host function's VMFuncRef of that signature.
//
// It spills the arguments into 8-byte slots on the Wasm stack (i32 and f32
// zero-extended), then exits with abi.ExitHostCall and
//
//	Scratch[0] = the vmctx register, i.e. the VMFuncRef.VMCtx the caller
//	             loaded: for a host function, an id the runtime chose
//	Scratch[1] = the address of the slots (max(params, results) of them)
//
// Go writes the results into the slots from slot 0 (i32 and f32 in the low
// 4 bytes) and resumes; the trampoline returns them per the convention.
// It keeps a frame record like every Wasm function, so backtraces walk
// through it. A stack overflow in it traps with TrapStackExhausted; its
// trap site is not in any Module, so the runtime takes the code from
// ExecContext.TrapCode.
func HostTrampoline(ft *wasm.FuncType) ([]byte, error) {
	params, results, l, err := convention.HostSig(ft)
	if err != nil {
		return nil, err
	}
	e := &emitter{a: New()}
	a := e.a
	slots := int32(max(len(params), len(results)))
	area := (8*slots + 15) &^ 15
	a.Push(RBP)
	a.Mov(S64, RBP, RSP)
	a.Lea(S64, scratchGP, Base(RSP, -(area+stackSlack)))
	a.ALU(Cmp, S64, scratchGP, Base(execCtx, abi.ExecCtxStackLimit))
	a.Jcc(B, e.trapStub(abi.TrapStackExhausted, 0))
	a.ALU(Sub, S64, RSP, Imm(area))
	for i, t := range params {
		switch loc := l.Params[i]; {
		case !loc.InReg():
			a.Mov(S64, scratchGP, Base(RBP, 16+loc.Slot))
		case codegen.IsFloat(t):
			a.MovFromX(width(t), scratchGP, xmm(loc.Reg))
		default:
			a.Mov(width(t), scratchGP, gp(loc.Reg))
		}
		a.Mov(S64, Base(RSP, 8*int32(i)), scratchGP)
	}
	a.Mov(S64, Base(execCtx, abi.ExecCtxScratch), vmctxReg)
	a.Mov(S64, Base(execCtx, abi.ExecCtxScratch+8), RSP)
	e.exit(abi.ExitHostCall)
	for i, t := range results {
		src := Base(RSP, 8*int32(i))
		switch loc := l.Results[i]; {
		case !loc.InReg():
			a.Mov(width(t), scratchGP, src) // an i32 zero-extended (frame_abi.go)
			a.Mov(S64, Base(RBP, 16+l.ArgBytes+loc.Slot), scratchGP)
		case codegen.IsFloat(t):
			a.MovF(width(t), xmm(loc.Reg), src)
		default:
			a.Mov(width(t), gp(loc.Reg), src)
		}
	}
	a.Mov(S64, RSP, RBP)
	a.Pop(RBP)
	a.RetPop(uint16(l.ArgBytes))
	e.EmitCold()
	code, err := a.Finish()
	if err != nil {
		return nil, err
	}
	return code.Bytes, nil
}
