package gc

import (
	"errors"
	"fmt"
	"testing"

	"github.com/sablewasm/sable/abi"
)

// Type ids of the test type table.
const (
	tEmpty  = iota // (struct)
	tPair          // (struct (field anyref) (field anyref))
	tMixed         // (struct (field i8) (field anyref) (field i64) (field i16) (field anyref))
	tFunc          // a function type: no layout
	tRefArr        // (array anyref)
	tI8Arr         // (array i8)
	tI16Arr
	tI32Arr
	tI64Arr
	tF32Arr
	tF64Arr
	tV128Arr
	tFuncArr // (array funcref): 8-byte untraced elements
)

var arrayTypes = map[abi.Storage]uint32{
	abi.StorageGCRef: tRefArr, abi.StorageI8: tI8Arr, abi.StorageI16: tI16Arr, abi.StorageI32: tI32Arr,
	abi.StorageI64: tI64Arr, abi.StorageF32: tF32Arr, abi.StorageF64: tF64Arr, abi.StorageV128: tV128Arr,
	abi.StorageFuncRef: tFuncArr,
}

func testTypes(t testing.TB) *Types {
	t.Helper()
	var ts Types
	def := func(id uint32, l *Layout) {
		if err := ts.Define(id, l); err != nil {
			t.Fatal(err)
		}
	}
	// Every reference field and element is mutable: the tests store
	// into old objects.
	strct := func(fields ...abi.Storage) *Layout {
		sl, err := abi.LayoutStruct(fields)
		if err != nil {
			t.Fatal(err)
		}
		return &Layout{Kind: abi.KindStruct, Struct: sl, Fields: fields, MutableRefs: len(sl.RefOffsets) > 0}
	}
	def(tEmpty, strct())
	def(tPair, strct(abi.StorageGCRef, abi.StorageGCRef))
	def(tMixed, strct(abi.StorageI8, abi.StorageGCRef, abi.StorageI64, abi.StorageI16, abi.StorageGCRef))
	def(tFunc, nil)
	for s, id := range arrayTypes {
		def(id, &Layout{Kind: abi.KindArray, Array: abi.LayoutArray(s), MutableRefs: s == abi.StorageGCRef})
	}
	return &ts
}

// rootSlice is a Roots of plain words.
type rootSlice []uint32

func (r rootSlice) VisitRoots(visit func(*uint32)) error {
	for i := range r {
		visit(&r[i])
	}
	return nil
}

type testHeap struct {
	*Heap
	t  testing.TB
	ec *abi.ExecContext
}

func newTestHeap(t testing.TB, cfg Config) *testHeap {
	t.Helper()
	ec, err := abi.NewExecContext()
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(testTypes(t), ec, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Free(); ec.Free() })
	return &testHeap{Heap: h, t: t, ec: ec}
}

func (h *testHeap) alloc(id, n uint32, roots Roots) uint32 {
	h.t.Helper()
	if roots == nil {
		roots = rootSlice(nil)
	}
	r, err := h.Alloc(id, n, roots)
	if err != nil {
		h.t.Fatalf("Alloc(%d, %d): %v", id, n, err)
	}
	return r
}

func (h *testHeap) field(ref uint32, id uint32, i int) uint32 {
	off := h.types.Lookup(id).Struct.Offsets[i]
	return h.load32(uint64(ref) + uint64(off))
}

func (h *testHeap) setField(ref uint32, id uint32, i int, v uint32) {
	off := h.types.Lookup(id).Struct.Offsets[i]
	h.store32(uint64(ref)+uint64(off), v)
}

func (h *testHeap) collect(roots Roots) {
	h.t.Helper()
	if err := h.Collect(roots); err != nil {
		h.t.Fatal(err)
	}
}

