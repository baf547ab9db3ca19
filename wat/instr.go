package wat

import (
	"errors"
	"strings"

	"github.com/sablewasm/sable/wasm"
)

// Instruction sequences of the text format.
//
// An instruction sequence mixes plain instructions (a keyword followed by
// its immediates, as atoms or small lists), flat structured instructions
// (`block ... end`, which never span a list boundary) and folded
// instructions (parenthesized, with their operands nested inside). The
// parser below walks the S-expression tree once and appends each
// instruction's binary encoding as it goes; folded operands are emitted
// before their operator, which is all "unfolding" means.
//
// Every instruction is encoded by filling a wasm.Instr and handing it to
// wasm.AppendInstr: opcodes are looked up in the shared opcode table by
// name, never written here.

// maxFoldDepth bounds the nesting of folded instructions, the only
// recursion an input can drive, so that hostile input cannot exhaust the
// goroutine stack. Flat blocks nest without recursion.
const maxFoldDepth = 10000

// parseInstrs parses an instruction sequence (plain and folded forms, mixed)
// and appends its binary encoding to out, without a final `end`. locals maps
// local names (params first) to indices.
func parseInstrs(sc moduleScope, locals map[string]uint32, nodes []*Node, out []byte) ([]byte, error) {
	p := &instrParser{sc: sc, locals: locals, out: out}
	if err := p.seq(nodes); err != nil {
		return out, err
	}
	return p.out, nil
}

// instrParser holds the state of one instruction sequence: the label
// bindings in scope and the flat blocks still open.
type instrParser struct {
	sc     moduleScope
	locals map[string]uint32
	out    []byte

	// labels are the names of the enclosing blocks, innermost last; an
	// unnamed block binds "". A label's depth is its distance from the end.
	labels []string
	// open are the flat structured instructions awaiting their `end`.
	open []flatBlock
	// base is len(open) when the current sequence began: blocks below it
	// belong to an enclosing sequence and cannot be continued from this one.
	base  int
	depth int // current folded nesting
}

// emit appends the encoding of in.
func (p *instrParser) emit(in *wasm.Instr) { p.out = wasm.AppendInstr(p.out, in) }

// emitOp appends an instruction without immediates.
func (p *instrParser) emitOp(op wasm.Op) { p.emit(&wasm.Instr{Op: op}) }

// seq parses a complete instruction sequence: every flat block opened in it
// must also be closed in it.
func (p *instrParser) seq(nodes []*Node) error {
	outer := p.base
	p.base = len(p.open)
	defer func() { p.base = outer }()
	for i := 0; i < len(nodes); {
		n := nodes[i]
		var err error
		switch n.Kind {
		case Annotation:
			i++
		case List:
			err = p.folded(n)
			i++
		case Atom:
			i, err = p.plain(nodes, i)
		default:
			err = unexpected(n)
		}
		if err != nil {
			return err
		}
	}
	if len(p.open) > p.base {
		b := p.open[len(p.open)-1]
		return b.at.Errorf("unexpected token: %s without end", b.at.Text)
	}
	return nil
}

// plain parses the plain or flat structured instruction at nodes[i] and
// returns the index of the node after it.
func (p *instrParser) plain(nodes []*Node, i int) (int, error) {
	at := nodes[i]
	switch at.Text {
	case "block", "loop", "if", "try", "try_table":
		return p.openFlat(nodes, i)
	case "else", "catch", "catch_all", "delegate", "end":
		return p.continueFlat(nodes, i)
	}
	info, err := lookupInstr(at)
	if err != nil {
		return 0, err
	}
	in, next, err := p.immediates(info, nodes, i+1, at)
	if err != nil {
		return 0, err
	}
	p.emit(&in)
	return next, nil
}

// lookupInstr finds the instruction named by the atom at.
func lookupInstr(at *Node) (*wasm.OpInfo, error) {
	if info := wasm.LookupName(at.Text); info != nil && !internalNames[at.Text] {
		return info, nil
	}
	return nil, unexpected(at)
}

// internalNames are the opcode table's names for instructions that share a
// text keyword with another (see wasm.OpInfo); they are not text syntax.
var internalNames = map[string]bool{"select_t": true, "ref.test_null": true, "ref.cast_null": true}

// isKeyword reports whether s is a keyword of the text format: an
// instruction name or one of the other reserved words that may stray into
// an instruction sequence.
func isKeyword(s string) bool {
	if wasm.LookupName(s) != nil && !internalNames[s] {
		return true
	}
	return syntaxKeywords[s] || strings.HasPrefix(s, "offset=") || strings.HasPrefix(s, "align=")
}

var syntaxKeywords = map[string]bool{
	"module": true, "type": true, "func": true, "param": true, "result": true, "local": true,
	"import": true, "export": true, "table": true, "memory": true, "global": true, "tag": true,
	"elem": true, "data": true, "start": true, "declare": true, "item": true, "offset": true,
	"mut": true, "ref": true, "null": true, "rec": true, "sub": true, "final": true,
	"struct": true, "array": true, "field": true, "then": true, "do": true,
	"catch_ref": true, "catch_all_ref": true, "i8": true, "i16": true,
	"i32": true, "i64": true, "f32": true, "f64": true, "v128": true,
	"i8x16": true, "i16x8": true, "i32x4": true, "i64x2": true, "f32x4": true, "f64x2": true,
	"nan:canonical": true, "nan:arithmetic": true,
	"any": true, "eq": true, "i31": true, "none": true, "extern": true, "noextern": true,
	"nofunc": true, "exn": true, "noexn": true,
	"anyref": true, "eqref": true, "i31ref": true, "structref": true, "arrayref": true,
	"nullref": true, "funcref": true, "nullfuncref": true, "externref": true,
	"nullexternref": true, "exnref": true, "nullexnref": true,
}

// unexpected reports node n where the grammar does not allow it: "unknown
// operator" for an atom that is no token of the text format at all (as the
// spec's lexer reports it wherever it appears), "unexpected token" for
// anything else.
func unexpected(n *Node) error {
	switch {
	case n.IsAtom("$"):
		// The lexer leaves a lone `$` an atom; the spec calls it an empty id.
		return n.Errorf("empty identifier")
	case n.Kind == Reserved, n.Kind == Atom && !isKeyword(n.Text) && classifyNum(n.Text) == notNum:
		return n.Errorf("unknown operator %s", n.Text)
	}
	return n.Errorf("unexpected token %s", n)
}

// missing reports that the instruction at lacks an operand it needs,
// which would be at nodes[i].
func missing(nodes []*Node, i int, at *Node, what string) error {
	if i < len(nodes) {
		return unexpected(nodes[i])
	}
	return at.Errorf("unexpected token: %s expects %s", at.Text, what)
}

// nodeErr positions err (from the module scope or a number parser) at n,
// unless it already carries a position.
func nodeErr(n *Node, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, errUnknownOperator) || errors.Is(err, errConstOutOfRange) {
		return n.Errorf("%v %s", err, n.Text)
	}
	return n.Errorf("%v", err)
}
