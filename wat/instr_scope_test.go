package wat

import (
	"fmt"
	"strings"

	"github.com/sablewasm/sable/wasm"
)

// instrFakeScope is a moduleScope for testing instruction parsing on its own.
// Names are bound on first use unless strict is set, in which case only the
// names in ids resolve. Function types from type uses are registered in
// order, reusing an identical earlier one.
type instrFakeScope struct {
	strict bool
	ids    [numSpaces]map[string]uint32
	fields map[string]uint32
	types  []string // signatures of the registered function types
}

func newInstrFakeScope(strict bool) *instrFakeScope {
	s := &instrFakeScope{strict: strict, fields: map[string]uint32{}}
	for i := range s.ids {
		s.ids[i] = map[string]uint32{}
	}
	return s
}

func (s *instrFakeScope) index(sp space, n *Node) (uint32, error) {
	switch n.Kind {
	case ID:
		if v, ok := s.ids[sp][n.Text]; ok {
			return v, nil
		}
		if s.strict {
			return 0, n.Errorf("unknown %d $%s", sp, n.Text)
		}
		v := uint32(len(s.ids[sp]))
		s.ids[sp][n.Text] = v
		return v, nil
	case Atom:
		return parseU32(n.Text)
	}
	return 0, unexpected(n)
}

func (s *instrFakeScope) field(typeIdx uint32, n *Node) (uint32, error) {
	if n.Kind == ID {
		key := fmt.Sprint(typeIdx, "$", n.Text)
		v, ok := s.fields[key]
		if !ok {
			if s.strict {
				return 0, n.Errorf("unknown field $%s", n.Text)
			}
			v = uint32(len(s.fields))
			s.fields[key] = v
		}
		return v, nil
	}
	return parseU32(n.Text)
}

var instrFakeRefs = map[string]wasm.HeapType{
	"funcref": wasm.HeapFunc, "externref": wasm.HeapExtern, "anyref": wasm.HeapAny,
	"eqref": wasm.HeapEq, "i31ref": wasm.HeapI31, "structref": wasm.HeapStruct,
	"arrayref": wasm.HeapArray, "nullref": wasm.HeapNone, "nullfuncref": wasm.HeapNoFunc,
	"nullexternref": wasm.HeapNoExtern, "exnref": wasm.HeapExn, "nullexnref": wasm.HeapNoExn,
}

func (s *instrFakeScope) valType(n *Node) (wasm.ValType, error) {
	if n.Kind == List {
		a := n.Args()
		if n.Head() != "ref" || len(a) < 2 {
			return wasm.ValType{}, unexpected(n)
		}
		null := a[1].IsAtom("null")
		if null {
			a = a[1:]
		}
		if len(a) != 2 {
			return wasm.ValType{}, unexpected(n)
		}
		h, err := s.heapType(a[1])
		return wasm.RefType(null, h), err
	}
	switch n.Text {
	case "i32":
		return wasm.TypeI32, nil
	case "i64":
		return wasm.TypeI64, nil
	case "f32":
		return wasm.TypeF32, nil
	case "f64":
		return wasm.TypeF64, nil
	case "v128":
		return wasm.TypeV128, nil
	}
	if h, ok := instrFakeRefs[n.Text]; ok && n.Kind == Atom {
		return wasm.RefType(true, h), nil
	}
	return wasm.ValType{}, unexpected(n)
}

func (s *instrFakeScope) heapType(n *Node) (wasm.HeapType, error) {
	if h, ok := wasm.HeapTypeByName(n.Text); ok && n.Kind == Atom {
		return h, nil
	}
	v, err := s.index(spaceType, n)
	return wasm.HeapType(v), err
}

func (s *instrFakeScope) typeUse(nodes []*Node, i int) (uint32, int, error) {
	var sig strings.Builder
	explicit := false
	var idx uint32
	if i < len(nodes) && nodes[i].Head() == "type" {
		a := nodes[i].Args()
		if len(a) != 2 {
			return 0, 0, unexpected(nodes[i])
		}
		v, err := s.index(spaceType, a[1])
		if err != nil {
			return 0, 0, err
		}
		explicit, idx = true, v
		i++
	}
	for _, clause := range []string{"param", "result"} {
		for ; i < len(nodes) && nodes[i].Head() == clause; i++ {
			sig.WriteString(clause)
			for _, t := range nodes[i].Args()[1:] {
				vt, err := s.valType(t)
				if err != nil {
					return 0, 0, err
				}
				sig.WriteString(" " + vt.String())
			}
		}
	}
	if explicit {
		return idx, i, nil
	}
	for k, t := range s.types {
		if t == sig.String() {
			return uint32(k), i, nil
		}
	}
	s.types = append(s.types, sig.String())
	return uint32(len(s.types) - 1), i, nil
}
