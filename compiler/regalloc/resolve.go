package regalloc

// The gap before instruction i holds the allocator's moves, in phases that
// run in this order; moves within a phase are one parallel move.
const (
	phaseFixedDef = iota // results of instruction i-1 out of their fixed registers
	phaseEdgeIn          // block-entry resolution (the block's only predecessor branches)
	phaseSplit           // lifetime pieces changing location at point 2i
	phaseStore           // spill stores of pieces moving to the stack at point 2i+1
	phaseFixedUse        // operands of instruction i into their fixed registers
	phaseEdgeOut         // block-exit resolution, before the terminator (single successor)
	numPhases
)

// loc is a value location: a register below 64, a spill slot index above.
type loc uint32

const slotBase loc = 64

func (l loc) isReg() bool { return l < slotBase }

type pmove struct {
	inst  int32
	phase uint8
	class Class
	dst   loc
	src   loc
}

func (a *Allocator) locOf(x int32) loc {
	it := &a.ivs[x]
	if it.reg != NoReg {
		return loc(it.reg)
	}
	return slotBase + loc(a.slotOf[it.vreg])
}

func (a *Allocator) locAt(v VReg, p int32) loc {
	it := a.childAt(v, p)
	if it.reg != NoReg {
		return loc(it.reg)
	}
	return slotBase + loc(a.slotOf[v])
}

// storedAtDef reports whether v's slot is written right after its only
// definition. Such a slot is valid for the vreg's whole life, so every later
// move of v to the stack is free: a value split around n calls is stored
// once rather than n times (the "spill at definition" of C1 and V8). It
// costs a store per execution of the definition even when the value is only
// spilled on some path.
func (a *Allocator) storedAtDef(v VReg) bool {
	return a.defInst[v] >= 0 && a.slotOf[v] >= 0
}

// addMove records a move of v unless it is a no-op or a store to a slot
// that already holds v.
func (a *Allocator) addMove(inst int32, phase uint8, v VReg, dst, src loc) {
	if dst != src && (dst.isReg() || !a.storedAtDef(v)) {
		a.move(inst, phase, v, dst, src)
	}
}

func (a *Allocator) move(inst int32, phase uint8, v VReg, dst, src loc) {
	a.moves = append(a.moves, pmove{inst, phase, a.f.vregs[v].class, dst, src})
}

// resolve collects every move the allocation implies and turns each gap's
// parallel moves into a sequence of edits.
func (a *Allocator) resolve() error {
	f := a.f
	a.moves = a.moves[:0]

	// Split points inside blocks. A split at a block's first point is left to
	// edge resolution, which knows where each predecessor left the value.
	for v, x := range a.first {
		for ; x >= 0 && a.ivs[x].next >= 0; x = a.ivs[x].next {
			y := a.ivs[x].next
			p := a.ivs[y].start()
			if a.ivs[x].end() != p {
				continue // the vreg is dead just before p
			}
			inst := p / 2
			if p&1 == 0 {
				if f.blocks[a.instBlock[inst]].first != inst {
					a.addMove(inst, phaseSplit, VReg(v), a.locOf(y), a.locOf(x))
				}
				continue
			}
			if a.ivs[y].hasUseAt(p) {
				continue // redefined at p: the old value dies here
			}
			if a.ivs[y].reg != NoReg {
				return internal("v%d moves to a register at write point %d", v, p)
			}
			a.addMove(inst, phaseStore, VReg(v), a.locOf(y), a.locOf(x))
		}
	}

	// Edges: where each live-in vreg is on leaving the predecessor versus on
	// entering the block. With no critical edges, the moves go before the
	// predecessor's terminator when it has one successor, and otherwise at
	// the top of the block, which then has this single predecessor.
	for b := int32(0); b < int32(len(f.blocks)); b++ {
		to := &f.blocks[b]
		for _, p := range f.blockPreds(b) {
			from := &f.blocks[p]
			inst, phase := to.first, uint8(phaseEdgeIn)
			if len(f.blockSuccs(p)) == 1 {
				inst, phase = from.end-1, phaseEdgeOut
			}
			for _, v := range a.live.liveIn(b) {
				if a.pieceStart[v+1]-a.pieceStart[v] > 1 { // else never moves
					a.addMove(inst, phase, v, a.locAt(v, 2*to.first), a.locAt(v, 2*from.end-1))
				}
			}
		}
	}

	// The store at the definition, for vregs stored there (a fixed def
	// whose value goes straight to the slot needs none).
	for v, i := range a.defInst {
		if a.storedAtDef(VReg(v)) {
			if it := a.childAt(VReg(v), 2*i+1); it.reg != NoReg {
				a.move(i+1, phaseSplit, VReg(v), slotBase+loc(a.slotOf[v]), loc(it.reg))
			}
		}
	}

	for _, m := range a.fixedMoves {
		if m.phase == phaseFixedUse {
			a.addMove(m.inst, m.phase, m.v, loc(m.reg), a.locAt(m.v, 2*m.inst))
		} else {
			if dst := a.locAt(m.v, 2*m.inst-1); dst != loc(m.reg) {
				a.move(m.inst, m.phase, m.v, dst, loc(m.reg)) // the def's own store if dst is the slot
			}
		}
	}

	a.sortMoves()
	a.res.edits = a.res.edits[:0]
	for i := 0; i < len(a.moves); {
		j := i + 1
		for j < len(a.moves) && a.moves[j].inst == a.moves[i].inst && a.moves[j].phase == a.moves[i].phase {
			j++
		}
		if err := a.sequentialize(a.moves[i:j]); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// sortMoves orders the moves by gap and phase with a counting sort: there
// are many of them, and the key space (instructions × phases) is dense.
func (a *Allocator) sortMoves() {
	key := func(m *pmove) int { return int(m.inst)*numPhases + int(m.phase) }
	n := (len(a.f.insts)+1)*numPhases + 1
	a.moveCount = clear32(a.moveCount, n)
	for i := range a.moves {
		a.moveCount[key(&a.moves[i])+1]++
	}
	for k := 1; k < n; k++ {
		a.moveCount[k] += a.moveCount[k-1]
	}
	a.movesTmp = grow(a.movesTmp, len(a.moves))
	for i := range a.moves {
		k := key(&a.moves[i])
		a.movesTmp[a.moveCount[k]] = a.moves[i]
		a.moveCount[k]++
	}
	a.moves, a.movesTmp = a.movesTmp, a.moves
}
