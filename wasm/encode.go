package wasm

// Encode returns the binary encoding of m. Sections are written in the
// spec's order, each only if it has content (or a custom section is to
// follow it); custom sections go back after the section named by their
// After field. Encode writes what m says and does not validate it.
func Encode(m *Module) []byte {
	e := encoder{m: m}
	out := append(append([]byte{}, wasmMagic...), wasmVersion...)
	out = e.customs(out, 0)
	for _, id := range sectionOrder {
		body, present := e.section(id)
		// A custom section may follow an empty vector section, which is then
		// written empty to keep its place; start and data count have no
		// empty form.
		if present || (e.customAfter(id) && id != secStart && id != secDataCount) {
			out = appendSection(out, id, body)
		}
		out = e.customs(out, id)
	}
	// Custom sections placed after an unknown section id go last.
	for _, c := range m.Customs {
		if int(c.After) >= len(sectionRank) || (c.After != 0 && sectionRank[c.After] == 0) {
			out = appendCustom(out, c)
		}
	}
	return out
}

// sectionOrder lists the non-custom sections in their required order.
var sectionOrder = []byte{
	secType, secImport, secFunc, secTable, secMem, secTag, secGlobal,
	secExport, secStart, secElem, secDataCount, secCode, secData,
}

type encoder struct {
	m   *Module
	buf []byte // scratch for function bodies
}

func appendSection(dst []byte, id byte, body []byte) []byte {
	dst = appendU32(append(dst, id), uint32(len(body)))
	return append(dst, body...)
}

func appendCustom(dst []byte, c CustomSection) []byte {
	body := appendName(nil, c.Name)
	return appendSection(dst, secCustom, append(body, c.Data...))
}

func appendName(dst []byte, s string) []byte {
	return append(appendU32(dst, uint32(len(s))), s...)
}

// customs appends the custom sections that follow section id.
func (e *encoder) customs(dst []byte, id byte) []byte {
	for _, c := range e.m.Customs {
		if c.After == id {
			dst = appendCustom(dst, c)
		}
	}
	return dst
}

func (e *encoder) customAfter(id byte) bool {
	for _, c := range e.m.Customs {
		if c.After == id {
			return true
		}
	}
	return false
}

// section returns the contents of section id and whether it has any.
func (e *encoder) section(id byte) ([]byte, bool) {
	m := e.m
	var b []byte
	switch id {
	case secType:
		return e.typeSection(), len(m.Types) > 0
	case secImport:
		b = appendU32(b, uint32(len(m.Imports)))
		for i := range m.Imports {
			b = appendImport(b, &m.Imports[i])
		}
		return b, len(m.Imports) > 0
	case secFunc:
		b = appendU32(b, uint32(len(m.Funcs)))
		for _, t := range m.Funcs {
			b = appendU32(b, t)
		}
		return b, len(m.Funcs) > 0
	case secTable:
		b = appendU32(b, uint32(len(m.Tables)))
		for _, t := range m.Tables {
			if t.Init.Code != nil {
				b = append(b, byteTableInit, 0)
				b = appendExpr(appendTableType(b, t.Type), t.Init)
			} else {
				b = appendTableType(b, t.Type)
			}
		}
		return b, len(m.Tables) > 0
	case secMem:
		b = appendU32(b, uint32(len(m.Mems)))
		for _, mt := range m.Mems {
			b = appendLimits(b, mt.Limits)
		}
		return b, len(m.Mems) > 0
	case secTag:
		b = appendU32(b, uint32(len(m.Tags)))
		for _, t := range m.Tags {
			b = appendTagType(b, t)
		}
		return b, len(m.Tags) > 0
	case secGlobal:
		b = appendU32(b, uint32(len(m.Globals)))
		for _, g := range m.Globals {
			b = appendExpr(appendGlobalType(b, g.Type), g.Init)
		}
		return b, len(m.Globals) > 0
	case secExport:
		b = appendU32(b, uint32(len(m.Exports)))
		for _, x := range m.Exports {
			b = appendU32(append(appendName(b, x.Name), byte(x.Kind)), x.Index)
		}
		return b, len(m.Exports) > 0
	case secStart:
		if m.Start == nil {
			return nil, false
		}
		return appendU32(b, *m.Start), true
	case secElem:
		b = appendU32(b, uint32(len(m.Elems)))
		for i := range m.Elems {
			b = appendElem(b, &m.Elems[i])
		}
		return b, len(m.Elems) > 0
	case secDataCount:
		if m.DataCount == nil {
			return nil, false
		}
		return appendU32(b, *m.DataCount), true
	case secCode:
		b = appendU32(b, uint32(len(m.Codes)))
		for i := range m.Codes {
			b = e.appendCode(b, &m.Codes[i])
		}
		return b, len(m.Codes) > 0
	case secData:
		b = appendU32(b, uint32(len(m.Datas)))
		for i := range m.Datas {
			b = appendData(b, &m.Datas[i])
		}
		return b, len(m.Datas) > 0
	}
	return nil, false
}

