package runtime

import (
	"errors"
	"fmt"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
)

// arrayCall performs one of the GC's bulk array operations for
// runtimeCall (operands and results as compiler.RuntimeFn documents them:
// sc[1], sc[2] are the type and segment immediates, sc[3..] the operands,
// a v128 operand taking two words). Checks come in the spec's order: null
// references, then the array's range, then the segment's; allocation
// applies the size rule through Store.alloc.
func (inst *Instance) arrayCall(fn compiler.RuntimeFn, sc *[abi.ScratchWords]uint64) (abi.TrapCode, error) {
	st := inst.st
	if sc[1] >= uint64(len(inst.mod.typeIDs)) {
		return 0, fmt.Errorf("runtime: %v of unknown type %d", fn, sc[1])
	}
	id, l := inst.mod.typeIDs[sc[1]], inst.mod.layouts[sc[1]]
	if l == nil || l.Kind != abi.KindArray {
		return 0, fmt.Errorf("runtime: %v of type %d, which is not an array type", fn, sc[1])
	}
	a := l.Array
	u32 := func(i int) uint32 { return uint32(sc[i]) }
	switch fn {
	case compiler.RuntimeArrayNewData:
		data, err := inst.data(sc[2])
		if err != nil {
			return 0, err
		}
		src, n := u32(3), u32(4)
		if !inRange(uint64(src), uint64(n)*uint64(a.ElemSize), uint64(len(data))) {
			return abi.TrapMemoryOutOfBounds, nil
		}
		ref, err := st.alloc(uint32(id), n)
		if err != nil {
			return trapOf(err)
		}
		copy(st.res.heap.Bytes(ref, a.ElemOffset, n*a.ElemSize), data[src:])
		sc[0] = uint64(ref)
	case compiler.RuntimeArrayNewElem:
		if sc[2] >= uint64(len(inst.segs.elemRefs)) {
			return 0, fmt.Errorf("runtime: %v of unknown element segment %d", fn, sc[2])
		}
		src, n := u32(3), u32(4)
		if !inRange(uint64(src), uint64(n), uint64(len(inst.segs.elemRefs[sc[2]]))) {
			return abi.TrapTableOutOfBounds, nil
		}
		ref, err := st.alloc(uint32(id), n)
		if err != nil {
			return trapOf(err)
		}
		// Read the segment after allocating: the collection may have
		// updated its references.
		st.storeRefs(ref, a, 0, inst.segs.elemRefs[sc[2]][src:src+n])
		sc[0] = uint64(ref)
	case compiler.RuntimeArrayInitData:
		data, err := inst.data(sc[2])
		if err != nil {
			return 0, err
		}
		ref, dst, src, n := u32(3), u32(4), u32(5), u32(6)
		if code, err := st.arrayRange(ref, a, dst, n); code != 0 || err != nil {
			return code, err
		}
		if !inRange(uint64(src), uint64(n)*uint64(a.ElemSize), uint64(len(data))) {
			return abi.TrapMemoryOutOfBounds, nil
		}
		copy(st.res.heap.Bytes(ref, a.ElemOffset+dst*a.ElemSize, n*a.ElemSize), data[src:])
	case compiler.RuntimeArrayInitElem:
		if sc[2] >= uint64(len(inst.segs.elemRefs)) {
			return 0, fmt.Errorf("runtime: %v of unknown element segment %d", fn, sc[2])
		}
		ref, dst, src, n := u32(3), u32(4), u32(5), u32(6)
		if code, err := st.arrayRange(ref, a, dst, n); code != 0 || err != nil {
			return code, err
		}
		refs := inst.segs.elemRefs[sc[2]]
		if !inRange(uint64(src), uint64(n), uint64(len(refs))) {
			return abi.TrapTableOutOfBounds, nil
		}
		st.storeRefs(ref, a, dst, refs[src:src+n])
	case compiler.RuntimeArrayFill:
		ref, dst := u32(3), u32(4)
		val, n := rawValue{lo: sc[5]}, u32(6)
		if a.Elem == abi.StorageV128 {
			val.hi, n = sc[6], u32(7)
		}
		if code, err := st.arrayRange(ref, a, dst, n); code != 0 || err != nil {
			return code, err
		}
		fillStorage(st.res.heap.Bytes(ref, a.ElemOffset+dst*a.ElemSize, n*a.ElemSize), a.Elem, val)
	case compiler.RuntimeArrayCopy:
		dstRef, dst, srcRef, src, n := u32(3), u32(4), u32(5), u32(6), u32(7)
		if dstRef == 0 || srcRef == 0 {
			return abi.TrapNullArrayReference, nil
		}
		if code, err := st.arrayRange(dstRef, a, dst, n); code != 0 || err != nil {
			return code, err
		}
		if code, err := st.arrayRange(srcRef, a, src, n); code != 0 || err != nil {
			return code, err
		}
		// Both arrays have elements of one storage (validation: the
		// source's element type is a subtype of the destination's), and
		// copy is memmove, so an overlapping copy within one array is
		// right in either direction.
		h := st.res.heap
		copy(h.Bytes(dstRef, a.ElemOffset+dst*a.ElemSize, n*a.ElemSize), h.Bytes(srcRef, a.ElemOffset+src*a.ElemSize, n*a.ElemSize))
	default:
		return 0, fmt.Errorf("runtime: unknown runtime call %v", fn)
	}
	return 0, nil
}

// data returns data segment idx of inst's module, empty once dropped.
func (inst *Instance) data(idx uint64) ([]byte, error) {
	if idx >= uint64(len(inst.segs.dataDropped)) {
		return nil, fmt.Errorf("runtime: unknown data segment %d", idx)
	}
	if inst.segs.dataDropped[idx] {
		return nil, nil
	}
	return inst.mod.m.Datas[idx].Init, nil
}

// arrayRange checks an array operand whose static type has layout a:
// non-null, and [from, from+n) within its length.
func (st *Store) arrayRange(ref uint32, a abi.ArrayLayout, from, n uint32) (abi.TrapCode, error) {
	if ref == 0 {
		return abi.TrapNullArrayReference, nil
	}
	h := st.res.heap
	if h == nil {
		return 0, errors.New("runtime: array operand without a GC heap")
	}
	_, l, length, err := h.Object(ref)
	if err != nil {
		return 0, err
	}
	if l.Kind != abi.KindArray || l.Array.Elem != a.Elem {
		return 0, fmt.Errorf("runtime: array operation on a mismatched object at %#x", ref)
	}
	if !inRange(uint64(from), uint64(n), uint64(length)) {
		return abi.TrapArrayOutOfBounds, nil
	}
	return 0, nil
}

// storeRefs stores reference words (element segment entries) as elements
// dst, dst+1, ... of the array ref of layout a.
func (st *Store) storeRefs(ref uint32, a abi.ArrayLayout, dst uint32, words []uint64) {
	b := st.res.heap.Bytes(ref, a.ElemOffset+dst*a.ElemSize, uint32(len(words))*a.ElemSize)
	for i, w := range words {
		putStorage(b[uint32(i)*a.ElemSize:][:a.ElemSize], a.Elem, rawValue{lo: w})
	}
}

// trapOf splits an allocation error into a trap code or a runtime failure.
func trapOf(err error) (abi.TrapCode, error) {
	var t *Trap
	if errors.As(err, &t) {
		return t.Code, nil
	}
	return 0, err
}
