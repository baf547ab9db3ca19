package compiler

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// instr translates b.in.
func (b *builder) instr() error {
	op := b.in.Op
	if b.cur == NoBlock {
		return b.unreachableInstr(op)
	}
	switch op {
	case wasm.OpBlock, wasm.OpLoop, wasm.OpIf:
		return b.enterConstruct(op)
	case wasm.OpElse:
		b.elseArm()
	case wasm.OpEnd:
		b.end()
	case wasm.OpBr:
		b.br(b.in.Label)
		b.deadCode()
	case wasm.OpBrIf:
		cond := b.pop()
		b.brIf(cond, b.in.Label, false)
	case wasm.OpBrTable:
		b.brTable()
		b.deadCode()
	case wasm.OpReturn:
		b.ret()
		b.deadCode()
	case wasm.OpUnreachable:
		b.trap(abi.TrapUnreachable)
		b.deadCode()
	case wasm.OpBrOnNull, wasm.OpBrOnNonNull:
		b.brOnNull(op == wasm.OpBrOnNonNull)
	case wasm.OpBrOnCast, wasm.OpBrOnCastFail:
		return b.brOnCast(op == wasm.OpBrOnCastFail)
	default:
		return b.plainInstr(op)
	}
	return nil
}

// unreachableInstr skips code after an unconditional branch: only the
// structure matters, to find where reachable code resumes.
func (b *builder) unreachableInstr(op wasm.Op) error {
	switch op {
	case wasm.OpBlock, wasm.OpLoop, wasm.OpIf, wasm.OpTry, wasm.OpTryTable:
		b.ctrl = append(b.ctrl, frame{kind: frameDead, height: len(b.stack)})
	case wasm.OpElse:
		if b.ctrl[len(b.ctrl)-1].kind != frameDead {
			b.elseArm()
		}
	case wasm.OpEnd:
		if b.ctrl[len(b.ctrl)-1].kind == frameDead {
			b.ctrl = b.ctrl[:len(b.ctrl)-1]
		} else {
			b.end()
		}
	}
	return nil
}

func (b *builder) enterConstruct(op wasm.Op) error {
	params, results, err := b.blockType(b.in.Block)
	if err != nil {
		return err
	}
	fr := frame{params: params, results: results, height: len(b.stack) - len(params)}
	switch op {
	case wasm.OpBlock:
		fr.kind = frameBlock
		fr.label = b.newBlock(results)
	case wasm.OpLoop:
		fr.kind = frameLoop
		fr.label = b.newBlock(params)
		b.jump(fr.label, b.popN(len(params)))
		b.enterBlock(fr.label, false)
		b.stack = append(b.stack, b.f.Blocks[fr.label].Params...)
		b.emit(Instr{Op: OpSafepoint})
	case wasm.OpIf:
		cond := b.pop()
		fr.height--
		fr.kind = frameIf
		if len(params) > 0 {
			fr.ifArgs = append([]Value(nil), b.top(len(params))...)
		}
		fr.label = b.newBlock(results)
		then, els := b.newBlock(nil), b.newBlock(nil)
		fr.elseBlock = els
		b.ctrl = append(b.ctrl, fr)
		b.branch(cond, then, nil, els, nil)
		b.locals.bs[then].sealed = true
		b.locals.bs[els].sealed = true
		b.enterBlock(then, true)
		return nil
	}
	b.ctrl = append(b.ctrl, fr)
	return nil
}

// elseArm ends an if's then-arm and starts its else-arm.
func (b *builder) elseArm() {
	fr := &b.ctrl[len(b.ctrl)-1]
	if b.cur != NoBlock {
		b.jump(fr.label, b.top(len(fr.results)))
	}
	b.stack = append(b.stack[:fr.height], fr.ifArgs...)
	fr.kind = frameElse
	b.enterBlock(fr.elseBlock, false)
}

// end closes the innermost construct.
func (b *builder) end() {
	fr := b.ctrl[len(b.ctrl)-1]
	if fr.kind == frameLoop {
		// Only the fall-through leaves a loop: code continues in the
		// current block, and the header has seen all its back edges.
		b.seal(fr.label)
		b.ctrl = b.ctrl[:len(b.ctrl)-1]
		return
	}
	if b.cur != NoBlock {
		if fr.kind == frameFunc && len(b.locals.bs[fr.label].preds) == 0 {
			b.ret()
		} else {
			b.jump(fr.label, b.top(len(fr.results)))
		}
	}
	if fr.kind == frameIf {
		// An if without else: the false edge passes the params through.
		b.enterBlock(fr.elseBlock, false)
		b.jump(fr.label, fr.ifArgs)
	}
	b.seal(fr.label)
	b.ctrl = b.ctrl[:len(b.ctrl)-1]
	b.stack = b.stack[:fr.height]
	if len(b.locals.bs[fr.label].preds) == 0 {
		return // nothing reaches the merge block; it is removed at the end
	}
	b.enterBlock(fr.label, false)
	params := b.f.Blocks[fr.label].Params[:len(fr.results)]
	if fr.kind == frameFunc {
		b.terminateReturn(params)
		return
	}
	b.stack = append(b.stack, params...)
}

func (b *builder) ret() {
	b.terminateReturn(b.top(len(b.f.Results)))
}

func (b *builder) terminateReturn(vals []Value) {
	b.terminate(Term{Kind: TermReturn, Values: b.f.NewArgs(vals)})
}

func (b *builder) br(l uint32) {
	fr := b.labelFrame(l)
	b.jump(fr.label, b.top(len(fr.labelTypes())))
}

// brIf branches to label l if cond != 0 (or == 0 when inverted) and
// continues in a fresh block otherwise.
func (b *builder) brIf(cond Value, l uint32, inverted bool) {
	fr := b.labelFrame(l)
	args := b.top(len(fr.labelTypes()))
	cont := b.newBlock(nil)
	if inverted {
		b.branch(cond, cont, nil, fr.label, args)
	} else {
		b.branch(cond, fr.label, args, cont, nil)
	}
	b.locals.bs[cont].sealed = true
	b.enterBlock(cont, true)
}

func (b *builder) brTable() {
	idx := b.pop()
	labels := b.in.Labels
	succs := b.f.NewSuccs(len(labels))
	for i, l := range labels {
		fr := b.labelFrame(l)
		succs[i] = BlockCall{fr.label, b.f.NewArgs(b.top(len(fr.labelTypes())))}
	}
	b.terminate(Term{Kind: TermBrTable, Arg: idx, Succs: succs})
}

// brOnNull translates br_on_null (branch when null, keep the reference
// otherwise) and br_on_non_null (branch with the reference when non-null).
func (b *builder) brOnNull(onNonNull bool) {
	ref := b.top(1)[0]
	isNull := b.emit1(Instr{Op: OpRefIsNull}, TypeI32, ref)
	if onNonNull {
		b.brIf(isNull, b.in.Label, true)
		b.pop()
		return
	}
	b.pop()
	b.brIf(isNull, b.in.Label, false)
	b.push(ref)
}
