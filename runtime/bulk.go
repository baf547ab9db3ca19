package runtime

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/wasm"
)

// segments is an instance's view of its module's data and element
// segments for the bulk instructions. A dropped segment (data.drop,
// elem.drop, and every active or declarative segment once instantiation
// is done) behaves as empty.
type segments struct {
	dataDropped []bool
	// elemRefs are the element segments' references, evaluated at
	// instantiation (their constant expressions may allocate, and the
	// same objects must come out of every use); nil once dropped.
	elemRefs [][]uint64
	// elemGC[i] says segment i holds GC references, which makes its
	// references roots of the collector.
	elemGC []bool
}

func newSegments(m *wasm.Module) segments {
	return segments{
		dataDropped: make([]bool, len(m.Datas)),
		elemRefs:    make([][]uint64, len(m.Elems)),
		elemGC:      make([]bool, len(m.Elems)),
	}
}

// dropActive drops the segments the spec drops at the end of
// instantiation: active data segments, active and declarative element
// segments.
func (s *segments) dropActive(m *wasm.Module) {
	for i, d := range m.Datas {
		s.dataDropped[i] = d.Mode == wasm.SegmentActive
	}
	for i, e := range m.Elems {
		if e.Mode != wasm.SegmentPassive {
			s.elemRefs[i] = nil
		}
	}
}

// runtimeCall performs the compiler.RuntimeFn in sc[0] (abi.ExitRuntimeCall:
// sc[1], sc[2] are its immediates, sc[3..] its operands) and returns the
// trap it raises, or 0. An error is a failure of the runtime itself.
func (inst *Instance) runtimeCall(sc *[abi.ScratchWords]uint64) (abi.TrapCode, error) {
	idx, idx2 := sc[1], sc[2]
	a, b, n := sc[3], sc[4], sc[5]
	switch compiler.RuntimeFn(sc[0]) {
	case compiler.RuntimeMemoryInit:
		var data []byte
		if !inst.segs.dataDropped[idx] {
			data = inst.mod.m.Datas[idx].Init
		}
		mem := inst.mems[idx2].Bytes()
		if !inRange(b, n, uint64(len(data))) || !inRange(a, n, uint64(len(mem))) {
			return abi.TrapMemoryOutOfBounds, nil
		}
		copy(mem[a:a+n], data[b:b+n])
	case compiler.RuntimeDataDrop:
		inst.segs.dataDropped[idx] = true
	case compiler.RuntimeMemoryCopy:
		dst, src := inst.mems[idx].Bytes(), inst.mems[idx2].Bytes()
		if !inRange(a, n, uint64(len(dst))) || !inRange(b, n, uint64(len(src))) {
			return abi.TrapMemoryOutOfBounds, nil
		}
		copy(dst[a:a+n], src[b:b+n]) // copy is memmove: overlap is fine
	case compiler.RuntimeMemoryFill:
		mem := inst.mems[idx].Bytes()
		if !inRange(a, n, uint64(len(mem))) {
			return abi.TrapMemoryOutOfBounds, nil
		}
		fill(mem[a:a+n], byte(b))
	case compiler.RuntimeTableInit:
		refs := inst.segs.elemRefs[idx]
		dst := inst.tables[idx2].elems()
		if !inRange(b, n, uint64(len(refs))) || !inRange(a, n, uint64(len(dst))) {
			return abi.TrapTableOutOfBounds, nil
		}
		copy(dst[a:a+n], refs[b:b+n])
	case compiler.RuntimeElemDrop:
		inst.segs.elemRefs[idx] = nil
	case compiler.RuntimeTableCopy:
		dst, src := inst.tables[idx].elems(), inst.tables[idx2].elems()
		if !inRange(a, n, uint64(len(dst))) || !inRange(b, n, uint64(len(src))) {
			return abi.TrapTableOutOfBounds, nil
		}
		copy(dst[a:a+n], src[b:b+n])
	case compiler.RuntimeTableFill:
		dst := inst.tables[idx].elems()
		if !inRange(a, n, uint64(len(dst))) {
			return abi.TrapTableOutOfBounds, nil
		}
		fill(dst[a:a+n], b)
	default:
		return inst.arrayCall(compiler.RuntimeFn(sc[0]), sc)
	}
	return 0, nil
}

// inRange reports whether [off, off+n) lies within [0, size).
func inRange(off, n, size uint64) bool { return off <= size && n <= size-off }

func fill[T any](s []T, v T) {
	for i := range s {
		s[i] = v
	}
}

// evalElems evaluates every element segment's expressions, in order.
// The references land in the segments as they are made, which are roots
// from the start, since each expression may allocate and collect.
func (inst *Instance) evalElems() error {
	m := inst.mod.m
	st := inst.st
	for i := range m.Elems {
		seg := &m.Elems[i]
		refs := make([]uint64, len(seg.Init))
		inst.segs.elemRefs[i] = refs
		if inst.segs.elemGC[i] = st.eng.holdsGCRefs(canonValType(seg.Type, inst.mod.typeIDs)); inst.segs.elemGC[i] {
			st.trackInstance(inst)
		}
		for j, ce := range seg.Init {
			raw, err := inst.evalConstRaw(ce)
			if err != nil {
				return err
			}
			refs[j] = raw.lo
		}
	}
	return nil
}
