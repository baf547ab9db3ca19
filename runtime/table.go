package runtime

import (
	"fmt"
	"unsafe"

	"github.com/sablewasm/sable/abi"
)

// Table is a table of references. Like a Memory, it reserves its maximum
// size up front, so its element array never moves.
type Table struct {
	st  *Store
	typ TableType
	max uint64 // effective maximum, elements
	res reservation
	def *abi.VMTableDef // shared with generated code: base and length
}

func (*Table) extern() {}

// NewTable creates a table of type t in st with t.Min elements set to init.
func (st *Store) NewTable(t TableType, init Value) (*Table, error) {
	if err := st.check(); err != nil {
		return nil, err
	}
	if t.Elem.Kind != KindRef {
		return nil, fmt.Errorf("runtime: table element type %v is not a reference type", t.Elem)
	}
	if !st.eng.valueFits(init, t.Elem) {
		return nil, fmt.Errorf("runtime: table initial value %v does not fit %v", init, t.Elem)
	}
	raw, err := st.toRaw(init)
	if err != nil {
		return nil, err
	}
	return st.newTable(t, raw.lo)
}

func (st *Store) newTable(t TableType, init uint64) (*Table, error) {
	max := uint64(1<<32 - 1)
	if t.Is64 {
		max = 1<<64 - 1
	}
	if t.HasMax && t.Max < max {
		max = t.Max
	}
	max = min(max, st.limits.MaxTableElements)
	if t.Min > max {
		return nil, fmt.Errorf("%w: table of %d elements; the limit is %d", ErrLimit, t.Min, max)
	}
	if max > uint64(maxInt)/8 {
		return nil, fmt.Errorf("%w: cannot reserve a table of %d elements", ErrLimit, max)
	}
	res, err := reserve(max * 8)
	if err != nil {
		return nil, fmt.Errorf("runtime: reserving a table of %d elements: %w", max, err)
	}
	st.res.reserved = append(st.res.reserved, res)
	def, err := offheapNew[abi.VMTableDef](st)
	if err != nil {
		return nil, err
	}
	def.Base = res.base()
	tb := &Table{st: st, typ: t, max: max, res: res, def: def}
	if tb.grow(t.Min, init) < 0 {
		return nil, fmt.Errorf("runtime: cannot commit a table of %d elements", t.Min)
	}
	st.trackTable(tb)
	return tb, nil
}

// Type returns the table's type; its minimum is the current size.
func (t *Table) Type() *TableType {
	tt := t.typ
	tt.Min = t.Size()
	return &tt
}

// Size is the current number of elements.
func (t *Table) Size() uint64 { return t.def.Len }

// elems is the committed element array.
func (t *Table) elems() []uint64 {
	return unsafe.Slice((*uint64)(unsafe.Pointer(&t.res.mem[0])), t.def.Len)
}

// Get returns element i, or ErrOutOfBoundsTable.
func (t *Table) Get(i uint64) (Value, error) {
	if err := t.st.check(); err != nil {
		return Value{}, err
	}
	if i >= t.def.Len {
		return Value{}, newTrap(abi.TrapTableOutOfBounds)
	}
	return t.st.fromRaw(t.typ.Elem, rawValue{lo: t.elems()[i]})
}

// Set stores v as element i. v must fit the element type.
func (t *Table) Set(i uint64, v Value) error {
	if err := t.st.check(); err != nil {
		return err
	}
	if !t.st.eng.valueFits(v, t.typ.Elem) {
		return fmt.Errorf("runtime: %v does not fit table of %v", v, t.typ.Elem)
	}
	if i >= t.def.Len {
		return newTrap(abi.TrapTableOutOfBounds)
	}
	raw, err := t.st.toRaw(v)
	if err != nil {
		return err
	}
	t.elems()[i] = raw.lo
	return nil
}

// Grow adds delta elements set to init and returns the previous size. It
// fails with ErrLimit beyond the table's maximum or the Store's limit.
func (t *Table) Grow(delta uint64, init Value) (uint64, error) {
	if err := t.st.check(); err != nil {
		return 0, err
	}
	if !t.st.eng.valueFits(init, t.typ.Elem) {
		return 0, fmt.Errorf("runtime: %v does not fit table of %v", init, t.typ.Elem)
	}
	raw, err := t.st.toRaw(init)
	if err != nil {
		return 0, err
	}
	old := t.grow(delta, raw.lo)
	if old < 0 {
		return 0, fmt.Errorf("%w: cannot grow table of %d elements by %d (maximum %d)", ErrLimit, t.Size(), delta, t.max)
	}
	return uint64(old), nil
}

// grow is table.grow: the previous size, or -1 if the table cannot grow by
// delta elements.
func (t *Table) grow(delta, init uint64) int64 {
	old := t.def.Len
	if delta > t.max-old {
		return -1
	}
	if err := t.res.commit(old*8, (old+delta)*8); err != nil {
		return -1
	}
	t.def.Len = old + delta
	if init != 0 {
		e := t.elems()
		for i := old; i < old+delta; i++ {
			e[i] = init
		}
	}
	return int64(old)
}
