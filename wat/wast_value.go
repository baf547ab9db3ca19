package wat

import (
	"encoding/binary"

	"github.com/sablewasm/sable/wasm"
)

// scriptConst parses an action argument: `(i32.const n)`, `(i64.const n)`,
// `(f32.const z)`, `(f64.const z)`, `(v128.const shape lane*)`,
// `(ref.null ht)`, `(ref.extern n)` or `(ref.host n)`.
func scriptConst(n *Node) (Value, error) {
	r, err := scriptResult(n, false)
	if err != nil {
		return Value{}, err
	}
	return r.Value, nil
}

// resultRefHeaps are the abstract heap types a `(ref.T)` result pattern may
// name: it matches any non-null reference of that type.
var resultRefHeaps = map[string]wasm.HeapType{
	"ref.func": wasm.HeapFunc, "ref.extern": wasm.HeapExtern, "ref.any": wasm.HeapAny,
	"ref.eq": wasm.HeapEq, "ref.i31": wasm.HeapI31, "ref.struct": wasm.HeapStruct,
	"ref.array": wasm.HeapArray, "ref.exn": wasm.HeapExn,
}

// scriptResult parses a constant or, when pattern is set, an assert_return
// result, which may also be a NaN pattern, a v128 with NaN lanes, a bare
// `(ref.null)`, a `(ref.T)` type pattern or `(either result+)`.
func scriptResult(n *Node, pattern bool) (Result, error) {
	head := n.Head()
	if head == "" {
		return Result{}, n.Errorf("expected a constant, got %s", n)
	}
	args := n.Args()[1:]
	if pattern {
		if head == "either" {
			return scriptEither(n, args)
		}
		if h, ok := resultRefHeaps[head]; ok && len(args) == 0 {
			return Result{Kind: ResultRef, Heap: h}, nil
		}
		if head == "ref.null" && len(args) == 0 {
			return Result{Kind: ResultNull}, nil
		}
	}
	if head == "v128.const" {
		return scriptV128(n, args, pattern)
	}
	switch head {
	case "i32.const", "i64.const", "f32.const", "f64.const", "ref.null", "ref.extern", "ref.host":
	default:
		return Result{}, n.Errorf("unknown constant %s", head)
	}
	if len(args) != 1 {
		if len(args) == 0 {
			return Result{}, n.Errorf("%s: missing operand", head)
		}
		return Result{}, args[1].Errorf("%s: unexpected token %s", head, args[1])
	}
	a := args[0]
	if a.Kind != Atom {
		return Result{}, a.Errorf("%s: unexpected token %s", head, a)
	}
	v := Value{}
	var err error
	switch head {
	case "i32.const":
		v.Kind = ValI32
		var x uint32
		x, err = parseI32(a.Text)
		v.Bits = uint64(x)
	case "i64.const":
		v.Kind = ValI64
		v.Bits, err = parseI64(a.Text)
	case "f32.const", "f64.const":
		v.Kind = ValF32
		if head == "f64.const" {
			v.Kind = ValF64
		}
		if nan := nanClass(a.Text); pattern && nan != NotNaN {
			return Result{Kind: ResultNaN, Value: Value{Kind: v.Kind}, NaN: nan}, nil
		}
		v.Bits, err = scriptFloat(v.Kind, a.Text)
	case "ref.null":
		h, ok := wasm.HeapTypeByName(a.Text)
		if !ok {
			return Result{}, a.Errorf("ref.null: unknown heap type %s", a.Text)
		}
		v.Kind, v.Heap = ValNull, h
	case "ref.extern", "ref.host":
		v.Kind = ValExtern
		if head == "ref.host" {
			v.Kind = ValHost
		}
		var x uint32
		x, err = parseU32(a.Text)
		v.Host = x
	}
	if err != nil {
		return Result{}, a.Errorf("%s: %v: %s", head, err, a.Text)
	}
	return Result{Kind: ResultValue, Value: v}, nil
}

// scriptEither parses the alternatives of `(either result+)`. They may not
// nest, which keeps the pattern tree two levels deep at most.
func scriptEither(n *Node, args []*Node) (Result, error) {
	if len(args) == 0 {
		return Result{}, n.Errorf("either: missing result")
	}
	r := Result{Kind: ResultEither}
	for _, a := range args {
		if a.Head() == "either" {
			return Result{}, a.Errorf("either: nested either")
		}
		alt, err := scriptResult(a, true)
		if err != nil {
			return Result{}, err
		}
		r.Either = append(r.Either, alt)
	}
	return r, nil
}

func nanClass(s string) NaNClass {
	switch s {
	case "nan:canonical":
		return NaNCanonical
	case "nan:arithmetic":
		return NaNArithmetic
	}
	return NotNaN
}

func scriptFloat(k ValueKind, s string) (uint64, error) {
	if k == ValF32 {
		x, err := parseF32(s)
		return uint64(x), err
	}
	return parseF64(s)
}

// scriptV128 parses `(v128.const shape lane*)`. As a pattern, float lanes
// may be nan:canonical or nan:arithmetic, which makes a ResultLanes.
func scriptV128(n *Node, args []*Node, pattern bool) (Result, error) {
	if len(args) == 0 || args[0].Kind != Atom {
		return Result{}, n.Errorf("v128.const: missing shape")
	}
	shape, ok := scriptShape(args[0].Text)
	if !ok {
		return Result{}, args[0].Errorf("v128.const: unknown shape %s", args[0].Text)
	}
	lanes := args[1:]
	if len(lanes) != shape.Lanes() {
		return Result{}, n.Errorf("v128.const: wrong number of lane literals: %s needs %d, got %d", shape, shape.Lanes(), len(lanes))
	}
	r := Result{Kind: ResultValue, Value: Value{Kind: ValV128}, Shape: shape}
	r.Lanes = make([]Lane, len(lanes))
	size := shape.LaneBytes()
	for i, a := range lanes {
		if a.Kind != Atom {
			return Result{}, a.Errorf("v128.const: unexpected token %s", a)
		}
		var lane Lane
		var err error
		switch shape {
		case I8x16, I16x8, I32x4, I64x2:
			lane.Bits, err = parseLaneInt(a.Text, size)
		case F32x4, F64x2:
			if nan := nanClass(a.Text); pattern && nan != NotNaN {
				lane.NaN = nan
				r.Kind = ResultLanes
				break
			}
			kind := ValF32
			if shape == F64x2 {
				kind = ValF64
			}
			lane.Bits, err = scriptFloat(kind, a.Text)
		}
		if err != nil {
			return Result{}, a.Errorf("v128.const %s: %v: %s", shape, err, a.Text)
		}
		r.Lanes[i] = lane
		var buf [8]byte
		binary.LittleEndian.PutUint64(buf[:], lane.Bits)
		copy(r.Value.V128[i*size:], buf[:size])
	}
	if r.Kind == ResultValue {
		r.Lanes = nil // the exact bytes say it all
	}
	return r, nil
}

func parseLaneInt(s string, size int) (uint64, error) {
	switch size {
	case 1:
		x, err := parseI8(s)
		return uint64(x), err
	case 2:
		x, err := parseI16(s)
		return uint64(x), err
	case 4:
		x, err := parseI32(s)
		return uint64(x), err
	}
	return parseI64(s)
}

func scriptShape(s string) (Shape, bool) {
	for i, name := range shapeNames {
		if name == s {
			return Shape(i), true
		}
	}
	return 0, false
}
