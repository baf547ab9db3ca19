package regalloc

import (
	"math"
	"sort"
)

// Program points. Instruction i has two: 2i, where it reads its operands,
// and 2i+1, where it writes its results. Moves the allocator inserts run in
// the gap before instruction i, so a lifetime can change location only at an
// even point (a reload, a register move) — or at an odd point when the new
// location is a stack slot, because that store can run before the
// instruction while the register stays valid until 2i+1.
const maxPos int32 = math.MaxInt32

// lrange is the half-open point range [from, to).
type lrange struct{ from, to int32 }

// interval is one piece of a vreg's lifetime with a single location: a
// register or the vreg's spill slot. A vreg starts as one interval (with
// holes) and is split into a chain of children as allocation proceeds.
type interval struct {
	ranges []lrange // sorted and disjoint
	uses   []int32  // points where the vreg must be in a register, sorted
	// rbuf and ubuf are the memory this pool entry owns, kept from function
	// to function; intervals built from liveness fill them, and ranges and
	// uses are views of them or of the allocator's split arenas.
	rbuf   []lrange
	ubuf   []int32
	vreg   VReg
	reg    PReg  // assigned register; NoReg while unassigned or spilled
	hint   PReg  // register a fixed operand would like it in
	next   int32 // next piece of the same vreg (in point order), or -1
	cursor int32 // index of the first range not ending before the scan point
}

func (it *interval) start() int32 { return it.ranges[0].from }
func (it *interval) end() int32   { return it.ranges[len(it.ranges)-1].to }

// coversFrom reports whether p lies in a range, advancing the cursor; p must
// not decrease between calls, which linear scan guarantees.
func (it *interval) coversFrom(p int32) bool {
	for int(it.cursor) < len(it.ranges) && it.ranges[it.cursor].to <= p {
		it.cursor++
	}
	return int(it.cursor) < len(it.ranges) && it.ranges[it.cursor].from <= p
}

// nextUse returns the first register use at or after p, or maxPos.
func (it *interval) nextUse(p int32) int32 {
	lo, hi := 0, len(it.uses)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if it.uses[m] < p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(it.uses) {
		return it.uses[lo]
	}
	return maxPos
}

// hasUseAt reports whether the vreg must be in a register at exactly p.
func (it *interval) hasUseAt(p int32) bool { return it.nextUse(p) == p }

// intersect returns the first point covered by both a (from its cursor) and
// rs, or maxPos.
func intersect(a []lrange, rs []lrange) int32 {
	i, j := 0, 0
	for i < len(a) && j < len(rs) {
		x, y := a[i], rs[j]
		if x.to <= y.from {
			i++
		} else if y.to <= x.from {
			j++
		} else {
			return max(x.from, y.from)
		}
	}
	return maxPos
}

// intersectBefore is intersect for a caller that only cares about points
// before bound: it returns maxPos as soon as none can be.
func intersectBefore(a []lrange, rs []lrange, bound int32) int32 {
	i, j := 0, 0
	for i < len(a) && j < len(rs) {
		x, y := a[i], rs[j]
		if x.from >= bound || y.from >= bound {
			break
		}
		if x.to <= y.from {
			i++
		} else if y.to <= x.from {
			j++
		} else {
			return max(x.from, y.from)
		}
	}
	return maxPos
}

// newInterval takes an interval from the pool, reusing its slices' memory.
func (a *Allocator) newInterval(v VReg) int32 {
	n := len(a.ivs)
	if n < cap(a.ivs) {
		a.ivs = a.ivs[:n+1]
	} else {
		a.ivs = append(a.ivs, interval{})
	}
	it := &a.ivs[n]
	*it = interval{rbuf: it.rbuf[:0], ubuf: it.ubuf[:0], vreg: v, reg: NoReg, hint: NoReg, next: -1}
	return int32(n)
}

