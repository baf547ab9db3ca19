package wat

import "github.com/sablewasm/sable/wasm"

// space is an index space of the module being parsed.
type space uint8

const (
	spaceType space = iota
	spaceFunc
	spaceTable
	spaceMem
	spaceGlobal
	spaceTag
	spaceElem
	spaceData
)

// moduleScope is what instruction parsing needs from the module parser:
// name resolution and type syntax. The module parser implements it.
type moduleScope interface {
	// index resolves an index operand of space sp: a numeric literal or a $name.
	// Unknown names are errors ("unknown function $f", ...); numeric indices
	// are returned as written (range checks are the validator's job).
	index(sp space, n *Node) (uint32, error)
	// field resolves a field operand of type typeIdx: numeric or $name.
	field(typeIdx uint32, n *Node) (uint32, error)
	// valType parses a value type: an atom (i32, v128, funcref, anyref, ...)
	// or a list ((ref null? ht)).
	valType(n *Node) (wasm.ValType, error)
	// heapType parses a heap type atom: an abstract type name, $name or index.
	heapType(n *Node) (wasm.HeapType, error)
	// typeUse parses `(type x)? (param t*)* (result t*)*` starting at
	// nodes[i] (parameters may not be named here) and returns the index of
	// the function type it denotes — registering an implicit type at the end
	// of the type section when no `(type x)` is given and no existing type
	// matches, as the spec's abbreviation rules say — and the index of the
	// first node after it.
	typeUse(nodes []*Node, i int) (typeIdx uint32, next int, err error)
}
