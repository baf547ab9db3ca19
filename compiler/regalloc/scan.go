package regalloc

import (
	"sort"
	"strconv"
)

// The scan is linear scan with lifetime holes and interval splitting
// (Wimmer & Mössenböck, "Optimized Interval Splitting in a Linear Scan
// Register Allocator", 2005 — the descendant of Traub et al.'s second-chance
// binpacking that HotSpot's C1 and, until 2021, V8 used). Compared with
// Poletto & Sarkar, which spill a whole lifetime, splitting keeps a value in
// a register for the parts of its life where one is free, which matters for
// Wasm code: long-lived locals, calls everywhere (fixed ABI registers and
// clobbers are just short blocked ranges) and loops. Its cost is linear in
// the number of lifetime pieces, as wazero's and Go's allocators are.

// scan assigns a register or the stack to every lifetime piece.
func (a *Allocator) scan() error {
	a.unhandled = a.unhandled[:0]
	for c := range a.active {
		a.active[c] = a.active[c][:0]
	}
	for r := range a.inactive {
		a.inactive[r] = a.inactive[r][:0]
	}
	a.scanCur = append(a.scanCur[:0], a.first...)
	a.sortInitial()
	for {
		cur, ok := a.next()
		if !ok {
			break
		}
		// Only cur's class needs its lists current: the other class's are
		// brought up to date when next used, as positions only increase.
		a.advance(a.class(cur), a.ivs[cur].start())
		if a.tryFree(cur) {
			continue
		}
		if err := a.allocBlocked(cur); err != nil {
			return err
		}
	}
	return nil
}

// held is an interval in a register, in the active list of its class or
// the inactive list of its register, with what the scan needs of it most
// often kept beside it, so that the lists can be walked without touching
// the intervals: long-lived values with holes make the inactive lists
// long (in the Go module a hundred entries on average, over a thousand at
// most). For an active interval, pos is the end of the range covering the
// scan point; for an inactive one, the start of its next range. Either way
// nothing changes for it before pos, unless it is evicted (allocBlocked).
// A register's inactive list is sorted by pos, so advance finds what wakes
// at its head and tryFree can stop early.
type held struct {
	x   int32
	pos int32
	reg PReg
}

// advance retires intervals that ended before pos and moves the others
// between active (covering pos) and inactive (in a hole at pos).
func (a *Allocator) advance(c Class, pos int32) {
	act := a.active[c][:0]
	moved := a.waking[:0] // active ones now in a hole
	for _, h := range a.active[c] {
		if h.pos > pos {
			act = append(act, h)
			continue
		}
		it := &a.ivs[h.x]
		switch {
		case it.reg == NoReg || it.end() <= pos:
		case it.coversFrom(pos):
			act = append(act, held{h.x, it.ranges[it.cursor].to, h.reg})
		default:
			moved = append(moved, held{h.x, it.ranges[it.cursor].from, h.reg})
		}
	}
	for _, r := range a.target.Classes[c].Allocatable {
		list := a.inactive[r]
		n := 0
		for n < len(list) && list[n].pos <= pos {
			n++
		}
		if n == 0 {
			continue
		}
		due := append(moved[len(moved):], list[:n]...) // scratch after moved
		a.inactive[r] = append(list[:0], list[n:]...)
		for _, h := range due {
			it := &a.ivs[h.x]
			switch {
			case it.reg == NoReg || it.end() <= pos:
			case it.coversFrom(pos):
				act = append(act, held{h.x, it.ranges[it.cursor].to, h.reg})
			default:
				a.deactivate(held{h.x, it.ranges[it.cursor].from, h.reg})
			}
		}
	}
	for _, h := range moved {
		a.deactivate(h)
	}
	a.active[c], a.waking = act, moved
}

// deactivate inserts h into its register's inactive list, keeping it
// sorted by pos (after entries with the same pos).
func (a *Allocator) deactivate(h held) {
	list := a.inactive[h.reg]
	i := len(list)
	for i > 0 && list[i-1].pos > h.pos {
		i--
	}
	list = append(list, held{})
	copy(list[i+1:], list[i:])
	list[i] = h
	a.inactive[h.reg] = list
}

func (a *Allocator) class(x int32) Class { return a.f.vregs[a.ivs[x].vreg].class }