func TestAllocHeaders(t *testing.T) {
	h := newTestHeap(t, Config{})
	s := h.alloc(tMixed, 0, nil)
	a := h.alloc(tI16Arr, 5, nil)
	if s == 0 || s&7 != 0 || a&7 != 0 || a <= s {
		t.Fatalf("refs %#x %#x", s, a)
	}
	for _, c := range []struct {
		ref, id uint32
		kind    abi.Kind
		length  uint32
	}{{s, tMixed, abi.KindStruct, 0}, {a, tI16Arr, abi.KindArray, 5}} {
		w0, err := abi.HeaderWord(c.kind, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.load32(uint64(c.ref)); got != w0 {
			t.Errorf("header word 0 of %d = %#x, want %#x", c.id, got, w0)
		}
		id, l, n, err := h.Object(c.ref)
		if err != nil || id != c.id || l.Kind != c.kind || n != c.length {
			t.Errorf("Object(%#x) = %d, %v, %d, %v", c.ref, id, l, n, err)
		}
	}
	// Fields and elements start zeroed.
	for _, b := range h.Bytes(s, abi.HeaderSize, h.types.Lookup(tMixed).Struct.Size-abi.HeaderSize) {
		if b != 0 {
			t.Fatal("struct not zeroed")
		}
	}
	if _, err := h.Alloc(tFunc, 0, rootSlice(nil)); err == nil {
		t.Error("allocating a function type succeeded")
	}
	if _, err := h.Alloc(1000, 0, rootSlice(nil)); err == nil {
		t.Error("allocating an unknown type succeeded")
	}
}

// The size rule decides alone: every length above MaxLen is too large,
// whatever the heap holds, and every length up to it allocates (given a
// heap limit that can hold it).
func TestSizeRuleBoundaries(t *testing.T) {
	h := newTestHeap(t, Config{})
	for s, id := range arrayTypes {
		l := abi.LayoutArray(s)
		for _, n := range []uint32{0, 1, l.MaxLen, l.MaxLen + 1, 1<<29 - 1, 1<<31 - 1, 1<<32 - 1} {
			t.Run(fmt.Sprintf("storage%d/len%d", s, n), func(t *testing.T) {
				ref, err := h.Alloc(id, n, rootSlice(nil))
				if n > l.MaxLen {
					if !errors.Is(err, ErrAllocationTooLarge) {
						t.Fatalf("got %#x, %v; want %v", ref, err, ErrAllocationTooLarge)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				_, _, got, err := h.Object(ref)
				if err != nil || got != n {
					t.Fatalf("length %d, %v", got, err)
				}
				size, _ := l.Size(n)
				if size > abi.MaxObjectBytes {
					t.Fatalf("size %d above MaxObjectBytes", size)
				}
				// The last element is addressable and zero.
				if n > 0 {
					last := h.Bytes(ref, l.ElemOffset+(n-1)*l.ElemSize, l.ElemSize)
					for _, b := range last {
						if b != 0 {
							t.Fatal("last element not zero")
						}
					}
				}
			})
		}
	}
}

// A list and a DAG survive collections with their shape and data, and
// every object moves.
func TestCollectMovesAndPreserves(t *testing.T) {
	h := newTestHeap(t, Config{})
	roots := make(rootSlice, 3)
	// A list of 1000 tMixed cells: field 1 = next, field 2 (i64) = index.
	for i := range 1000 {
		c := h.alloc(tMixed, 0, roots)
		h.setField(c, tMixed, 1, roots[0])
		off := h.types.Lookup(tMixed).Struct.Offsets[2]
		h.store32(uint64(c)+uint64(off), uint32(i))
		h.Bytes(c, h.types.Lookup(tMixed).Struct.Offsets[0], 1)[0] = byte(i)
		roots[0] = c
		h.alloc(tI32Arr, 17, roots) // garbage between the cells
	}
	// A shared child reachable twice, an i31 and a host reference.
	shared := h.alloc(tEmpty, 0, roots)
	roots[1] = shared
	p := h.alloc(tPair, 0, roots)
	h.setField(p, tPair, 0, roots[1])
	h.setField(p, tPair, 1, roots[1])
	roots[1] = p
	roots[2] = 7<<1 | 1
	before := append(rootSlice(nil), roots...)
	h.collect(roots)
	if roots[0] == before[0] || roots[1] == before[1] {
		t.Error("objects did not move")
	}
	if roots[2] != before[2] {
		t.Error("i31 root changed")
	}
	if a, b := h.field(roots[1], tPair, 0), h.field(roots[1], tPair, 1); a != b || a == 0 {
		t.Errorf("shared child forwarded to %#x and %#x", a, b)
	}
	n := 0
	for c := roots[0]; c != 0; c = h.field(c, tMixed, 1) {
		want := 999 - n
		off := h.types.Lookup(tMixed).Struct.Offsets[2]
		if got := h.load32(uint64(c) + uint64(off)); got != uint32(want) {
			t.Fatalf("cell %d holds %d", want, got)
		}
		if got := h.Bytes(c, h.types.Lookup(tMixed).Struct.Offsets[0], 1)[0]; got != byte(want) {
			t.Fatalf("cell %d i8 holds %d", want, got)
		}
		n++
	}
	if n != 1000 {
		t.Fatalf("list has %d cells after collection", n)
	}
	live := uint64(1000*h.types.Lookup(tMixed).Struct.Size + h.types.Lookup(tEmpty).Struct.Size + h.types.Lookup(tPair).Struct.Size)
	if s := h.Stats(); s.LiveBytes != live {
		t.Errorf("live bytes %d, want %d (garbage kept?)", s.LiveBytes, live)
	}
}

// Cycles, self references and a root visited twice.
func TestCollectCyclesAndDuplicateRoots(t *testing.T) {
	h := newTestHeap(t, Config{})
	roots := make(rootSlice, 3)
	a := h.alloc(tPair, 0, roots)
	roots[0] = a
	b := h.alloc(tPair, 0, roots)
	a = roots[0]
	h.setField(a, tPair, 0, b)
	h.setField(b, tPair, 0, a)
	h.setField(b, tPair, 1, b)
	roots[1], roots[2] = a, a
	h.collect(roots)
	a = roots[0]
	if roots[1] != a || roots[2] != a {
		t.Fatalf("duplicate roots forwarded apart: %#x %#x %#x", roots[0], roots[1], roots[2])
	}
	b = h.field(a, tPair, 0)
	if h.field(b, tPair, 0) != a || h.field(b, tPair, 1) != b {
		t.Fatal("cycle broken")
	}
	if s := h.Stats(); s.LiveBytes != 2*uint64(h.types.Lookup(tPair).Struct.Size) {
		t.Errorf("live %d", s.LiveBytes)
	}
}

// Arrays of references are traced element by element; arrays of funcrefs
// (8-byte addresses) are not.
func TestCollectArrays(t *testing.T) {
	h := newTestHeap(t, Config{})
	roots := make(rootSlice, 2)
	arr := h.alloc(tRefArr, 100, roots)
	roots[0] = arr
	for i := range uint32(100) {
		s := h.alloc(tMixed, 0, roots)
		l := h.types.Lookup(tRefArr).Array
		h.store32(uint64(roots[0])+uint64(l.ElemOffset+4*i), s)
		h.Bytes(s, h.types.Lookup(tMixed).Struct.Offsets[0], 1)[0] = byte(i)
	}
	fa := h.alloc(tFuncArr, 3, roots)
	roots[1] = fa
	fl := h.types.Lookup(tFuncArr).Array
	h.Bytes(roots[1], fl.ElemOffset, 8)[0] = 0x40 // an 8-aligned "address": must not be followed
	h.collect(roots)
	l := h.types.Lookup(tRefArr).Array
	for i := range uint32(100) {
		s := h.load32(uint64(roots[0]) + uint64(l.ElemOffset+4*i))
		if _, _, _, err := h.Object(s); err != nil {
			t.Fatal(err)
		}
		if got := h.Bytes(s, h.types.Lookup(tMixed).Struct.Offsets[0], 1)[0]; got != byte(i) {
			t.Fatalf("element %d holds %d", i, got)
		}
	}
	if got := h.Bytes(roots[1], fl.ElemOffset, 8)[0]; got != 0x40 {
		t.Fatalf("funcref element rewritten to %#x", got)
	}
}

// The old generation grows with the live data, up to the limit; beyond it
// Alloc reports ErrOutOfMemory, and the heap recovers once the data dies.
func TestGrowthAndOutOfMemory(t *testing.T) {
	const limit = 4 << 20
	h := newTestHeap(t, Config{Limit: limit, MinCapacity: 64 << 10})
	roots := make(rootSlice, 1)
	size := uint64(h.types.Lookup(tPair).Struct.Size)
	var n uint64
	var err error
	for {
		var c uint32
		if c, err = h.Alloc(tPair, 0, roots); err != nil {
			break
		}
		h.setField(c, tPair, 0, roots[0])
		roots[0] = c
		n++
		if n*size > 2*limit {
			t.Fatal("allocated past the limit")
		}
	}
	if !errors.Is(err, ErrOutOfMemory) {
		t.Fatalf("got %v, want %v", err, ErrOutOfMemory)
	}
	if n*size > limit || n*size < limit-nurseryFloor-size {
		t.Errorf("out of memory with %d live bytes; limit %d", n*size, limit)
	}
	s := h.Stats()
	if s.MajorCollections < 3 || s.Collections <= s.MajorCollections || s.OldBytes+s.NurseryCapacity > limit {
		t.Errorf("stats %+v", s)
	}
	// The list is intact; dropping it makes room again.
	count := uint64(0)
	for c := roots[0]; c != 0; c = h.field(c, tPair, 0) {
		count++
	}
	if count != n {
		t.Fatalf("list of %d cells has %d", n, count)
	}
	roots[0] = 0
	h.alloc(tI8Arr, limit/2, roots)
	if s := h.Stats(); s.OldBytes+s.NurseryCapacity > limit {
		t.Errorf("heap of %d + %d bytes above limit", s.OldBytes, s.NurseryCapacity)
	}
}

// Free space handed to generated code is zero, after collections too.
func TestFreeSpaceIsZero(t *testing.T) {
	h := newTestHeap(t, Config{Nursery: 64 << 10, MinCapacity: 256 << 10})
	roots := make(rootSlice, 1)
	for i := range 20000 {
		a := h.alloc(tI32Arr, uint32(i%7), roots)
		for j := range uint32(i % 7) {
			h.store32(uint64(a)+12+4*uint64(j), 0xdeadbeef)
		}
		if i%3 == 0 {
			roots[0] = a
		}
	}
	if h.Stats().Collections == 0 {
		t.Fatal("no collection ran")
	}
	free := h.reg.mem[h.ec.GCAllocPtr:h.ec.GCAllocLimit]
	for i, b := range free {
		if b != 0 {
			t.Fatalf("free byte at %#x is %#x", h.ec.GCAllocPtr+uint64(i), b)
		}
	}
}

// Stress mode collects at every allocation and gives generated code no
// window; poisoning makes a stale reference fail the checks.
func TestStressAndPoison(t *testing.T) {
	h := newTestHeap(t, Config{Stress: true, Poison: true})
	roots := make(rootSlice, 1)
	a := h.alloc(tPair, 0, roots)
	roots[0] = a
	if h.ec.GCAllocLimit != h.ec.GCAllocPtr {
		t.Fatal("stress mode left an inline allocation window")
	}
	stale := roots[0]
	h.alloc(tEmpty, 0, roots)
	if h.Stats().Collections != 2 {
		t.Fatalf("%d collections for 2 allocations", h.Stats().Collections)
	}
	if roots[0] == stale {
		t.Fatal("object did not move")
	}
	if got := h.load32(uint64(stale)); got != PoisonWord {
		t.Fatalf("evacuated header reads %#x, want poison", got)
	}
	if _, _, _, err := h.Object(stale); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("stale reference accepted: %v", err)
	}
	if _, _, _, err := h.Object(roots[0]); err != nil {
		t.Fatal(err)
	}
	// Many collections later the poisoned spaces are reused cleanly.
	for range 100 {
		c := h.alloc(tPair, 0, roots)
		h.setField(c, tPair, 0, roots[0])
		roots[0] = c
	}
	n := 0
	for c := roots[0]; c != 0; c = h.field(c, tPair, 0) {
		n++
	}
	if n != 101 {
		t.Fatalf("list has %d cells", n)
	}
}

// A reference that cannot be an object fails the collection with
// ErrCorrupt and leaves the heap refusing work, rather than crashing.
func TestCorruptRoots(t *testing.T) {
	for _, bad := range []uint32{8, 0x10, 0xfffffff8, 0x1004} {
		t.Run(fmt.Sprintf("%#x", bad), func(t *testing.T) {
			h := newTestHeap(t, Config{})
			roots := rootSlice{bad}
			if bad == 0x1004 {
				roots[0] = h.alloc(tPair, 0, nil) + 4 // misaligned
			}
			if err := h.Collect(roots); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("got %v", err)
			}
			if _, err := h.Alloc(tEmpty, 0, rootSlice(nil)); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("heap still allocates: %v", err)
			}
		})
	}
	// A bad reference inside an object too.
	h := newTestHeap(t, Config{})
	roots := rootSlice{h.alloc(tPair, 0, nil)}
	h.setField(roots[0], tPair, 1, 0x7ffffff8)
	if err := h.Collect(roots); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("got %v", err)
	}
}

