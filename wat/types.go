package wat

import (
	"encoding/binary"

	"github.com/sablewasm/sable/wasm"
)

// Type syntax: value, heap and storage types, function signatures and the
// type definitions of the type section (type, rec, sub, func/struct/array).

// refShorthands are the reference type abbreviations: funcref is
// (ref null func), and so on.
var refShorthands = map[string]wasm.HeapType{
	"funcref": wasm.HeapFunc, "externref": wasm.HeapExtern, "anyref": wasm.HeapAny,
	"eqref": wasm.HeapEq, "i31ref": wasm.HeapI31, "structref": wasm.HeapStruct,
	"arrayref": wasm.HeapArray, "nullref": wasm.HeapNone, "nullfuncref": wasm.HeapNoFunc,
	"nullexternref": wasm.HeapNoExtern, "exnref": wasm.HeapExn, "nullexnref": wasm.HeapNoExn,
}

var numTypes = map[string]wasm.ValType{
	"i32": wasm.TypeI32, "i64": wasm.TypeI64, "f32": wasm.TypeF32,
	"f64": wasm.TypeF64, "v128": wasm.TypeV128,
}

// valType parses a value type: a number or vector type keyword, a reference
// shorthand, or (ref null? ht).
func (p *moduleParser) valType(n *Node) (wasm.ValType, error) {
	if n.Kind == Atom {
		if t, ok := numTypes[n.Text]; ok {
			return t, nil
		}
		if h, ok := refShorthands[n.Text]; ok {
			return wasm.RefType(true, h), nil
		}
		return wasm.ValType{}, unexpected(n)
	}
	if n.Head() != "ref" {
		return wasm.ValType{}, unexpected(n)
	}
	c := newCursor(n)
	nullable := c.atom("null")
	h := c.next()
	if h == nil {
		return wasm.ValType{}, c.missing()
	}
	ht, err := p.heapType(h)
	if err != nil {
		return wasm.ValType{}, err
	}
	return wasm.RefType(nullable, ht), c.end()
}

// refType parses a value type that must be a reference type.
func (p *moduleParser) refType(n *Node) (wasm.ValType, error) {
	t, err := p.valType(n)
	if err == nil && !t.IsRef() {
		return t, unexpected(n)
	}
	return t, err
}

// heapType parses an abstract heap type name or a type index.
func (p *moduleParser) heapType(n *Node) (wasm.HeapType, error) {
	if n.Kind == Atom {
		if h, ok := wasm.HeapTypeByName(n.Text); ok {
			return h, nil
		}
	}
	idx, err := p.index(spaceType, n)
	return wasm.HeapType(idx), err
}

// storageType parses a field's storage type: a value type or i8/i16.
func (p *moduleParser) storageType(n *Node) (wasm.ValType, error) {
	switch {
	case n.IsAtom("i8"):
		return wasm.ValType{Kind: wasm.I8}, nil
	case n.IsAtom("i16"):
		return wasm.ValType{Kind: wasm.I16}, nil
	}
	return p.valType(n)
}

// fieldType parses `st` or `(mut st)`.
func (p *moduleParser) fieldType(n *Node) (wasm.FieldType, error) {
	if n.Head() == "mut" {
		c := newCursor(n)
		t := c.next()
		if t == nil {
			return wasm.FieldType{}, c.missing()
		}
		st, err := p.storageType(t)
		if err != nil {
			return wasm.FieldType{}, err
		}
		return wasm.FieldType{Type: st, Mutable: true}, c.end()
	}
	st, err := p.storageType(n)
	return wasm.FieldType{Type: st}, err
}

// globalType parses `t` or `(mut t)`.
func (p *moduleParser) globalType(n *Node) (wasm.GlobalType, error) {
	if n.Head() == "mut" {
		c := newCursor(n)
		t := c.next()
		if t == nil {
			return wasm.GlobalType{}, c.missing()
		}
		vt, err := p.valType(t)
		if err != nil {
			return wasm.GlobalType{}, err
		}
		return wasm.GlobalType{Type: vt, Mutable: true}, c.end()
	}
	vt, err := p.valType(n)
	return wasm.GlobalType{Type: vt}, err
}