// split cuts interval x at p (start < p < end): x keeps everything before
// p, and the returned new interval, chained after x, everything from p on.
//
// Long-lived values are split again and again, sometimes near their start
// (evictions at the scan point), sometimes near their end (a register free
// only for a while). Copying always the same side would make a value live
// through n calls cost O(n^2); copying the smaller side into an arena, the
// other keeping its view of the original array, keeps the total O(n log n).
func (a *Allocator) split(x int32, p int32) int32 {
	c := a.newInterval(a.ivs[x].vreg)
	it, ch := &a.ivs[x], &a.ivs[c]
	rs := it.ranges
	k := sort.Search(len(rs), func(k int) bool { return rs[k].to > p })
	mid := rs[k].from < p
	if 2*k < len(rs) {
		n := len(a.rangeArena)
		a.rangeArena = append(a.rangeArena, rs[:k]...)
		if mid {
			a.rangeArena = append(a.rangeArena, lrange{rs[k].from, p})
			rs[k].from = p
		}
		it.ranges, ch.ranges = a.rangeArena[n:len(a.rangeArena):len(a.rangeArena)], rs[k:]
	} else {
		n := len(a.rangeArena)
		a.rangeArena = append(a.rangeArena, rs[k:]...)
		tail := a.rangeArena[n:len(a.rangeArena):len(a.rangeArena)]
		if mid {
			tail[0].from = p
			rs[k].to = p
			k++
		}
		it.ranges, ch.ranges = rs[:k:k], tail
	}

	us := it.uses
	u := sort.Search(len(us), func(u int) bool { return us[u] >= p })
	n := len(a.useArena)
	if 2*u < len(us) {
		a.useArena = append(a.useArena, us[:u]...)
		it.uses, ch.uses = a.useArena[n:len(a.useArena):len(a.useArena)], us[u:]
	} else {
		a.useArena = append(a.useArena, us[u:]...)
		it.uses, ch.uses = us[:u:u], a.useArena[n:len(a.useArena):len(a.useArena)]
	}

	it.cursor = min(it.cursor, int32(len(it.ranges)-1))
	ch.hint = it.hint
	ch.next, it.next = it.next, c
	return c
}

// indexPieces lists every vreg's pieces in point order, once the scan has
// stopped splitting them, so that childAt is a binary search: resolution
// asks for locations at every block edge, and walking the chains of
// long-lived, often-split vregs there would be quadratic.
func (a *Allocator) indexPieces() {
	a.pieceStart = grow(a.pieceStart, len(a.first)+1)
	a.pieces, a.pieceFrom = a.pieces[:0], a.pieceFrom[:0]
	for v, x := range a.first {
		a.pieceStart[v] = int32(len(a.pieces))
		for ; x >= 0; x = a.ivs[x].next {
			a.pieces = append(a.pieces, x)
			a.pieceFrom = append(a.pieceFrom, a.ivs[x].start())
		}
	}
	a.pieceStart[len(a.first)] = int32(len(a.pieces))
}

// childAt returns the piece of v's lifetime that covers p; p must be a
// point where v is live. Valid after indexPieces.
func (a *Allocator) childAt(v VReg, p int32) *interval {
	lo, hi := a.pieceStart[v], a.pieceStart[v+1]
	for hi-lo > 1 { // invariant: pieceFrom[lo] <= p < pieceFrom[hi]
		m := int32(uint32(lo+hi) >> 1)
		if a.pieceFrom[m] <= p {
			lo = m
		} else {
			hi = m
		}
	}
	return &a.ivs[a.pieces[lo]]
}

// scanChildAt is childAt during the scan, when chains still grow. Scan
// points only increase and splits only add pieces after existing ones, so a
// per-vreg cursor that walks forward finds the piece in amortized O(1).
func (a *Allocator) scanChildAt(v VReg, p int32) *interval {
	x := a.scanCur[v]
	for a.ivs[x].next >= 0 && a.ivs[a.ivs[x].next].start() <= p {
		x = a.ivs[x].next
	}
	a.scanCur[v] = x
	return &a.ivs[x]
}
