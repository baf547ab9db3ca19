package runtime

import (
	"fmt"
	"sync"
	"unsafe"
)

// storeRoots is a Store seen as the root set of its GC heap (gc.Roots and
// gc.HostMarker): every place outside the heap where a reference to a GC
// object or a host value may live.
type storeRoots Store

// VisitRoots visits, in this order: the reference slots of every Wasm
// frame of every live activation (by the stack map of its PC), the
// globals and tables of GC reference type, the evaluated element segments
// of every instance, and the objects Go holds (rootTable).
func (r *storeRoots) VisitRoots(visit func(*uint32)) error {
	st := (*Store)(r)
	if err := st.visitStack(visit); err != nil {
		return err
	}
	for _, g := range st.refGlobals {
		visit((*uint32)(unsafe.Pointer(&g.cell[0])))
	}
	for _, t := range st.refTables {
		visitWords(t.elems(), visit)
	}
	for _, inst := range st.refInstances {
		for i, refs := range inst.segs.elemRefs {
			if inst.segs.elemGC[i] {
				visitWords(refs, visit)
			}
		}
	}
	st.roots.visit(visit)
	return nil
}

// holdsGCRefs reports whether values of type t are GC references (of the
// any or extern hierarchies), which the collector must see.
func (e *Engine) holdsGCRefs(t ValType) bool {
	if t.Kind != KindRef {
		return false
	}
	top := e.top(t.Heap)
	return top == HeapAny || top == HeapExtern
}

// trackGlobal, trackTable and trackInstance make the Store's collector
// see a global or table of GC reference type, or an instance with element
// segments holding GC references.
func (st *Store) trackGlobal(g *Global) {
	if st.eng.holdsGCRefs(g.typ.Type) {
		st.refGlobals = append(st.refGlobals, g)
	}
}

func (st *Store) trackTable(t *Table) {
	if st.eng.holdsGCRefs(t.typ.Elem) {
		st.refTables = append(st.refTables, t)
	}
}

func (st *Store) trackInstance(inst *Instance) {
	if !inst.tracked {
		inst.tracked = true
		st.refInstances = append(st.refInstances, inst)
	}
}

// BeginMarking starts a major collection's marking of host values.
func (r *storeRoots) BeginMarking() { r.host.startMarking() }

// MarkHost records that host value h is still referred to.
func (r *storeRoots) MarkHost(h uint32) { r.host.mark(h) }

// visitWords visits the low halves of 64-bit reference words.
func visitWords(words []uint64, visit func(*uint32)) {
	for i := range words {
		if words[i] != 0 {
			visit((*uint32)(unsafe.Pointer(&words[i])))
		}
	}
}

// visitStack visits the slots the stack maps list for every frame of
// every activation, from the innermost exit out.
func (st *Store) visitStack(visit func(*uint32)) error {
	ec := st.res.exec
	if ec == nil {
		return nil
	}
	for act := range ec.Activations() {
		for pc, fp := range st.frames(act) {
			slots := st.stackMapAt(pc)
			for _, s := range slots {
				addr := fp + uintptr(int64(s))
				if !st.onStack(addr, 8) {
					return fmt.Errorf("runtime: stack map slot %d of frame %#x at pc %#x is off the Wasm stack", s, fp, pc)
				}
				visit(*(**uint32)(unsafe.Pointer(&addr)))
			}
		}
	}
	return nil
}

// stackMapAt returns the reference slots of safepoint pc in any module of
// the Store.
func (st *Store) stackMapAt(pc uintptr) []int32 {
	for _, mod := range st.modules {
		if c := mod.code; c != nil && c.contains(pc) {
			slots, _ := c.stackMapAt(pc)
			return slots
		}
	}
	return nil
}

// rootTable holds the references of the Objects Go code holds: each
// Object owns one slot, which the collector updates when the object
// moves. A slot is freed by Release, by the Scope that owns the Object,
// or, for an Object nobody released, once Go's collector finds it
// unreachable (its cleanup queues the slot, and the Store frees queued
// slots on its own goroutine).
type rootTable struct {
	refs    []uint32
	free    []int32
	orphans *orphanQueue
}

// orphanQueue receives the slots of Objects that became unreachable,
// from Go's cleanup goroutine.
type orphanQueue struct {
	mu    sync.Mutex
	slots []int32
}

func (q *orphanQueue) push(slot int32) {
	q.mu.Lock()
	q.slots = append(q.slots, slot)
	q.mu.Unlock()
}

// add takes a slot for ref.
func (t *rootTable) add(ref uint32) int32 {
	t.reclaim()
	if n := len(t.free); n > 0 {
		s := t.free[n-1]
		t.free = t.free[:n-1]
		t.refs[s] = ref
		return s
	}
	t.refs = append(t.refs, ref)
	return int32(len(t.refs) - 1)
}

func (t *rootTable) release(slot int32) {
	t.refs[slot] = 0
	t.free = append(t.free, slot)
}

// reclaim frees the slots of unreachable Objects.
func (t *rootTable) reclaim() {
	q := t.orphans
	q.mu.Lock()
	slots := q.slots
	q.slots = nil
	q.mu.Unlock()
	for _, s := range slots {
		t.release(s)
	}
}

func (t *rootTable) visit(visit func(*uint32)) {
	t.reclaim()
	for i := range t.refs {
		if t.refs[i] != 0 {
			visit(&t.refs[i])
		}
	}
}