// markingRoots is a Roots that records the host handles marked.
type markingRoots struct {
	rootSlice
	seen []uint32
}

func (m *markingRoots) BeginMarking() { m.seen = nil }

func (m *markingRoots) MarkHost(h uint32) { m.seen = append(m.seen, h) }

func TestHostRefsReported(t *testing.T) {
	h := newTestHeap(t, Config{})
	roots := &markingRoots{rootSlice: rootSlice{5<<2 | 2, 0}}
	p := h.alloc(tPair, 0, roots.rootSlice)
	h.setField(p, tPair, 0, 9<<2|2)
	roots.rootSlice[1] = p
	h.collect(roots)
	if len(roots.seen) != 2 || roots.seen[0] != 5 || roots.seen[1] != 9 {
		t.Fatalf("host handles seen: %v", roots.seen)
	}
	if roots.rootSlice[0] != 5<<2|2 || h.field(roots.rootSlice[1], tPair, 0) != 9<<2|2 {
		t.Fatal("host references rewritten")
	}
}

func TestTypesDefine(t *testing.T) {
	var ts Types
	l := &Layout{Kind: abi.KindArray, Array: abi.LayoutArray(abi.StorageI8)}
	if err := ts.Define(200, l); err != nil {
		t.Fatal(err)
	}
	if ts.Lookup(200) != l || ts.Lookup(199) != nil || ts.Lookup(1<<31) != nil {
		t.Fatal("lookup")
	}
	if err := ts.Define(200, &Layout{Kind: abi.KindStruct}); err == nil {
		t.Fatal("redefinition with another kind accepted")
	}
	if err := ts.Define(200, l); err != nil {
		t.Fatal(err)
	}
}

