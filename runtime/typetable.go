package runtime

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/wasm"
)

// maxTypeIDs bounds the canonical types of one Engine: the type table
// reserves room for this many records up front (16 MiB of address space,
// committed as types appear) so that its address never changes.
const maxTypeIDs = 1 << 18

// typeTableChunk is how much of the type table is committed at a time.
const typeTableChunk = 64 << 10

// typeTable is the run-time view of an Engine's canonical types: the
// VMTypeInfo records generated code reads through ExecContext.TypeTable,
// and the object layouts the collector and the host API use. Both are
// filled when a module is compiled, before any code or object of its
// types exists, and never change afterwards.
type typeTable struct {
	mu        sync.Mutex
	res       reservation
	committed uint64 // bytes of res that are read-write
	defined   []bool // by canonical id
	layouts   gc.Types
}

func newTypeTable() (*typeTable, error) {
	res, err := reserve(maxTypeIDs * abi.VMTypeInfoSize)
	if err != nil {
		return nil, fmt.Errorf("runtime: reserving the type table: %w", err)
	}
	return &typeTable{res: res}, nil
}

// addr is the table's address, for ExecContext.TypeTable.
func (t *typeTable) addr() uintptr { return t.res.base() }

func (t *typeTable) free() { t.res.free() }

// define enters the canonical types ids (a module's, from reg) that are
// not in the table yet.
func (t *typeTable) define(reg *wasm.TypeRegistry, ids []wasm.TypeID) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	isFunc := func(h wasm.HeapType) bool {
		info := reg.Info(wasm.TypeID(h))
		return info != nil && info.Sub.Comp.Kind == wasm.CompFunc
	}
	for _, id := range ids {
		if int(id) < len(t.defined) && t.defined[id] {
			continue
		}
		if id >= maxTypeIDs {
			return fmt.Errorf("%w: more than %d distinct types in one Engine", ErrLimit, maxTypeIDs)
		}
		info := reg.Info(id)
		if info == nil {
			return fmt.Errorf("runtime: type %d is not canonical", id)
		}
		l, err := gc.LayoutOf(&info.Sub.Comp, isFunc)
		if err != nil {
			return err
		}
		if err := t.layouts.Define(uint32(id), l); err != nil {
			return err
		}
		off := uint64(id) * abi.VMTypeInfoSize
		if end := off + abi.VMTypeInfoSize; end > t.committed {
			end = min((end+typeTableChunk-1)&^(typeTableChunk-1), uint64(len(t.res.mem)))
			if err := t.res.commit(t.committed, end); err != nil {
				return fmt.Errorf("runtime: growing the type table: %w", err)
			}
			t.committed = end
		}
		*t.record(id) = abi.VMTypeInfoOf(info)
		if int(id) >= len(t.defined) {
			t.defined = append(t.defined, make([]bool, int(id)+1-len(t.defined))...)
		}
		t.defined[id] = true
	}
	return nil
}

// record returns the VMTypeInfo of a defined type.
func (t *typeTable) record(id wasm.TypeID) *abi.VMTypeInfo {
	return (*abi.VMTypeInfo)(unsafe.Pointer(&t.res.mem[uint64(id)*abi.VMTypeInfoSize]))
}
