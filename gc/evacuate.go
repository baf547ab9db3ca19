package gc

import (
	"fmt"
	"unsafe"

	"github.com/sablewasm/sable/abi"
)

// span is a range of heap offsets.
type span struct{ start, end uint64 }

func (s span) has(o uint64) bool { return o-s.start < s.end-s.start }

// evacuation is the state of one collection's copying (Cheney's
// algorithm: the objects between the scan pointer and free are copied but
// their references not yet forwarded).
type evacuation struct {
	h    *Heap
	tab  []*Layout // the type table, read once
	from [2]span   // objects here move
	stay span      // a minor collection's old generation: objects stay
	// The moved objects are in [toStart, free).
	toStart, free uint64
	marker        HostMarker
	bad           error // the first corruption found
}

// evacuation starts a copy into to; a major collection passes its roots
// for their HostMarker, a minor one nil.
func (h *Heap) evacuation(to uint64, roots Roots) *evacuation {
	e := &evacuation{h: h, tab: h.types.snapshot(), toStart: to, free: to}
	if roots != nil {
		e.marker, _ = roots.(HostMarker)
	}
	return e
}

func (e *evacuation) corrupt(err error) {
	if e.bad == nil {
		e.bad = err
	}
}

func (e *evacuation) forwardRoot(p *uint32) {
	if r := *p; r != 0 {
		*p = e.forward(r)
	}
}

// forward returns the new offset of the object r refers to, copying it to
// the to-space at its first visit; references that are not to moving
// objects come back unchanged (after marking a host reference). r may
// already point to a moved object, when a root is visited twice. This
// and scan are the collector's inner loop: the checks are written out
// rather than shared with Object.
func (e *evacuation) forward(r uint32) uint32 {
	if !abi.IsObjectRef(r) {
		if abi.IsHostRef(r) && e.marker != nil {
			e.marker.MarkHost(r >> 2)
		}
		return r
	}
	o := uint64(r)
	if o-e.toStart < e.free-e.toStart || e.stay.has(o) {
		return r
	}
	var end uint64
	switch {
	case e.from[0].has(o):
		end = e.from[0].end
	case e.from[1].has(o):
		end = e.from[1].end
	default:
		e.corrupt(fmt.Errorf("%w: %#x outside the heap being collected", ErrCorrupt, r))
		return r
	}
	if end-o < abi.HeaderSize || o&(abi.ObjectAlign-1) != 0 {
		e.corrupt(fmt.Errorf("%w: misaligned or truncated object at %#x", ErrCorrupt, r))
		return r
	}
	h := e.h
	w0 := h.load32(o)
	if w0&flagForwarded != 0 {
		return h.load32(o + abi.HeaderTypeOffset)
	}
	id := h.load32(o + abi.HeaderTypeOffset)
	var l *Layout
	if uint64(id) < uint64(len(e.tab)) {
		l = e.tab[id]
	}
	if l == nil || w0 != l.word0 {
		e.corrupt(fmt.Errorf("%w: object at %#x has header %#x, type %d", ErrCorrupt, r, w0, id))
		return r
	}
	size := uint64(l.Struct.Size)
	if l.Kind == abi.KindArray {
		s, ok := l.Array.Size(h.load32(o + abi.ArrayLenOffset))
		if !ok {
			e.corrupt(fmt.Errorf("%w: array at %#x has length %d", ErrCorrupt, r, h.load32(o+abi.ArrayLenOffset)))
			return r
		}
		size = uint64(s)
	}
	if size > end-o {
		e.corrupt(fmt.Errorf("%w: object at %#x runs past the heap", ErrCorrupt, r))
		return r
	}
	to := e.free
	h.copyObject(to, o, size)
	e.free += size
	if l.MutableRefs {
		h.mutable = append(h.mutable, uint32(to))
	}
	h.store32(o, w0|flagForwarded)
	h.store32(o+abi.HeaderTypeOffset, uint32(to))
	return uint32(to)
}

// scanMoved forwards the references of the moved objects, including
// those it moves meanwhile, until none is left.
func (e *evacuation) scanMoved() {
	for off := e.toStart; off < e.free && e.bad == nil; {
		off += e.scan(off)
	}
}

// scan forwards the references of the object at off, whose header has
// been checked, and returns its size.
func (e *evacuation) scan(off uint64) uint64 {
	h := e.h
	l := e.tab[h.load32(off+abi.HeaderTypeOffset)]
	if l.Kind == abi.KindStruct {
		for _, f := range l.Struct.RefOffsets {
			e.forwardSlot(off + uint64(f))
		}
		return uint64(l.Struct.Size)
	}
	n := h.load32(off + abi.ArrayLenOffset)
	if l.Array.Elem == abi.StorageGCRef {
		slot := off + uint64(l.Array.ElemOffset)
		for end := slot + 4*uint64(n); slot < end; slot += 4 {
			e.forwardSlot(slot)
		}
	}
	size, _ := l.Array.Size(n)
	return uint64(size)
}

// scanOld is a minor collection's pass over the old objects that may
// refer to the nursery (see collect): each listed object has its
// references into the nursery forwarded. The offsets are the collector's
// own, but the headers are checked again, so that a stray write from
// outside is reported rather than followed.
func (e *evacuation) scanOld(offs []uint32) {
	h, tab := e.h, e.tab
	young, nYoung := e.from[0].start, e.from[0].end-e.from[0].start
	visit := func(slot uint64) {
		if r := h.load32(slot); uint64(r)-young < nYoung {
			if n := e.forward(r); n != r {
				h.store32(slot, n)
			}
		}
	}
	end := e.stay.end
	for _, o := range offs {
		off := uint64(o)
		if off < e.stay.start || end-off < abi.HeaderSize {
			e.corrupt(fmt.Errorf("%w: listed old object at %#x outside the old generation", ErrCorrupt, off))
			return
		}
		w0, id := h.load32(off), h.load32(off+abi.HeaderTypeOffset)
		var l *Layout
		if uint64(id) < uint64(len(tab)) {
			l = tab[id]
		}
		if l == nil || w0 != l.word0 {
			e.corrupt(fmt.Errorf("%w: object at %#x has header %#x, type %d", ErrCorrupt, off, w0, id))
			return
		}
		if l.Kind == abi.KindStruct {
			if uint64(l.Struct.Size) > end-off {
				e.corrupt(fmt.Errorf("%w: object at %#x runs past the old generation", ErrCorrupt, off))
				return
			}
			for _, f := range l.Struct.RefOffsets {
				visit(off + uint64(f))
			}
			continue
		}
		n := h.load32(off + abi.ArrayLenOffset)
		if s, ok := l.Array.Size(n); !ok || uint64(s) > end-off {
			e.corrupt(fmt.Errorf("%w: array at %#x of length %d runs past the old generation", ErrCorrupt, off, n))
			return
		}
		if l.Array.Elem == abi.StorageGCRef {
			slot := off + uint64(l.Array.ElemOffset)
			for last := slot + 4*uint64(n); slot < last; slot += 4 {
				visit(slot)
			}
		}
	}
}

func (e *evacuation) forwardSlot(slot uint64) {
	h := e.h
	if r := h.load32(slot); abi.IsObjectRef(r) || abi.IsHostRef(r) {
		if n := e.forward(r); n != r {
			h.store32(slot, n)
		}
	}
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
