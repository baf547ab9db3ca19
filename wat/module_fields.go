package wat

import (
	"github.com/sablewasm/sable/wasm"
)

// The module fields that define or import an entity: import, func, table,
// memory, global and tag, plus export and start.

// inlineExports consumes the `(export "name")*` abbreviation of a definition.
func (p *moduleParser) inlineExports(c *cursor, kind wasm.ExternKind, idx uint32) error {
	for c.peekHead() == "export" {
		ec := newCursor(c.next())
		name, err := ec.name()
		if err != nil {
			return err
		}
		if err := ec.end(); err != nil {
			return err
		}
		p.m.Exports = append(p.m.Exports, wasm.Export{Name: name, Kind: kind, Index: idx})
	}
	return nil
}

// inlineImport consumes the `(import "module" "name")` abbreviation, if
// present, and returns the import it starts.
func inlineImport(c *cursor) (*wasm.Import, error) {
	n := c.sub("import")
	if n == nil {
		return nil, nil
	}
	return importNames(newCursor(n), true)
}

// importNames reads an import's module and item names; whole says nothing
// may follow them.
func importNames(c *cursor, whole bool) (*wasm.Import, error) {
	mod, err := c.name()
	if err != nil {
		return nil, err
	}
	name, err := c.name()
	if err != nil {
		return nil, err
	}
	if whole {
		if err := c.end(); err != nil {
			return nil, err
		}
	}
	return &wasm.Import{Module: mod, Name: name}, nil
}

// parseImport parses `(import "m" "n" desc)`; declare checked desc's kind.
func (p *moduleParser) parseImport(f *Node) error {
	c := newCursor(f)
	imp, err := importNames(c, false)
	if err != nil {
		return err
	}
	desc := c.next()
	if err := c.end(); err != nil {
		return err
	}
	dc := newCursor(desc)
	dc.id()
	if err := p.importDesc(desc, dc, imp); err != nil {
		return err
	}
	return dc.end()
}

// importDesc parses the type of an imported entity from c (after its id and
// any inline exports) and appends the import. n is the defining node, for
// @name annotations.
func (p *moduleParser) importDesc(n *Node, c *cursor, imp *wasm.Import) error {
	info := importable[n.Head()]
	idx := p.next(info.sp)
	imp.Kind = info.kind
	switch info.kind {
	case wasm.ExternFunc, wasm.ExternTag:
		sig, err := p.parseSignature(c, true, true)
		if err != nil {
			return err
		}
		typeIdx, err := p.resolveSignature(sig)
		if err != nil {
			return err
		}
		if info.kind == wasm.ExternFunc {
			imp.Func = typeIdx
			if err := p.nameFunc(n, idx); err != nil {
				return err
			}
		} else {
			imp.Tag = wasm.TagType{Type: typeIdx}
		}
	case wasm.ExternTable:
		tt, err := p.tableType(c, c.atom("i64"))
		if err != nil {
			return err
		}
		imp.Table = tt
	case wasm.ExternMemory:
		l, err := limits(c, c.atom("i64"))
		if err != nil {
			return err
		}
		imp.Mem = wasm.MemType{Limits: l}
	case wasm.ExternGlobal:
		gt, err := p.nextGlobalType(c)
		if err != nil {
			return err
		}
		imp.Global = gt
	}
	p.m.Imports = append(p.m.Imports, *imp)
	return nil
}

func (p *moduleParser) tableType(c *cursor, is64 bool) (wasm.TableType, error) {
	l, err := limits(c, is64)
	if err != nil {
		return wasm.TableType{}, err
	}
	t := c.next()
	if t == nil {
		return wasm.TableType{}, c.missing()
	}
	rt, err := p.refType(t)
	return wasm.TableType{Elem: rt, Limits: l}, err
}

func (p *moduleParser) nextGlobalType(c *cursor) (wasm.GlobalType, error) {
	t := c.next()
	if t == nil {
		return wasm.GlobalType{}, c.missing()
	}
	return p.globalType(t)
}