// A minor collection needs no write barrier: a reference stored into an
// old object (promoted earlier, or allocated in the old generation for its
// size) keeps a young object alive and is updated when it is promoted.
func TestMinorOldToYoung(t *testing.T) {
	h := newTestHeap(t, Config{Nursery: 64 << 10})
	roots := make(rootSlice, 2)
	roots[0] = h.alloc(tPair, 0, roots)
	h.collect(roots)                          // a major collection: roots[0] is old now
	roots[1] = h.alloc(tRefArr, 20000, roots) // larger than half the nursery: born old
	if s := h.Stats(); s.NurseryBytes != 0 {
		t.Fatalf("large array went to the nursery: %+v", s)
	}
	young := h.alloc(tMixed, 0, roots)
	h.Bytes(young, h.types.Lookup(tMixed).Struct.Offsets[0], 1)[0] = 42
	h.setField(roots[0], tPair, 1, young)
	arr := h.types.Lookup(tRefArr).Array
	h.store32(uint64(roots[1])+uint64(arr.ElemOffset)+4*19999, young)
	before := h.Stats()
	for range 10000 { // fill the nursery with garbage: minor collections
		h.alloc(tI32Arr, 4, roots)
	}
	s := h.Stats()
	if s.Collections == before.Collections || s.MajorCollections != before.MajorCollections {
		t.Fatalf("want only minor collections: %+v then %+v", before, s)
	}
	moved := h.field(roots[0], tPair, 1)
	if moved == young || moved < uint32(h.spaces[h.cur].start) || uint64(moved) >= h.old {
		t.Fatalf("young object at %#x, then %#x: not promoted", young, moved)
	}
	if got := h.Bytes(moved, h.types.Lookup(tMixed).Struct.Offsets[0], 1)[0]; got != 42 {
		t.Fatalf("promoted object holds %d", got)
	}
	if got := h.load32(uint64(roots[1]) + uint64(arr.ElemOffset) + 4*19999); got != moved {
		t.Fatalf("old array holds %#x, want %#x", got, moved)
	}
	if s.PromotedBytes-before.PromotedBytes != uint64(h.types.Lookup(tMixed).Struct.Size) {
		t.Errorf("promoted %d bytes; only the one object survives", s.PromotedBytes-before.PromotedBytes)
	}
}
