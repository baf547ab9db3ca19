package wat

import (
	"github.com/sablewasm/sable/wasm"
)

// ParseModule parses a WAT module: either one `(module ...)` form or a
// sequence of module fields without the wrapper.
func ParseModule(src []byte) (*wasm.Module, error) {
	nodes, err := ParseSExprs(src)
	if err != nil {
		return nil, err
	}
	var mod *Node
	fields := 0
	for _, n := range nodes {
		if n.Kind == Annotation {
			continue
		}
		fields++
		if n.Head() == "module" && mod == nil {
			mod = n
		}
	}
	if mod == nil {
		return parseModuleFields(nodes)
	}
	if fields != 1 {
		return nil, mod.Errorf("unexpected token: a module must be alone in its source")
	}
	// Annotations around the module form are outside it and ignored.
	return ParseModuleNode(mod)
}

// ParseModuleNode parses a `(module $id? field*)` node. Script forms such as
// `(module binary ...)` are handled by the script parser, not here.
func ParseModuleNode(n *Node) (*wasm.Module, error) {
	if n.Head() != "module" {
		return nil, unexpected(n)
	}
	c := newCursor(n)
	c.id()
	return parseModule(n, n.Children, c.rest())
}

func parseModuleFields(fields []*Node) (*wasm.Module, error) {
	var args []*Node
	for _, f := range fields {
		if f.Kind != Annotation {
			args = append(args, f)
		}
	}
	return parseModule(nil, fields, args)
}

// moduleParser builds a wasm.Module from the fields of one module. Parsing
// takes three passes over the fields, because any field may name any
// other by identifier, before or after it:
//
//  1. declare: bind every identifier and count every index space;
//  2. types: parse the type definitions, which are all known before any
//     type use is resolved (implicit function types go after them);
//  3. everything else, in text order, which is also index order because
//     imports must precede definitions.
type moduleParser struct {
	m        *wasm.Module
	spaces   [numSpaces]indexSpace
	fieldIDs map[uint32]map[string]uint32 // struct field ids, per type index
	// plainFuncs indexes the function types an inline signature may reuse
	// (see implicitFuncType); built once all explicit types are known.
	plainFuncs map[string]uint32
	// defined counts the entries of each space built so far in pass 3.
	defined [numSpaces]uint32
	// firstDef names the kind of the first non-import definition of a
	// function, table, memory, global or tag: no import may follow it.
	firstDef string
	hasStart bool
	names    nameSection
}

// parseModule parses a module's fields. node is the `(module ...)` node (nil
// for a bare field sequence); children are all its children including
// annotations, fields the fields proper.
func parseModule(node *Node, children, fields []*Node) (*wasm.Module, error) {
	p := &moduleParser{m: &wasm.Module{}, fieldIDs: map[uint32]map[string]uint32{}}
	if err := p.annotations(node, children); err != nil {
		return nil, err
	}
	for _, f := range fields {
		if err := p.declare(f); err != nil {
			return nil, err
		}
	}
	for _, f := range fields {
		if h := f.Head(); h == "type" || h == "rec" {
			if err := p.parseTypeField(f); err != nil {
				return nil, err
			}
		}
	}
	for _, f := range fields {
		if err := p.parseField(f); err != nil {
			return nil, err
		}
	}
	p.finishNames()
	setDataCount(p.m)
	return p.m, nil
}

// setDataCount gives a text module the data count section its binary form
// needs: the binary format requires one whenever code names a data segment
// (memory.init, data.drop, array.new_data, array.init_data), and emitting it
// whenever there are data segments keeps the encoding one-pass for engines.
func setDataCount(m *wasm.Module) {
	if len(m.Datas) == 0 && !codeNamesData(m.Codes) {
		return
	}
	n := uint32(len(m.Datas))
	m.DataCount = &n
}

func codeNamesData(codes []wasm.Code) bool {
	var in wasm.Instr
	for i := range codes {
		r := wasm.NewInstrReader(codes[i].Body, 0)
		for r.Next(&in) == nil {
			switch wasm.Lookup(in.Op).Imm {
			case wasm.ImmData, wasm.ImmMemInit, wasm.ImmTypeData:
				return true
			}
		}
	}
	return false
}

