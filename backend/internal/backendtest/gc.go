//go:build linux

package backendtest

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"sync"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/wasm"
	"golang.org/x/sys/unix"
)

// The harness's GC, standing in for the runtime's: the Engine-wide type
// table and layouts (one for the whole test binary, like harnessTypes), a
// package gc heap per store, the ExitGCAlloc handler, and the roots — the
// stack-map slots of every Wasm frame of every activation, plus the
// reference globals, tables and element segments of the store's
// instances. With -gcstress (or SABLE_GC_STRESS=1) every allocation
// collects and moves every live object, so a reference a stack map
// misses is caught at the next allocation.

var gcStress = flag.Bool("gcstress", gc.StressFromEnv(), "collect at every GC allocation (also SABLE_GC_STRESS=1)")

const maxHarnessTypes = 1 << 16

var harnessGC struct {
	mu      sync.Mutex
	types   gc.Types
	table   []abi.VMTypeInfo // mmap'd: its address never changes
	defined map[wasm.TypeID]bool
}

// defineTypes enters canonical types ids of harnessTypes into the type
// table and the layouts, and returns the table's address. The caller
// holds harnessTypesMu.
func defineTypes(ids []wasm.TypeID) (uintptr, error) {
	g := &harnessGC
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.table == nil {
		b, err := unix.Mmap(-1, 0, maxHarnessTypes*abi.VMTypeInfoSize, unix.PROT_READ|unix.PROT_WRITE,
			unix.MAP_PRIVATE|unix.MAP_ANON|unix.MAP_NORESERVE)
		if err != nil {
			return 0, err
		}
		g.table = unsafe.Slice((*abi.VMTypeInfo)(unsafe.Pointer(&b[0])), maxHarnessTypes)
		g.defined = map[wasm.TypeID]bool{}
	}
	isFunc := func(h wasm.HeapType) bool {
		info := harnessTypes.Info(wasm.TypeID(h))
		return info != nil && info.Sub.Comp.Kind == wasm.CompFunc
	}
	for _, id := range ids {
		if g.defined[id] {
			continue
		}
		if id >= maxHarnessTypes {
			return 0, fmt.Errorf("harness: type id %d beyond the table", id)
		}
		info := harnessTypes.Info(id)
		l, err := gc.LayoutOf(&info.Sub.Comp, isFunc)
		if err != nil {
			return 0, err
		}
		if err := g.types.Define(uint32(id), l); err != nil {
			return 0, err
		}
		g.table[id] = abi.VMTypeInfoOf(info)
		g.defined[id] = true
	}
	return uintptr(unsafe.Pointer(&g.table[0])), nil
}

// Store is what the machines of one test share, as the instances of a
// runtime Store do: one execution context, stack and GC heap.
type Store struct {
	Ctx    *abi.ExecContext
	Heap   *gc.Heap
	values []uint64 // the entry buffer, off the Go heap
	insts  []*Instance
}

// gcAlloc handles ExitGCAlloc.
func (st *Store) gcAlloc() (abi.TrapCode, error) {
	s := &st.Ctx.Scratch
	ref, err := st.Heap.Alloc(uint32(s[0]), uint32(s[1]), st)
	if err != nil {
		if code := allocTrap(err); code != 0 {
			return code, nil
		}
		return 0, err
	}
	s[0] = uint64(ref)
	return 0, nil
}

// allocTrap maps the allocation errors that are traps.
func allocTrap(err error) abi.TrapCode {
	switch {
	case errors.Is(err, gc.ErrAllocationTooLarge):
		return abi.TrapAllocationTooLarge
	case errors.Is(err, gc.ErrOutOfMemory):
		return abi.TrapGCHeapOutOfMemory
	}
	return 0
}

// VisitRoots visits every reference outside the heap (gc.Roots).
func (st *Store) VisitRoots(visit func(*uint32)) error {
	for act := range st.Ctx.Activations() {
		if err := visitFrames(act.WasmFP, act.ContPC, visit); err != nil {
			return err
		}
	}
	for _, vi := range st.insts {
		vi.visitRoots(visit)
	}
	return nil
}

// visitFrames visits the stack-map slots of the frames of one activation,
// from its innermost frame (fp, at pc) to the zero frame pointer below
// its entry. A return address outside every function's code is an entry
// preamble's or a host trampoline's, whose frames hold no references; one
// inside a function must have a stack map.
func visitFrames(fp, pc uintptr, visit func(*uint32)) error {
	for fp != 0 {
		vi, ok := instanceAt(pc)
		if ok {
			off := uint32(pc - vi.codeBase)
			if _, inFunc := vi.mod.FuncAt(off); inFunc {
				i, found := slices.BinarySearchFunc(vi.mod.StackMaps, off, func(m codegen.StackMap, pc uint32) int { return int(m.PC) - int(pc) })
				if !found {
					return fmt.Errorf("harness: no stack map at %#x", off)
				}
				for _, slot := range vi.mod.StackMaps[i].Slots {
					visit((*uint32)(ptr(uintptr(int64(fp) + int64(slot)))))
				}
			}
		}
		pc = *(*uintptr)(ptr(fp + 8))
		fp = *(*uintptr)(ptr(fp))
	}
	return nil
}

