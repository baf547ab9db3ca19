package wasm

// Decoders of the sections that declare types, imports, definitions and
// exports. Element, data and code sections are in decode_code.go.

// Type constructor bytes.
const (
	byteRec       = 0x4e
	byteSubFinal  = 0x4f
	byteSub       = 0x50
	byteFuncType  = 0x60
	byteStruct    = 0x5f
	byteArray     = 0x5e
	byteTableInit = 0x40 // table with an explicit initializer expression
)

func (d *decoder) typeSection(r *reader) error {
	n, err := r.len32()
	if err != nil {
		return err
	}
	for range n {
		start := uint32(len(d.m.Types))
		size := uint32(1)
		if c, ok := r.peek(); ok && c == byteRec {
			r.pos++
			if size, err = r.len32(); err != nil {
				return err
			}
		}
		for range size {
			st, err := r.subType()
			if err != nil {
				return err
			}
			d.m.Types = append(d.m.Types, st)
		}
		d.m.RecGroups = append(d.m.RecGroups, RecGroup{Start: start, Len: size})
	}
	return nil
}

func (r *reader) subType() (SubType, error) {
	st := SubType{Final: true}
	if c, ok := r.peek(); ok && (c == byteSub || c == byteSubFinal) {
		r.pos++
		st.Final = c == byteSubFinal
		n, err := r.len32()
		if err != nil {
			return SubType{}, err
		}
		if n > 0 {
			st.Supers = make([]uint32, 0, int(n))
		}
		for range n {
			idx, err := r.u32()
			if err != nil {
				return SubType{}, err
			}
			st.Supers = append(st.Supers, idx)
		}
	}
	var err error
	st.Comp, err = r.compType()
	return st, err
}

func (r *reader) compType() (CompType, error) {
	start := r.pos
	c, err := r.byte()
	if err != nil {
		return CompType{}, err
	}
	switch c {
	case byteFuncType:
		ct := CompType{Kind: CompFunc}
		if ct.Func.Params, err = r.valTypeVec(); err != nil {
			return CompType{}, err
		}
		ct.Func.Results, err = r.valTypeVec()
		return ct, err
	case byteStruct:
		ct := CompType{Kind: CompStruct}
		n, err := r.len32()
		if err != nil {
			return CompType{}, err
		}
		if n > 0 {
			ct.Fields = make([]FieldType, 0, int(n))
		}
		for range n {
			f, err := r.fieldType()
			if err != nil {
				return CompType{}, err
			}
			ct.Fields = append(ct.Fields, f)
		}
		return ct, nil
	case byteArray:
		f, err := r.fieldType()
		return CompType{Kind: CompArray, Fields: []FieldType{f}}, err
	}
	if c&0x80 != 0 {
		// The reference decoder reads the constructor as a one-byte
		// signed LEB128 (an s7), so a continuation bit is a too-long integer.
		return CompType{}, r.errAt(start, "integer representation too long")
	}
	return CompType{}, r.errAt(start, "malformed composite type 0x%02x", c)
}

func (r *reader) fieldType() (FieldType, error) {
	t, err := r.storageType()
	if err != nil {
		return FieldType{}, err
	}
	mut, err := r.mutability()
	return FieldType{Type: t, Mutable: mut}, err
}

func (r *reader) valTypeVec() ([]ValType, error) {
	n, err := r.len32()
	if err != nil || n == 0 {
		return nil, err
	}
	ts := make([]ValType, 0, int(n))
	for range n {
		t, err := r.valType()
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, nil
}

func (d *decoder) importSection(r *reader) error {
	n, err := r.len32()
	if err != nil || n == 0 {
		return err
	}
	d.m.Imports = make([]Import, 0, int(n))
	for range n {
		var im Import
		if im.Module, err = r.name(); err != nil {
			return err
		}
		if im.Name, err = r.name(); err != nil {
			return err
		}
		kindPos := r.pos
		k, err := r.byte()
		if err != nil {
			return err
		}
		im.Kind = ExternKind(k)
		switch im.Kind {
		case ExternFunc:
			im.Func, err = r.u32()
		case ExternTable:
			im.Table, err = r.tableType()
		case ExternMemory:
			im.Mem, err = r.memType()
		case ExternGlobal:
			im.Global, err = r.globalType()
		case ExternTag:
			im.Tag, err = r.tagType()
		default:
			return r.errAt(kindPos, "malformed import kind 0x%02x", k)
		}
		if err != nil {
			return err
		}
		d.m.Imports = append(d.m.Imports, im)
	}
	return nil
}

func (d *decoder) funcSection(r *reader) error {
	n, err := r.len32()
	if err != nil || n == 0 {
		return err
	}
	d.m.Funcs = make([]uint32, 0, int(n))
	for range n {
		idx, err := r.u32()
		if err != nil {
			return err
		}
		d.m.Funcs = append(d.m.Funcs, idx)
	}
	return nil
}

func (d *decoder) tableSection(r *reader) error {
	n, err := r.len32()
	if err != nil || n == 0 {
		return err
	}
	d.m.Tables = make([]Table, 0, int(n))
	for range n {
		var t Table
		if c, ok := r.peek(); ok && c == byteTableInit {
			start := r.pos
			r.pos++
			if c, err := r.byte(); err != nil {
				return err
			} else if c != 0 {
				return r.errAt(start, "malformed table encoding 0x40 0x%02x", c)
			}
			if t.Type, err = r.tableType(); err != nil {
				return err
			}
			if t.Init, err = d.constExpr(r); err != nil {
				return err
			}
		} else if t.Type, err = r.tableType(); err != nil {
			return err
		}
		d.m.Tables = append(d.m.Tables, t)
	}
	return nil
}

func (d *decoder) memSection(r *reader) error {
	n, err := r.len32()
	if err != nil || n == 0 {
		return err
	}
	d.m.Mems = make([]MemType, 0, int(n))
	for range n {
		mt, err := r.memType()
		if err != nil {
			return err
		}
		d.m.Mems = append(d.m.Mems, mt)
	}
	return nil
}

func (d *decoder) tagSection(r *reader) error {
	n, err := r.len32()
	if err != nil || n == 0 {
		return err
	}
	d.m.Tags = make([]TagType, 0, int(n))
	for range n {
		tt, err := r.tagType()
		if err != nil {
			return err
		}
		d.m.Tags = append(d.m.Tags, tt)
	}
	return nil
}

func (d *decoder) globalSection(r *reader) error {
	n, err := r.len32()
	if err != nil || n == 0 {
		return err
	}
	d.m.Globals = make([]Global, 0, int(n))
	for range n {
		var g Global
		if g.Type, err = r.globalType(); err != nil {
			return err
		}
		if g.Init, err = d.constExpr(r); err != nil {
			return err
		}
		d.m.Globals = append(d.m.Globals, g)
	}
	return nil
}

func (d *decoder) exportSection(r *reader) error {
	n, err := r.len32()
	if err != nil || n == 0 {
		return err
	}
	d.m.Exports = make([]Export, 0, int(n))
	for range n {
		var e Export
		if e.Name, err = r.name(); err != nil {
			return err
		}
		kindPos := r.pos
		k, err := r.byte()
		if err != nil {
			return err
		}
		if k > byte(ExternTag) {
			return r.errAt(kindPos, "malformed export kind 0x%02x", k)
		}
		e.Kind = ExternKind(k)
		if e.Index, err = r.u32(); err != nil {
			return err
		}
		d.m.Exports = append(d.m.Exports, e)
	}
	return nil
}
