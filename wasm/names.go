package wasm

import "slices"

// decodeNames decodes the "name" custom section data (whose first byte is
// at module offset base). The name section is informational: a malformed
// one yields nil rather than an error, and unknown subsections are skipped.
func decodeNames(data []byte, base int) *NameSection {
	r := reader{b: data, base: base, eof: msgEOFSection}
	ns := &NameSection{}
	for r.remaining() > 0 {
		id, _ := r.byte()
		size, err := r.u32()
		if err != nil || uint64(size) > uint64(r.remaining()) {
			return nil
		}
		s := r.sub(int(size))
		switch id {
		case 0:
			ns.Module, err = s.name()
		case 1:
			ns.Funcs, err = s.nameMap()
		case 2:
			ns.Locals, err = s.indirectNameMap()
		default:
			s.pos = len(s.b)
		}
		if err != nil || s.remaining() != 0 {
			return nil
		}
	}
	return ns
}

func (r *reader) nameMap() (map[uint32]string, error) {
	n, err := r.len32()
	if err != nil {
		return nil, err
	}
	m := make(map[uint32]string, int(n))
	for range n {
		idx, err := r.u32()
		if err != nil {
			return nil, err
		}
		if m[idx], err = r.name(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (r *reader) indirectNameMap() (map[uint32]map[uint32]string, error) {
	n, err := r.len32()
	if err != nil {
		return nil, err
	}
	m := make(map[uint32]map[uint32]string, int(n))
	for range n {
		idx, err := r.u32()
		if err != nil {
			return nil, err
		}
		if m[idx], err = r.nameMap(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Encode returns the "name" custom section data for ns: the module name
// (when not empty), the function names and the local names, each map in
// index order. Subsections are framed like sections (id, size, body).
func (ns *NameSection) Encode() []byte {
	var data []byte
	if ns.Module != "" {
		data = appendSection(data, 0, appendName(nil, ns.Module))
	}
	if len(ns.Funcs) > 0 {
		data = appendSection(data, 1, appendNameMap(nil, ns.Funcs))
	}
	if len(ns.Locals) > 0 {
		funcs := sortedKeys(ns.Locals)
		sub := appendU32(nil, uint32(len(funcs)))
		for _, f := range funcs {
			sub = appendNameMap(appendU32(sub, f), ns.Locals[f])
		}
		data = appendSection(data, 2, sub)
	}
	return data
}

func appendNameMap(b []byte, m map[uint32]string) []byte {
	keys := sortedKeys(m)
	b = appendU32(b, uint32(len(keys)))
	for _, k := range keys {
		b = appendName(appendU32(b, k), m[k])
	}
	return b
}

func sortedKeys[V any](m map[uint32]V) []uint32 {
	keys := make([]uint32, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