// instanceAt finds the instance whose code contains pc.
func instanceAt(pc uintptr) (found *Instance, ok bool) {
	instances.Range(func(_, v any) bool {
		vi := v.(*Instance)
		if pc >= vi.codeBase && pc < vi.codeBase+uintptr(len(vi.mod.Code)) {
			found, ok = vi, true
		}
		return !ok
	})
	return found, ok
}

// visitRoots visits the instance's reference globals, table elements and
// element segment items (8-byte slots, the reference in the low half).
func (vi *Instance) visitRoots(visit func(*uint32)) {
	isGC := func(t wasm.ValType) bool { return vi.mi.IRType(t).IsGCRef() }
	for i, g := range vi.mi.Globals {
		if isGC(g.Type) {
			visit((*uint32)(unsafe.Pointer(vi.globals[i])))
		}
	}
	for i, tt := range vi.mi.Tables {
		if isGC(tt.Elem) {
			t := vi.table(uint64(i))
			for k := range t {
				visit((*uint32)(unsafe.Pointer(&t[k])))
			}
		}
	}
	for i, seg := range vi.mi.Module.Elems {
		if isGC(seg.Type) {
			for k := range vi.elems[i] {
				visit((*uint32)(unsafe.Pointer(&vi.elems[i][k])))
			}
		}
	}
}

// importHeap copies the objects the evaluator allocated while it
// instantiated the module (global initializers, element segments) into
// the native heap, and returns the function that maps an evaluator
// reference to the native one. Every object is allocated through the
// heap's allocator; the references inside them are translated once all
// exist. The new references are roots while this runs (a stress heap
// collects at every allocation).
func (st *Store) importHeap(ev *compiler.Heap) (func(uint64) uint64, error) {
	type obj struct {
		old uint64
		id  uint32
		l   *gc.Layout
		n   uint32
	}
	var objs []obj
	for off := uint64(abi.ObjectAlign); off < uint64(len(ev.Bytes)); {
		kind, id := ev.ObjectKind(off)
		l := harnessGC.types.Lookup(uint32(id))
		if l == nil || l.Kind != kind {
			return nil, fmt.Errorf("harness: evaluator object at %#x has type %d", off, id)
		}
		var n uint32
		if kind == abi.KindArray {
			n = *(*uint32)(unsafe.Pointer(&ev.Bytes[off+abi.ArrayLenOffset]))
		}
		size, _ := l.Size(n)
		objs = append(objs, obj{off, uint32(id), l, n})
		off += uint64(size)
	}
	roots := &sliceRoots{}
	for _, o := range objs {
		ref, err := st.Heap.Alloc(o.id, o.n, rootsPair{st, roots})
		if err != nil {
			return nil, err
		}
		roots.refs = append(roots.refs, ref)
	}
	index := map[uint64]int{}
	for i, o := range objs {
		index[o.old] = i
	}
	translate := func(v uint64) uint64 {
		if !abi.IsObjectRef(v) {
			return v
		}
		return uint64(roots.refs[index[v]])
	}
	for i, o := range objs {
		size, _ := o.l.Size(o.n)
		dst := st.Heap.Bytes(roots.refs[i], 0, size)
		copy(dst[abi.HeaderSize:], ev.Bytes[o.old+abi.HeaderSize:o.old+uint64(size)])
		for _, off := range refOffsets(o.l, o.n) {
			p := (*uint32)(unsafe.Pointer(&dst[off]))
			*p = uint32(translate(uint64(*p)))
		}
	}
	return translate, nil
}

// refOffsets lists the offsets of the GC references in an object.
func refOffsets(l *gc.Layout, n uint32) []uint32 {
	if l.Kind == abi.KindStruct {
		return l.Struct.RefOffsets
	}
	if l.Array.Elem != abi.StorageGCRef {
		return nil
	}
	offs := make([]uint32, n)
	for i := range offs {
		offs[i] = l.Array.ElemOffset + uint32(i)*l.Array.ElemSize
	}
	return offs
}

type sliceRoots struct{ refs []uint32 }

func (r *sliceRoots) VisitRoots(visit func(*uint32)) error {
	for i := range r.refs {
		visit(&r.refs[i])
	}
	return nil
}

type rootsPair [2]gc.Roots

func (p rootsPair) VisitRoots(visit func(*uint32)) error {
	for _, r := range p {
		if err := r.VisitRoots(visit); err != nil {
			return err
		}
	}
	return nil
}

// Object returns the bytes of the object ref, validated by the heap.
func (st *Store) Object(ref uint64) (id uint32, l *gc.Layout, b []byte, err error) {
	id, l, n, err := st.Heap.Object(uint32(ref))
	if err != nil {
		return 0, nil, nil, err
	}
	size, _ := l.Size(n)
	return id, l, st.Heap.Bytes(uint32(ref), 0, size), nil
}
