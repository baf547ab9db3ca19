package wasm

import (
	"errors"
	"fmt"
	"strings"
)

// unknownType is the type of an operand popped from the polymorphic stack
// of unreachable code: it matches every type (the spec's "bot").
var unknownType = ValType{}

// heapBot is the heap type of a reference known to be a reference but of
// unknown heap type, e.g. the result of ref.as_non_null applied to an
// unknown operand. (ref bot) matches every reference type. The value is the
// encoding of the empty block type, which is never a heap type, and it
// never leaves the body validator.
const heapBot HeapType = -0x40

type frameKind uint8

const (
	frameFunc frameKind = iota
	frameBlock
	frameLoop
	frameIf
	frameElse
	frameTryTable
	frameTry      // legacy try, before its first handler
	frameCatch    // legacy try, inside a catch handler
	frameCatchAll // legacy try, inside its catch_all handler
)

// ctrlFrame is one entry of the control stack. It holds no pointers, so
// that deep nesting costs neither write barriers nor GC scanning.
type ctrlFrame struct {
	kind frameKind
	// The block type: the function type typeIdx when indexed is set,
	// else [] -> [] or, when single is set, [] -> one.
	indexed, single bool
	typeIdx         uint32
	one             [1]ValType

	height      int  // operand stack height at entry
	initHeight  int  // length of the locals' initialization log at entry
	unreachable bool // the rest of the current block is unreachable
}

// startTypes returns the parameters of frame f.
func (v *funcValidator) startTypes(f *ctrlFrame) []ValType {
	if f.indexed {
		return v.env.funcType(f.typeIdx).Params
	}
	return nil
}

// endTypes returns the types frame f leaves on the stack.
func (v *funcValidator) endTypes(f *ctrlFrame) []ValType {
	switch {
	case f.indexed:
		return v.env.funcType(f.typeIdx).Results
	case f.single:
		return f.one[:]
	}
	return nil
}

// labelTypes returns the types a branch to frame f's label carries: a
// loop's label is its start, every other label its end.
func (v *funcValidator) labelTypes(f *ctrlFrame) []ValType {
	if f.kind == frameLoop {
		return v.startTypes(f)
	}
	return v.endTypes(f)
}

// match reports whether operand type a matches expected type b, treating
// the unknown type and (ref bot) as bottom types.
func (v *funcValidator) match(a, b ValType) bool {
	switch {
	case a.Kind == KindInvalid:
		return true
	case a.Kind == Ref && a.Heap == heapBot:
		return b.Kind == Ref && (b.Nullable || !a.Nullable)
	}
	return v.env.matchVal(a, b)
}

func (v *funcValidator) top() *ctrlFrame { return &v.ctrls[len(v.ctrls)-1] }

func (v *funcValidator) push(t ValType)        { v.vals = append(v.vals, t) }
func (v *funcValidator) pushVals(ts []ValType) { v.vals = append(v.vals, ts...) }

// pop pops an operand of any type.
func (v *funcValidator) pop() (ValType, error) {
	f := v.top()
	if len(v.vals) == f.height {
		if f.unreachable {
			return unknownType, nil
		}
		return unknownType, v.errorf("type mismatch: instruction requires an operand but stack has []")
	}
	t := v.vals[len(v.vals)-1]
	v.vals = v.vals[:len(v.vals)-1]
	return t, nil
}

// popType pops an operand that must match want and returns its actual type.
func (v *funcValidator) popType(want ValType) (ValType, error) {
	f := v.top()
	if len(v.vals) > f.height {
		t := v.vals[len(v.vals)-1]
		if v.match(t, want) {
			v.vals = v.vals[:len(v.vals)-1]
			return t, nil
		}
	} else if f.unreachable {
		return unknownType, nil
	}
	w := [1]ValType{want}
	return unknownType, v.mismatch(w[:])
}

// popVals pops operands matching ts (ts[len(ts)-1] on top).
func (v *funcValidator) popVals(ts []ValType) error {
	f := v.top()
	avail := len(v.vals) - f.height
	n := min(avail, len(ts))
	if n < len(ts) && !f.unreachable {
		return v.mismatch(ts)
	}
	base := len(v.vals) - n
	for i, t := range v.vals[base:] {
		if !v.match(t, ts[len(ts)-n+i]) {
			return v.mismatch(ts)
		}
	}
	v.vals = v.vals[:base]
	return nil
}

// checkVals checks that the top operands match ts without popping them.
func (v *funcValidator) checkVals(ts []ValType) error {
	// popVals only shortens v.vals, so re-extending it restores the operands.
	n := len(v.vals)
	err := v.popVals(ts)
	v.vals = v.vals[:n]
	return err
}

