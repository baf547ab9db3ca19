package wat

import "github.com/sablewasm/sable/wasm"

// Immediates: one parser per immediate kind of the opcode table. Each takes
// the nodes following the instruction keyword at, starting at nodes[i], and
// returns the index of the first node it did not consume.

// immediates parses the immediates of instruction info.
func (p *instrParser) immediates(info *wasm.OpInfo, nodes []*Node, i int, at *Node) (wasm.Instr, int, error) {
	in := wasm.Instr{Op: info.Op}
	var err error
	switch info.Imm {
	case wasm.ImmNone:
		if info.Op == wasm.OpSelect {
			return p.selectInstr(nodes, i)
		}
	case wasm.ImmLabel:
		in.Label, i, err = p.labelOperand(nodes, i, at)
	case wasm.ImmBrTable:
		for ; i < len(nodes) && isIndex(nodes[i]); i++ {
			l, err := p.labelIndex(nodes[i])
			if err != nil {
				return in, 0, err
			}
			in.Labels = append(in.Labels, l)
		}
		if len(in.Labels) == 0 {
			return in, 0, missing(nodes, i, at, "a label")
		}
	case wasm.ImmFunc:
		in.Index, i, err = p.index(spaceFunc, nodes, i, at, "a function")
	case wasm.ImmCallIndirect:
		in.Index2, i, err = p.optIndex(spaceTable, nodes, i)
		if err == nil {
			in.Index, i, err = p.typeUse(nodes, i, at)
		}
	case wasm.ImmType:
		in.Index, i, err = p.index(spaceType, nodes, i, at, "a type")
	case wasm.ImmTag:
		in.Index, i, err = p.index(spaceTag, nodes, i, at, "a tag")
	case wasm.ImmLocal:
		in.Index, i, err = p.local(nodes, i, at)
	case wasm.ImmGlobal:
		in.Index, i, err = p.index(spaceGlobal, nodes, i, at, "a global")
	case wasm.ImmTable:
		in.Index, i, err = p.optIndex(spaceTable, nodes, i)
	case wasm.ImmMem:
		in.Index, i, err = p.optIndex(spaceMem, nodes, i)
	case wasm.ImmMemArg:
		in.Mem, i, err = p.memArg(info, nodes, i, false)
	case wasm.ImmMemArgLane:
		if in.Mem, i, err = p.memArg(info, nodes, i, true); err == nil {
			in.Lane, i, err = laneIndex(nodes, i, at)
		}
	case wasm.ImmI32, wasm.ImmI64, wasm.ImmF32, wasm.ImmF64:
		in.Bits, i, err = constOperand(info.Imm, nodes, i, at)
	case wasm.ImmV128:
		in.V128, i, err = v128Const(nodes, i, at)
	case wasm.ImmShuffle:
		in.V128, i, err = shuffleLanes(nodes, i, at)
	case wasm.ImmLane:
		in.Lane, i, err = laneIndex(nodes, i, at)
	case wasm.ImmHeapType:
		return p.heapTypeInstr(info, nodes, i, at)
	case wasm.ImmBrOnCast:
		return p.brOnCast(info, nodes, i, at)
	case wasm.ImmTypeField:
		if in.Index, i, err = p.index(spaceType, nodes, i, at, "a type"); err == nil {
			in.Index2, i, err = p.fieldIndex(in.Index, nodes, i, at)
		}
	case wasm.ImmTypeCount:
		if in.Index, i, err = p.index(spaceType, nodes, i, at, "a type"); err == nil {
			in.Index2, i, err = natOperand(nodes, i, at)
		}
	case wasm.ImmTypeData:
		if in.Index, i, err = p.index(spaceType, nodes, i, at, "a type"); err == nil {
			in.Index2, i, err = p.index(spaceData, nodes, i, at, "a data segment")
		}
	case wasm.ImmTypeElem:
		if in.Index, i, err = p.index(spaceType, nodes, i, at, "a type"); err == nil {
			in.Index2, i, err = p.index(spaceElem, nodes, i, at, "an element segment")
		}
	case wasm.ImmTypeType:
		if in.Index, i, err = p.index(spaceType, nodes, i, at, "a type"); err == nil {
			in.Index2, i, err = p.index(spaceType, nodes, i, at, "a type")
		}
	case wasm.ImmData:
		in.Index, i, err = p.index(spaceData, nodes, i, at, "a data segment")
	case wasm.ImmElem:
		in.Index, i, err = p.index(spaceElem, nodes, i, at, "an element segment")
	case wasm.ImmMemInit:
		in.Index2, in.Index, i, err = p.segmentInit(spaceMem, spaceData, nodes, i, at)
	case wasm.ImmTableInit:
		in.Index2, in.Index, i, err = p.segmentInit(spaceTable, spaceElem, nodes, i, at)
	case wasm.ImmMemMem:
		in.Index, in.Index2, i, err = p.indexPair(spaceMem, nodes, i)
	case wasm.ImmTableTable:
		in.Index, in.Index2, i, err = p.indexPair(spaceTable, nodes, i)
	default:
		// Structured instructions (ImmBlock, ImmTryTable) are parsed by
		// their own forms and never reach here; select_t is internal.
		return in, 0, unexpected(at)
	}
	if err != nil {
		return in, 0, err
	}
	return in, i, nil
}

