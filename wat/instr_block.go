package wat

import "github.com/sablewasm/sable/wasm"

// Structured instructions: labels, block types, catch clauses and the flat
// forms `block/loop/if/try/try_table ... end`.

// flatBlock is a structured instruction written in flat form, open until
// its `end` (or, for a legacy try, its `delegate`).
type flatBlock struct {
	at    *Node // the opening keyword
	label string
	part  blockPart
}

// blockPart is the part of a flat block being parsed; it decides which
// continuation keywords may come next.
type blockPart uint8

const (
	partBody     blockPart = iota
	partElse               // if: after else
	partCatch              // try: after a catch
	partCatchAll           // try: after catch_all
)

// openFlat parses the head of a flat block, `block $l? bt` (try_table also
// takes its catch clauses), emits it and opens its label.
func (p *instrParser) openFlat(nodes []*Node, i int) (int, error) {
	at := nodes[i]
	info := wasm.LookupName(at.Text)
	label, j := optLabel(nodes, i+1)
	in := wasm.Instr{Op: info.Op}
	var err error
	if in.Block, j, err = p.blockType(nodes, j); err != nil {
		return 0, err
	}
	if info.Imm == wasm.ImmTryTable {
		if in.Catches, j, err = p.catchClauses(nodes, j); err != nil {
			return 0, err
		}
	}
	p.emit(&in)
	p.labels = append(p.labels, label)
	p.open = append(p.open, flatBlock{at: at, label: label})
	return j, nil
}

// continueFlat parses else, catch, catch_all, delegate or end, which must
// continue the innermost flat block opened in the current sequence.
func (p *instrParser) continueFlat(nodes []*Node, i int) (int, error) {
	at := nodes[i]
	if len(p.open) == p.base {
		return 0, unexpected(at)
	}
	b := &p.open[len(p.open)-1]
	kind := b.at.Text
	j := i + 1
	switch at.Text {
	case "else":
		if kind != "if" || b.part != partBody {
			return 0, unexpected(at)
		}
		var err error
		if j, err = p.closingLabel(b, nodes, j); err != nil {
			return 0, err
		}
		p.emitOp(wasm.OpElse)
		b.part = partElse
		return j, nil
	case "catch", "catch_all":
		if kind != "try" || b.part == partCatchAll {
			return 0, unexpected(at)
		}
		in := wasm.Instr{Op: wasm.OpCatchAll}
		b.part = partCatchAll
		if at.Text == "catch" {
			tag, next, err := p.index(spaceTag, nodes, j, at, "a tag")
			if err != nil {
				return 0, err
			}
			in, j, b.part = wasm.Instr{Op: wasm.OpCatch, Index: tag}, next, partCatch
		}
		p.emit(&in)
		return j, nil
	case "delegate":
		if kind != "try" || b.part != partBody {
			return 0, unexpected(at)
		}
		p.closeBlock()
		// The target is counted from outside the try, whose label is gone.
		depth, next, err := p.labelOperand(nodes, j, at)
		if err != nil {
			return 0, err
		}
		p.emit(&wasm.Instr{Op: wasm.OpDelegate, Label: depth})
		return next, nil
	}
	// end
	var err error
	if j, err = p.closingLabel(b, nodes, j); err != nil {
		return 0, err
	}
	p.closeBlock()
	p.emitOp(wasm.OpEnd)
	return j, nil
}

// closingLabel checks the optional label repeated after else or end: it
// must name the block being continued.
func (p *instrParser) closingLabel(b *flatBlock, nodes []*Node, j int) (int, error) {
	name, next := optLabel(nodes, j)
	if next != j && name != b.label {
		return 0, nodes[j].Errorf("mismatching label $%s", name)
	}
	return next, nil
}

// closeBlock ends the innermost flat block and its label.
func (p *instrParser) closeBlock() {
	p.open = p.open[:len(p.open)-1]
	p.labels = p.labels[:len(p.labels)-1]
}

