package compiler

// SSA construction for Wasm locals, after Braun et al., "Simple and
// Efficient Construction of Static Single Assignment Form" (CC 2013),
// with block parameters in place of phis.
//
// Every block records the locals it defines (defs). A read that finds no
// definition in its block asks the predecessors: through a sealed block
// with one predecessor it just continues there; a sealed block with
// several predecessors gets a parameter whose arguments are read on each
// incoming edge; a block that is not yet sealed (a loop header whose back
// edges are still to come) gets an "incomplete" parameter whose arguments
// are filled in when it is sealed. A block is sealed once all its
// predecessors are known: loop headers at the loop's `end`, merge blocks
// at their construct's `end`, everything else at creation. Parameters
// that turn out trivial (every edge passes the same value) are left for
// the copy-propagation pass, which removes them in one sweep.
//
// The current block keeps its view of the locals in dense arrays
// (curDefs, valid where curEpoch matches), so local.get/local.set in
// straight-line code are array accesses. A block entered from its only
// predecessor, the block just finished (a br_if fall-through, an if's
// then-arm), inherits that view instead of starting empty, which keeps
// lookups short in long br_if chains.

type localDef struct {
	local uint32
	val   Value
}

// pred is an incoming edge: successor succ of block.
type pred struct {
	block BlockID
	succ  uint32
}

type blockSSA struct {
	preds      []pred
	sealed     bool
	defs       []localDef // definitions live at the end of the block
	incomplete []localDef // parameters awaiting their edge arguments
}

// localsState is the frontend's per-function local-variable state.
type localsState struct {
	types    []Type
	curDefs  []Value
	curEpoch []uint32
	wmark    []uint32
	epoch    uint32
	mark     uint32
	written  []uint32 // locals written in the current block
	bs       []blockSSA
}

func (s *localsState) reset(types []Type) {
	n := len(types)
	s.types = types
	s.curDefs = grow(s.curDefs, n)
	s.curEpoch = grow(s.curEpoch, n)
	s.wmark = grow(s.wmark, n)
	clear(s.curEpoch)
	clear(s.wmark)
	s.epoch, s.mark = 1, 1
	s.written = s.written[:0]
	s.bs = s.bs[:0]
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// enterBlock makes blk the current block. inherit keeps the locals view of
// the block just finished, which must be blk's only predecessor.
func (b *builder) enterBlock(blk BlockID, inherit bool) {
	b.cur = blk
	s := &b.locals
	if !inherit {
		s.epoch++
	}
	s.mark++
	s.written = s.written[:0]
}

// finishBlock records the current block's definitions for later lookups.
func (b *builder) finishBlock() {
	s := &b.locals
	st := &s.bs[b.cur]
	for _, l := range s.written {
		st.defs = append(st.defs, localDef{l, s.curDefs[l]})
	}
}

func (b *builder) setLocal(l uint32, v Value) {
	s := &b.locals
	if s.wmark[l] != s.mark {
		s.wmark[l] = s.mark
		s.written = append(s.written, l)
	}
	s.curEpoch[l] = s.epoch
	s.curDefs[l] = v
}

func (b *builder) getLocal(l uint32) Value {
	s := &b.locals
	if s.curEpoch[l] == s.epoch {
		return s.curDefs[l]
	}
	v := b.readMissing(b.cur, l)
	b.setLocal(l, v)
	return v
}

// readVar returns the value of local l at the end of block blk.
func (b *builder) readVar(blk BlockID, l uint32) Value {
	if blk == b.cur {
		return b.getLocal(l)
	}
	// Walk up single-predecessor chains iteratively, then memoize the
	// answer in every block visited.
	start := blk
	var v Value
	for {
		if d, ok := b.lookupDef(blk, l); ok {
			v = d
			break
		}
		st := &b.locals.bs[blk]
		if st.sealed && len(st.preds) == 1 && st.preds[0].block != b.cur {
			blk = st.preds[0].block
			continue
		}
		v = b.readMissing(blk, l)
		break
	}
	for x := start; x != blk; x = b.locals.bs[x].preds[0].block {
		b.writeDef(x, l, v)
	}
	return v
}

func (b *builder) lookupDef(blk BlockID, l uint32) (Value, bool) {
	defs := b.locals.bs[blk].defs
	for i := len(defs) - 1; i >= 0; i-- {
		if defs[i].local == l {
			return defs[i].val, true
		}
	}
	return 0, false
}

func (b *builder) writeDef(blk BlockID, l uint32, v Value) {
	if blk == b.cur {
		b.setLocal(l, v)
		return
	}
	st := &b.locals.bs[blk]
	st.defs = append(st.defs, localDef{l, v})
}

// readMissing resolves local l in blk, which has no definition of it.
func (b *builder) readMissing(blk BlockID, l uint32) Value {
	st := &b.locals.bs[blk]
	t := b.locals.types[l]
	switch {
	case !st.sealed:
		p := b.f.AddParam(blk, t)
		st.incomplete = append(st.incomplete, localDef{l, p})
		b.writeDef(blk, l, p)
		return p
	case len(st.preds) == 0:
		// Only the entry block has no predecessors: an unassigned
		// declared local holds its type's zero value.
		v := b.zero(t)
		b.writeDef(0, l, v)
		return v
	case len(st.preds) == 1:
		v := b.readVar(st.preds[0].block, l)
		b.writeDef(blk, l, v)
		return v
	}
	p := b.f.AddParam(blk, t)
	// Define p before reading the predecessors so that a cycle back to
	// blk finds it and terminates.
	b.writeDef(blk, l, p)
	b.addEdgeArgs(blk, l)
	return p
}

// addEdgeArgs appends, on every edge into blk, the value of local l at the
// edge's source: the argument of blk's newest parameter.
func (b *builder) addEdgeArgs(blk BlockID, l uint32) {
	preds := b.locals.bs[blk].preds
	for _, p := range preds {
		v := b.readVar(p.block, l)
		e := &b.f.Blocks[p.block].Term.Succs[p.succ]
		e.Args = append(e.Args, v)
	}
}

// seal records that all predecessors of blk are known and completes its
// incomplete parameters.
func (b *builder) seal(blk BlockID) {
	st := &b.locals.bs[blk]
	st.sealed = true
	inc := st.incomplete
	st.incomplete = nil
	for _, d := range inc {
		b.addEdgeArgs(blk, d.local)
	}
}

// zero returns a zero constant of type t defined in the entry block.
func (b *builder) zero(t Type) Value {
	id := b.f.Append(0, Instr{Op: OpConst}, nil, t)
	return b.f.Instrs[id].Result()
}
