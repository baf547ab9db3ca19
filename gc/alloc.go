package gc

import (
	"fmt"

	"github.com/sablewasm/sable/abi"
)

// Alloc allocates a zeroed object of canonical type id — an array of n
// elements, or a struct (n is then ignored) — and returns its reference.
// It is the slow path of generated code (abi.ExitGCAlloc) and the only
// allocator of every other path: constant expressions, array.new_data and
// array.new_elem, the host API.
//
// The size is decided by abi's size rule before anything else:
// ErrAllocationTooLarge when it forbids the object, whatever the heap's
// state. An object of up to half the nursery is allocated there, after a
// minor collection if the nursery is full; a larger one directly in the
// old generation. In stress mode every allocation collects (alternately
// minor and major). ErrOutOfMemory when even a major collection leaves
// too little room below the limit. Any collection moves objects:
// references not reachable from roots are stale afterwards.
func (h *Heap) Alloc(id uint32, n uint32, roots Roots) (uint32, error) {
	if h.broken != nil {
		return 0, h.broken
	}
	l := h.types.Lookup(id)
	if l == nil {
		return 0, fmt.Errorf("gc: allocation of type %d, which is not a struct or array type", id)
	}
	size, ok := l.Size(n)
	if !ok {
		return 0, ErrAllocationTooLarge
	}
	if _, err := h.allocPtr(); err != nil {
		return 0, err
	}
	if h.cfg.Stress {
		major := h.stats.Collections%2 == 1
		if err := h.collect(roots, major, 0); err != nil {
			return 0, err
		}
	}
	ref, err := h.allocNursery(uint64(size), roots)
	if err != nil {
		return 0, err
	}
	if ref == 0 {
		if ref, err = h.allocOld(uint64(size), roots); err != nil {
			return 0, err
		}
	}
	if h.cfg.Poison {
		clear(h.reg.mem[ref : ref+uint64(size)]) // may hold poison
	}
	h.store32(ref+abi.HeaderKindOffset, l.word0)
	h.store32(ref+abi.HeaderTypeOffset, id)
	if l.Kind == abi.KindArray {
		h.store32(ref+abi.ArrayLenOffset, n)
	}
	return uint32(ref), nil
}

// allocNursery bumps the nursery's pointer by size for an object of up
// to half its capacity, after a minor collection if it is full, and
// returns the object's offset; 0 (with no error) when the object belongs
// in the old generation.
func (h *Heap) allocNursery(size uint64, roots Roots) (uint64, error) {
	if size > (h.nurseryEnd-h.nursery.start)/2 {
		return 0, nil
	}
	if size > h.nurseryEnd-h.ec.GCAllocPtr {
		if err := h.collect(roots, false, 0); err != nil {
			return 0, err
		}
		if size > h.nurseryEnd-h.ec.GCAllocPtr {
			return 0, nil // the nursery shrank near the limit
		}
	}
	ref := h.ec.GCAllocPtr
	h.setWindow(ref + size)
	return ref, nil
}

// allocOld allocates size bytes at the end of the old generation, after a
// major collection if they would take it beyond the next collection's
// threshold or the heap beyond its limit. The old generation's free
// space is zero, as the nursery's.
func (h *Heap) allocOld(size uint64, roots Roots) (uint64, error) {
	used := h.old - h.spaces[h.cur].start
	if used+size > h.majorAt || used+size+(h.nurseryEnd-h.nursery.start) > h.cfg.Limit {
		if err := h.collect(roots, true, size); err != nil {
			return 0, err
		}
	}
	ref := h.old
	if err := h.commit(&h.spaces[h.cur], ref+size); err != nil {
		return 0, err
	}
	h.old += size
	h.bornOld = append(h.bornOld, uint32(ref))
	h.stats.AllocatedBytes += size
	return ref, nil
}

// allocPtr returns GCAllocPtr, which generated code moves, after checking
// that it lies in the nursery's capacity.
func (h *Heap) allocPtr() (uint64, error) {
	ptr := h.ec.GCAllocPtr
	if ptr < h.nurseryLow || ptr > h.nurseryEnd {
		h.broken = fmt.Errorf("%w: allocation pointer %#x outside the nursery", ErrCorrupt, ptr)
		return 0, h.broken
	}
	return ptr, nil
}

// Collect runs a major collection now, with roots.
func (h *Heap) Collect(roots Roots) error {
	if h.broken != nil {
		return h.broken
	}
	if _, err := h.allocPtr(); err != nil {
		return err
	}
	if err := h.collect(roots, true, 0); err != ErrOutOfMemory {
		return err // an explicit collection is complete even when the heap is nearly full
	}
	return nil
}
