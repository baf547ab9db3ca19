package runtime

import (
	"bytes"
	"errors"
	"testing"
	"unsafe"
)

func TestMemoryGrow(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	m, err := st.NewMemory(MemoryType{Limits: Limits{Min: 1, Max: 3, HasMax: true}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Size() != 1 || len(m.Bytes()) != PageSize {
		t.Fatalf("size %d pages, %d bytes", m.Size(), len(m.Bytes()))
	}
	base := unsafe.SliceData(m.Bytes())
	if old, err := m.Grow(2); err != nil || old != 1 {
		t.Fatalf("Grow(2) = %d, %v", old, err)
	}
	if m.Size() != 3 {
		t.Fatalf("size after grow = %d", m.Size())
	}
	if unsafe.SliceData(m.Bytes()) != base {
		t.Error("the base moved on grow")
	}
	// The new pages are zero and writable.
	b := m.Bytes()
	if b[3*PageSize-1] != 0 {
		t.Error("new page not zeroed")
	}
	b[3*PageSize-1] = 7
	// Beyond the maximum: memory.grow's -1, Grow's ErrLimit, no change.
	if got := m.grow(1); got != -1 {
		t.Errorf("grow past max = %d, want -1", got)
	}
	if _, err := m.Grow(1); !errors.Is(err, ErrLimit) {
		t.Errorf("Grow past max: %v", err)
	}
	if m.Size() != 3 {
		t.Errorf("failed grow changed the size to %d", m.Size())
	}
	// Growing by 0 reports the size and always succeeds.
	if got := m.grow(0); got != 3 {
		t.Errorf("grow(0) = %d", got)
	}
	// Overflowing deltas fail cleanly.
	if got := m.grow(^uint64(0)); got != -1 {
		t.Errorf("grow(max uint64) = %d", got)
	}
}

func TestMemoryStoreLimit(t *testing.T) {
	st := newTestStore(t, StoreLimits{MaxMemoryPages: 4})
	if _, err := st.NewMemory(MemoryType{Limits: Limits{Min: 5}}); !errors.Is(err, ErrLimit) {
		t.Errorf("memory over the store limit: %v", err)
	}
	// No declared maximum: the store's limit is the maximum.
	m, err := st.NewMemory(MemoryType{Limits: Limits{Min: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if m.grow(3) != 1 || m.grow(1) != -1 {
		t.Error("grow did not stop at the store limit")
	}
	// memory64 without a maximum reserves only the store's budget.
	m64, err := st.NewMemory(MemoryType{Limits: Limits{Min: 0}, Is64: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(m64.res.mem) != 4*PageSize {
		t.Errorf("memory64 reserved %d bytes, want %d", len(m64.res.mem), 4*PageSize)
	}
	if m64.Size() != 0 || len(m64.Bytes()) != 0 {
		t.Error("empty memory is not empty")
	}
}

func TestMemoryReadWrite(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	m, err := st.NewMemory(MemoryType{Limits: Limits{Min: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Write(PageSize-3, []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 3)
	if err := m.Read(PageSize-3, buf); err != nil || !bytes.Equal(buf, []byte{1, 2, 3}) {
		t.Fatalf("Read = %v, %v", buf, err)
	}
	for _, off := range []uint64{PageSize - 2, PageSize + 1, ^uint64(0)} {
		if err := m.Write(off, []byte{9, 9, 9}); !errors.Is(err, ErrOutOfBoundsMemory) {
			t.Errorf("Write at %#x: %v", off, err)
		}
		if err := m.Read(off, buf); !errors.Is(err, ErrOutOfBoundsMemory) {
			t.Errorf("Read at %#x: %v", off, err)
		}
	}
	if m.Bytes()[PageSize-1] != 3 {
		t.Error("a failed write changed memory")
	}
	// An empty access at the very end is in bounds, as in Wasm.
	if err := m.Write(PageSize, nil); err != nil {
		t.Errorf("empty write at the end: %v", err)
	}
}

func TestMemoryAfterClose(t *testing.T) {
	st := NewStore(NewEngine(Config{}), StoreLimits{})
	m, err := st.NewMemory(MemoryType{Limits: Limits{Min: 1}})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := m.Write(0, []byte{1}); !errors.Is(err, ErrStoreClosed) {
		t.Errorf("Write after Close: %v", err)
	}
	if m.Bytes() != nil {
		t.Error("Bytes after Close is not nil")
	}
	if _, err := st.NewMemory(MemoryType{}); !errors.Is(err, ErrStoreClosed) {
		t.Errorf("NewMemory after Close: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// A store limit beyond the address space fails cleanly instead of
// overflowing the reservation size.
func TestMemoryHugeLimit(t *testing.T) {
	st := newTestStore(t, StoreLimits{MaxMemoryPages: 1 << 48, MaxTableElements: 1 << 63})
	if _, err := st.NewMemory(MemoryType{Limits: Limits{Min: 1}, Is64: true}); err == nil {
		t.Error("reserved 2^64 bytes")
	}
	if _, err := st.NewTable(TableType{Elem: TypeFuncRef, Is64: true}, NullRef(HeapFunc)); err == nil {
		t.Error("reserved a table of 2^63 elements")
	}
	// A declared maximum keeps the reservation small whatever the limit.
	if _, err := st.NewMemory(MemoryType{Limits: Limits{Min: 1, Max: 2, HasMax: true}, Is64: true}); err != nil {
		t.Error(err)
	}
}