// definition reads the common start of func, table, memory, global and tag
// fields: id, inline exports and inline import. If the field is an import,
// it is parsed and appended and done is true.
func (p *moduleParser) definition(f *Node) (c *cursor, idx uint32, done bool, err error) {
	c = newCursor(f)
	c.id()
	info := importable[f.Head()]
	idx = p.defined[info.sp]
	if err := p.inlineExports(c, info.kind, idx); err != nil {
		return nil, 0, false, err
	}
	imp, err := inlineImport(c)
	if err != nil || imp == nil {
		p.next(info.sp)
		return c, idx, false, err
	}
	if err := p.importDesc(f, c, imp); err != nil {
		return nil, 0, false, err
	}
	return c, idx, true, c.end()
}

// parseFunc parses a function definition: signature, locals and body.
func (p *moduleParser) parseFunc(f *Node) error {
	c, idx, done, err := p.definition(f)
	if done || err != nil {
		return err
	}
	if err := p.nameFunc(f, idx); err != nil {
		return err
	}
	sig, err := p.parseSignature(c, true, true)
	if err != nil {
		return err
	}
	typeIdx, err := p.resolveSignature(sig)
	if err != nil {
		return err
	}
	var locals localScope
	if sig.inline {
		for i, id := range sig.paramIDs {
			decl := sig.paramNodes[i]
			shared := (i > 0 && sig.paramNodes[i-1] == decl) ||
				(i+1 < len(sig.paramNodes) && sig.paramNodes[i+1] == decl)
			if err := p.bindLocal(&locals, idx, id, decl, shared); err != nil {
				return err
			}
		}
	} else {
		locals.count = uint32(len(p.funcParams(sig, typeIdx)))
	}
	var code wasm.Code
	for c.peekHead() == "local" {
		if err := p.parseLocals(c.next(), idx, &locals, &code); err != nil {
			return err
		}
	}
	// A signature or local declaration out of order would otherwise be
	// mistaken for the start of the body.
	switch h := c.peekHead(); h {
	case "type", "param", "result", "local":
		return unexpected(c.peek())
	}
	body, err := parseInstrs(p, locals.ids, c.rest(), nil)
	if err != nil {
		return err
	}
	code.Body = append(body, byte(wasm.OpEnd))
	p.m.Funcs = append(p.m.Funcs, typeIdx)
	p.m.Codes = append(p.m.Codes, code)
	return nil
}

// parseLocals parses `(local $x t)` or `(local t*)`.
func (p *moduleParser) parseLocals(n *Node, funcIdx uint32, locals *localScope, code *wasm.Code) error {
	c := newCursor(n)
	id := c.id()
	count := len(c.args) - c.i
	if id != nil && count != 1 {
		if count == 0 {
			return c.missing()
		}
		return unexpected(c.args[c.i+1])
	}
	shared := count > 1
	for !c.done() {
		vt, err := p.valType(c.next())
		if err != nil {
			return err
		}
		if err := p.bindLocal(locals, funcIdx, id, n, shared); err != nil {
			return err
		}
		if k := len(code.Locals); k > 0 && code.Locals[k-1].Type == vt {
			code.Locals[k-1].Count++
		} else {
			code.Locals = append(code.Locals, wasm.LocalDecl{Count: 1, Type: vt})
		}
	}
	return nil
}

// bindLocal binds the next parameter or local; decl is the (param) or
// (local) list that declares it, which carries its @name unless it declares
// several (shared says so).
func (p *moduleParser) bindLocal(l *localScope, funcIdx uint32, id, decl *Node, shared bool) error {
	if !shared {
		if err := p.nameLocal(decl, funcIdx, l.count); err != nil {
			return err
		}
	}
	return l.bind(id)
}

func (p *moduleParser) parseTable(f *Node) error {
	c, idx, done, err := p.definition(f)
	if done || err != nil {
		return err
	}
	is64 := c.atom("i64")
	if n := c.peek(); n == nil || n.Kind != Atom || !looksNumeric(n.Text) {
		return p.tableWithElems(c, idx, is64)
	}
	tt, err := p.tableType(c, is64)
	if err != nil {
		return err
	}
	t := wasm.Table{Type: tt}
	if !c.done() {
		if t.Init, err = p.constExpr(c.rest()); err != nil {
			return err
		}
	}
	p.m.Tables = append(p.m.Tables, t)
	return nil
}

