package regalloc

import (
	"math/bits"
	"slices"
)

// fixedRange pins a physical register over [from, to): a fixed operand or a
// clobber. owner is the vreg of the fixed operand, which may itself sit in
// the register there (then the copy in or out disappears), or noOwner.
type fixedRange struct {
	from, to int32
	owner    VReg
}

const noOwner = ^VReg(0)

// defInst values besides an instruction index.
const (
	noDef    int32 = -1
	multiDef int32 = -2
)

// fixedMove is the copy a fixed operand needs: before inst, into reg for a
// use (phase phaseFixedUse); out of reg after the def, in the gap before
// inst (phase phaseFixedDef).
type fixedMove struct {
	inst  int32
	phase uint8
	reg   PReg
	v     VReg
}

// crossing records that GC reference v is live across safepoint inst.
type crossing struct {
	inst int32
	v    VReg
}

// sparseSet is a set of vregs with O(1) insert, delete and clear, and
// iteration over its members only (Briggs & Torczon).
type sparseSet struct {
	dense  []VReg
	sparse []int32
}

func (s *sparseSet) reset(n int) {
	s.sparse = grow(s.sparse, n)
	s.dense = s.dense[:0]
}

func (s *sparseSet) has(v VReg) bool {
	i := s.sparse[v]
	return int(i) < len(s.dense) && i >= 0 && s.dense[i] == v
}

func (s *sparseSet) add(v VReg) {
	if !s.has(v) {
		s.sparse[v] = int32(len(s.dense))
		s.dense = append(s.dense, v)
	}
}

func (s *sparseSet) remove(v VReg) {
	if s.has(v) {
		i, last := s.sparse[v], s.dense[len(s.dense)-1]
		s.dense[i], s.sparse[last] = last, i
		s.dense = s.dense[:len(s.dense)-1]
	}
}

// buildIntervals computes every vreg's lifetime, the fixed register ranges
// and the copies fixed operands need, walking blocks and instructions
// backwards (Wimmer & Franz, "Linear Scan Register Allocation on SSA Form",
// generalized to several defs per vreg). Ranges and uses are appended in
// decreasing order and reversed at the end, so each append is O(1).
func (a *Allocator) buildIntervals() {
	f := a.f
	nv := len(f.vregs)
	a.ivs = a.ivs[:0]
	a.rangeArena, a.useArena = a.rangeArena[:0], a.useArena[:0]
	a.first = grow(a.first, nv)
	for i := range a.first {
		a.first[i] = -1
	}
	for r := range a.fixed {
		a.fixed[r] = a.fixed[r][:0]
		a.fixedCur[r] = 0
	}
	a.safepoints = a.safepoints[:0]
	a.fixedMoves = a.fixedMoves[:0]
	a.crossings = a.crossings[:0]
	a.instBlock = grow(a.instBlock, len(f.insts))
	a.defInst = grow(a.defInst, nv)
	for v := range a.defInst {
		a.defInst[v] = noDef
	}
	a.liveSet.reset(nv)
	a.liveRefs.reset(nv)

	for b := int32(len(f.blocks)) - 1; b >= 0; b-- {
		bl := &f.blocks[b]
		from, to := 2*bl.first, 2*bl.end
		a.liveSet.dense, a.liveRefs.dense = a.liveSet.dense[:0], a.liveRefs.dense[:0]
		for _, v := range a.live.liveOut(b) {
			a.addRange(v, from, to)
			a.liveSet.add(v)
			if f.vregs[v].ref {
				a.liveRefs.add(v)
			}
		}
		for i := bl.end - 1; i >= bl.first; i-- {
			a.instBlock[i] = b
			a.buildInst(i, from)
		}
	}
	for i := range a.ivs {
		it := &a.ivs[i]
		slices.Reverse(it.rbuf)
		slices.Reverse(it.ubuf)
		it.ranges, it.uses = it.rbuf, it.ubuf
	}
	for r := range a.fixed {
		slices.Reverse(a.fixed[r])
	}
	slices.Reverse(a.safepoints)
}

