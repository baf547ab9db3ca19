package wat

import "github.com/sablewasm/sable/wasm"

// Folded instructions: `(op immediates operand*)`, where each operand is
// itself folded and is emitted before op, plus the folded structured forms
//
//	(block $l? bt instr*)           (loop ...)
//	(try_table $l? bt catch* instr*)
//	(if $l? bt folded* (then instr*) (else instr*)?)
//	(try $l? bt (do instr*) (catch $tag instr*)* (catch_all instr*)?)
//	(try $l? bt (do instr*) (delegate $l))

// folded parses and emits one folded instruction.
func (p *instrParser) folded(n *Node) error {
	if p.depth >= maxFoldDepth {
		return n.Errorf("folded instructions nested deeper than %d", maxFoldDepth)
	}
	p.depth++
	defer func() { p.depth-- }()

	args := n.Args()
	if len(args) == 0 || args[0].Kind != Atom {
		return unexpected(n)
	}
	at := args[0]
	switch at.Text {
	case "block", "loop", "try_table":
		return p.foldedBlock(args)
	case "if":
		return p.foldedIf(args)
	case "try":
		return p.foldedTry(args)
	case "else", "catch", "catch_all", "delegate", "end":
		return unexpected(at)
	}
	info, err := lookupInstr(at)
	if err != nil {
		return err
	}
	in, j, err := p.immediates(info, args, 1, at)
	if err != nil {
		return err
	}
	if err := p.operands(args[j:]); err != nil {
		return err
	}
	p.emit(&in)
	return nil
}

// operands parses the folded operands of a folded instruction, or the
// condition of a folded if: folded instructions only.
func (p *instrParser) operands(nodes []*Node) error {
	for _, n := range nodes {
		if n.Kind != List {
			return unexpected(n)
		}
		if err := p.folded(n); err != nil {
			return err
		}
	}
	return nil
}

// foldedBlock parses (block ...), (loop ...) and (try_table ...).
func (p *instrParser) foldedBlock(args []*Node) error {
	info := wasm.LookupName(args[0].Text)
	label, j := optLabel(args, 1)
	in := wasm.Instr{Op: info.Op}
	var err error
	if in.Block, j, err = p.blockType(args, j); err != nil {
		return err
	}
	if info.Imm == wasm.ImmTryTable {
		if in.Catches, j, err = p.catchClauses(args, j); err != nil {
			return err
		}
	}
	p.emit(&in)
	if err := p.body(label, args[j:]); err != nil {
		return err
	}
	p.emitOp(wasm.OpEnd)
	return nil
}

// body parses a block body with label bound.
func (p *instrParser) body(label string, nodes []*Node) error {
	p.labels = append(p.labels, label)
	err := p.seq(nodes)
	p.labels = p.labels[:len(p.labels)-1]
	return err
}

// foldedIf parses (if $l? bt cond* (then ...) (else ...)?). The condition
// is evaluated before the if, outside its label.
func (p *instrParser) foldedIf(args []*Node) error {
	at := args[0]
	label, j := optLabel(args, 1)
	bt, j, err := p.blockType(args, j)
	if err != nil {
		return err
	}
	cond := j
	for j < len(args) && args[j].Head() != "then" {
		j++
	}
	if err := p.operands(args[cond:j]); err != nil {
		return err
	}
	if j == len(args) {
		return missing(args, j, at, "(then ...)")
	}
	p.emit(&wasm.Instr{Op: wasm.OpIf, Block: bt})
	if err := p.body(label, args[j].Args()[1:]); err != nil {
		return err
	}
	j++
	if j < len(args) && args[j].Head() == "else" {
		p.emitOp(wasm.OpElse)
		if err := p.body(label, args[j].Args()[1:]); err != nil {
			return err
		}
		j++
	}
	if j < len(args) {
		return unexpected(args[j])
	}
	p.emitOp(wasm.OpEnd)
	return nil
}

// foldedTry parses the legacy exception handling forms of try.
func (p *instrParser) foldedTry(args []*Node) error {
	at := args[0]
	label, j := optLabel(args, 1)
	bt, j, err := p.blockType(args, j)
	if err != nil {
		return err
	}
	if j == len(args) || args[j].Head() != "do" {
		return missing(args, j, at, "(do ...)")
	}
	p.emit(&wasm.Instr{Op: wasm.OpTry, Block: bt})
	if err := p.body(label, args[j].Args()[1:]); err != nil {
		return err
	}
	j++
	if j < len(args) && args[j].Head() == "delegate" {
		return p.foldedDelegate(args[j], args[j+1:])
	}
	p.labels = append(p.labels, label)
	defer func() { p.labels = p.labels[:len(p.labels)-1] }()
	catchAll := false
	for ; j < len(args); j++ {
		h := args[j]
		hargs := h.Args()
		switch {
		case h.Head() == "catch" && !catchAll:
			tag, k, err := p.index(spaceTag, hargs, 1, hargs[0], "a tag")
			if err != nil {
				return err
			}
			p.emit(&wasm.Instr{Op: wasm.OpCatch, Index: tag})
			if err := p.seq(hargs[k:]); err != nil {
				return err
			}
		case h.Head() == "catch_all" && !catchAll:
			catchAll = true
			p.emitOp(wasm.OpCatchAll)
			if err := p.seq(hargs[1:]); err != nil {
				return err
			}
		default:
			return unexpected(h)
		}
	}
	p.emitOp(wasm.OpEnd)
	return nil
}

// foldedDelegate parses the (delegate $l) that ends a folded try; the label
// is resolved outside the try. Nothing may follow it.
func (p *instrParser) foldedDelegate(d *Node, rest []*Node) error {
	dargs := d.Args()
	depth, next, err := p.labelOperand(dargs, 1, dargs[0])
	if err != nil {
		return err
	}
	if next < len(dargs) {
		return unexpected(dargs[next])
	}
	if len(rest) > 0 {
		return unexpected(rest[0])
	}
	p.emit(&wasm.Instr{Op: wasm.OpDelegate, Label: depth})
	return nil
}