// assign gives cur, which starts at the scan point, the register r.
func (a *Allocator) assign(x int32, r PReg) {
	it := &a.ivs[x]
	it.reg = r
	c := a.class(x)
	a.active[c] = append(a.active[c], held{x, it.ranges[0].to, r})
}

// intersectHeld returns the first point before bound where inactive h and
// cur, which starts at the scan point, are both live, or maxPos. h is in a
// hole there, so h.pos, the start of its next range, is the answer if cur's
// first range reaches it, which is the common case; otherwise the ranges
// are walked.
func (a *Allocator) intersectHeld(h held, cur *interval, bound int32) int32 {
	if h.pos > cur.start() && h.pos < cur.ranges[0].to {
		return h.pos
	}
	in := &a.ivs[h.x]
	return intersectBefore(in.ranges[in.cursor:], cur.ranges, bound)
}

// tryFree looks for a register free for all of cur, or failing that for
// its longest prefix, and splits off the rest. The choice is the hint if
// it is free for all of cur, else the first register in allocation order
// that is, else the one free the longest; a register's limit is worked out
// only when the choice needs it, which for most intervals stops at the
// hint or one of the first registers.
func (a *Allocator) tryFree(cur int32) bool {
	c := a.class(cur)
	regs := a.target.Classes[c].Allocatable
	for _, r := range regs {
		a.freeUntil[r] = maxPos
	}
	for _, h := range a.active[c] {
		a.freeUntil[h.reg] = 0
	}
	it := &a.ivs[cur]
	end := it.end()
	limit := a.refLimit(cur)

	reg := a.hint(cur)
	if !a.allocatable[c].Has(reg) || a.freeFor(reg, it, cur, limit) < end {
		reg = NoReg
		best := int32(0)
		for _, r := range regs {
			f := a.freeFor(r, it, cur, limit)
			if f >= end {
				reg = r
				break
			}
			if f > best {
				reg, best = r, f
			}
		}
	}
	start := it.start()
	if reg == NoReg || a.freeUntil[reg] <= start {
		return false
	}
	if a.freeUntil[reg] < end {
		p, spillTail := a.splitPoint(cur, a.freeUntil[reg])
		if p <= start {
			return false
		}
		a.splitOff(cur, p, spillTail)
	}
	a.assign(cur, reg)
	return true
}

// freeFor lowers freeUntil[r], which holds 0 if an active interval holds r
// and maxPos otherwise, to the first point in cur where an inactive
// holder, a fixed use or the reference limit takes r, and returns it.
// Doing it twice gives the same result.
func (a *Allocator) freeFor(r PReg, it *interval, cur, limit int32) int32 {
	start := it.start()
	// Only an intersection before the register's current limit matters,
	// and none can lie before cur's start or an entry's next range: the
	// list is by next range, so the walk stops at the first entry
	// starting beyond the limit.
	for _, h := range a.inactive[r] {
		bound := a.freeUntil[r]
		if bound <= start || h.pos >= bound {
			break
		}
		if p := a.intersectHeld(h, it, bound); p < bound {
			a.freeUntil[r] = p
		}
	}
	if a.freeUntil[r] > start {
		a.freeUntil[r] = min(a.freeUntil[r], a.fixedIntersect(r, cur), limit)
	}
	return a.freeUntil[r]
}