func (a *Allocator) buildInst(i, blockFrom int32) {
	f := a.f
	in := &f.insts[i]
	ops := f.ops[in.opStart:in.opEnd]
	u, d := 2*i, 2*i+1

	if in.flags&InstSafepoint != 0 {
		a.safepoints = append(a.safepoints, i)
		// A ref live after the safepoint and not written by it was live
		// before it too: the GC must see it in a slot. One the safepoint
		// writes is dead while it runs, whether or not it was read.
		for _, v := range a.liveRefs.dense {
			if !writes(ops, v) {
				a.crossings = append(a.crossings, crossing{i, v})
			}
		}
	}

	var fixedDefs RegSet
	for _, op := range ops {
		if !op.writes() {
			continue
		}
		v := op.VReg
		// Only a vreg whose single def is live afterwards can be stored
		// right there: a dead def may lie outside the slot's lifetime.
		if a.defInst[v] == noDef && a.liveSet.has(v) {
			a.defInst[v] = i
		} else {
			a.defInst[v] = multiDef
		}
		if op.Fixed != NoReg {
			fixedDefs = fixedDefs.With(op.Fixed)
			a.addFixed(op.Fixed, d, d+1, v)
		}
		switch {
		case a.liveSet.has(v):
			a.setFrom(v, d)
			a.liveSet.remove(v)
			a.liveRefs.remove(v)
			if op.Fixed != NoReg {
				a.fixedMoves = append(a.fixedMoves, fixedMove{i + 1, phaseFixedDef, op.Fixed, v})
				a.ivs[a.first[v]].hint = op.Fixed
			} else {
				a.addUse(v, d)
			}
		case op.Fixed == NoReg:
			// A dead def still needs a register to write.
			a.addRange(v, d, d+1)
			a.addUse(v, d)
		}
	}
	for r := in.clobbers & a.allRegs &^ fixedDefs; r != 0; r &= r - 1 {
		a.addFixed(lowReg(r), d, d+1, noOwner)
	}
	for _, op := range ops {
		if !op.reads() {
			continue
		}
		v := op.VReg
		a.addRange(v, blockFrom, u+1)
		a.liveSet.add(v)
		if f.vregs[v].ref {
			a.liveRefs.add(v)
		}
		if op.Fixed != NoReg {
			a.addFixed(op.Fixed, u, u+1, v)
			a.fixedMoves = append(a.fixedMoves, fixedMove{i, phaseFixedUse, op.Fixed, v})
			a.ivs[a.first[v]].hint = op.Fixed
		} else {
			a.addUse(v, u)
		}
	}
}

// writes reports whether ops write v.
func writes(ops []Operand, v VReg) bool {
	for _, op := range ops {
		if op.VReg == v && op.writes() {
			return true
		}
	}
	return false
}

// lowReg is the lowest register of a non-empty set.
func lowReg(s RegSet) PReg { return PReg(bits.TrailingZeros64(uint64(s))) }

// addRange adds [from, to) to v's lifetime; ranges arrive in decreasing
// order, possibly overlapping the lowest one so far.
func (a *Allocator) addRange(v VReg, from, to int32) {
	x := a.first[v]
	if x < 0 {
		x = a.newInterval(v)
		a.first[v] = x
	}
	it := &a.ivs[x]
	if n := len(it.rbuf); n > 0 && it.rbuf[n-1].from <= to {
		last := &it.rbuf[n-1]
		last.from = min(last.from, from)
		last.to = max(last.to, to)
		return
	}
	it.rbuf = append(it.rbuf, lrange{from, to})
}

// setFrom moves the start of v's lowest range to the def point p.
func (a *Allocator) setFrom(v VReg, p int32) {
	it := &a.ivs[a.first[v]]
	it.rbuf[len(it.rbuf)-1].from = p
}

func (a *Allocator) addUse(v VReg, p int32) {
	it := &a.ivs[a.first[v]]
	if n := len(it.ubuf); n == 0 || it.ubuf[n-1] != p {
		it.ubuf = append(it.ubuf, p)
	}
}

func (a *Allocator) addFixed(r PReg, from, to int32, owner VReg) {
	fr := a.fixed[r]
	if n := len(fr); n > 0 && fr[n-1].from == to && fr[n-1].owner == owner {
		fr[n-1].from = from
		return
	}
	a.fixed[r] = append(fr, fixedRange{from, to, owner})
}
