package wasm

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
