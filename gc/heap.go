package gc

import (
	"errors"
	"fmt"
	"time"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"golang.org/x/sys/unix"
)

// Size limits of a heap. A heap reserves a guard page, two semispaces of
// Limit + Nursery bytes each (a major collection may have to copy a full
// old generation and a full nursery) and the nursery; all of it must lie
// below 4 GiB, since references are u32 offsets, and below PoisonWord.
const (
	// MaxNursery is the largest nursery (Config.Nursery) of a heap with
	// the largest limit, and the most an adaptive nursery grows to.
	MaxNursery = 64 << 20
	// MaxLimit is the largest Config.Limit (with a nursery of at most
	// MaxNursery; a larger fixed nursery lowers it).
	MaxLimit = (1<<32-reserveSlack)/2 - 3*MaxNursery/2
	// DefaultLimit is the limit when Config.Limit is 0.
	DefaultLimit = MaxLimit
	// DefaultMinCapacity is the least size of the old generation at which
	// a major collection runs, when Config.MinCapacity is 0.
	DefaultMinCapacity = 4 << 20
	// minNursery is the least size of an adaptive nursery while the heap
	// is far from its limit; near it the nursery shrinks down to
	// nurseryFloor, and below that allocation fails with ErrOutOfMemory.
	minNursery   = 1 << 20
	nurseryFloor = 64 << 10
	// growthFactor: a major collection runs when the old generation has
	// grown to this multiple of what the last one kept. It bounds the
	// copying work per promoted byte while keeping the old generation
	// within a small multiple of the live data.
	growthFactor = 2
	// reserveSlack keeps the reservation's end a page (of up to 64 KiB)
	// below 4 GiB, and so below PoisonWord.
	reserveSlack = 2 * 64 << 10
)

// PoisonWord fills evacuated space in poison mode (every aligned u32). As
// a reference it is 8-aligned but beyond every heap; as a header it has
// the invalid kind 0b111111; as a length it exceeds every MaxLen.
const PoisonWord = 0xffff_fff8

// flagForwarded in header word 0 marks an object the collection in
// progress has copied; its type-id word then holds the new offset.
const flagForwarded = 1 << 0

// Errors of Alloc and Collect. The runtime turns the first two into the
// traps abi.TrapAllocationTooLarge and abi.TrapGCHeapOutOfMemory.
var (
	ErrAllocationTooLarge = errors.New("allocation size too large")
	ErrOutOfMemory        = errors.New("GC heap out of memory")
	// ErrCorrupt wraps the description of a reference or header that
	// cannot be valid: a bug outside the collector. The heap is unusable
	// afterwards.
	ErrCorrupt = errors.New("gc: corrupt heap reference")
	// ErrFreed is returned by a freed heap.
	ErrFreed = errors.New("gc: heap freed")
)

// Config sets up a Heap.
type Config struct {
	// Limit caps the heap (default DefaultLimit): the old generation and
	// the nursery's capacity together. While a major collection copies
	// the live data the heap uses up to that much more. An allocation
	// fails with ErrOutOfMemory when even after a major collection the
	// live data leaves less than 64 KiB (the least nursery) below it.
	Limit uint64
	// Nursery fixes the nursery's size, where new objects are allocated.
	// By default it adapts to the size of the old generation, between
	// 1 MiB and MaxNursery (and at most a quarter of the limit).
	Nursery uint64
	// MinCapacity is the least size of the old generation at which a
	// major collection runs (default DefaultMinCapacity).
	MinCapacity uint64
	// Stress collects at every allocation (see the package
	// documentation); Poison fills evacuated space with PoisonWord.
	// Either one disables the inline allocation path.
	Stress, Poison bool
}

// Roots enumerates the references outside the heap. VisitRoots must call
// visit with the address of every word that may hold a reference (a u32,
// or the low half of a little-endian 64-bit slot) and return the first
// error visit's caller should report; the collector reads each word and
// writes back where its object moved. Words holding null, an i31 or a host
// reference are left as they are, and visiting a word twice is harmless.
type Roots interface {
	VisitRoots(visit func(ref *uint32)) error
}

// HostMarker is implemented by Roots that want to know which host values
// are still referred to. A major collection (Stats.MajorCollections counts
// them) calls BeginMarking before it visits the roots, then MarkHost with
// the handle of every host reference (h<<2 | 2) found in a root or a live
// object (possibly more than once); once it completes, the caller can
// drop the host values nothing refers to. Minor collections do not look
// at every object and call neither.
type HostMarker interface {
	BeginMarking()
	MarkHost(handle uint32)
}

