package arm64

import "github.com/sablewasm/sable/backend/internal/codegen"

// call emits a direct call; afterwards the vmctx register is reloaded (the
// callee may have left another instance's there) and the stack argument
// area, which the callee popped, taken back.
func (e *emitter) call(i int, m *codegen.Inst) {
	e.SafepointAt(i, e.a.CallFunc(m.Fn))
	e.reloadVMCtx()
	if m.ArgBytes > 0 {
		e.a.ALU(Sub, S64, SP, SP, Imm(m.ArgBytes))
	}
}
