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
// state. Then, if the object does not fit the remaining capacity (or
// always, in stress mode), Alloc collects with roots and resizes the
// heap; ErrOutOfMemory when even the limit cannot hold the live data and
// the new object. Any collection moves objects: references not reachable
// from roots are stale afterwards.
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
	ptr, err := h.allocPtr()
	if err != nil {
		return 0, err
	}
	if h.cfg.Stress || uint64(size) > h.end-ptr {
		if err := h.collect(roots, uint64(size)); err != nil {
			return 0, err
		}
		ptr = h.ec.GCAllocPtr
	}
	w0, err := abi.HeaderWord(l.Kind, 0)
	if err != nil {
		return 0, err
	}
	h.store32(ptr+abi.HeaderKindOffset, w0)
	h.store32(ptr+abi.HeaderTypeOffset, id)
	if l.Kind == abi.KindArray {
		h.store32(ptr+abi.ArrayLenOffset, n)
	}
	h.setWindow(ptr + uint64(size))
	return uint32(ptr), nil
}

// allocPtr returns GCAllocPtr, which generated code moves, after checking
// that it lies in the active space's capacity.
func (h *Heap) allocPtr() (uint64, error) {
	ptr := h.ec.GCAllocPtr
	if ptr < h.spaces[h.cur].start || ptr > h.end {
		h.broken = fmt.Errorf("%w: allocation pointer %#x outside the active space", ErrCorrupt, ptr)
		return 0, h.broken
	}
	return ptr, nil
}

// Collect runs a collection now, with roots.
func (h *Heap) Collect(roots Roots) error {
	if h.broken != nil {
		return h.broken
	}
	return h.collect(roots, 0)
}

// resize sets the capacity after a collection that kept live bytes, for a
// pending allocation of need bytes: growthFactor x live + need, at least
// MinCapacity, at most the limit.
func (h *Heap) resize(live, need uint64) error {
	if live+need > h.cfg.Limit {
		return ErrOutOfMemory
	}
	capacity := min(max(growthFactor*live+need, h.cfg.MinCapacity), h.cfg.Limit)
	return h.setCapacity(capacity)
}