// Stats describes a heap's activity.
type Stats struct {
	// Collections counts all collections, MajorCollections the major ones.
	Collections, MajorCollections uint64
	// LiveBytes is what the last major collection kept.
	LiveBytes uint64
	// OldBytes is the old generation's current size, NurseryBytes the
	// nursery's occupancy and NurseryCapacity its size.
	OldBytes, NurseryBytes, NurseryCapacity uint64
	// PeakBytes is the most heap memory ever in use at once: old
	// generation and nursery, and during a major collection the copy too.
	PeakBytes uint64
	// AllocatedBytes counts every object ever allocated, inline or not.
	AllocatedBytes uint64
	// PromotedBytes counts the bytes minor collections moved into the
	// old generation.
	PromotedBytes uint64
	// CollectTime is the time spent in collections.
	CollectTime time.Duration
}

// A Heap is the GC heap of one Store: a nursery where objects are born
// and an old generation in one of two semispaces (see the package
// documentation). It is not safe for concurrent use.
type Heap struct {
	types *Types
	ec    *abi.ExecContext
	cfg   Config
	reg   region
	base  unsafe.Pointer

	spaces [2]space // the old generation lives in spaces[cur]
	cur    int
	old    uint64 // end of the old generation in spaces[cur]
	// majorAt is the size of the old generation at which the next major
	// collection runs.
	majorAt uint64

	// mutable lists the old objects of types with MutableRefs, and
	// bornOld those allocated directly in the old generation since the
	// last collection: the only old objects that may refer to the
	// nursery (see collect). Offsets; rebuilt by every major collection.
	mutable, bornOld []uint32

	nursery    space
	nurseryLow uint64 // where this cycle's objects start (nursery.start but in poison mode)
	nurseryEnd uint64 // end of the nursery's current capacity
	nurseryMax uint64 // bytes reserved for it

	// allocStart is where the nursery's bump pointer stood after the last
	// collection: what lies between it and GCAllocPtr is new since.
	allocStart uint64
	stats      Stats
	broken     error // set for good by ErrCorrupt or Free
}

// space is a semispace or the nursery.
type space struct {
	start     uint64 // heap offset of its first byte
	committed uint64 // heap offset up to which it is read-write
	// poisoned is the end of the poison it holds (0: none); it is
	// cleared before the space is used again.
	poisoned uint64
}

// New reserves a heap that allocates the types of types and shares its
// allocation window with generated code through ec: it sets
// ec.GCHeapBase (for good), GCAllocPtr and GCAllocLimit.
func New(types *Types, ec *abi.ExecContext, cfg Config) (*Heap, error) {
	if cfg.Limit == 0 {
		cfg.Limit = DefaultLimit
	}
	if cfg.MinCapacity == 0 {
		cfg.MinCapacity = DefaultMinCapacity
	}
	page := uint64(unix.Getpagesize())
	roundUp := func(n uint64) uint64 { return (n + page - 1) &^ (page - 1) }
	nurseryMax := cfg.Nursery
	if nurseryMax == 0 {
		nurseryMax = max(min(MaxNursery, cfg.Limit/4), min(minNursery, cfg.Limit))
	}
	nurseryMax = roundUp(max(nurseryMax, page))
	half := roundUp(cfg.Limit) + nurseryMax
	if cfg.Limit > 1<<32 || page+2*half+nurseryMax > 1<<32-64<<10 {
		return nil, fmt.Errorf("gc: a heap limit of %d with a nursery of %d does not fit below 4 GiB", cfg.Limit, nurseryMax)
	}
	reg, err := reserve(page + 2*half + nurseryMax)
	if err != nil {
		return nil, fmt.Errorf("gc: reserving the heap: %w", err)
	}
	h := &Heap{types: types, ec: ec, cfg: cfg, reg: reg, base: reg.base(), nurseryMax: nurseryMax}
	h.spaces[0] = space{start: page, committed: page}
	h.spaces[1] = space{start: page + half, committed: page + half}
	h.nursery = space{start: page + 2*half, committed: page + 2*half}
	h.old = h.spaces[0].start
	h.majorAt = cfg.MinCapacity
	if err := h.sizeNursery(0); err != nil {
		reg.free()
		return nil, err
	}
	ec.GCHeapBase = uintptr(h.base)
	h.nurseryLow, h.allocStart = h.nursery.start, h.nursery.start
	h.setWindow(h.nursery.start)
	return h, nil
}

// Free releases the heap's memory. Nothing may use it afterwards.
func (h *Heap) Free() {
	if h.broken == ErrFreed {
		return
	}
	h.reg.free()
	h.broken = ErrFreed
	h.ec.GCAllocPtr, h.ec.GCAllocLimit = 0, 0
}

// Base is the address of heap offset 0 (ExecContext.GCHeapBase).
func (h *Heap) Base() uintptr { return uintptr(h.base) }

