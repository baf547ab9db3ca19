package gc

import (
	"errors"
	"fmt"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"golang.org/x/sys/unix"
)

// Size limits of a heap.
const (
	// MaxLimit is the largest Config.Limit: two semispaces and the guard
	// page must fit below 4 GiB, since references are u32 offsets, and
	// leave PoisonWord outside the heap (it is page-size independent up
	// to 64 KiB pages).
	MaxLimit = 1<<31 - 64<<10
	// DefaultLimit is the limit when Config.Limit is 0.
	DefaultLimit = MaxLimit
	// DefaultMinCapacity is the capacity of a fresh heap and the least
	// capacity after a collection when Config.MinCapacity is 0.
	DefaultMinCapacity = 1 << 20
	// growthFactor sets the capacity after a collection to this multiple
	// of the live data (plus the allocation that triggered it): the
	// mutator may allocate about (growthFactor-1) x live bytes before the
	// next collection, which bounds the copying work per allocated byte
	// while keeping the heap within a small multiple of the live data.
	growthFactor = 2
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
	// Limit caps the bytes the live objects and new allocations may
	// occupy (default DefaultLimit, at most MaxLimit). The heap reserves
	// twice that much address space, and while it collects it may touch
	// up to the limit in each semispace.
	Limit uint64
	// MinCapacity is the capacity of a new heap and the least capacity
	// after a collection (default DefaultMinCapacity).
	MinCapacity uint64
	// Stress collects at every allocation (see the package
	// documentation); Poison fills evacuated space with PoisonWord.
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
// are still referred to: during a collection MarkHost is called with the
// handle of every host reference (h<<2 | 2) found in a root or a live
// object (possibly more than once), so the caller can drop the host
// values nothing refers to.
type HostMarker interface {
	MarkHost(handle uint32)
}

// Stats describes a heap's activity.
type Stats struct {
	Collections uint64
	// LiveBytes is what the last collection kept.
	LiveBytes uint64
	// UsedBytes is the current occupancy of the active space, CapacityBytes
	// how much it may hold before the next collection.
	UsedBytes, CapacityBytes uint64
	// PeakBytes is the most heap memory ever in use at once: the occupied
	// part of the active space, or during a collection both spaces'.
	PeakBytes uint64
	// AllocatedBytes counts every object ever allocated, inline or not.
	AllocatedBytes uint64
}

// A Heap is the GC heap of one Store. It is not safe for concurrent use.
type Heap struct {
	types  *Types
	ec     *abi.ExecContext
	cfg    Config
	reg    region
	base   unsafe.Pointer
	spaces [2]space
	cur    int    // the active space
	end    uint64 // heap offset where the active space's capacity ends
	// allocStart is GCAllocPtr after the last collection: what lies
	// between it and GCAllocPtr was allocated since.
	allocStart uint64
	stats      Stats
	broken     error // set for good by ErrCorrupt or Free

	// During a collection.
	tab    []*Layout // the type table, read once
	free   uint64    // to-space bump pointer
	bad    error     // first corruption found
	marker HostMarker
}

// space is one semispace.
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
	if cfg.Limit > MaxLimit {
		return nil, fmt.Errorf("gc: heap limit %d above the maximum %d", cfg.Limit, uint64(MaxLimit))
	}
	if cfg.MinCapacity == 0 {
		cfg.MinCapacity = DefaultMinCapacity
	}
	cfg.MinCapacity = min(cfg.MinCapacity, cfg.Limit)
	page := uint64(unix.Getpagesize())
	half := (cfg.Limit + page - 1) &^ (page - 1)
	reg, err := reserve(page + 2*half)
	if err != nil {
		return nil, fmt.Errorf("gc: reserving the heap: %w", err)
	}
	h := &Heap{types: types, ec: ec, cfg: cfg, reg: reg, base: reg.base()}
	h.spaces[0] = space{start: page, committed: page}
	h.spaces[1] = space{start: page + half, committed: page + half}
	if err := h.setCapacity(cfg.MinCapacity); err != nil {
		reg.free()
		return nil, err
	}
	ec.GCHeapBase = uintptr(h.base)
	h.setWindow(h.spaces[0].start)
	h.allocStart = h.spaces[0].start
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

// Stress reports whether the heap collects at every allocation.
func (h *Heap) Stress() bool { return h.cfg.Stress }

// Stats returns the heap's statistics.
func (h *Heap) Stats() Stats {
	s := h.stats
	act := &h.spaces[h.cur]
	s.UsedBytes = h.ec.GCAllocPtr - act.start
	s.CapacityBytes = h.end - act.start
	s.AllocatedBytes += h.ec.GCAllocPtr - h.allocStart
	s.PeakBytes = max(s.PeakBytes, s.UsedBytes)
	return s
}

// setCapacity commits the active space up to capacity bytes and makes
// them the allocation limit.
func (h *Heap) setCapacity(capacity uint64) error {
	act := &h.spaces[h.cur]
	end := act.start + capacity
	if end > act.committed {
		if err := h.reg.commit(act.committed, end); err != nil {
			return fmt.Errorf("gc: committing heap memory: %w", err)
		}
		act.committed = end
	}
	h.end = end
	return nil
}

// setWindow hands [ptr, end) to the inline allocation path, or nothing in
// stress mode.
func (h *Heap) setWindow(ptr uint64) {
	h.ec.GCAllocPtr = ptr
	h.ec.GCAllocLimit = h.end
	if h.cfg.Stress {
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
	act := &h.spaces[h.cur]
	r := uint64(ref)
	if ref&(abi.ObjectAlign-1) != 0 || r < act.start || r+abi.HeaderSize > h.ec.GCAllocPtr {
		return 0, nil, 0, fmt.Errorf("%w: %#x outside the live heap", ErrCorrupt, ref)
	}
	id, l, size, err := h.header(r, h.types.snapshot())
	if err != nil {
		return 0, nil, 0, err
	}
	if r+uint64(size) > h.ec.GCAllocPtr {
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
	if l == nil || abi.HeaderKind(w0) != l.Kind || w0&abi.FlagMask != 0 {
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
