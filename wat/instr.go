package wat

// parseInstrs parses an instruction sequence (plain and folded forms, mixed)
// and appends its binary encoding to out, without a final `end`. locals maps
// local names (params first) to indices.
func parseInstrs(sc moduleScope, locals map[string]uint32, nodes []*Node, out []byte) ([]byte, error) {
	return out, nil // not implemented yet
}