// signature is a function type as written inline: `(type x)?` followed by
// params and results, with the parameter ids (nil where unnamed).
type signature struct {
	typeRef    *Node // the `(type x)` node, if present
	typeIdx    uint32
	inline     bool // some (param) or (result) was written
	params     []wasm.ValType
	paramNodes []*Node // the (param) list each parameter came from, for @name
	paramIDs   []*Node
	results    []wasm.ValType
}

// parseSignature reads `(type x)? (param ...)* (result ...)*` from c.
// namedParams allows `(param $x t)` (functions and type definitions, but
// not block types or call_indirect).
func (p *moduleParser) parseSignature(c *cursor, allowType, namedParams bool) (*signature, error) {
	sig := &signature{}
	if allowType {
		if t := c.sub("type"); t != nil {
			tc := newCursor(t)
			x := tc.next()
			if x == nil {
				return nil, tc.missing()
			}
			idx, err := p.index(spaceType, x)
			if err != nil {
				return nil, err
			}
			if err := tc.end(); err != nil {
				return nil, err
			}
			sig.typeRef, sig.typeIdx = t, idx
		}
	}
	for c.peekHead() == "param" {
		pn := c.next()
		sig.inline = true
		pc := newCursor(pn)
		if id := pc.id(); id != nil {
			if !namedParams {
				return nil, unexpected(id)
			}
			t := pc.next()
			if t == nil {
				return nil, pc.missing()
			}
			vt, err := p.valType(t)
			if err != nil {
				return nil, err
			}
			if err := pc.end(); err != nil {
				return nil, err
			}
			sig.params = append(sig.params, vt)
			sig.paramIDs = append(sig.paramIDs, id)
			sig.paramNodes = append(sig.paramNodes, pn)
			continue
		}
		for !pc.done() {
			vt, err := p.valType(pc.next())
			if err != nil {
				return nil, err
			}
			sig.params = append(sig.params, vt)
			sig.paramIDs = append(sig.paramIDs, nil)
			sig.paramNodes = append(sig.paramNodes, pn)
		}
	}
	for c.peekHead() == "result" {
		sig.inline = true
		rc := newCursor(c.next())
		for !rc.done() {
			vt, err := p.valType(rc.next())
			if err != nil {
				return nil, err
			}
			sig.results = append(sig.results, vt)
		}
	}
	// The parts of a signature come in a fixed order; one out of order is a
	// syntax error, not the start of whatever follows.
	if h := c.peekHead(); h == "param" || h == "type" {
		return nil, unexpected(c.peek())
	}
	return sig, nil
}

// resolveSignature returns the type index a signature denotes. With
// `(type x)`, inline params and results must repeat x's signature exactly;
// without it, the first plain function type with exactly this signature is
// used, or a new one is appended to the type section.
func (p *moduleParser) resolveSignature(sig *signature) (uint32, error) {
	if sig.typeRef == nil {
		return p.implicitFuncType(sig.params, sig.results), nil
	}
	if !sig.inline {
		return sig.typeIdx, nil
	}
	if uint64(sig.typeIdx) >= uint64(len(p.m.Types)) {
		return 0, sig.typeRef.Errorf("unknown type %d", sig.typeIdx)
	}
	st := &p.m.Types[sig.typeIdx]
	if st.Comp.Kind != wasm.CompFunc || !sameTypes(st.Comp.Func.Params, sig.params) ||
		!sameTypes(st.Comp.Func.Results, sig.results) {
		return 0, sig.typeRef.Errorf("inline function type does not match type %d", sig.typeIdx)
	}
	return sig.typeIdx, nil
}