// Stats returns the heap's statistics.
func (h *Heap) Stats() Stats {
	s := h.stats
	s.OldBytes = h.old - h.spaces[h.cur].start
	s.NurseryBytes = h.ec.GCAllocPtr - h.nurseryLow
	s.NurseryCapacity = h.nurseryEnd - h.nursery.start
	s.AllocatedBytes += h.ec.GCAllocPtr - h.allocStart
	s.PeakBytes = max(s.PeakBytes, s.OldBytes+s.NurseryBytes)
	return s
}

// sizeNursery sets the nursery's capacity after a collection, leaving
// room for a pending old-generation allocation of need bytes: fixed by
// Config.Nursery or about the old generation's size (a minor collection
// scans the whole old generation, so this keeps that work at most a byte
// per byte allocated), and never beyond the limit. ErrOutOfMemory when
// less than nurseryFloor is left.
func (h *Heap) sizeNursery(need uint64) error {
	page := uint64(unix.Getpagesize())
	oldBytes := h.old - h.spaces[h.cur].start
	capacity := h.nurseryMax
	if h.cfg.Nursery == 0 {
		capacity = min(h.nurseryMax, max(minNursery, (oldBytes+page-1)&^(page-1)))
	}
	var room uint64
	if oldBytes+need < h.cfg.Limit {
		room = (h.cfg.Limit - oldBytes - need) &^ (page - 1)
	}
	capacity = min(capacity, room)
	end := h.nursery.start + capacity
	if err := h.commit(&h.nursery, end); err != nil {
		return err
	}
	h.nurseryEnd = end
	if capacity < min(nurseryFloor, h.cfg.Limit/4) {
		return ErrOutOfMemory
	}
	return nil
}

// commit makes s read-write up to end.
func (h *Heap) commit(s *space, end uint64) error {
	if end <= s.committed {
		return nil
	}
	if err := h.reg.commit(s.committed, end); err != nil {
		return fmt.Errorf("gc: committing heap memory: %w", err)
	}
	s.committed = end
	return nil
}

// setWindow hands the nursery from ptr to its capacity to the inline
// allocation path, or nothing in stress and poison modes.
func (h *Heap) setWindow(ptr uint64) {
	h.ec.GCAllocPtr = ptr
	h.ec.GCAllocLimit = h.nurseryEnd
	if h.cfg.Stress || h.cfg.Poison {
		h.ec.GCAllocLimit = ptr
	}
}

// Word access by heap offset. Callers have checked the offset.
func (h *Heap) load32(off uint64) uint32 { return *(*uint32)(unsafe.Add(h.base, off)) }

func (h *Heap) store32(off uint64, v uint32) { *(*uint32)(unsafe.Add(h.base, off)) = v }

// Bytes returns n bytes of the object ref from offset off, which the
// caller has checked against the object's layout (see Object).
func (h *Heap) Bytes(ref, off, n uint32) []byte {
	return unsafe.Slice((*byte)(unsafe.Add(h.base, uint64(ref)+uint64(off))), n)
}

// Object validates ref, a reference to an object, and returns its
// canonical type id, its layout and, for an array, its length. The
// checks are those of the collector (see the package documentation).
func (h *Heap) Object(ref uint32) (id uint32, l *Layout, length uint32, err error) {
	if h.broken != nil {
		return 0, nil, 0, h.broken
	}
	r := uint64(ref)
	start, end := h.spaces[h.cur].start, h.old
	if r >= h.nursery.start {
		start, end = h.nurseryLow, h.ec.GCAllocPtr
	}
	if ref&(abi.ObjectAlign-1) != 0 || r < start || r+abi.HeaderSize > end {
		return 0, nil, 0, fmt.Errorf("%w: %#x outside the live heap", ErrCorrupt, ref)
	}
	id, l, size, err := h.header(r, h.types.snapshot())
	if err != nil {
		return 0, nil, 0, err
	}
	if r+uint64(size) > end {
		return 0, nil, 0, fmt.Errorf("%w: object at %#x runs past the heap", ErrCorrupt, ref)
	}
	if l.Kind == abi.KindArray {
		length = h.load32(r + abi.ArrayLenOffset)
	}
	return id, l, length, nil
}

// header decodes and checks the header of the object at r: its type id,
// layout and size.
func (h *Heap) header(r uint64, tab []*Layout) (uint32, *Layout, uint32, error) {
	w0, id := h.load32(r), h.load32(r+abi.HeaderTypeOffset)
	var l *Layout
	if uint64(id) < uint64(len(tab)) {
		l = tab[id]
	}
	if l == nil || w0 != l.word0 {
		return 0, nil, 0, fmt.Errorf("%w: object at %#x has header %#x, type %d", ErrCorrupt, r, w0, id)
	}
	var n uint32
	if l.Kind == abi.KindArray {
		n = h.load32(r + abi.ArrayLenOffset)
	}
	size, ok := l.Size(n)
	if !ok {
		return 0, nil, 0, fmt.Errorf("%w: array at %#x has length %d", ErrCorrupt, r, n)
	}
	return id, l, size, nil
}
