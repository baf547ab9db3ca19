//go:build linux

package backendtest

import (
	"encoding/binary"
	"fmt"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/wasm"
)

// The GC's bulk array operations (compiler.RuntimeArray*), as the harness
// performs them for generated code: the spec's checks in the spec's order
// (null references, array ranges, segment ranges), on the native heap.

// gcRuntimeCall performs fn with the immediates typ (the array type) and
// x (the segment or source type) and the operands args.
func (vi *Instance) gcRuntimeCall(fn compiler.RuntimeFn, typ, x uint32, args []uint64) (abi.TrapCode, error) {
	st := vi.st
	l := vi.mi.GCType(typ).Array
	size := uint64(l.ElemSize)
	id := uint32(vi.mi.TypeIDs[typ])
	// elems returns n elements of the array ref from element i, or a trap.
	elems := func(ref, i, n uint64) ([]byte, abi.TrapCode, error) {
		if ref == 0 {
			return nil, abi.TrapNullArrayReference, nil
		}
		_, _, length, err := st.Heap.Object(uint32(ref))
		if err != nil {
			return nil, 0, err
		}
		if i > uint64(length) || n > uint64(length)-i {
			return nil, abi.TrapArrayOutOfBounds, nil
		}
		return st.Heap.Bytes(uint32(ref), l.ElemOffset+uint32(i*size), uint32(n*size)), 0, nil
	}
	// alloc makes the array of array.new_data/new_elem, whose result goes
	// to Scratch[0].
	alloc := func(n uint64) ([]byte, abi.TrapCode, error) {
		if n > 0xffffffff {
			return nil, abi.TrapAllocationTooLarge, nil
		}
		ref, err := st.Heap.Alloc(id, uint32(n), st)
		if err != nil {
			if code := allocTrap(err); code != 0 {
				return nil, code, nil
			}
			return nil, 0, err
		}
		st.Ctx.Scratch[0] = uint64(ref)
		return st.Heap.Bytes(ref, l.ElemOffset, uint32(n*size)), 0, nil
	}
	switch fn {
	case compiler.RuntimeArrayNewData:
		data := vi.datas[x]
		off, n := args[0], args[1]
		if !inRange(off, n*size, uint64(len(data))) {
			return abi.TrapMemoryOutOfBounds, nil
		}
		dst, code, err := alloc(n)
		if code == 0 && err == nil {
			copy(dst, data[off:])
		}
		return code, err
	case compiler.RuntimeArrayNewElem:
		seg := vi.elems[x]
		off, n := args[0], args[1]
		if !inRange(off, n, uint64(len(seg))) {
			return abi.TrapTableOutOfBounds, nil
		}
		// The segment's items are roots while the array is allocated.
		dst, code, err := alloc(n)
		if code == 0 && err == nil {
			putElems(dst, seg[off:off+n], size)
		}
		return code, err
	case compiler.RuntimeArrayInitData, compiler.RuntimeArrayInitElem:
		dst, code, err := elems(args[0], args[1], args[3])
		if code != 0 || err != nil {
			return code, err
		}
		s, n := args[2], args[3]
		if fn == compiler.RuntimeArrayInitData {
			data := vi.datas[x]
			if !inRange(s, n*size, uint64(len(data))) {
				return abi.TrapMemoryOutOfBounds, nil
			}
			copy(dst, data[s:])
			return 0, nil
		}
		seg := vi.elems[x]
		if !inRange(s, n, uint64(len(seg))) {
			return abi.TrapTableOutOfBounds, nil
		}
		putElems(dst, seg[s:s+n], size)
	case compiler.RuntimeArrayFill:
		dst, code, err := elems(args[0], args[1], args[3])
		if code != 0 || err != nil {
			return code, err
		}
		for i := range args[3] {
			putElems(dst[i*size:], args[2:3], size)
		}
	case compiler.RuntimeArrayCopy:
		if args[0] == 0 || args[2] == 0 {
			return abi.TrapNullArrayReference, nil
		}
		dst, code, err := elems(args[0], args[1], args[4])
		if code != 0 || err != nil {
			return code, err
		}
		src, code, err := elems(args[2], args[3], args[4])
		if code != 0 || err != nil {
			return code, err
		}
		copy(dst, src) // memmove: overlap-safe
	default:
		return 0, fmt.Errorf("harness: runtime call %v", fn)
	}
	return 0, nil
}

// putElems stores the values vals (8-byte native words) as elements of
// size bytes.
func putElems(dst []byte, vals []uint64, size uint64) {
	for i, v := range vals {
		e := dst[uint64(i)*size:]
		switch size {
		case 1:
			e[0] = byte(v)
		case 2:
			binary.LittleEndian.PutUint16(e, uint16(v))
		case 4:
			binary.LittleEndian.PutUint32(e, uint32(v))
		default:
			binary.LittleEndian.PutUint64(e, v)
		}
	}
}

// refMatch matches a non-null reference against the abstract heap type h
// of a result pattern, reading the object's header from the heap.
func (st *Store) refMatch(got uint64, h wasm.HeapType) (ok, known bool) {
	if got == 0 {
		return false, true
	}
	switch h {
	case wasm.HeapFunc, wasm.HeapExtern, wasm.HeapAny:
		return true, true
	case wasm.HeapI31:
		return abi.IsI31Ref(got), true
	case wasm.HeapEq, wasm.HeapStruct, wasm.HeapArray:
		if abi.IsI31Ref(got) {
			return h == wasm.HeapEq, true
		}
		if !abi.IsObjectRef(got) {
			return false, true
		}
		_, l, _, err := st.Heap.Object(uint32(got))
		if err != nil {
			return false, true
		}
		return h == wasm.HeapEq || (h == wasm.HeapStruct) == (l.Kind == abi.KindStruct), true
	}
	return false, false
}

var _ gc.Roots = (*Store)(nil)
