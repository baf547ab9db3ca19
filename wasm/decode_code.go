package wasm

import "math"

// Decoders of the sections that hold instructions: element segments, code
// and data segments (whose offsets are constant expressions).

// expr reads instructions up to and including the `end` that closes the
// expression, tracking block nesting so nested ends are not mistaken for it.
// It only checks the encoding; block structure beyond that is the
// validator's concern. The first use of a data index in a function body is
// recorded for the data count check.
func (d *decoder) expr(r *reader, inBody bool) error {
	depth := 0
	for {
		start := r.pos
		info, err := r.opcode()
		if err != nil {
			return err
		}
		if err := r.immediates(info.Imm, &d.in); err != nil {
			return err
		}
		switch info.Op {
		case OpBlock, OpLoop, OpIf, OpTry, OpTryTable:
			depth++
		case OpEnd, OpDelegate: // delegate closes a legacy try block
			if depth == 0 {
				if info.Op == OpDelegate {
					return r.errAt(start, "END opcode expected, found delegate")
				}
				return nil
			}
			depth--
		case OpElse, OpCatch, OpCatchAll:
			// Legal only inside a block: at depth 0 the expression has
			// ended without its end.
			if depth == 0 {
				return r.errAt(start, "END opcode expected, found %s", info.Name)
			}
		}
		if inBody && d.dataIdxUse < 0 {
			switch info.Imm {
			case ImmMemInit, ImmData, ImmTypeData:
				d.dataIdxUse = r.base + start
			}
		}
	}
}

// constExpr reads a constant expression from r.
func (d *decoder) constExpr(r *reader) (ConstExpr, error) {
	start := r.pos
	if err := d.expr(r, false); err != nil {
		return ConstExpr{}, err
	}
	return ConstExpr{Code: r.b[start:r.pos], Offset: r.base + start}, nil
}

// Element segment flag bits.
const (
	elemPassiveOrDeclarative = 1 << 0 // with bit 1: declarative
	elemExplicitTable        = 1 << 1 // active: a table index follows
	elemExpressions          = 1 << 2 // items are expressions, not function indices
	elemkindFuncRef          = 0x00
)

func (d *decoder) elemSection(r *reader) error {
	n, err := r.len32()
	if err != nil || n == 0 {
		return err
	}
	d.m.Elems = make([]ElemSegment, 0, int(n))
	for range n {
		seg, err := d.elemSegment(r)
		if err != nil {
			return err
		}
		d.m.Elems = append(d.m.Elems, seg)
	}
	return nil
}

// elemSegment reads one element segment. The flags select the mode, whether
// a table index and a type are written, and the item encoding; function
// index items are normalized to `ref.func i; end` expressions.
func (d *decoder) elemSegment(r *reader) (ElemSegment, error) {
	flagsPos := r.pos
	flags, err := r.u32()
	if err != nil {
		return ElemSegment{}, err
	}
	if flags > 7 {
		return ElemSegment{}, r.errAt(flagsPos, "malformed elements segment kind %d", flags)
	}
	var seg ElemSegment
	switch {
	case flags&elemPassiveOrDeclarative == 0:
		seg.Mode = SegmentActive
		if flags&elemExplicitTable != 0 {
			if seg.Table, err = r.u32(); err != nil {
				return ElemSegment{}, err
			}
		}
		if seg.Offset, err = d.constExpr(r); err != nil {
			return ElemSegment{}, err
		}
	case flags&elemExplicitTable == 0:
		seg.Mode = SegmentPassive
	default:
		seg.Mode = SegmentDeclarative
	}
	// Flags 0 and 4 imply the type; the others write it (as an element
	// kind for function indices, as a reference type for expressions).
	implicitType := flags == 0 || flags == 4
	if flags&elemExpressions == 0 {
		seg.FuncIndices = true
		seg.Type = RefType(false, HeapFunc)
		if !implicitType {
			kindPos := r.pos
			k, err := r.byte()
			if err != nil {
				return ElemSegment{}, err
			}
			if k != elemkindFuncRef {
				return ElemSegment{}, r.errAt(kindPos, "malformed element kind 0x%02x", k)
			}
		}
		seg.Init, err = r.funcIndexItems()
		return seg, err
	}
	seg.Type = TypeFuncRef
	if !implicitType {
		if seg.Type, err = r.refType(); err != nil {
			return ElemSegment{}, err
		}
	}
	cnt, err := r.len32()
	if err != nil || cnt == 0 {
		return seg, err
	}
	seg.Init = make([]ConstExpr, 0, int(cnt))
	for range cnt {
		e, err := d.constExpr(r)
		if err != nil {
			return ElemSegment{}, err
		}
		seg.Init = append(seg.Init, e)
	}
	return seg, nil
}