// allocBlocked runs when no register is free at cur's start: it spills cur
// if every register's holder needs it sooner than cur does, and otherwise
// takes the register whose holder needs it latest and evicts the holder.
func (a *Allocator) allocBlocked(cur int32) error {
	c := a.class(cur)
	regs := a.target.Classes[c].Allocatable
	it := &a.ivs[cur]
	start := it.start()
	for _, r := range regs {
		a.nextUse[r], a.blockPos[r] = maxPos, maxPos
	}
	for _, h := range a.active[c] {
		a.nextUse[h.reg] = min(a.nextUse[h.reg], a.ivs[h.x].nextUse(start))
	}
	for _, r := range regs {
		for _, h := range a.inactive[r] {
			// The intersection test is the dearer one: only run it when
			// h's next use would lower its register's.
			in := &a.ivs[h.x]
			if u := in.nextUse(start); u < a.nextUse[r] && a.intersectHeld(h, it, maxPos) != maxPos {
				a.nextUse[r] = u
			}
		}
	}
	limit := a.refLimit(cur)
	for _, r := range regs {
		b := min(a.fixedIntersect(r, cur), limit)
		a.blockPos[r] = b
		a.nextUse[r] = min(a.nextUse[r], b)
	}
	reg, best := NoReg, int32(-1)
	for _, r := range regs {
		if a.nextUse[r] > best {
			reg, best = r, a.nextUse[r]
		}
	}
	first := it.nextUse(start)
	if reg == NoReg || best <= first {
		if first == start {
			return pressureError(start)
		}
		a.spill(cur)
		return nil
	}
	if a.blockPos[reg] < it.end() {
		p, spillTail := a.splitPoint(cur, a.blockPos[reg])
		if p <= start {
			return pressureError(start)
		}
		a.splitOff(cur, p, spillTail)
	}
	// Evict the holders of reg where they overlap cur. Active holders have
	// no register use before best > first >= start, so their rest can go
	// to the stack at start.
	for i, h := range a.active[c] {
		if h.reg == reg {
			a.evict(h.x, start)
			a.active[c][i].pos = 0
		}
	}
	// An evicted inactive holder keeps the ranges before the overlap: if
	// any remain after the scan point its entry (and pos) stays valid,
	// otherwise, or if it went to the stack whole, it leaves the list.
	kept := a.inactive[reg][:0]
	for _, h := range a.inactive[reg] {
		in := &a.ivs[h.x]
		if p := intersect(in.ranges[in.cursor:], a.ivs[cur].ranges); p != maxPos {
			// Split where the overlapping range begins: x is not live just
			// before it, so no move is needed there.
			k := sort.Search(len(in.ranges), func(k int) bool { return in.ranges[k].to > p })
			a.evict(h.x, in.ranges[k].from)
			if in := &a.ivs[h.x]; in.reg == NoReg || in.end() <= start {
				continue
			}
		}
		kept = append(kept, h)
	}
	a.inactive[reg] = kept
	a.assign(cur, reg)
	return nil
}

func pressureError(p int32) error {
	return &PressureError{Inst: int(p / 2)}
}

// PressureError reports an instruction whose operands, fixed registers and
// clobbers together need more registers than its class has.
type PressureError struct{ Inst int }

func (e *PressureError) Error() string {
	return ErrRegisterPressure.Error() + " at instruction " + strconv.Itoa(e.Inst)
}

func (e *PressureError) Unwrap() error { return ErrRegisterPressure }

// splitPoint chooses where to cut cur when a register is available only
// before limit. An odd limit is the write point of an instruction: cut
// there, with the rest on the stack, unless cur must be written to a
// register at that very point; otherwise cut in the gap before it.
func (a *Allocator) splitPoint(cur int32, limit int32) (p int32, spillTail bool) {
	if limit&1 == 1 && !a.ivs[cur].hasUseAt(limit) {
		return limit, true
	}
	return limit &^ 1, false
}

// splitOff cuts x at p and queues or spills the rest.
func (a *Allocator) splitOff(x int32, p int32, spillTail bool) {
	t := a.split(x, p)
	if spillTail {
		a.spill(t)
	} else {
		a.push(t)
	}
}

// evict takes x's register away from p on (from the loop around p that
// x merely passes through, if there is one: earlierSpill).
func (a *Allocator) evict(x int32, p int32) {
	p = a.earlierSpill(x, p)
	if p <= a.ivs[x].start() {
		a.spill(x)
	} else {
		a.spill(a.split(x, p))
	}
}

// spill puts x on the stack up to its first register use, from where the
// rest is queued for a register again (the reload happens in the gap before
// that use, or on entry to the loop containing it). A piece that needs a register at its very start is queued
// whole: only evicted inactive pieces can be such, and they begin after a
// hole or at a block start, where any location is free to take.
func (a *Allocator) spill(x int32) {
	it := &a.ivs[x]
	it.reg = NoReg
	u := it.nextUse(it.start())
	switch {
	case u == maxPos:
	case u == it.start():
		a.push(x)
	default:
		a.push(a.split(x, a.reloadPoint(it.start(), u)))
	}
}