// popRef pops an operand that must be a reference (or unknown).
func (v *funcValidator) popRef() (ValType, error) {
	t, err := v.pop()
	if err != nil {
		return t, v.errorf("type mismatch: instruction requires a reference but stack has []")
	}
	if t.Kind != Ref && t.Kind != KindInvalid {
		return t, v.errorf("type mismatch: instruction requires a reference but stack has [%s]", typeString(t))
	}
	return t, nil
}

// nonNull returns the non-nullable version of reference operand t.
func nonNull(t ValType) ValType {
	if t.Kind == KindInvalid {
		return RefType(false, heapBot)
	}
	t.Nullable = false
	return t
}

// setUnreachable makes the rest of the current block stack-polymorphic.
func (v *funcValidator) setUnreachable() {
	f := v.top()
	v.vals = v.vals[:f.height]
	f.unreachable = true
}

// blockFrame resolves block type bt into a frame of the given kind.
func (v *funcValidator) blockFrame(kind frameKind, bt *BlockType) (ctrlFrame, error) {
	f := ctrlFrame{kind: kind}
	switch bt.Kind {
	case BlockValue:
		if err := v.checkValType(bt.Value); err != nil {
			return f, err
		}
		f.single, f.one[0] = true, bt.Value
	case BlockIndex:
		if _, err := v.funcTypeAt(bt.Index); err != nil {
			return f, err
		}
		f.indexed, f.typeIdx = true, bt.Index
	}
	return f, nil
}

// enter pops the parameters of frame f, pushes f and then its parameters
// again, now inside the block.
func (v *funcValidator) enter(f ctrlFrame) error {
	params := v.startTypes(&f)
	if err := v.popVals(params); err != nil {
		return err
	}
	f.height, f.initHeight = len(v.vals), v.locals.mark()
	v.ctrls = append(v.ctrls, f)
	v.pushVals(params)
	return nil
}

// checkEnd checks that the operands of frame f (the top frame) are exactly
// its end types, and pops them.
func (v *funcValidator) checkEnd(f *ctrlFrame) error {
	res := v.endTypes(f)
	if len(v.vals)-f.height > len(res) {
		return v.errorf("type mismatch: block requires %s but stack has %s",
			typesString(res), typesString(v.vals[f.height:]))
	}
	return v.popVals(res)
}

// restart begins a new arm (else, catch, catch_all) of the top frame f,
// whose previous arm has been checked by checkEnd.
func (v *funcValidator) restart(f *ctrlFrame, kind frameKind) {
	v.vals = v.vals[:f.height]
	v.locals.restore(f.initHeight)
	f.kind, f.unreachable = kind, false
}

// popCtrl checks the end of the top frame and pops it.
func (v *funcValidator) popCtrl() (ctrlFrame, error) {
	f := v.top()
	if err := v.checkEnd(f); err != nil {
		return ctrlFrame{}, err
	}
	v.locals.restore(f.initHeight)
	fr := *f
	v.ctrls = v.ctrls[:len(v.ctrls)-1]
	return fr, nil
}

// label returns the frame that label l refers to.
func (v *funcValidator) label(l uint32) (*ctrlFrame, error) {
	if uint64(l) >= uint64(len(v.ctrls)) {
		return nil, v.errorf("unknown label %d", l)
	}
	return &v.ctrls[len(v.ctrls)-1-int(l)], nil
}

// checkValType checks a value type named by an immediate.
func (v *funcValidator) checkValType(t ValType) error {
	if err := v.env.checkValType(t); err != nil {
		return v.wrapAt(v.in.Offset, err)
	}
	return nil
}

// errorf returns a validation error at the current instruction.
func (v *funcValidator) errorf(format string, args ...any) error {
	return v.errAt(v.in.Offset, format, args...)
}

func (v *funcValidator) errAt(offset int, format string, args ...any) error {
	return &ValidationError{Func: v.funcIdx, Offset: offset, Msg: fmt.Sprintf(format, args...)}
}

// wrapAt places a position-less validation error from the type
// environment at offset in the current function.
func (v *funcValidator) wrapAt(offset int, err error) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return &ValidationError{Func: v.funcIdx, Offset: offset, Msg: ve.Msg}
	}
	return err
}

// mismatch reports that the top operands do not match want, in the
// reference interpreter's wording.
func (v *funcValidator) mismatch(want []ValType) error {
	f := v.top()
	n := min(len(v.vals)-f.height, len(want))
	return v.errorf("type mismatch: instruction requires %s but stack has %s",
		typesString(want), typesString(v.vals[len(v.vals)-n:]))
}

func typesString(ts []ValType) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(typeString(t))
	}
	b.WriteByte(']')
	return b.String()
}

func typeString(t ValType) string {
	switch {
	case t.Kind == KindInvalid:
		return "bot"
	case t.Kind == Ref && t.Heap == heapBot:
		return "(ref bot)"
	case t == TypeFuncRef:
		return "funcref"
	case t == TypeExternRef:
		return "externref"
	case t == TypeExnRef:
		return "exnref"
	}
	return t.String()
}