// tableWithElems parses the `reftype (elem ...)` abbreviation: a table sized
// exactly for an active segment that fills it from index 0.
func (p *moduleParser) tableWithElems(c *cursor, idx uint32, is64 bool) error {
	t := c.next()
	if t == nil {
		return c.missing()
	}
	rt, err := p.refType(t)
	if err != nil {
		return err
	}
	en := c.sub("elem")
	if en == nil {
		if c.done() {
			return c.missing()
		}
		return unexpected(c.peek())
	}
	if err := c.end(); err != nil {
		return err
	}
	seg := wasm.ElemSegment{Mode: wasm.SegmentActive, Table: idx, Offset: zeroOffset(is64), Type: rt}
	ec := newCursor(en)
	if n := ec.peek(); n != nil && n.Kind == List {
		err = p.elemExprs(ec, &seg)
	} else {
		err = p.elemFuncs(ec, &seg)
		seg.FuncIndices = rt == funcIndexElemType
	}
	if err != nil {
		return err
	}
	n := uint64(len(seg.Init))
	p.m.Tables = append(p.m.Tables, wasm.Table{Type: wasm.TableType{
		Elem:   rt,
		Limits: wasm.Limits{Min: n, Max: n, HasMax: true, Is64: is64},
	}})
	p.next(spaceElem)
	p.m.Elems = append(p.m.Elems, seg)
	return nil
}

const pageSize = 1 << 16

func (p *moduleParser) parseMemory(f *Node) error {
	c, idx, done, err := p.definition(f)
	if done || err != nil {
		return err
	}
	is64 := c.atom("i64")
	dn := c.sub("data")
	if dn == nil {
		l, err := limits(c, is64)
		if err != nil {
			return err
		}
		p.m.Mems = append(p.m.Mems, wasm.MemType{Limits: l})
		return c.end()
	}
	// `(memory (data ...))`: a memory sized exactly for an active segment
	// at offset 0.
	if err := c.end(); err != nil {
		return err
	}
	data, err := dataString(newCursor(dn))
	if err != nil {
		return err
	}
	pages := (uint64(len(data)) + pageSize - 1) / pageSize
	p.m.Mems = append(p.m.Mems, wasm.MemType{Limits: wasm.Limits{Min: pages, Max: pages, HasMax: true, Is64: is64}})
	p.next(spaceData)
	p.m.Datas = append(p.m.Datas, wasm.DataSegment{Mode: wasm.SegmentActive, Mem: idx, Offset: zeroOffset(is64), Init: data})
	return nil
}

func (p *moduleParser) parseGlobal(f *Node) error {
	c, _, done, err := p.definition(f)
	if done || err != nil {
		return err
	}
	gt, err := p.nextGlobalType(c)
	if err != nil {
		return err
	}
	init, err := p.constExpr(c.rest())
	if err != nil {
		return err
	}
	p.m.Globals = append(p.m.Globals, wasm.Global{Type: gt, Init: init})
	return nil
}

func (p *moduleParser) parseTag(f *Node) error {
	c, _, done, err := p.definition(f)
	if done || err != nil {
		return err
	}
	sig, err := p.parseSignature(c, true, true)
	if err != nil {
		return err
	}
	typeIdx, err := p.resolveSignature(sig)
	if err != nil {
		return err
	}
	p.m.Tags = append(p.m.Tags, wasm.TagType{Type: typeIdx})
	return c.end()
}

// parseExport parses `(export "name" (kind x))`.
func (p *moduleParser) parseExport(f *Node) error {
	c := newCursor(f)
	name, err := c.name()
	if err != nil {
		return err
	}
	desc := c.next()
	if desc == nil {
		return c.missing()
	}
	if err := c.end(); err != nil {
		return err
	}
	info, ok := importable[desc.Head()]
	if !ok {
		return unexpectedForm(desc)
	}
	dc := newCursor(desc)
	x := dc.next()
	if x == nil {
		return dc.missing()
	}
	idx, err := p.index(info.sp, x)
	if err != nil {
		return err
	}
	p.m.Exports = append(p.m.Exports, wasm.Export{Name: name, Kind: info.kind, Index: idx})
	return dc.end()
}

func (p *moduleParser) parseStart(f *Node) error {
	if p.hasStart {
		return f.Errorf("multiple start sections")
	}
	p.hasStart = true
	c := newCursor(f)
	x := c.next()
	if x == nil {
		return c.missing()
	}
	idx, err := p.index(spaceFunc, x)
	if err != nil {
		return err
	}
	p.m.Start = &idx
	return c.end()
}
