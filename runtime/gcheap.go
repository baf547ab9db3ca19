package runtime

import (
	"errors"
	"fmt"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/gc"
)

// heap returns the Store's GC heap, creating it (and the ExecContext,
// whose allocation window it shares) on first use: a Store that never
// allocates a GC object reserves no heap. Until then the window is empty
// (GCAllocPtr = GCAllocLimit = 0), so generated code's first allocation
// exits to Go, which creates the heap and sets GCHeapBase; no object, and
// so no use of the base, exists before.
func (st *Store) heap() (*gc.Heap, error) {
	if st.res.heap != nil {
		return st.res.heap, nil
	}
	ec, err := st.execContext()
	if err != nil {
		return nil, err
	}
	tt, err := st.eng.typeTable()
	if err != nil {
		return nil, err
	}
	stress := st.eng.cfg.GCStress
	h, err := gc.New(&tt.layouts, ec, gc.Config{Limit: st.limits.MaxGCHeapBytes, Stress: stress, Poison: stress})
	if err != nil {
		return nil, err
	}
	st.res.heap = h
	return h, nil
}

// alloc allocates an object of canonical type id (an array of n elements,
// or a struct) for Go code: constant expressions, the bulk array
// instructions, the host API. Like generated code's slow path it goes
// through gc.Heap.Alloc, and with it abi's size rule. Every reference Go
// holds across it must be a root (an Object, a global, a table element,
// an element segment).
func (st *Store) alloc(id uint32, n uint32) (uint32, error) {
	h, err := st.heap()
	if err != nil {
		return 0, err
	}
	ref, err := h.Alloc(id, n, (*storeRoots)(st))
	return ref, st.afterGC(h, err)
}

// collect runs a collection of the Store's heap now.
func (st *Store) collect() error {
	h, err := st.heap()
	if err != nil {
		return err
	}
	return st.afterGC(h, h.Collect((*storeRoots)(st)))
}

// afterGC frees the host values that a major collection, if one just
// completed, found unreferenced, and turns the heap's errors into traps.
func (st *Store) afterGC(h *gc.Heap, err error) error {
	if n := h.Stats().MajorCollections; n != st.sweptAt {
		st.host.sweep()
		st.sweptAt = n
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gc.ErrAllocationTooLarge):
		return newTrap(abi.TrapAllocationTooLarge)
	case errors.Is(err, gc.ErrOutOfMemory):
		return newTrap(abi.TrapGCHeapOutOfMemory)
	}
	return err
}

// gcAllocExit serves abi.ExitGCAlloc: the inline allocation path of
// generated code found too little space (or stress mode gave it none).
func (st *Store) gcAllocExit(ec *abi.ExecContext) error {
	id, n := ec.Scratch[0], ec.Scratch[1]
	if id > abi.NoTypeID {
		return fmt.Errorf("runtime: GC allocation of type %#x", id)
	}
	var ref uint32
	var err error = newTrap(abi.TrapAllocationTooLarge)
	if n <= 1<<32-1 {
		ref, err = st.alloc(uint32(id), uint32(n))
	}
	var t *Trap
	if errors.As(err, &t) {
		return st.trapAtExit(ec, t.Code)
	}
	if err != nil {
		return err
	}
	ec.Scratch[0] = uint64(ref)
	return nil
}

// GCStats describes the activity of a Store's GC heap.
type GCStats = gc.Stats

// GC runs a garbage collection of the Store's GC heap now.
func (st *Store) GC() error {
	if err := st.check(); err != nil {
		return err
	}
	return st.collect()
}

// GCStats returns the statistics of the Store's GC heap (all zero before
// anything created it).
func (st *Store) GCStats() GCStats {
	if st.res.closed || st.res.heap == nil {
		return GCStats{}
	}
	return st.res.heap.Stats()
}
