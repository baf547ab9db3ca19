package wat

import (
	"errors"

	"github.com/sablewasm/sable/wasm"
)

// ParseModule parses a WAT module: either one `(module ...)` form or a
// sequence of module fields without the wrapper.
func ParseModule(src []byte) (*wasm.Module, error) {
	nodes, err := ParseSExprs(src)
	if err != nil {
		return nil, err
	}
	if len(nodes) == 1 && nodes[0].Head() == "module" {
		return ParseModuleNode(nodes[0])
	}
	return parseModuleFields(nodes)
}

// ParseModuleNode parses a `(module $id? field*)` node. Script forms such as
// `(module binary ...)` are handled by the script parser, not here.
func ParseModuleNode(n *Node) (*wasm.Module, error) {
	return nil, errors.New("not implemented yet")
}

func parseModuleFields(fields []*Node) (*wasm.Module, error) {
	return nil, errors.New("not implemented yet")
}