// funcParams returns the parameter types of the signature's function type
// (those of `(type x)` when nothing is written inline).
func (p *moduleParser) funcParams(sig *signature, typeIdx uint32) []wasm.ValType {
	if sig.inline || uint64(typeIdx) >= uint64(len(p.m.Types)) {
		return sig.params
	}
	if st := &p.m.Types[typeIdx]; st.Comp.Kind == wasm.CompFunc {
		return st.Comp.Func.Params
	}
	return nil
}

// implicitFuncType finds or appends the type a type use without `(type x)`
// denotes. Only a type equivalent to the plain definition `(type (func ...))`
// qualifies: final, no supertypes, alone in its recursion group. Candidates
// are indexed by signature so that many type uses stay linear.
func (p *moduleParser) implicitFuncType(params, results []wasm.ValType) uint32 {
	if p.plainFuncs == nil {
		p.plainFuncs = map[string]uint32{}
		for _, g := range p.m.RecGroups {
			st := &p.m.Types[g.Start]
			if g.Len == 1 && st.Final && len(st.Supers) == 0 && st.Comp.Kind == wasm.CompFunc {
				key := signatureKey(st.Comp.Func.Params, st.Comp.Func.Results)
				if _, seen := p.plainFuncs[key]; !seen {
					p.plainFuncs[key] = g.Start
				}
			}
		}
	}
	key := signatureKey(params, results)
	if idx, ok := p.plainFuncs[key]; ok {
		return idx
	}
	idx := uint32(len(p.m.Types))
	p.m.Types = append(p.m.Types, wasm.SubType{
		Final: true,
		Comp:  wasm.CompType{Kind: wasm.CompFunc, Func: wasm.FuncType{Params: params, Results: results}},
	})
	p.m.RecGroups = append(p.m.RecGroups, wasm.RecGroup{Start: idx, Len: 1})
	p.plainFuncs[key] = idx
	return idx
}

