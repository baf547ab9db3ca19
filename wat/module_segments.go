package wat

import (
	"github.com/sablewasm/sable/wasm"
)

// Element and data segments.

// funcIndexElemType is the element type of segments written as `func x*`:
// every element is a ref.func, hence never null.
var funcIndexElemType = wasm.RefType(false, wasm.HeapFunc)

// parseElem parses
//
//	(elem $e? elemlist)                                  passive
//	(elem $e? declare elemlist)                          declarative
//	(elem $e? (table x)? (offset instr*) elemlist)       active
//	(elem $e? (table x)? (instr) elemlist)               active, folded offset
//	(elem $e? (offset instr*) x*)                        active, bare func indices
//
// where elemlist is `func x*` or `reftype item*`, and an item is
// `(item instr*)` or one folded instruction.
func (p *moduleParser) parseElem(f *Node) error {
	c := newCursor(f)
	c.id()
	seg := wasm.ElemSegment{Mode: wasm.SegmentPassive}
	if c.atom("declare") {
		seg.Mode = wasm.SegmentDeclarative
	} else {
		tn := c.sub("table")
		if tn != nil {
			tc := newCursor(tn)
			x := tc.next()
			if x == nil {
				return tc.missing()
			}
			var err error
			if seg.Table, err = p.index(spaceTable, x); err != nil {
				return err
			}
			if err := tc.end(); err != nil {
				return err
			}
		}
		if off := c.peek(); off != nil && off.Kind == List && off.Head() != "ref" {
			c.next()
			seg.Mode = wasm.SegmentActive
			var err error
			if seg.Offset, err = p.offset(off); err != nil {
				return err
			}
		} else if tn != nil {
			if off == nil {
				return c.missing()
			}
			return unexpected(off)
		}
	}
	var err error
	switch n := c.peek(); {
	case c.atom("func"),
		seg.Mode == wasm.SegmentActive && (n == nil || n.Kind == ID || (n.Kind == Atom && looksNumeric(n.Text))):
		seg.Type, seg.FuncIndices = funcIndexElemType, true
		err = p.elemFuncs(c, &seg)
	case n == nil:
		return c.missing()
	default:
		if seg.Type, err = p.refType(c.next()); err != nil {
			return err
		}
		err = p.elemExprs(c, &seg)
	}
	if err != nil {
		return err
	}
	p.m.Elems = append(p.m.Elems, seg)
	return nil
}

// offset parses `(offset instr*)` or its abbreviation, one folded instruction.
func (p *moduleParser) offset(n *Node) (wasm.ConstExpr, error) {
	if n.Head() == "offset" {
		return p.constExpr(n.Args()[1:])
	}
	return p.constExpr([]*Node{n})
}

// elemFuncs reads the rest of c as function indices.
func (p *moduleParser) elemFuncs(c *cursor, seg *wasm.ElemSegment) error {
	for !c.done() {
		idx, err := p.index(spaceFunc, c.next())
		if err != nil {
			return err
		}
		seg.Init = append(seg.Init, constInstr(&wasm.Instr{Op: wasm.OpRefFunc, Index: idx}))
	}
	return nil
}

// elemExprs reads the rest of c as element expressions.
func (p *moduleParser) elemExprs(c *cursor, seg *wasm.ElemSegment) error {
	for !c.done() {
		n := c.next()
		if n.Kind != List {
			return unexpected(n)
		}
		nodes := []*Node{n}
		if n.Head() == "item" {
			nodes = n.Args()[1:]
		}
		e, err := p.constExpr(nodes)
		if err != nil {
			return err
		}
		seg.Init = append(seg.Init, e)
	}
	return nil
}

// parseData parses
//
//	(data $d? string*)                                   passive
//	(data $d? (memory x)? (offset instr*) string*)       active
//	(data $d? (memory x)? (instr) string*)               active, folded offset
func (p *moduleParser) parseData(f *Node) error {
	c := newCursor(f)
	c.id()
	seg := wasm.DataSegment{Mode: wasm.SegmentPassive}
	mn := c.sub("memory")
	if mn != nil {
		mc := newCursor(mn)
		x := mc.next()
		if x == nil {
			return mc.missing()
		}
		var err error
		if seg.Mem, err = p.index(spaceMem, x); err != nil {
			return err
		}
		if err := mc.end(); err != nil {
			return err
		}
	}
	if off := c.peek(); off != nil && off.Kind == List {
		c.next()
		seg.Mode = wasm.SegmentActive
		var err error
		if seg.Offset, err = p.offset(off); err != nil {
			return err
		}
	} else if mn != nil {
		if off == nil {
			return c.missing()
		}
		return unexpected(off)
	}
	data, err := dataString(c)
	if err != nil {
		return err
	}
	seg.Init = data
	p.m.Datas = append(p.m.Datas, seg)
	return nil
}

// dataString concatenates the string literals that make up the rest of c.
func dataString(c *cursor) ([]byte, error) {
	data := []byte{}
	for !c.done() {
		s, err := c.str()
		if err != nil {
			return nil, err
		}
		data = append(data, s.Text...)
	}
	return data, nil
}
