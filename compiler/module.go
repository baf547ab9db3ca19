package compiler

import (
	"fmt"

	"github.com/sablewasm/sable/wasm"
)

// ModuleInfo is the module-level context the frontend and the backends
// need: index spaces with imports first, and canonical type ids.
type ModuleInfo struct {
	Module *wasm.Module
	// TypeIDs maps each type index to its engine-wide canonical id
	// (wasm.TypeRegistry.Register); signature checks compare these.
	TypeIDs []wasm.TypeID
	// FuncTypes is the type index of every function, imports first.
	FuncTypes        []uint32
	NumImportedFuncs uint32
	Globals          []wasm.GlobalType
	Tables           []wasm.TableType
	Mems             []wasm.MemType
	// MemMinBytes is, per memory, the byte length it has at least: its
	// declared minimum (an imported memory is at least as large as its
	// import says, and no memory shrinks).
	MemMinBytes []uint64

	gcTypes []GCType // per type index (gctypes.go)
}

// maxPages caps a declared minimum so its byte length cannot overflow (no
// memory of 2^63 bytes is ever instantiated anyway).
const maxPages = 1 << 47

// NewModuleInfo collects the index spaces of a validated module. typeIDs
// may be nil, in which case a private registry canonicalizes the types
// (enough for a single module; an engine passes its shared registry's ids).
func NewModuleInfo(m *wasm.Module, typeIDs []wasm.TypeID) (*ModuleInfo, error) {
	if typeIDs == nil {
		typeIDs = wasm.NewTypeRegistry().Register(m)
	}
	if len(typeIDs) != len(m.Types) {
		return nil, fmt.Errorf("compiler: %d canonical type ids for %d types", len(typeIDs), len(m.Types))
	}
	mi := &ModuleInfo{Module: m, TypeIDs: typeIDs}
	for i := range m.Imports {
		imp := &m.Imports[i]
		switch imp.Kind {
		case wasm.ExternFunc:
			mi.FuncTypes = append(mi.FuncTypes, imp.Func)
		case wasm.ExternGlobal:
			mi.Globals = append(mi.Globals, imp.Global)
		case wasm.ExternTable:
			mi.Tables = append(mi.Tables, imp.Table)
		case wasm.ExternMemory:
			mi.Mems = append(mi.Mems, imp.Mem)
		}
	}
	mi.NumImportedFuncs = uint32(len(mi.FuncTypes))
	mi.FuncTypes = append(mi.FuncTypes, m.Funcs...)
	for _, g := range m.Globals {
		mi.Globals = append(mi.Globals, g.Type)
	}
	for _, t := range m.Tables {
		mi.Tables = append(mi.Tables, t.Type)
	}
	mi.Mems = append(mi.Mems, m.Mems...)
	for _, mt := range mi.Mems {
		mi.MemMinBytes = append(mi.MemMinBytes, min(mt.Limits.Min, maxPages)*pageSize)
	}
	mi.gcTypes = newGCTypes(m, mi.isFuncHeap)
	return mi, nil
}

// FuncType returns the signature of type index idx, or nil if it is not a
// function type.
func (mi *ModuleInfo) FuncType(idx uint32) *wasm.FuncType {
	if uint64(idx) >= uint64(len(mi.Module.Types)) || mi.Module.Types[idx].Comp.Kind != wasm.CompFunc {
		return nil
	}
	return &mi.Module.Types[idx].Comp.Func
}

// IRType maps a Wasm value type to its IR type.
func (mi *ModuleInfo) IRType(t wasm.ValType) Type {
	switch t.Kind {
	case wasm.I32:
		return TypeI32
	case wasm.I64:
		return TypeI64
	case wasm.F32:
		return TypeF32
	case wasm.F64:
		return TypeF64
	case wasm.V128:
		return TypeV128
	case wasm.Ref:
		if mi.isFuncHeap(t.Heap) {
			return TypeFuncRef
		}
		return TypeRef
	}
	return TypeNone
}

func (mi *ModuleInfo) isFuncHeap(h wasm.HeapType) bool {
	if h.IsAbstract() {
		return h == wasm.HeapFunc || h == wasm.HeapNoFunc
	}
	return mi.FuncType(h.Index()) != nil
}

// IRTypes maps a list of Wasm types.
func (mi *ModuleInfo) IRTypes(ts []wasm.ValType) []Type {
	out := make([]Type, len(ts))
	for i, t := range ts {
		out[i] = mi.IRType(t)
	}
	return out
}

// addrType is the IR type of addresses of memory mem.
func (mi *ModuleInfo) memAddrType(mem uint32) Type {
	if int(mem) < len(mi.Mems) && mi.Mems[mem].Limits.Is64 {
		return TypeI64
	}
	return TypeI32
}

func (mi *ModuleInfo) tableAddrType(t uint32) Type {
	if int(t) < len(mi.Tables) && mi.Tables[t].Limits.Is64 {
		return TypeI64
	}
	return TypeI32
}