// isIndex reports whether n can be an index or label operand: a $name or a
// numeral. (Whether a numeral is a valid u32 is checked when it is parsed.)
func isIndex(n *Node) bool { return n.Kind == ID || isNat(n) }

// isNat reports whether n is an atom that starts like an unsigned numeral.
func isNat(n *Node) bool {
	return n.Kind == Atom && n.Text != "" && n.Text[0] >= '0' && n.Text[0] <= '9'
}

// index parses a required index operand of space sp.
func (p *instrParser) index(sp space, nodes []*Node, i int, at *Node, what string) (uint32, int, error) {
	if i >= len(nodes) || !isIndex(nodes[i]) {
		return 0, 0, missing(nodes, i, at, what)
	}
	v, err := p.sc.index(sp, nodes[i])
	if err != nil {
		return 0, 0, nodeErr(nodes[i], err)
	}
	return v, i + 1, nil
}

// optIndex parses an optional index operand of space sp, which defaults to 0.
func (p *instrParser) optIndex(sp space, nodes []*Node, i int) (uint32, int, error) {
	if i >= len(nodes) || !isIndex(nodes[i]) {
		return 0, i, nil
	}
	v, err := p.sc.index(sp, nodes[i])
	if err != nil {
		return 0, 0, nodeErr(nodes[i], err)
	}
	return v, i + 1, nil
}

// labelOperand parses a required label operand.
func (p *instrParser) labelOperand(nodes []*Node, i int, at *Node) (uint32, int, error) {
	if i >= len(nodes) || !isIndex(nodes[i]) {
		return 0, 0, missing(nodes, i, at, "a label")
	}
	l, err := p.labelIndex(nodes[i])
	return l, i + 1, err
}

// indexCount counts the index operands at nodes[i:].
func indexCount(nodes []*Node, i int) int {
	n := 0
	for i+n < len(nodes) && isIndex(nodes[i+n]) {
		n++
	}
	return n
}

// segmentInit parses `x? y` of memory.init (memory, data) and table.init
// (table, elem): the first index is present only when two are written.
func (p *instrParser) segmentInit(first, second space, nodes []*Node, i int, at *Node) (x, y uint32, next int, err error) {
	if indexCount(nodes, i) >= 2 {
		if x, i, err = p.optIndex(first, nodes, i); err != nil {
			return 0, 0, 0, err
		}
	}
	y, i, err = p.index(second, nodes, i, at, "a segment")
	return x, y, i, err
}

// indexPair parses the `(x y)?` of memory.copy and table.copy: both
// indices or neither (then both are 0).
func (p *instrParser) indexPair(sp space, nodes []*Node, i int) (x, y uint32, next int, err error) {
	switch indexCount(nodes, i) {
	case 0:
		return 0, 0, i, nil
	case 1:
		return 0, 0, 0, unexpected(nodes[i])
	}
	if x, i, err = p.optIndex(sp, nodes, i); err != nil {
		return 0, 0, 0, err
	}
	y, i, err = p.optIndex(sp, nodes, i)
	return x, y, i, err
}

// local parses a local index: a name bound by the function or a numeral.
func (p *instrParser) local(nodes []*Node, i int, at *Node) (uint32, int, error) {
	if i >= len(nodes) || !isIndex(nodes[i]) {
		return 0, 0, missing(nodes, i, at, "a local")
	}
	n := nodes[i]
	if n.Kind == ID {
		v, ok := p.locals[n.Text]
		if !ok {
			return 0, 0, n.Errorf("unknown local $%s", n.Text)
		}
		return v, i + 1, nil
	}
	v, err := parseU32(n.Text)
	if err != nil {
		return 0, 0, nodeErr(n, err)
	}
	return v, i + 1, nil
}

// fieldIndex parses the field operand of struct.get/set in type typeIdx.
func (p *instrParser) fieldIndex(typeIdx uint32, nodes []*Node, i int, at *Node) (uint32, int, error) {
	if i >= len(nodes) || !isIndex(nodes[i]) {
		return 0, 0, missing(nodes, i, at, "a field")
	}
	v, err := p.sc.field(typeIdx, nodes[i])
	if err != nil {
		return 0, 0, nodeErr(nodes[i], err)
	}
	return v, i + 1, nil
}