// typeSection writes each recursion group; a group of one is written
// without the `rec` wrapper, which encodes the same group.
func (e *encoder) typeSection() []byte {
	m := e.m
	groups := m.RecGroups
	if len(groups) == 0 { // a module built without groups: one per type
		for i := range m.Types {
			groups = append(groups, RecGroup{Start: uint32(i), Len: 1})
		}
	}
	b := appendU32(nil, uint32(len(groups)))
	for _, g := range groups {
		end := min(uint64(g.Start)+uint64(g.Len), uint64(len(m.Types)))
		start := min(uint64(g.Start), end)
		types := m.Types[start:end]
		if len(types) != 1 {
			b = appendU32(append(b, byteRec), uint32(len(types)))
		}
		for i := range types {
			b = appendSubType(b, &types[i])
		}
	}
	return b
}

func appendSubType(b []byte, st *SubType) []byte {
	if !st.Final || len(st.Supers) > 0 {
		if st.Final {
			b = append(b, byteSubFinal)
		} else {
			b = append(b, byteSub)
		}
		b = appendU32(b, uint32(len(st.Supers)))
		for _, s := range st.Supers {
			b = appendU32(b, s)
		}
	}
	ct := &st.Comp
	switch ct.Kind {
	case CompFunc:
		b = appendValTypes(append(b, byteFuncType), ct.Func.Params)
		return appendValTypes(b, ct.Func.Results)
	case CompStruct:
		b = appendU32(append(b, byteStruct), uint32(len(ct.Fields)))
		for _, f := range ct.Fields {
			b = appendFieldType(b, f)
		}
		return b
	}
	var elem FieldType
	if len(ct.Fields) > 0 {
		elem = ct.Fields[0]
	}
	return appendFieldType(append(b, byteArray), elem)
}

func appendFieldType(b []byte, f FieldType) []byte {
	return append(appendValType(b, f.Type), boolByte(f.Mutable))
}

func appendImport(b []byte, im *Import) []byte {
	b = append(appendName(appendName(b, im.Module), im.Name), byte(im.Kind))
	switch im.Kind {
	case ExternFunc:
		return appendU32(b, im.Func)
	case ExternTable:
		return appendTableType(b, im.Table)
	case ExternMemory:
		return appendLimits(b, im.Mem.Limits)
	case ExternGlobal:
		return appendGlobalType(b, im.Global)
	case ExternTag:
		return appendTagType(b, im.Tag)
	}
	return b
}

// appendExpr writes a constant expression. An empty one (a zero
// ConstExpr) is written as a lone `end` so the output stays decodable.
func appendExpr(b []byte, e ConstExpr) []byte {
	if len(e.Code) == 0 {
		return append(b, byte(OpEnd))
	}
	return append(b, e.Code...)
}

// appendElem chooses the segment's flags: function-index items only when
// the segment says so and every item is a plain `ref.func i`, and the short
// forms (implicit table 0 and type) only when they mean the same thing.
func appendElem(b []byte, seg *ElemSegment) []byte {
	indices := seg.FuncIndices && seg.Type == RefType(false, HeapFunc)
	for i := 0; indices && i < len(seg.Init); i++ {
		_, indices = refFuncIndex(seg.Init[i])
	}
	var flags uint32
	implicitType := false
	switch seg.Mode {
	case SegmentActive:
		if seg.Table == 0 && (indices || seg.Type == TypeFuncRef) {
			implicitType = true
		} else {
			flags |= elemExplicitTable
		}
	case SegmentPassive:
		flags |= elemPassiveOrDeclarative
	case SegmentDeclarative:
		flags |= elemPassiveOrDeclarative | elemExplicitTable
	}
	if !indices {
		flags |= elemExpressions
	}
	b = appendU32(b, flags)
	if seg.Mode == SegmentActive {
		if flags&elemExplicitTable != 0 {
			b = appendU32(b, seg.Table)
		}
		b = appendExpr(b, seg.Offset)
	}
	if !implicitType {
		if indices {
			b = append(b, elemkindFuncRef)
		} else {
			b = appendValType(b, seg.Type)
		}
	}
	b = appendU32(b, uint32(len(seg.Init)))
	for _, item := range seg.Init {
		if indices {
			idx, _ := refFuncIndex(item)
			b = appendU32(b, idx)
		} else {
			b = appendExpr(b, item)
		}
	}
	return b
}

// refFuncIndex reports whether e is exactly `ref.func i; end`, and i.
func refFuncIndex(e ConstExpr) (uint32, bool) {
	r := reader{b: e.Code, eof: msgEOFSection}
	if op, err := r.byte(); err != nil || op != byte(OpRefFunc) {
		return 0, false
	}
	idx, err := r.u32()
	if err != nil {
		return 0, false
	}
	end, err := r.byte()
	return idx, err == nil && end == byte(OpEnd) && r.remaining() == 0
}

func (e *encoder) appendCode(b []byte, c *Code) []byte {
	body := appendU32(e.buf[:0], uint32(len(c.Locals)))
	for _, l := range c.Locals {
		body = appendValType(appendU32(body, l.Count), l.Type)
	}
	body = append(body, c.Body...)
	e.buf = body
	return append(appendU32(b, uint32(len(body))), body...)
}

func appendData(b []byte, seg *DataSegment) []byte {
	switch {
	case seg.Mode == SegmentPassive:
		b = appendU32(b, 1)
	case seg.Mem == 0:
		b = appendExpr(appendU32(b, 0), seg.Offset)
	default:
		b = appendExpr(appendU32(appendU32(b, 2), seg.Mem), seg.Offset)
	}
	return append(appendU32(b, uint32(len(seg.Init))), seg.Init...)
}
