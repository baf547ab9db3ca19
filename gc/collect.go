package gc

import (
	"fmt"
	"time"

	"github.com/sablewasm/sable/abi"
)

// collect runs a minor collection, or a major one when major is set or
// the old generation needs one. need is the size of a pending allocation
// in the old generation, which a major collection must leave room for.
//
// A minor collection promotes the nursery's survivors to the end of the
// old generation. It needs no write barrier. An old object can refer to
// the nursery only if its type lets a reference field change after the
// object was made (Layout.MutableRefs) or if it was allocated directly in
// the old generation since the last collection (and initialized with
// young references): fields fixed at creation can only refer to older
// objects, which a collection that promoted the object promoted too. So
// the collector keeps the offsets of those old objects (mutable,
// bornOld) as it copies and allocates them, and a minor collection
// rescans just them, dead or alive, besides the roots. A major collection
// copies everything reachable, old generation and nursery, into the
// other semispace, and rebuilds the lists.
func (h *Heap) collect(roots Roots, major bool, need uint64) error {
	start := time.Now()
	defer func() { h.stats.CollectTime += time.Since(start) }()
	top := h.ec.GCAllocPtr // checked by the callers (allocPtr)
	h.stats.AllocatedBytes += top - h.allocStart
	oldStart := h.spaces[h.cur].start
	if !major {
		if err := h.minor(roots, top); err != nil {
			return err
		}
		used := h.old - oldStart
		major = used > h.majorAt || used+need+nurseryFloor > h.cfg.Limit
		top = h.nurseryLow // empty: everything live moved out
	}
	if major {
		if err := h.major(roots, top); err != nil {
			return err
		}
	}
	return h.resetNursery(need)
}

// minor promotes the survivors of the nursery, occupied up to top.
func (h *Heap) minor(roots Roots, top uint64) error {
	oldStart, oldEnd := h.spaces[h.cur].start, h.old
	// Worst case everything survives.
	if err := h.commit(&h.spaces[h.cur], oldEnd+(top-h.nurseryLow)); err != nil {
		return err
	}
	e := h.evacuation(oldEnd, nil)
	e.from[0] = span{h.nurseryLow, top}
	e.stay = span{oldStart, oldEnd}
	// Promotions append to h.mutable: the old objects' part ends here.
	listed := h.mutable[:len(h.mutable):len(h.mutable)]
	if err := roots.VisitRoots(e.forwardRoot); err != nil {
		h.broken = fmt.Errorf("gc: enumerating roots: %w", err)
		return h.broken
	}
	e.scanOld(listed)
	e.scanOld(h.bornOld)
	e.scanMoved()
	if e.bad != nil {
		h.broken = e.bad
		return h.broken
	}
	h.old = e.free
	// The objects born old refer to old objects only now; the mutable
	// ones stay listed.
	for _, off := range h.bornOld {
		if e.tab[h.load32(uint64(off)+abi.HeaderTypeOffset)].MutableRefs {
			h.mutable = append(h.mutable, off)
		}
	}
	h.bornOld = h.bornOld[:0]
	h.stats.Collections++
	h.stats.PromotedBytes += e.free - oldEnd
	h.stats.PeakBytes = max(h.stats.PeakBytes, oldEnd-oldStart+(top-h.nurseryLow)+(e.free-oldEnd))
	return nil
}

// major copies everything reachable from the old generation and the
// nursery (occupied up to top) into the other semispace.
func (h *Heap) major(roots Roots, top uint64) error {
	from, to := &h.spaces[h.cur], &h.spaces[1-h.cur]
	if err := h.prepare(to, (h.old-from.start)+(top-h.nurseryLow)); err != nil {
		return err
	}
	e := h.evacuation(to.start, roots)
	e.from[0] = span{from.start, h.old}
	e.from[1] = span{h.nurseryLow, top}
	h.mutable, h.bornOld = h.mutable[:0], h.bornOld[:0] // the copies list themselves
	if e.marker != nil {
		e.marker.BeginMarking()
	}
	if err := roots.VisitRoots(e.forwardRoot); err != nil {
		h.broken = fmt.Errorf("gc: enumerating roots: %w", err)
		return h.broken
	}
	e.scanMoved()
	if e.bad != nil {
		h.broken = e.bad
		return h.broken
	}
	live := e.free - to.start
	h.stats.Collections++
	h.stats.MajorCollections++
	h.stats.LiveBytes = live
	h.stats.PeakBytes = max(h.stats.PeakBytes, (h.old-from.start)+(top-h.nurseryLow)+live)
	if err := h.evacuated(from, h.old); err != nil {
		return err
	}
	h.cur = 1 - h.cur
	h.old = e.free
	h.majorAt = min(max(growthFactor*live, h.cfg.MinCapacity), h.cfg.Limit)
	return nil
}

// prepare makes a semispace ready to receive up to used bytes: committed,
// and zero (clearing the poison of its last evacuation).
func (h *Heap) prepare(to *space, used uint64) error {
	if to.poisoned > to.start {
		clear(h.reg.mem[to.start:to.poisoned])
		to.poisoned = 0
	}
	return h.commit(to, to.start+used)
}

// evacuated disposes of a semispace just evacuated, occupied up to top:
// poisoned, or handed back to the kernel, which keeps it zero.
func (h *Heap) evacuated(from *space, top uint64) error {
	if h.cfg.Poison {
		h.poison(from.start, top)
		from.poisoned = top
		return nil
	}
	if err := h.reg.release(from.start, top); err != nil {
		return fmt.Errorf("gc: releasing heap memory: %w", err)
	}
	return nil
}

// resetNursery empties the nursery after a collection moved everything
// live out of it: zeroed for the inline allocator (it stays resident, as
// it is reused at once), or poisoned; then sized for the next cycle,
// with room for a pending old-generation allocation of need bytes.
func (h *Heap) resetNursery(need uint64) error {
	used := h.ec.GCAllocPtr
	if h.cfg.Poison {
		h.poison(h.nurseryLow, used)
	} else {
		clear(h.reg.mem[h.nurseryLow:used])
	}
	err := h.sizeNursery(need)
	h.nurseryLow = h.nursery.start
	if h.cfg.Poison && h.nurseryEnd > used && h.nurseryEnd-used >= (h.nurseryEnd-h.nursery.start)/2 {
		// Go on above the poison rather than reuse it at once, so that a
		// stale reference into the last cycle's nursery is caught.
		h.nurseryLow = used
	}
	h.allocStart = h.nurseryLow
	h.setWindow(h.nurseryLow)
	return err
}

// poison fills [from, to) (8-aligned) with PoisonWord: one word, then
// doubling copies.
func (h *Heap) poison(from, to uint64) {
	if from >= to {
		return
	}
	b := h.reg.mem[from:to]
	h.store32(from, PoisonWord)
	h.store32(from+4, PoisonWord)
	for done := 8; done < len(b); done *= 2 {
		copy(b[done:], b[:done])
	}
}
