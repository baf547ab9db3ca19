package compiler

import (
	"fmt"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// What the compiler knows about each defined type of a module for GC code:
// object layouts (from abi, the one definition), supertype depth and
// finality (what an inline subtype check needs). All of it is derived from
// the module's own type section: a type's supertypes are types of the same
// module, and canonicalization preserves the supertype chain, so the depth
// computed here is the canonical type's depth in the Engine's type table.

// GCType describes one type index of a module.
type GCType struct {
	Kind wasm.CompKind
	// Final types have no subtypes but themselves: a cast to one is an
	// equality test of canonical ids.
	Final bool
	// Depth is the length of the type's supertype chain (0 without one):
	// the index of the type in the display of each of its subtypes.
	Depth uint32
	// Fields are the storage of a struct's fields (CompStruct) or of an
	// array's element (CompArray, one entry).
	Fields []abi.Storage
	// Struct is the layout of a struct type; LayoutErr is set instead if
	// its fields do not fit in an object.
	Struct    abi.StructLayout
	LayoutErr error
	// Array is the layout of an array type.
	Array abi.ArrayLayout
}

// newGCTypes computes the GCType of every type index of m.
func newGCTypes(m *wasm.Module, isFunc func(wasm.HeapType) bool) []GCType {
	out := make([]GCType, len(m.Types))
	for i := range m.Types {
		st := &m.Types[i]
		t := &out[i]
		t.Kind, t.Final = st.Comp.Kind, st.Final
		if len(st.Supers) > 0 && st.Supers[0] < uint32(i) {
			t.Depth = out[st.Supers[0]].Depth + 1
		}
		if st.Comp.Kind == wasm.CompFunc {
			continue
		}
		t.Fields = make([]abi.Storage, len(st.Comp.Fields))
		for k, f := range st.Comp.Fields {
			t.Fields[k] = abi.StorageOf(f.Type, isFunc)
		}
		switch st.Comp.Kind {
		case wasm.CompStruct:
			t.Struct, t.LayoutErr = abi.LayoutStruct(t.Fields)
		case wasm.CompArray:
			if len(t.Fields) == 1 {
				t.Array = abi.LayoutArray(t.Fields[0])
			}
		}
	}
	return out
}

// GCType returns the description of type index idx.
func (mi *ModuleInfo) GCType(idx uint32) *GCType { return &mi.gcTypes[idx] }

// structType returns the struct type idx with its layout, or an error if
// idx is not a struct type whose objects the compiler can lay out.
func (mi *ModuleInfo) structType(idx uint32) (*GCType, error) {
	if uint64(idx) >= uint64(len(mi.gcTypes)) || mi.gcTypes[idx].Kind != wasm.CompStruct {
		return nil, fmt.Errorf("type %d is not a struct type", idx)
	}
	t := &mi.gcTypes[idx]
	if t.LayoutErr != nil {
		return nil, fmt.Errorf("%w: struct type %d: %v", ErrUnsupported, idx, t.LayoutErr)
	}
	for _, s := range t.Fields {
		if s == abi.StorageV128 {
			return nil, fmt.Errorf("%w: v128 field in struct type %d", ErrUnsupported, idx)
		}
	}
	return t, nil
}

// arrayType returns the array type idx.
func (mi *ModuleInfo) arrayType(idx uint32) (*GCType, error) {
	if uint64(idx) >= uint64(len(mi.gcTypes)) || mi.gcTypes[idx].Kind != wasm.CompArray || len(mi.gcTypes[idx].Fields) != 1 {
		return nil, fmt.Errorf("type %d is not an array type", idx)
	}
	t := &mi.gcTypes[idx]
	if t.Array.Elem == abi.StorageV128 {
		return nil, fmt.Errorf("%w: v128 elements in array type %d", ErrUnsupported, idx)
	}
	return t, nil
}

// storageType is the IR type a field of storage s is read as.
func storageType(s abi.Storage) Type {
	switch s {
	case abi.StorageI8, abi.StorageI16, abi.StorageI32:
		return TypeI32
	case abi.StorageI64:
		return TypeI64
	case abi.StorageF32:
		return TypeF32
	case abi.StorageF64:
		return TypeF64
	case abi.StorageV128:
		return TypeV128
	case abi.StorageFuncRef:
		return TypeFuncRef
	}
	return TypeRef
}