// signatureKey encodes a function signature as a map key.
func signatureKey(params, results []wasm.ValType) string {
	b := make([]byte, 0, 10*(len(params)+len(results))+1)
	for i, ts := range [][]wasm.ValType{params, results} {
		if i > 0 {
			b = append(b, 0xff) // no ValKind has this value
		}
		for _, t := range ts {
			b = append(b, byte(t.Kind))
			if t.Nullable {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
			b = binary.LittleEndian.AppendUint64(b, uint64(t.Heap))
		}
	}
	return string(b)
}

func sameTypes(a, b []wasm.ValType) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// typeUse implements moduleScope for instructions (block types,
// call_indirect): parameters may not be named there.
func (p *moduleParser) typeUse(nodes []*Node, i int) (uint32, int, error) {
	c := &cursor{list: &Node{Kind: List}, args: nodes, i: i}
	if i < len(nodes) {
		c.list = nodes[i]
	}
	sig, err := p.parseSignature(c, true, false)
	if err != nil {
		return 0, i, err
	}
	idx, err := p.resolveSignature(sig)
	return idx, c.i, err
}

// parseTypeField parses a `(type ...)` or `(rec ...)` module field,
// appending its types and recursion group.
func (p *moduleParser) parseTypeField(n *Node) error {
	start := uint32(len(p.m.Types))
	defs := []*Node{n}
	if n.Head() == "rec" {
		defs = n.Args()[1:]
	}
	for _, d := range defs {
		if d.Head() != "type" {
			return unexpectedForm(d)
		}
		st, err := p.parseTypeDef(d)
		if err != nil {
			return err
		}
		p.m.Types = append(p.m.Types, st)
	}
	p.m.RecGroups = append(p.m.RecGroups, wasm.RecGroup{Start: start, Len: uint32(len(p.m.Types)) - start})
	return nil
}

// parseTypeDef parses `(type $id? subtype)`; its id was bound when the
// module's names were collected.
func (p *moduleParser) parseTypeDef(n *Node) (wasm.SubType, error) {
	c := newCursor(n)
	c.id()
	def := c.next()
	if def == nil {
		return wasm.SubType{}, c.missing()
	}
	if err := c.end(); err != nil {
		return wasm.SubType{}, err
	}
	self := uint32(len(p.m.Types))
	if def.Head() != "sub" {
		comp, err := p.compType(def, self)
		return wasm.SubType{Final: true, Comp: comp}, err
	}
	sc := newCursor(def)
	st := wasm.SubType{Final: sc.atom("final")}
	for !sc.done() && sc.peek().Kind != List {
		idx, err := p.index(spaceType, sc.next())
		if err != nil {
			return st, err
		}
		st.Supers = append(st.Supers, idx)
	}
	comp := sc.next()
	if comp == nil {
		return st, sc.missing()
	}
	var err error
	if st.Comp, err = p.compType(comp, self); err != nil {
		return st, err
	}
	return st, sc.end()
}

// compType parses a func, struct or array type. self is the index the type
// will get, under which struct field names are recorded.
func (p *moduleParser) compType(n *Node, self uint32) (wasm.CompType, error) {
	c := newCursor(n)
	switch n.Head() {
	case "func":
		sig, err := p.parseSignature(c, false, true)
		if err != nil {
			return wasm.CompType{}, err
		}
		ft := wasm.FuncType{Params: sig.params, Results: sig.results}
		return wasm.CompType{Kind: wasm.CompFunc, Func: ft}, c.end()
	case "struct":
		fields, err := p.structFields(c, self)
		return wasm.CompType{Kind: wasm.CompStruct, Fields: fields}, err
	case "array":
		ft := c.next()
		if ft == nil {
			return wasm.CompType{}, c.missing()
		}
		elem, err := p.fieldType(ft)
		if err != nil {
			return wasm.CompType{}, err
		}
		return wasm.CompType{Kind: wasm.CompArray, Fields: []wasm.FieldType{elem}}, c.end()
	}
	return wasm.CompType{}, unexpected(n)
}

// structFields parses `(field $x? ft)` / `(field ft*)` lists, binding field
// ids in the struct's own namespace.
func (p *moduleParser) structFields(c *cursor, self uint32) ([]wasm.FieldType, error) {
	var fields []wasm.FieldType
	for !c.done() {
		fn := c.next()
		if fn.Head() != "field" {
			return nil, unexpectedForm(fn)
		}
		fc := newCursor(fn)
		if id := fc.id(); id != nil {
			names := p.fieldIDs[self]
			if names == nil {
				names = map[string]uint32{}
				p.fieldIDs[self] = names
			}
			if _, dup := names[id.Text]; dup {
				return nil, id.Errorf("duplicate field $%s", id.Text)
			}
			names[id.Text] = uint32(len(fields))
			t := fc.next()
			if t == nil {
				return nil, fc.missing()
			}
			ft, err := p.fieldType(t)
			if err != nil {
				return nil, err
			}
			fields = append(fields, ft)
			if err := fc.end(); err != nil {
				return nil, err
			}
			continue
		}
		for !fc.done() {
			ft, err := p.fieldType(fc.next())
			if err != nil {
				return nil, err
			}
			fields = append(fields, ft)
		}
	}
	return fields, nil
}

// limits parses `min max?` (u64 values whatever the address type: range
// checks are the validator's job).
func limits(c *cursor, is64 bool) (wasm.Limits, error) {
	l := wasm.Limits{Is64: is64}
	n := c.next()
	if n == nil {
		return l, c.missing()
	}
	var err error
	if l.Min, err = natural(n); err != nil {
		return l, err
	}
	if m := c.peek(); m != nil && m.Kind == Atom && looksNumeric(m.Text) {
		c.i++
		l.HasMax = true
		if l.Max, err = natural(m); err != nil {
			return l, err
		}
	}
	return l, nil
}

// natural parses an unsigned 64-bit literal atom.
func natural(n *Node) (uint64, error) {
	if n.Kind != Atom {
		return 0, unexpected(n)
	}
	v, err := parseU64(n.Text)
	if err == errUnknownOperator {
		return 0, unexpected(n)
	}
	if err != nil {
		return 0, n.Errorf("%v", err)
	}
	return v, nil
}
