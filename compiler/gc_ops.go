package compiler

import "github.com/sablewasm/sable/wasm"

// How the GC instructions map to IR (frontend_gc.go), and why.
//
//   - Allocation is one op per object (OpNewStruct, OpNewArray) that yields
//     a zeroed object; initial values that are not zero follow as ordinary
//     stores (OpStructSet, OpArraySet for array.new_fixed, OpArrayFillAll
//     for array.new). The space the inline path hands out is already zero
//     (abi/gc.go), so zero initializers cost nothing, and the stores need
//     no null or bounds checks: the object is fresh. The array length check
//     against MaxLen stays inside OpNewArray rather than being a check op
//     of its own: it must precede every computation of the size, and no
//     pass may separate the two.
//   - Null checks (OpTrapIfNull with the instruction's trap code), array
//     bounds checks (OpArrayBoundsCheck) and casts (OpCastCheck) are check
//     ops in front of total operations, so CSE drops a repeated check of
//     the same value: an array's length and an object's type never change,
//     and the collector moving an object does not change which object an
//     SSA value refers to.
//   - ref.test, br_on_cast and br_on_cast_fail share OpRefTest; the
//     branches are ordinary conditional branches on its result.
//   - any.convert_extern and extern.convert_any are no-ops: host values are
//     tagged words, not heap objects (abi/gc.go).
//   - array.new_data/new_elem/init_data/init_elem/fill/copy are runtime
//     calls (RuntimeArray*): Go performs them with the spec's checks, and a
//     collection can never observe a half-done copy.
//   - Which hierarchy a cast works in follows from its target type (the
//     operand's static type is in the same hierarchy), so the IR needs no
//     Wasm types beyond the target.

// CastTarget returns the target of an OpRefTest or OpCastCheck: the heap
// type and whether null matches.
func CastTarget(in *Instr) (h wasm.HeapType, nullable bool) {
	return wasm.HeapType(int64(in.Imm)), in.Index2 != 0
}

// Hierarchy is the type hierarchy a cast target belongs to.
type Hierarchy uint8

const (
	HierAny Hierarchy = iota
	HierFunc
	HierExtern
	HierExn
)

// HierarchyOf returns the hierarchy of heap type h of module mi.
func (mi *ModuleInfo) HierarchyOf(h wasm.HeapType) Hierarchy {
	switch h {
	case wasm.HeapFunc, wasm.HeapNoFunc:
		return HierFunc
	case wasm.HeapExtern, wasm.HeapNoExtern:
		return HierExtern
	case wasm.HeapExn, wasm.HeapNoExn:
		return HierExn
	}
	if !h.IsAbstract() && mi.FuncType(h.Index()) != nil {
		return HierFunc
	}
	return HierAny
}

// nonNullRef reports whether v is a reference that cannot be null: a
// fresh object, an i31 or a function reference.
func nonNullRef(f *Func, v Value) bool {
	d := f.Values[v]
	if d.Instr == 0 {
		return false
	}
	in := &f.Instrs[d.Instr]
	switch in.Op {
	case OpNewStruct, OpNewArray, OpRefI31, OpRefFunc:
		return true
	case OpRuntimeCall:
		fn := RuntimeFn(in.Imm)
		return fn == RuntimeArrayNewData || fn == RuntimeArrayNewElem
	}
	return false
}
