package gc

import (
	"fmt"
	"unsafe"

	"github.com/sablewasm/sable/abi"
)

// collect evacuates everything reachable from roots into the other
// semispace (Cheney's algorithm: the to-space between the scan pointer and
// the bump pointer is the queue of copied objects whose references are not
// yet forwarded), releases the evacuated space and sizes the new active
// space for the live data and a pending allocation of need bytes.
func (h *Heap) collect(roots Roots, need uint64) error {
	top, err := h.allocPtr()
	if err != nil {
		return err
	}
	from, to := &h.spaces[h.cur], &h.spaces[1-h.cur]
	if err := h.prepare(to, top-from.start); err != nil {
		return err
	}
	h.stats.AllocatedBytes += top - h.allocStart
	h.tab = h.types.snapshot()
	h.free = to.start
	h.bad = nil
	h.marker, _ = roots.(HostMarker)
	fromStart := from.start
	forwardRoot := func(p *uint32) {
		if r := *p; r != 0 {
			*p = h.forward(r, fromStart, top, to.start)
		}
	}
	if err := roots.VisitRoots(forwardRoot); err != nil {
		// Roots may be half forwarded: nothing can be trusted.
		h.broken = fmt.Errorf("gc: enumerating roots: %w", err)
		return h.broken
	}
	for scan := to.start; scan < h.free && h.bad == nil; {
		scan += h.scan(scan, fromStart, top, to.start)
	}
	h.tab, h.marker = nil, nil
	if h.bad != nil {
		h.broken = h.bad
		return h.broken
	}
	live := h.free - to.start
	h.stats.Collections++
	h.stats.LiveBytes = live
	h.stats.PeakBytes = max(h.stats.PeakBytes, top-fromStart+live)
	if err := h.evacuated(from, top); err != nil {
		return err
	}
	h.cur = 1 - h.cur
	h.allocStart = h.free
	rerr := h.resize(live, need)
	if rerr == ErrOutOfMemory {
		// The collection itself succeeded: keep allocating in what the
		// live data leaves of the old capacity.
		h.setCapacity(max(h.cfg.MinCapacity, live))
	}
	h.setWindow(h.free)
	return rerr
}

// prepare makes the to-space ready to receive up to used bytes: committed,
// and zero (clearing the poison of its last evacuation).
func (h *Heap) prepare(to *space, used uint64) error {
	if to.poisoned > to.start {
		clear(h.reg.mem[to.start:to.poisoned])
		to.poisoned = 0
	}
	if end := to.start + used; end > to.committed {
		if err := h.reg.commit(to.committed, end); err != nil {
			return fmt.Errorf("gc: committing heap memory: %w", err)
		}
		to.committed = end
	}
	return nil
}

// evacuated disposes of the space just evacuated, occupied up to top:
// poisoned, or handed back to the kernel, which keeps it zero.
func (h *Heap) evacuated(from *space, top uint64) error {
	if h.cfg.Poison {
		for off := from.start; off < top; off += 4 {
			h.store32(off, PoisonWord)
		}
		from.poisoned = top
		return nil
	}
	if err := h.reg.release(from.start, top); err != nil {
		return fmt.Errorf("gc: releasing heap memory: %w", err)
	}
	return nil
}

// forward returns the new offset of the object r refers to, copying it to
// the to-space at its first visit; references that are not to objects
// come back unchanged. r may already point into the to-space, when a root
// is visited twice. This and scan are the collector's inner loop: the
// checks are written out rather than shared with Object.
func (h *Heap) forward(r uint32, fromStart, top, toStart uint64) uint32 {
	if !abi.IsObjectRef(r) {
		if abi.IsHostRef(r) && h.marker != nil {
			h.marker.MarkHost(r >> 2)
		}
		return r
	}
	o := uint64(r)
	if o-toStart < h.free-toStart { // o in [toStart, free)
		return r
	}
	if o-fromStart >= top-fromStart || top-o < abi.HeaderSize || o&(abi.ObjectAlign-1) != 0 {
		h.corrupt(fmt.Errorf("%w: %#x outside the heap being collected", ErrCorrupt, r))
		return r
	}
	w0 := h.load32(o)
	if w0&flagForwarded != 0 {
		return h.load32(o + abi.HeaderTypeOffset)
	}
	id := h.load32(o + abi.HeaderTypeOffset)
	var l *Layout
	if uint64(id) < uint64(len(h.tab)) {
		l = h.tab[id]
	}
	if l == nil || abi.HeaderKind(w0) != l.Kind || w0&abi.FlagMask != 0 {
		h.corrupt(fmt.Errorf("%w: object at %#x has header %#x, type %d", ErrCorrupt, r, w0, id))
		return r
	}
	size := uint64(l.Struct.Size)
	if l.Kind == abi.KindArray {
		s, ok := l.Array.Size(h.load32(o + abi.ArrayLenOffset))
		if !ok {
			h.corrupt(fmt.Errorf("%w: array at %#x has length %d", ErrCorrupt, r, h.load32(o+abi.ArrayLenOffset)))
			return r
		}
		size = uint64(s)
	}
	if size > top-o {
		h.corrupt(fmt.Errorf("%w: object at %#x runs past the heap", ErrCorrupt, r))
		return r
	}
	to := h.free
	h.copyObject(to, o, size)
	h.free += size
	h.store32(o, w0|flagForwarded)
	h.store32(o+abi.HeaderTypeOffset, uint32(to))
	return uint32(to)
}

// copyObject copies size bytes (a multiple of 8) from heap offset from to
// heap offset to: word by word for the small objects that dominate, with
// memmove for the rest.
func (h *Heap) copyObject(to, from, size uint64) {
	if size <= 64 {
		dst, src := unsafe.Add(h.base, to), unsafe.Add(h.base, from)
		for i := uintptr(0); i < uintptr(size); i += 8 {
			*(*uint64)(unsafe.Add(dst, i)) = *(*uint64)(unsafe.Add(src, i))
		}
		return
	}
	copy(h.reg.mem[to:to+size], h.reg.mem[from:from+size])
}

// scan forwards the references of the copied object at off and returns
// its size.
func (h *Heap) scan(off, fromStart, top, toStart uint64) uint64 {
	id := h.load32(off + abi.HeaderTypeOffset)
	l := h.tab[id] // checked when the object was copied
	if l.Kind == abi.KindStruct {
		for _, f := range l.Struct.RefOffsets {
			h.forwardSlot(off+uint64(f), fromStart, top, toStart)
		}
		return uint64(l.Struct.Size)
	}
	n := h.load32(off + abi.ArrayLenOffset)
	if l.Array.Elem == abi.StorageGCRef {
		slot := off + uint64(l.Array.ElemOffset)
		for end := slot + 4*uint64(n); slot < end; slot += 4 {
			h.forwardSlot(slot, fromStart, top, toStart)
		}
	}
	size, _ := l.Array.Size(n)
	return uint64(size)
}

func (h *Heap) forwardSlot(slot, fromStart, top, toStart uint64) {
	if r := h.load32(slot); abi.IsObjectRef(r) || abi.IsHostRef(r) {
		h.store32(slot, h.forward(r, fromStart, top, toStart))
	}
}

func (h *Heap) corrupt(err error) {
	if h.bad == nil {
		h.bad = err
	}
}
