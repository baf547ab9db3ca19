package arm64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/wasm"
)

// HostTrampoline returns the code that host functions of signature ft run
// as: position-independent machine code, entered at offset 0 with the Wasm
// calling convention (frame_abi.go), that hands the call to Go. The
// runtime maps it once per signature and stores its address as the Code
// of every host function's VMFuncRef of that signature. The contract is
// backend/amd64's (HostTrampoline there):
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
	a.StorePair(FP, LR, SP, -16, PairPreIndex)
	a.Mov(S64, FP, SP)
	e.stackCheck(area + stackSlack)
	if area > 0 {
		a.ALU(Sub, S64, SP, SP, Imm(area))
	}
	for i, t := range params {
		switch loc := l.Params[i]; {
		case !loc.InReg():
			a.Load(S64, scratchGP, Base(FP, int64(codegen.FrameArgBase+loc.Slot)))
		case codegen.IsFloat(t):
			a.FMovToGP(width(t), scratchGP, vreg(loc.Reg))
		default:
			a.Mov(width(t), scratchGP, gp(loc.Reg))
		}
		a.Store(S64, scratchGP, Base(SP, 8*int64(i)))
	}
	a.Store(S64, vmctxReg, Base(Ctx, abi.ExecCtxScratch))
	a.Mov(S64, scratchGP, SP)
	a.Store(S64, scratchGP, Base(Ctx, abi.ExecCtxScratch+8))
	e.exit(abi.ExitHostCall)
	for i, t := range results {
		src := Base(SP, 8*int64(i))
		switch loc := l.Results[i]; {
		case !loc.InReg():
			a.Load(S64, scratchGP, src)
			a.Store(S64, scratchGP, Base(FP, int64(codegen.FrameArgBase+l.ArgBytes+loc.Slot)))
		case codegen.IsFloat(t):
			a.FLoad(width(t), vreg(loc.Reg), src)
		default:
			a.Load(width(t), gp(loc.Reg), src)
		}
	}
	e.epilogue(l.ArgBytes)
	f, err := e.finish(nil)
	if err != nil {
		return nil, err
	}
	return f.Code[:f.TextLen], nil
}

// NoCodeStub returns what the record of a function without code points at
// (a Wasm function the back end could not compile, a host function whose
// signature has no trampoline), so that a call through it from generated
// code exits to Go instead of jumping to address 0: abi's exit sequence
// with ExitHostCall and X20 (the callee's VMCtx, which such records set to
// their own address + 1) in Scratch[0]. Go reports the call as failed and
// never resumes it; the continuation is a brk.
func NoCodeStub() ([]byte, error) {
	e := &emitter{a: New()}
	e.a.Store(S64, vmctxReg, Base(Ctx, abi.ExecCtxScratch))
	e.exit(abi.ExitHostCall)
	e.a.Brk(0)
	f, err := e.finish(nil)
	if err != nil {
		return nil, err
	}
	return f.Code[:f.TextLen], nil
}
