package compiler

import (
	"errors"
	"fmt"
	"io"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// The frontend translates a validated Wasm function body to IR in one pass
// over its instructions, simulating the operand stack with IR values. Values
// that flow across a control-flow join travel as block arguments: block and
// if results, loop parameters, and locals (frontend_ssa.go).

// ErrUnsupported is wrapped by the error for an instruction the compiler
// does not translate yet (SIMD, GC, exception handling).
var ErrUnsupported = errors.New("unsupported instruction")

type frameKind uint8

const (
	frameBlock frameKind = iota
	frameLoop
	frameIf   // then-arm of an if; the else block is still pending
	frameElse // else-arm (or an if after its else)
	frameFunc
	frameDead // a construct that began in unreachable code
)

// frame is a control frame of the Wasm structured control stack.
type frame struct {
	kind            frameKind
	params, results []Type
	height          int     // operand stack height below the params
	label           BlockID // branch target: loop header, or the merge block
	elseBlock       BlockID // frameIf: the block the false edge enters
	ifArgs          []Value // frameIf: the params, to restart the else-arm with
}

// labelTypes are the types a branch to the frame carries.
func (fr *frame) labelTypes() []Type {
	if fr.kind == frameLoop {
		return fr.params
	}
	return fr.results
}

// builder holds the state of translating one function. A builder is reused
// across functions by one compile worker, so its slices amortize.
type builder struct {
	mi     *ModuleInfo
	f      *Func
	cur    BlockID // NoBlock while the code being read is unreachable
	stack  []Value
	ctrl   []frame
	in     wasm.Instr
	locals localsState
	// localTypes backs the types of the function's locals.
	localTypes []Type

	blockTypes map[uint32][2][]Type
}

var singleType = [...][]Type{
	TypeI32: {TypeI32}, TypeI64: {TypeI64}, TypeF32: {TypeF32}, TypeF64: {TypeF64},
	TypeV128: {TypeV128}, TypeFuncRef: {TypeFuncRef}, TypeRef: {TypeRef},
}

// Translate builds the IR of function funcIndex (an index into the function
// index space; it must be a defined function) of a validated module.
func Translate(mi *ModuleInfo, funcIndex uint32) (*Func, error) {
	var t Translator
	return t.Translate(mi, funcIndex)
}

// Translator translates functions one after another, reusing the storage
// of the previous one: a compile worker keeps one, so that translating a
// module's thousands of functions does not regrow the IR's slices for
// each. The Func that Translate returns is valid until its next call.
type Translator struct {
	b builder
	f Func
}

// Translate is the package's Translate, into the Translator's storage.
func (t *Translator) Translate(mi *ModuleInfo, funcIndex uint32) (*Func, error) {
	return t.b.translateFunc(mi, funcIndex, &t.f)
}

// TranslateConstExpr builds a function without parameters that computes
// the constant expression e of type t (a global initializer, a segment
// offset or element), so that instantiation can run it like any function.
func TranslateConstExpr(mi *ModuleInfo, e wasm.ConstExpr, t wasm.ValType) (*Func, error) {
	var b builder
	f := NewFunc("const", nil, []Type{mi.IRType(t)})
	return f, b.build(mi, f, nil, e.Code, e.Offset)
}

// translateFunc translates function funcIndex into f, whose storage it
// reuses.
func (b *builder) translateFunc(mi *ModuleInfo, funcIndex uint32, f *Func) (*Func, error) {
	def := int64(funcIndex) - int64(mi.NumImportedFuncs)
	if def < 0 || def >= int64(len(mi.Module.Codes)) || int(funcIndex) >= len(mi.FuncTypes) {
		return nil, fmt.Errorf("function %d is not a defined function", funcIndex)
	}
	sig := mi.FuncType(mi.FuncTypes[funcIndex])
	if sig == nil {
		return nil, fmt.Errorf("function %d: type %d is not a function type", funcIndex, mi.FuncTypes[funcIndex])
	}
	code := &mi.Module.Codes[def]
	f.init(funcName(mi.Module, funcIndex), mi.IRTypes(sig.Params), mi.IRTypes(sig.Results))
	f.Index = funcIndex
	f.MemMinBytes = mi.MemMinBytes
	locals := append(b.localTypes[:0], f.Params...)
	for _, d := range code.Locals {
		t := mi.IRType(d.Type)
		for range d.Count {
			locals = append(locals, t)
		}
	}
	b.localTypes = locals
	if err := b.build(mi, f, locals, code.Body, code.BodyOffset); err != nil {
		return nil, err
	}
	return f, nil
}

func funcName(m *wasm.Module, idx uint32) string {
	if m.Names != nil {
		if n, ok := m.Names.Funcs[idx]; ok {
			return n
		}
	}
	return fmt.Sprintf("func%d", idx)
}

// build translates body into f, whose entry block exists with its params.
func (b *builder) build(mi *ModuleInfo, f *Func, locals []Type, body []byte, offset int) error {
	b.mi, b.f = mi, f
	b.stack = b.stack[:0]
	b.ctrl = b.ctrl[:0]
	b.locals.reset(locals)
	b.newBlockState() // the entry block
	b.locals.bs[0].sealed = true
	b.enterBlock(0, false)
	for i, p := range f.Blocks[0].Params {
		b.setLocal(uint32(i), p)
	}
	b.emit(Instr{Op: OpSafepoint, Offset: uint32(offset)})
	ret := b.newBlock(f.Results)
	b.ctrl = append(b.ctrl, frame{kind: frameFunc, results: f.Results, label: ret})

	r := wasm.NewInstrReader(body, offset)
	for len(b.ctrl) > 0 {
		if err := r.Next(&b.in); err != nil {
			if err == io.EOF {
				return fmt.Errorf("offset %#x: function body ends inside a block", r.Offset())
			}
			return err
		}
		if err := b.instr(); err != nil {
			return fmt.Errorf("offset %#x: %s: %w", b.in.Offset, b.in.Op, err)
		}
	}
	removeUnreachableBlocks(f)
	return nil
}

func (b *builder) newBlock(params []Type) BlockID {
	blk := b.f.NewBlock()
	for _, t := range params {
		b.f.AddParam(blk, t)
	}
	b.newBlockState()
	return blk
}

func (b *builder) newBlockState() {
	b.locals.bs = append(b.locals.bs, blockSSA{})
}

// emit appends an instruction without results to the current block.
func (b *builder) emit(in Instr, args ...Value) {
	if in.Offset == 0 {
		in.Offset = uint32(b.in.Offset)
	}
	b.f.Append(b.cur, in, args)
}

// emit1 appends an instruction with one result of type t and returns it.
func (b *builder) emit1(in Instr, t Type, args ...Value) Value {
	in.Offset = uint32(b.in.Offset)
	id := b.f.Append(b.cur, in, args, t)
	return b.f.Instrs[id].Results[0]
}

func (b *builder) push(v Value) { b.stack = append(b.stack, v) }

func (b *builder) pop() Value {
	v := b.stack[len(b.stack)-1]
	b.stack = b.stack[:len(b.stack)-1]
	return v
}

// popN pops n values and returns them in stack order. The slice aliases the
// stack and is valid until the next push.
func (b *builder) popN(n int) []Value {
	vs := b.stack[len(b.stack)-n:]
	b.stack = b.stack[:len(b.stack)-n]
	return vs
}

func (b *builder) top(n int) []Value { return b.stack[len(b.stack)-n:] }

// terminate ends the current block with t and records the edges as
// predecessors of their targets. Until a block is entered, code is
// unreachable.
func (b *builder) terminate(t Term) {
	t.Offset = uint32(b.in.Offset)
	for i := range t.Succs {
		st := &b.locals.bs[t.Succs[i].Block]
		st.preds = append(st.preds, pred{b.cur, uint32(i)})
	}
	b.f.Blocks[b.cur].Term = t
	b.finishBlock()
	b.cur = NoBlock
}

// deadCode drops the operands of the innermost frame after an
// unconditional branch: what follows is unreachable.
func (b *builder) deadCode() {
	b.stack = b.stack[:b.ctrl[len(b.ctrl)-1].height]
}

func (b *builder) jump(to BlockID, args []Value) {
	s := b.f.NewSuccs(1)
	s[0] = BlockCall{to, b.f.NewArgs(args)}
	b.terminate(Term{Kind: TermJump, Succs: s})
}

func (b *builder) branch(cond Value, t BlockID, targs []Value, e BlockID, eargs []Value) {
	s := b.f.NewSuccs(2)
	s[0] = BlockCall{t, b.f.NewArgs(targs)}
	s[1] = BlockCall{e, b.f.NewArgs(eargs)}
	b.terminate(Term{Kind: TermBranch, Arg: cond, Succs: s})
}

func (b *builder) trap(code abi.TrapCode) {
	b.terminate(Term{Kind: TermTrap, Trap: code})
}

// labelFrame returns the frame a branch of depth l targets.
func (b *builder) labelFrame(l uint32) *frame { return &b.ctrl[len(b.ctrl)-1-int(l)] }

// blockType resolves a block type to its parameter and result types.
func (b *builder) blockType(bt wasm.BlockType) (params, results []Type, err error) {
	switch bt.Kind {
	case wasm.BlockEmpty:
		return nil, nil, nil
	case wasm.BlockValue:
		return nil, singleType[b.mi.IRType(bt.Value)], nil
	}
	if pr, ok := b.blockTypes[bt.Index]; ok {
		return pr[0], pr[1], nil
	}
	ft := b.mi.FuncType(bt.Index)
	if ft == nil {
		return nil, nil, fmt.Errorf("block type %d is not a function type", bt.Index)
	}
	params, results = b.mi.IRTypes(ft.Params), b.mi.IRTypes(ft.Results)
	if b.blockTypes == nil {
		b.blockTypes = make(map[uint32][2][]Type)
	}
	b.blockTypes[bt.Index] = [2][]Type{params, results}
	return params, results, nil
}