// natOperand parses a required u32 numeral (array.new_fixed's count).
func natOperand(nodes []*Node, i int, at *Node) (uint32, int, error) {
	if i >= len(nodes) {
		return 0, 0, missing(nodes, i, at, "a count")
	}
	if !isNat(nodes[i]) {
		return 0, 0, unexpected(nodes[i])
	}
	v, err := parseU32(nodes[i].Text)
	if err != nil {
		return 0, 0, nodeErr(nodes[i], err)
	}
	return v, i + 1, nil
}

// typeUse parses the type use of call_indirect and return_call_indirect.
func (p *instrParser) typeUse(nodes []*Node, i int, at *Node) (uint32, int, error) {
	if i < len(nodes) {
		at = nodes[i]
	}
	v, next, err := p.sc.typeUse(nodes, i)
	if err != nil {
		return 0, 0, nodeErr(at, err)
	}
	return v, next, nil
}

// valType parses a value type through the module scope.
func (p *instrParser) valType(n *Node) (wasm.ValType, error) {
	if n.Kind != Atom && n.Kind != List {
		return wasm.ValType{}, unexpected(n)
	}
	t, err := p.sc.valType(n)
	if err != nil {
		return wasm.ValType{}, nodeErr(n, err)
	}
	return t, nil
}

// refType parses a reference type operand: (ref null? ht) or a shorthand
// such as anyref.
func (p *instrParser) refType(nodes []*Node, i int, at *Node) (wasm.ValType, int, error) {
	if i >= len(nodes) {
		return wasm.ValType{}, 0, missing(nodes, i, at, "a reference type")
	}
	t, err := p.valType(nodes[i])
	if err != nil {
		return t, 0, err
	}
	if !t.IsRef() {
		return t, 0, unexpected(nodes[i])
	}
	return t, i + 1, nil
}

// selectInstr parses `select (result t*)*`. Any result clause, even an
// empty one, makes it the typed select.
func (p *instrParser) selectInstr(nodes []*Node, i int) (wasm.Instr, int, error) {
	in := wasm.Instr{Op: wasm.OpSelect}
	for ; i < len(nodes) && nodes[i].Head() == "result"; i++ {
		in.Op = wasm.OpSelectT
		for _, t := range nodes[i].Args()[1:] {
			vt, err := p.valType(t)
			if err != nil {
				return in, 0, err
			}
			in.Types = append(in.Types, vt)
		}
	}
	return in, i, nil
}

// heapTypeInstr parses ref.null's heap type and the reference type of
// ref.test and ref.cast, which select the _null opcodes when nullable.
func (p *instrParser) heapTypeInstr(info *wasm.OpInfo, nodes []*Node, i int, at *Node) (wasm.Instr, int, error) {
	in := wasm.Instr{Op: info.Op}
	if info.Op == wasm.OpRefNull {
		if i >= len(nodes) || (nodes[i].Kind != Atom && nodes[i].Kind != ID) {
			return in, 0, missing(nodes, i, at, "a heap type")
		}
		h, err := p.sc.heapType(nodes[i])
		if err != nil {
			return in, 0, nodeErr(nodes[i], err)
		}
		in.Heap = h
		return in, i + 1, nil
	}
	t, next, err := p.refType(nodes, i, at)
	if err != nil {
		return in, 0, err
	}
	in.Heap = t.Heap
	if t.Nullable {
		in.Op = nullableCast[info.Op]
	}
	return in, next, nil
}

// nullableCast maps ref.test and ref.cast to their nullable-target opcodes.
var nullableCast = map[wasm.Op]wasm.Op{
	wasm.OpRefTest: wasm.OpRefTestNull,
	wasm.OpRefCast: wasm.OpRefCastNull,
}

// brOnCast parses `br_on_cast(_fail) label rt1 rt2`.
func (p *instrParser) brOnCast(info *wasm.OpInfo, nodes []*Node, i int, at *Node) (wasm.Instr, int, error) {
	in := wasm.Instr{Op: info.Op}
	var err error
	if in.Label, i, err = p.labelOperand(nodes, i, at); err != nil {
		return in, 0, err
	}
	src, i, err := p.refType(nodes, i, at)
	if err != nil {
		return in, 0, err
	}
	dst, i, err := p.refType(nodes, i, at)
	if err != nil {
		return in, 0, err
	}
	in.Heap, in.Heap2 = src.Heap, dst.Heap
	if src.Nullable {
		in.CastFlags |= wasm.CastSourceNullable
	}
	if dst.Nullable {
		in.CastFlags |= wasm.CastTargetNullable
	}
	return in, i, nil
}
