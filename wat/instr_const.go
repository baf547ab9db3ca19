package wat

import (
	"encoding/binary"
	"errors"

	"github.com/sablewasm/sable/wasm"
)

// Literal immediates: the scalar constants, v128.const, the shuffle lanes
// and lane indices.

// constOperand parses the literal of i32/i64/f32/f64.const into its bits.
func constOperand(kind wasm.ImmKind, nodes []*Node, i int, at *Node) (uint64, int, error) {
	if i >= len(nodes) {
		return 0, 0, missing(nodes, i, at, "a literal")
	}
	n := nodes[i]
	if n.Kind != Atom {
		return 0, 0, unexpected(n)
	}
	var v uint64
	var err error
	switch kind {
	case wasm.ImmI32:
		var x uint32
		x, err = parseI32(n.Text)
		v = uint64(x)
	case wasm.ImmI64:
		v, err = parseI64(n.Text)
	case wasm.ImmF32:
		var x uint32
		x, err = parseF32(n.Text)
		v = uint64(x)
	default:
		v, err = parseF64(n.Text)
	}
	if err != nil {
		return 0, 0, literalErr(n, err)
	}
	return v, i + 1, nil
}

// literalErr reports a literal that did not parse. A well-formed number of
// the wrong kind (1.5 as an integer) is out of range, like the spec's
// reference parser says; anything else is a bad token.
func literalErr(n *Node, err error) error {
	if errors.Is(err, errUnknownOperator) {
		if classifyNum(n.Text) == notNum {
			return unexpected(n)
		}
		err = errConstOutOfRange
	}
	return nodeErr(n, err)
}

// vecShape is a v128.const lane interpretation.
type vecShape struct {
	lanes int
	parse func(string) (uint64, error)
}

var vecShapes = map[string]vecShape{
	"i8x16": {16, func(s string) (uint64, error) { v, err := parseI8(s); return uint64(v), err }},
	"i16x8": {8, func(s string) (uint64, error) { v, err := parseI16(s); return uint64(v), err }},
	"i32x4": {4, func(s string) (uint64, error) { v, err := parseI32(s); return uint64(v), err }},
	"i64x2": {2, parseI64},
	"f32x4": {4, func(s string) (uint64, error) { v, err := parseF32(s); return uint64(v), err }},
	"f64x2": {2, parseF64},
}

// laneLiterals gathers the literal atoms at nodes[i:], stopping at the
// first keyword or list. An atom that is no token at all is an error here,
// before the count is checked, as the spec's lexer would report it first.
func laneLiterals(nodes []*Node, i int) ([]*Node, error) {
	j := i
	for ; j < len(nodes); j++ {
		n := nodes[j]
		if n.Kind == Reserved || (n.Kind == Atom && !isKeyword(n.Text) && classifyNum(n.Text) == notNum) {
			return nil, unexpected(n)
		}
		if n.Kind != Atom || isKeyword(n.Text) {
			break
		}
	}
	return nodes[i:j], nil
}

// v128Const parses `shape literal*` into the vector's 16 little-endian bytes.
func v128Const(nodes []*Node, i int, at *Node) ([16]byte, int, error) {
	var v [16]byte
	if i >= len(nodes) {
		return v, 0, missing(nodes, i, at, "a vector shape")
	}
	shape, ok := vecShapes[nodes[i].Text]
	if !ok || nodes[i].Kind != Atom {
		return v, 0, unexpected(nodes[i])
	}
	lits, err := laneLiterals(nodes, i+1)
	if err != nil {
		return v, 0, err
	}
	if len(lits) != shape.lanes {
		return v, 0, nodes[i].Errorf("wrong number of lane literals: %s takes %d, got %d", nodes[i].Text, shape.lanes, len(lits))
	}
	width := 16 / shape.lanes
	for k, n := range lits {
		x, err := shape.parse(n.Text)
		if err != nil {
			return v, 0, literalErr(n, err)
		}
		var lane [8]byte
		binary.LittleEndian.PutUint64(lane[:], x)
		copy(v[k*width:], lane[:width])
	}
	return v, i + 1 + len(lits), nil
}

// shuffleLanes parses the 16 lane indices of i8x16.shuffle.
func shuffleLanes(nodes []*Node, i int, at *Node) ([16]byte, int, error) {
	var v [16]byte
	lits, err := laneLiterals(nodes, i)
	if err != nil {
		return v, 0, err
	}
	if len(lits) != len(v) {
		return v, 0, at.Errorf("invalid lane length: i8x16.shuffle takes 16 lane indices, got %d", len(lits))
	}
	for k, n := range lits {
		x, err := parseU8Lane(n)
		if err != nil {
			return v, 0, err
		}
		v[k] = x
	}
	return v, i + len(lits), nil
}

// laneIndex parses the lane index of extract_lane, replace_lane and the
// lane loads and stores: an unsigned numeral.
func laneIndex(nodes []*Node, i int, at *Node) (uint8, int, error) {
	if i >= len(nodes) {
		return 0, 0, missing(nodes, i, at, "a lane index")
	}
	n := nodes[i]
	if n.Kind != Atom || classifyNum(n.Text) != natNum {
		return 0, 0, unexpected(n)
	}
	x, err := parseU8Lane(n)
	return x, i + 1, err
}

// parseU8Lane parses a lane index literal, which must fit in a byte.
func parseU8Lane(n *Node) (uint8, error) {
	if classifyNum(n.Text) != natNum {
		return 0, n.Errorf("i8 constant out of range %s", n.Text)
	}
	v, err := parseNat(n.Text, 8)
	if err != nil {
		return 0, n.Errorf("i8 constant out of range %s", n.Text)
	}
	return uint8(v), nil
}