// importable maps the module fields that may be imported to their space.
var importable = map[string]struct {
	sp   space
	kind wasm.ExternKind
	noun string // as in "import after function"
}{
	"func":   {spaceFunc, wasm.ExternFunc, "function"},
	"table":  {spaceTable, wasm.ExternTable, "table"},
	"memory": {spaceMem, wasm.ExternMemory, "memory"},
	"global": {spaceGlobal, wasm.ExternGlobal, "global"},
	"tag":    {spaceTag, wasm.ExternTag, "tag"},
}

// declare is pass 1 for one field: it binds the field's identifier in its
// index space and enforces that imports precede definitions.
func (p *moduleParser) declare(f *Node) error {
	head := f.Head()
	switch head {
	case "type":
		return p.bind(spaceType, newCursor(f).id())
	case "rec":
		for _, t := range f.Args()[1:] {
			if t.Head() != "type" {
				return unexpectedForm(t)
			}
			if err := p.bind(spaceType, newCursor(t).id()); err != nil {
				return err
			}
		}
		return nil
	case "import":
		c := newCursor(f)
		c.next()
		c.next()
		desc := c.next()
		if desc == nil {
			return c.missing()
		}
		imp, ok := importable[desc.Head()]
		if !ok {
			return unexpectedForm(desc)
		}
		if err := p.checkImportOrder(f); err != nil {
			return err
		}
		return p.bind(imp.sp, newCursor(desc).id())
	case "func", "table", "memory", "global", "tag":
		c := newCursor(f)
		id := c.id()
		for c.peekHead() == "export" {
			c.next()
		}
		if c.peekHead() == "import" {
			if err := p.checkImportOrder(f); err != nil {
				return err
			}
		} else if p.firstDef == "" {
			p.firstDef = importable[head].noun
		}
		if err := p.bind(importable[head].sp, id); err != nil {
			return err
		}
		// Inline segments of tables and memories are segments of their own.
		for _, a := range c.rest() {
			if (head == "table" && a.Head() == "elem") || (head == "memory" && a.Head() == "data") {
				sp := spaceElem
				if head == "memory" {
					sp = spaceData
				}
				return p.bind(sp, nil)
			}
		}
		return nil
	case "elem":
		return p.bind(spaceElem, newCursor(f).id())
	case "data":
		return p.bind(spaceData, newCursor(f).id())
	case "export", "start":
		return nil
	}
	return unexpectedForm(f)
}

func (p *moduleParser) checkImportOrder(imp *Node) error {
	if p.firstDef != "" {
		return imp.Errorf("import after %s", p.firstDef)
	}
	return nil
}

// parseField is pass 3 for one field.
func (p *moduleParser) parseField(f *Node) error {
	switch f.Head() {
	case "type", "rec":
		return nil // pass 2
	case "import":
		return p.parseImport(f)
	case "func":
		return p.parseFunc(f)
	case "table":
		return p.parseTable(f)
	case "memory":
		return p.parseMemory(f)
	case "global":
		return p.parseGlobal(f)
	case "tag":
		return p.parseTag(f)
	case "export":
		return p.parseExport(f)
	case "start":
		return p.parseStart(f)
	case "elem":
		return p.parseElem(f)
	case "data":
		return p.parseData(f)
	}
	return unexpectedForm(f)
}

// next returns the index the next entry of space sp gets and counts it.
func (p *moduleParser) next(sp space) uint32 {
	idx := p.defined[sp]
	p.defined[sp]++
	return idx
}

// constExpr parses an instruction sequence into a constant expression.
func (p *moduleParser) constExpr(nodes []*Node) (wasm.ConstExpr, error) {
	code, err := parseInstrs(p, nil, nodes, nil)
	if err != nil {
		return wasm.ConstExpr{}, err
	}
	return wasm.ConstExpr{Code: append(code, byte(wasm.OpEnd))}, nil
}

// constInstr builds the constant expression of a single instruction.
func constInstr(in *wasm.Instr) wasm.ConstExpr {
	return wasm.ConstExpr{Code: append(wasm.AppendInstr(nil, in), byte(wasm.OpEnd))}
}

// zeroOffset is the offset `(i32.const 0)` (or i64 for 64-bit tables and
// memories) of the segments that inline abbreviations expand to.
func zeroOffset(is64 bool) wasm.ConstExpr {
	if is64 {
		return constInstr(&wasm.Instr{Op: wasm.OpI64Const})
	}
	return constInstr(&wasm.Instr{Op: wasm.OpI32Const})
}