// optLabel returns the label id at nodes[i], if there is one, and the index
// after it.
func optLabel(nodes []*Node, i int) (string, int) {
	if i < len(nodes) && nodes[i].Kind == ID {
		return nodes[i].Text, i + 1
	}
	return "", i
}

// labelIndex resolves a label operand: a $name (the innermost binding wins)
// or a numeric depth.
func (p *instrParser) labelIndex(n *Node) (uint32, error) {
	switch n.Kind {
	case ID:
		for d := len(p.labels) - 1; d >= 0; d-- {
			if p.labels[d] == n.Text {
				return uint32(len(p.labels) - 1 - d), nil
			}
		}
		return 0, n.Errorf("unknown label $%s", n.Text)
	case Atom:
		if isNat(n) {
			v, err := parseU32(n.Text)
			if err != nil {
				return 0, nodeErr(n, err)
			}
			return v, nil
		}
	}
	return 0, unexpected(n)
}

// blockType parses `(type x)? (param t*)* (result t*)*` at nodes[i]. No
// annotation, or a single result, is encoded inline; anything else is a
// function type index from the module scope.
func (p *instrParser) blockType(nodes []*Node, i int) (wasm.BlockType, int, error) {
	if i < len(nodes) {
		if h := nodes[i].Head(); h == "type" || h == "param" {
			return p.typeUseBlock(nodes, i)
		}
	}
	var results []wasm.ValType
	j := i
	for ; j < len(nodes) && nodes[j].Head() == "result"; j++ {
		for _, t := range nodes[j].Args()[1:] {
			vt, err := p.valType(t)
			if err != nil {
				return wasm.BlockType{}, 0, err
			}
			results = append(results, vt)
		}
	}
	switch len(results) {
	case 0:
		return wasm.BlockType{Kind: wasm.BlockEmpty}, j, nil
	case 1:
		return wasm.BlockType{Kind: wasm.BlockValue, Value: results[0]}, j, nil
	}
	return p.typeUseBlock(nodes, i)
}

func (p *instrParser) typeUseBlock(nodes []*Node, i int) (wasm.BlockType, int, error) {
	idx, next, err := p.sc.typeUse(nodes, i)
	if err != nil {
		return wasm.BlockType{}, 0, nodeErr(nodes[i], err)
	}
	return wasm.BlockType{Kind: wasm.BlockIndex, Index: idx}, next, nil
}

// catchKinds are the catch clauses of try_table.
var catchKinds = map[string]wasm.CatchKind{
	"catch": wasm.Catch, "catch_ref": wasm.CatchRef,
	"catch_all": wasm.CatchAll, "catch_all_ref": wasm.CatchAllRef,
}

// catchClauses parses the catch clauses of a try_table: `(catch tag label)`,
// `(catch_ref tag label)`, `(catch_all label)`, `(catch_all_ref label)`.
// Their labels are resolved outside the try_table, whose own label is not
// bound yet.
func (p *instrParser) catchClauses(nodes []*Node, i int) ([]wasm.CatchClause, int, error) {
	var cs []wasm.CatchClause
	for ; i < len(nodes) && nodes[i].Kind == List; i++ {
		kind, ok := catchKinds[nodes[i].Head()]
		if !ok {
			break
		}
		args := nodes[i].Args()
		c := wasm.CatchClause{Kind: kind}
		j := 1
		if kind == wasm.Catch || kind == wasm.CatchRef {
			var err error
			if c.Tag, j, err = p.index(spaceTag, args, j, args[0], "a tag"); err != nil {
				return nil, 0, err
			}
		}
		if j >= len(args) {
			return nil, 0, missing(args, j, args[0], "a label")
		}
		if j+1 < len(args) {
			return nil, 0, unexpected(args[j+1])
		}
		var err error
		if c.Label, err = p.labelIndex(args[j]); err != nil {
			return nil, 0, err
		}
		cs = append(cs, c)
	}
	return cs, i, nil
}
