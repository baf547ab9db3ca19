package arm64

// call emits a direct call; afterwards the vmctx register is reloaded (the
// callee may have left another instance's there) and the stack argument
// area, which the callee popped, taken back.
func (e *emitter) call(i int, m *minst) {
	e.calls[i] = e.a.CallFunc(m.fn)
	e.reloadVMCtx()
	if m.argBytes > 0 {
		e.a.ALU(Sub, S64, SP, SP, Imm(m.argBytes))
	}
}
