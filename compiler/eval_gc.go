package compiler

import (
	"encoding/binary"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// The evaluator's GC heap. Objects are laid out exactly as abi/gc.go says
// (header word from abi.HeaderWord, canonical type id, array length,
// fields at the abi offsets) in one byte slice, and references are the
// abi encoding with heap offsets into it, so a backend test can copy the
// heap an instantiation built into a real GC heap as it is and compare
// objects byte for byte. Nothing is ever collected: the heap only grows,
// up to a limit that stands in for a full heap.

// Heap is the evaluator's GC heap.
type Heap struct {
	// Bytes holds every object; offset 0 is never allocated (it is null).
	Bytes []byte
	// Limit bounds len(Bytes): allocations beyond it trap with GC heap out
	// of memory. 0 means DefaultEvalHeapLimit.
	Limit int
}

// DefaultEvalHeapLimit is the evaluator's heap limit unless Heap.Limit
// says otherwise.
const DefaultEvalHeapLimit = 64 << 20

// alloc returns the offset of size zeroed bytes (size a multiple of
// abi.ObjectAlign) with header word kind and type id, or a trap code.
func (h *Heap) alloc(size uint32, kind abi.Kind, typeID wasm.TypeID) (uint32, abi.TrapCode) {
	if len(h.Bytes) == 0 {
		h.Bytes = make([]byte, abi.ObjectAlign)
	}
	limit := h.Limit
	if limit == 0 {
		limit = DefaultEvalHeapLimit
	}
	if int(size) > limit-len(h.Bytes) {
		return 0, abi.TrapGCHeapOutOfMemory
	}
	word, err := abi.HeaderWord(kind, 0)
	if err != nil {
		panic(err) // kind is a constant of this file
	}
	off := uint32(len(h.Bytes))
	h.Bytes = append(h.Bytes, make([]byte, size)...)
	binary.LittleEndian.PutUint32(h.Bytes[off+abi.HeaderKindOffset:], word)
	binary.LittleEndian.PutUint32(h.Bytes[off+abi.HeaderTypeOffset:], uint32(typeID))
	return off, 0
}

func (h *Heap) u32(off uint64) uint32 { return binary.LittleEndian.Uint32(h.Bytes[off:]) }

// arrayLen is the length of the array at ref.
func (h *Heap) arrayLen(ref uint64) uint32 { return h.u32(ref + abi.ArrayLenOffset) }

// ObjectKind returns the kind and canonical type id of the object at ref.
func (h *Heap) ObjectKind(ref uint64) (abi.Kind, wasm.TypeID) {
	return abi.HeaderKind(h.u32(ref + abi.HeaderKindOffset)), wasm.TypeID(h.u32(ref + abi.HeaderTypeOffset))
}

// newArray allocates an array of n elements of type idx, applying the one
// size rule.
func (in *Instance) newArray(idx uint32, n uint64) (uint64, abi.TrapCode) {
	l := in.Info.gcTypes[idx].Array
	size, ok := l.Size(uint32(n))
	if !ok || n > 0xffffffff {
		return 0, abi.TrapAllocationTooLarge
	}
	ref, code := in.Heap.alloc(size, abi.KindArray, in.Info.TypeIDs[idx])
	if code == 0 {
		binary.LittleEndian.PutUint32(in.Heap.Bytes[ref+abi.ArrayLenOffset:], uint32(n))
	}
	return uint64(ref), code
}

func (in *Instance) newStruct(idx uint32) (uint64, abi.TrapCode) {
	l := &in.Info.gcTypes[idx].Struct
	ref, code := in.Heap.alloc(l.Size, abi.KindStruct, in.Info.TypeIDs[idx])
	return uint64(ref), code
}

// loadField reads size bytes at ref+off, extended by ext to type t.
func (in *Instance) loadField(ref, off uint64, size uint8, ext Ext, t Type) uint64 {
	return load(in.Heap.Bytes[ref+off:], size, ext, t)
}

func (in *Instance) storeField(ref, off uint64, size uint8, x uint64) {
	store(in.Heap.Bytes[ref+off:], size, x)
}

// execGC executes the GC ops; ok is false for other ops.
func (in *Instance) execGC(ins *Instr, vals []uint64) (code abi.TrapCode, ok bool) {
	arg := func(i int) uint64 { return vals[ins.Args[i]] }
	set := func(x uint64) { vals[ins.Results[0]] = x }
	switch ins.Op {
	case OpNewStruct:
		ref, code := in.newStruct(ins.Index)
		set(ref)
		return code, true
	case OpNewArray:
		ref, code := in.newArray(ins.Index, arg(0))
		if code == abi.TrapAllocationTooLarge {
			code = ins.Trap
		}
		set(ref)
		return code, true
	case OpArrayFillAll:
		ref := arg(0)
		for i := range uint64(in.Heap.arrayLen(ref)) {
			in.storeField(ref, ins.Imm+i*uint64(ins.Size), ins.Size, arg(1))
		}
	case OpStructGet:
		set(in.loadField(arg(0), ins.Imm, ins.Size, ins.Ext, ins.Type))
	case OpStructSet:
		in.storeField(arg(0), ins.Imm, ins.Size, arg(1))
	case OpArrayLen:
		set(uint64(in.Heap.arrayLen(arg(0))))
	case OpArrayBoundsCheck:
		if arg(1) >= uint64(in.Heap.arrayLen(arg(0))) {
			return ins.Trap, true
		}
	case OpArrayGet:
		set(in.loadField(arg(0), ins.Imm+arg(1)*uint64(ins.Size), ins.Size, ins.Ext, ins.Type))
	case OpArraySet:
		in.storeField(arg(0), ins.Imm+arg(1)*uint64(ins.Size), ins.Size, arg(2))
	case OpRefI31:
		set(uint64(uint32(arg(0))<<1 | abi.RefI31Tag))
	case OpI31Get:
		v := uint32(arg(0)) >> 1
		if ins.Ext == ExtSign {
			v = uint32(int32(uint32(arg(0))) >> 1)
		}
		set(uint64(v))
	case OpRefTest:
		h, null := CastTarget(ins)
		set(b2u(in.RefMatches(arg(0), h, null)))
	case OpCastCheck:
		if h, null := CastTarget(ins); !in.RefMatches(arg(0), h, null) {
			return ins.Trap, true
		}
	default:
		return 0, false
	}
	return 0, true
}

// RefMatches reports whether reference v (in the evaluator's encoding:
// abi's for the any and extern hierarchies, function index + 1 for
// funcrefs) matches the type (ref null? h).
func (in *Instance) RefMatches(v uint64, h wasm.HeapType, nullable bool) bool {
	if v == abi.RefNull {
		return nullable
	}
	switch in.Info.HierarchyOf(h) {
	case HierFunc:
		if h == wasm.HeapFunc {
			return true
		}
		if h == wasm.HeapNoFunc || v-1 >= uint64(len(in.Info.FuncTypes)) {
			return false
		}
		return in.subtype(in.Info.TypeIDs[in.Info.FuncTypes[v-1]], in.Info.TypeIDs[h.Index()])
	case HierExtern:
		return h == wasm.HeapExtern
	case HierExn:
		return false
	}
	switch h {
	case wasm.HeapAny:
		return true
	case wasm.HeapNone:
		return false
	case wasm.HeapI31:
		return abi.IsI31Ref(v)
	case wasm.HeapEq:
		return abi.IsI31Ref(v) || abi.IsObjectRef(v)
	}
	if !abi.IsObjectRef(v) {
		return false
	}
	kind, id := in.Heap.ObjectKind(v)
	switch h {
	case wasm.HeapStruct:
		return kind.Is(abi.KindStruct)
	case wasm.HeapArray:
		return kind.Is(abi.KindArray)
	}
	return in.subtype(id, in.Info.TypeIDs[h.Index()])
}

// subtype reports whether canonical type sub is super or one of its
// subtypes, following the declared supertypes of the module's types (the
// evaluator sees no other types), then IsSubtype.
func (in *Instance) subtype(sub, super wasm.TypeID) bool {
	if in.supers == nil {
		in.supers = map[wasm.TypeID]wasm.TypeID{}
		for i, st := range in.Info.Module.Types {
			if len(st.Supers) > 0 {
				in.supers[in.Info.TypeIDs[i]] = in.Info.TypeIDs[st.Supers[0]]
			}
		}
	}
	for t := sub; ; {
		if t == super {
			return true
		}
		next, ok := in.supers[t]
		if !ok {
			break
		}
		t = next
	}
	return in.IsSubtype != nil && in.IsSubtype(sub, super)
}

// arrayRuntimeCall performs the bulk array operations with the spec's
// checks, in the spec's order: null references, then the array ranges,
// then the segment range.
func (in *Instance) arrayRuntimeCall(ins *Instr, vals []uint64) abi.TrapCode {
	a := func(i int) uint64 { return vals[ins.Args[i]] }
	l := in.Info.gcTypes[ins.Index].Array
	size := uint64(l.ElemSize)
	elem := func(ref, i uint64) uint64 { return ref + uint64(l.ElemOffset) + i*size }
	arrayRange := func(ref, start, n uint64) bool { return inBounds(start, n, int(in.Heap.arrayLen(ref))) }
	switch RuntimeFn(ins.Imm) {
	case RuntimeArrayNewData:
		data := in.Datas[ins.Index2]
		off, n := a(0), a(1)
		if !inBounds(off, n*size, len(data)) {
			return abi.TrapMemoryOutOfBounds
		}
		ref, code := in.newArray(ins.Index, n)
		if code == 0 {
			copy(in.Heap.Bytes[elem(ref, 0):], data[off:off+n*size])
			vals[ins.Results[0]] = ref
		}
		return code
	case RuntimeArrayNewElem:
		seg := in.Elems[ins.Index2]
		off, n := a(0), a(1)
		if !inBounds(off, n, len(seg)) {
			return abi.TrapTableOutOfBounds
		}
		ref, code := in.newArray(ins.Index, n)
		if code == 0 {
			for i := range n {
				in.storeField(elem(ref, i), 0, uint8(size), seg[off+i])
			}
			vals[ins.Results[0]] = ref
		}
		return code
	case RuntimeArrayInitData, RuntimeArrayInitElem:
		ref, d, s, n := a(0), a(1), a(2), a(3)
		if ref == 0 {
			return abi.TrapNullArrayReference
		}
		if !arrayRange(ref, d, n) {
			return abi.TrapArrayOutOfBounds
		}
		if RuntimeFn(ins.Imm) == RuntimeArrayInitData {
			data := in.Datas[ins.Index2]
			if !inBounds(s, n*size, len(data)) {
				return abi.TrapMemoryOutOfBounds
			}
			copy(in.Heap.Bytes[elem(ref, d):], data[s:s+n*size])
			return 0
		}
		seg := in.Elems[ins.Index2]
		if !inBounds(s, n, len(seg)) {
			return abi.TrapTableOutOfBounds
		}
		for i := range n {
			in.storeField(elem(ref, d+i), 0, uint8(size), seg[s+i])
		}
	case RuntimeArrayFill:
		ref, d, v, n := a(0), a(1), a(2), a(3)
		if ref == 0 {
			return abi.TrapNullArrayReference
		}
		if !arrayRange(ref, d, n) {
			return abi.TrapArrayOutOfBounds
		}
		for i := range n {
			in.storeField(elem(ref, d+i), 0, uint8(size), v)
		}
	case RuntimeArrayCopy:
		dst, d, src, s, n := a(0), a(1), a(2), a(3), a(4)
		if dst == 0 || src == 0 {
			return abi.TrapNullArrayReference
		}
		if !arrayRange(dst, d, n) || !arrayRange(src, s, n) {
			return abi.TrapArrayOutOfBounds
		}
		// Both arrays have the same element storage (validation), and
		// copy is a memmove.
		copy(in.Heap.Bytes[elem(dst, d):elem(dst, d+n)], in.Heap.Bytes[elem(src, s):elem(src, s+n)])
	}
	return 0
}