// funcIndexItems reads a vector of function indices as `ref.func i; end`
// expressions, all sharing one backing array. Each expression's Offset is
// that of its index.
func (r *reader) funcIndexItems() ([]ConstExpr, error) {
	n, err := r.len32()
	if err != nil || n == 0 {
		return nil, err
	}
	items := make([]ConstExpr, 0, int(n))
	code := make([]byte, 0, 3*int(n))
	for range n {
		off := r.offset()
		idx, err := r.u32()
		if err != nil {
			return nil, err
		}
		start := len(code)
		code = appendU32(append(code, byte(OpRefFunc)), idx)
		code = append(code, byte(OpEnd))
		items = append(items, ConstExpr{Code: code[start:len(code):len(code)], Offset: off})
	}
	// code may have been reallocated while growing; re-slice every item
	// from the final array so they do not pin the abandoned ones.
	pos := 0
	for i := range items {
		l := len(items[i].Code)
		items[i].Code = code[pos : pos+l : pos+l]
		pos += l
	}
	return items, nil
}

func (d *decoder) codeSection(r *reader) error {
	n, err := r.len32()
	if err != nil || n == 0 {
		return err
	}
	d.m.Codes = make([]Code, 0, int(n))
	for range n {
		c, err := d.code(r)
		if err != nil {
			return err
		}
		d.m.Codes = append(d.m.Codes, c)
	}
	return nil
}

// code reads one function: its size, local declarations and body. As for
// sections, the contents are decoded first and the size checked after.
func (d *decoder) code(r *reader) (Code, error) {
	size, err := r.len32()
	if err != nil {
		return Code{}, err
	}
	start := r.pos
	var c Code
	n, err := r.len32()
	if err != nil {
		return Code{}, err
	}
	var total uint64
	for range n {
		declPos := r.pos
		var l LocalDecl
		if l.Count, err = r.u32(); err != nil {
			return Code{}, err
		}
		if total += uint64(l.Count); total > math.MaxUint32 {
			return Code{}, r.errAt(declPos, "too many locals")
		}
		if l.Type, err = r.valType(); err != nil {
			return Code{}, err
		}
		if c.Locals == nil {
			c.Locals = make([]LocalDecl, 0, int(n))
		}
		c.Locals = append(c.Locals, l)
	}
	bodyStart := r.pos
	if err := d.expr(r, true); err != nil {
		return Code{}, err
	}
	if r.pos != start+int(size) {
		return Code{}, r.errAt(start, "section size mismatch: function body of %d bytes declared as %d", r.pos-start, size)
	}
	c.Body = r.b[bodyStart:r.pos]
	c.BodyOffset = r.base + bodyStart
	return c, nil
}

func (d *decoder) dataSection(r *reader) error {
	n, err := r.len32()
	if err != nil || n == 0 {
		return err
	}
	d.m.Datas = make([]DataSegment, 0, int(n))
	for range n {
		seg, err := d.dataSegment(r)
		if err != nil {
			return err
		}
		d.m.Datas = append(d.m.Datas, seg)
	}
	return nil
}

func (d *decoder) dataSegment(r *reader) (DataSegment, error) {
	flagsPos := r.pos
	flags, err := r.u32()
	if err != nil {
		return DataSegment{}, err
	}
	var seg DataSegment
	switch flags {
	case 0, 2:
		if flags == 2 {
			if seg.Mem, err = r.u32(); err != nil {
				return DataSegment{}, err
			}
		}
		if seg.Offset, err = d.constExpr(r); err != nil {
			return DataSegment{}, err
		}
	case 1:
		seg.Mode = SegmentPassive
	default:
		return DataSegment{}, r.errAt(flagsPos, "malformed data segment kind %d", flags)
	}
	seg.Init, err = r.byteVec()
	return seg, err
}
