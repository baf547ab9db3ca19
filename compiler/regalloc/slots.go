package regalloc

import "slices"

// Spill slots. A vreg that is ever on the stack gets one slot for its whole
// life, so every piece of it agrees on where its memory copy is and
// resolution never needs a memory-to-memory move. Slots are shared between
// vregs whose lifetimes' hulls (first start to last end, padded so that a
// slot is never written and read for two vregs in one gap) do not overlap;
// hulls are conservative, which keeps the edge moves at block ends inside
// them. GC references get a pool of their own so the stack maps point into
// one contiguous area that never holds anything else.

const (
	poolRef = iota // ClassInt vregs holding GC references
	poolInt
	poolFloat
	numPools
)

type slotHull struct {
	lo, hi int32
	v      VReg
	pool   uint8
}

func (a *Allocator) pool(v VReg) uint8 {
	vi := a.f.vregs[v]
	switch {
	case vi.ref:
		return poolRef
	case vi.class == ClassInt:
		return poolInt
	}
	return poolFloat
}

// slotEnd is a slot in use until end; inUse is a min-heap of them by end.
type slotEnd struct{ end, slot int32 }

func pushSlot(h []slotEnd, x slotEnd) []slotEnd {
	h = append(h, x)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if h[p].end <= h[i].end {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	return h
}

func popSlot(h []slotEnd) ([]slotEnd, int32) {
	top, n := h[0].slot, len(h)-1
	h[0] = h[n]
	h = h[:n]
	for i := 0; ; {
		m, l := i, 2*i+1
		if l < n && h[l].end < h[m].end {
			m = l
		}
		if l+1 < n && h[l+1].end < h[m].end {
			m = l + 1
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	return h, top
}

func (a *Allocator) assignSlots() {
	nv := len(a.f.vregs)
	a.slotOf = grow(a.slotOf, nv)
	a.hulls = a.hulls[:0]
	for v, x := range a.first {
		a.slotOf[v] = -1
		if x < 0 {
			continue
		}
		lo, spilled := a.ivs[x].start(), false
		for ; ; x = a.ivs[x].next {
			spilled = spilled || a.ivs[x].reg == NoReg
			if a.ivs[x].next < 0 {
				break
			}
		}
		if spilled {
			a.hulls = append(a.hulls, slotHull{lo &^ 1, a.ivs[x].end() + 1, VReg(v), a.pool(VReg(v))})
		}
	}
	slices.SortFunc(a.hulls, func(x, y slotHull) int {
		if x.pool != y.pool {
			return int(x.pool) - int(y.pool)
		}
		if x.lo != y.lo {
			return int(x.lo - y.lo)
		}
		return int(x.v) - int(y.v)
	})

	// Linear scan over hulls, per pool; slot numbers are global, pools
	// numbered consecutively.
	var count [numPools]int32
	next := int32(0)
	for i := 0; i < len(a.hulls); {
		pool := a.hulls[i].pool
		base := next
		inUse := a.inUse[:0]
		a.slotFree = a.slotFree[:0]
		for ; i < len(a.hulls) && a.hulls[i].pool == pool; i++ {
			h := a.hulls[i]
			for len(inUse) > 0 && inUse[0].end <= h.lo {
				var s int32
				inUse, s = popSlot(inUse)
				a.slotFree = append(a.slotFree, s)
			}
			var s int32
			if n := len(a.slotFree); n > 0 {
				s, a.slotFree = a.slotFree[n-1], a.slotFree[:n-1]
			} else {
				s = next
				next++
			}
			a.slotOf[h.v] = s
			inUse = pushSlot(inUse, slotEnd{h.hi, s})
		}
		a.inUse = inUse
		count[pool] = next - base
	}

	// Lay the pools out largest slots first so every slot is naturally
	// aligned; the reference pool goes first among equals.
	size := [numPools]uint32{
		poolRef:   a.target.Classes[ClassInt].SlotSize,
		poolInt:   a.target.Classes[ClassInt].SlotSize,
		poolFloat: a.target.Classes[ClassFloat].SlotSize,
	}
	order := [numPools]uint8{poolFloat, poolRef, poolInt}
	if size[poolFloat] <= size[poolInt] {
		order = [numPools]uint8{poolRef, poolInt, poolFloat}
	}
	a.slotOff = grow(a.slotOff, int(next))
	var off, align uint32
	first := int32(0)
	var poolFirst [numPools]int32
	for p := uint8(0); p < numPools; p++ {
		poolFirst[p] = first
		first += count[p]
	}
	for _, p := range order {
		if p == poolRef {
			a.res.RefAreaOffset, a.res.RefAreaSize = off, uint32(count[p])*size[p]
		}
		for k := int32(0); k < count[p]; k++ {
			a.slotOff[poolFirst[p]+k] = off
			off += size[p]
		}
		if count[p] > 0 {
			align = max(align, size[p])
		}
	}
	if align > 0 {
		off = (off + align - 1) &^ (align - 1)
	}
	a.res.SpillAreaSize = off
}
