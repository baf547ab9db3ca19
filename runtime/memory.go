package runtime

import (
	"fmt"

	"github.com/sablewasm/sable/abi"
)

// PageSize is the size of a WebAssembly memory page.
const PageSize = 65536

// The largest memories the spec allows, in pages.
const (
	maxPages32 = 1 << 16
	maxPages64 = 1 << 48
)

// Memory is a linear memory. Its address space (up to its maximum, capped
// by StoreLimits.MaxMemoryPages) is reserved when it is created, so its
// base address never moves; growing commits more of the reservation.
type Memory struct {
	st  *Store
	typ MemoryType
	max uint64 // effective maximum, pages
	res reservation
	def *abi.VMMemoryDef // shared with generated code: base and length
}

func (*Memory) extern() {}

// NewMemory creates a memory of type t in st, t.Min pages long.
func (st *Store) NewMemory(t MemoryType) (*Memory, error) {
	if err := st.check(); err != nil {
		return nil, err
	}
	max := uint64(maxPages32)
	if t.Is64 {
		max = maxPages64
	}
	if t.HasMax && t.Max < max {
		max = t.Max
	}
	if t.Min > max {
		return nil, fmt.Errorf("runtime: memory minimum of %d pages exceeds its maximum of %d", t.Min, max)
	}
	max = min(max, st.limits.MaxMemoryPages)
	if t.Min > max {
		return nil, fmt.Errorf("%w: memory of %d pages; the limit is %d", ErrLimit, t.Min, max)
	}
	if max > uint64(maxInt)/PageSize {
		return nil, fmt.Errorf("%w: cannot reserve %d pages of address space", ErrLimit, max)
	}
	res, err := reserve(max * PageSize)
	if err != nil {
		return nil, fmt.Errorf("runtime: reserving %d pages of memory: %w", max, err)
	}
	st.res.reserved = append(st.res.reserved, res)
	def, err := offheapNew[abi.VMMemoryDef](st)
	if err != nil {
		return nil, err
	}
	def.Base = res.base()
	m := &Memory{st: st, typ: t, max: max, res: res, def: def}
	if err := res.commit(0, t.Min*PageSize); err != nil {
		return nil, err
	}
	def.Len = t.Min * PageSize
	return m, nil
}

// Type returns the memory's type; its minimum is the current size, which
// is what import matching compares.
func (m *Memory) Type() *MemoryType {
	t := m.typ
	t.Min = m.Size()
	return &t
}

// Size is the current size in pages.
func (m *Memory) Size() uint64 { return m.def.Len / PageSize }

// Grow grows the memory by delta pages and returns its previous size. It
// fails with ErrLimit beyond the memory's maximum or the Store's limit.
func (m *Memory) Grow(delta uint64) (uint64, error) {
	if err := m.st.check(); err != nil {
		return 0, err
	}
	old := m.grow(delta)
	if old < 0 {
		return 0, fmt.Errorf("%w: cannot grow memory of %d pages by %d (maximum %d)", ErrLimit, m.Size(), delta, m.max)
	}
	return uint64(old), nil
}

// grow is memory.grow: the previous size in pages, or -1 if the memory
// cannot grow by delta pages.
func (m *Memory) grow(delta uint64) int64 {
	old := m.Size()
	if delta > m.max-old {
		return -1
	}
	if err := m.res.commit(m.def.Len, (old+delta)*PageSize); err != nil {
		return -1
	}
	m.def.Len = (old + delta) * PageSize
	return int64(old)
}

// Bytes returns the memory's current contents. The slice aliases the
// memory: writes through it are visible to WebAssembly. It keeps its
// length when the memory grows (call Bytes again to see the new pages) and
// must not be used after the Store is closed.
func (m *Memory) Bytes() []byte {
	if m.st.res.closed {
		return nil
	}
	return m.res.mem[:m.def.Len:m.def.Len]
}

// Read copies len(buf) bytes at offset into buf. An access beyond the
// memory's size reads nothing and returns ErrOutOfBoundsMemory.
func (m *Memory) Read(offset uint64, buf []byte) error {
	b, err := m.span(offset, len(buf))
	if err == nil {
		copy(buf, b)
	}
	return err
}

// Write copies data into the memory at offset. An access beyond the
// memory's size writes nothing and returns ErrOutOfBoundsMemory.
func (m *Memory) Write(offset uint64, data []byte) error {
	b, err := m.span(offset, len(data))
	if err == nil {
		copy(b, data)
	}
	return err
}

func (m *Memory) span(offset uint64, n int) ([]byte, error) {
	if err := m.st.check(); err != nil {
		return nil, err
	}
	if offset > m.def.Len || uint64(n) > m.def.Len-offset {
		return nil, newTrap(abi.TrapMemoryOutOfBounds)
	}
	return m.res.mem[offset : offset+uint64(n)], nil
}