// hint returns the register cur would like: that of its fixed operands, or
// for a piece starting at a register move, the source's register.
func (a *Allocator) hint(cur int32) PReg {
	it := &a.ivs[cur]
	if it.hint != NoReg {
		return it.hint
	}
	p := it.start()
	if p&1 == 0 {
		return NoReg
	}
	in := &a.f.insts[p/2]
	if in.flags&InstMove == 0 {
		return NoReg
	}
	for _, op := range a.f.ops[in.opStart:in.opEnd] {
		if op.Kind == Use && a.first[op.VReg] >= 0 {
			return a.scanChildAt(op.VReg, p-1).reg
		}
	}
	return NoReg
}

// fixedIntersect returns the first point where register r is pinned for
// another vreg (or clobbered) while cur is live, or maxPos.
func (a *Allocator) fixedIntersect(r PReg, cur int32) int32 {
	it := &a.ivs[cur]
	fr := a.fixed[r]
	k := a.fixedCur[r]
	start := it.start()
	for int(k) < len(fr) && fr[k].to <= start {
		k++
	}
	a.fixedCur[r] = k
	rs := it.ranges
	j := 0
	for int(k) < len(fr) && j < len(rs) {
		x, y := fr[k], rs[j]
		switch {
		case x.to <= y.from || x.owner == it.vreg:
			k++
		case y.to <= x.from:
			j++
		default:
			return max(x.from, y.from)
		}
	}
	return maxPos
}

// refLimit returns, for a GC reference, the write point of the first
// safepoint it is live across (live before and after, and not written by
// it): it may not be in a register there. For other values it returns maxPos.
func (a *Allocator) refLimit(cur int32) int32 {
	it := &a.ivs[cur]
	if !a.f.vregs[it.vreg].ref || len(a.safepoints) == 0 {
		return maxPos
	}
	sp := a.safepoints
	for _, r := range it.ranges {
		k := sort.Search(len(sp), func(k int) bool { return 2*sp[k] >= r.from })
		for ; k < len(sp) && 2*sp[k]+1 < r.to; k++ {
			in := &a.f.insts[sp[k]]
			if !writes(a.f.ops[in.opStart:in.opEnd], it.vreg) {
				return 2*sp[k] + 1
			}
		}
	}
	return maxPos
}

// Intervals wait in two queues: the vregs' initial intervals, sorted once
// by start with a counting sort, and a binary min-heap for the pieces that
// splitting creates, far fewer. Ties are broken by interval index so that
// allocation is deterministic; entries carry the start so that comparisons
// do not chase pointers into a.ivs.
type queued struct{ start, x int32 }

func (q queued) less(o queued) bool { return q.start < o.start || (q.start == o.start && q.x < o.x) }

func (a *Allocator) sortInitial() {
	n := 2*len(a.f.insts) + 2
	a.startCount = clear32(a.startCount, n)
	count := 0
	for _, x := range a.first {
		if x >= 0 {
			a.startCount[a.ivs[x].start()+1]++
			count++
		}
	}
	for p := 1; p < n; p++ {
		a.startCount[p] += a.startCount[p-1]
	}
	a.initial = grow(a.initial, count)
	a.nextInitial = 0
	for _, x := range a.first {
		if x >= 0 {
			s := a.ivs[x].start()
			a.initial[a.startCount[s]] = queued{s, x}
			a.startCount[s]++
		}
	}
}

// next pops the interval with the lowest start from either queue.
func (a *Allocator) next() (int32, bool) {
	hasInit, hasHeap := int(a.nextInitial) < len(a.initial), len(a.unhandled) > 0
	switch {
	case hasInit && (!hasHeap || a.initial[a.nextInitial].less(a.unhandled[0])):
		a.nextInitial++
		return a.initial[a.nextInitial-1].x, true
	case hasHeap:
		return a.pop(), true
	}
	return 0, false
}

func (a *Allocator) push(x int32) {
	h := append(a.unhandled, queued{a.ivs[x].start(), x})
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !h[i].less(h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	a.unhandled = h
}

func (a *Allocator) pop() int32 {
	h := a.unhandled
	top, n := h[0].x, len(h)-1
	h[0] = h[n]
	h = h[:n]
	for i := 0; ; {
		m, l := i, 2*i+1
		if l < n && h[l].less(h[m]) {
			m = l
		}
		if l+1 < n && h[l+1].less(h[m]) {
			m = l + 1
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	a.unhandled = h
	return top
}
