package runtime

import (
	"fmt"
	"strings"

	"github.com/sablewasm/sable/wasm"
)

// ValKind is the kind of a value type.
type ValKind uint8

// The value kinds. (The names leave I32, F64, ... free for the Value
// constructors.)
const (
	KindI32 ValKind = iota + 1
	KindI64
	KindF32
	KindF64
	KindV128
	KindRef
)

// HeapType is the heap type of a reference type: one of the abstract heap
// types (HeapFunc, HeapExtern, ..., all negative) or, when non-negative, a
// concrete type given by its canonical id in the Engine's type registry.
// Canonical ids, unlike a module's type indices, mean the same thing in
// every module of an Engine, so `(ref null $t)` survives crossing modules.
type HeapType int64

// The abstract heap types.
const (
	HeapFunc     = HeapType(wasm.HeapFunc)
	HeapNoFunc   = HeapType(wasm.HeapNoFunc)
	HeapExtern   = HeapType(wasm.HeapExtern)
	HeapNoExtern = HeapType(wasm.HeapNoExtern)
	HeapAny      = HeapType(wasm.HeapAny)
	HeapEq       = HeapType(wasm.HeapEq)
	HeapI31      = HeapType(wasm.HeapI31)
	HeapStruct   = HeapType(wasm.HeapStruct)
	HeapArray    = HeapType(wasm.HeapArray)
	HeapNone     = HeapType(wasm.HeapNone)
	HeapExn      = HeapType(wasm.HeapExn)
	HeapNoExn    = HeapType(wasm.HeapNoExn)
)

// ConcreteHeapType is the heap type of the defined type with canonical id.
func ConcreteHeapType(id wasm.TypeID) HeapType { return HeapType(id) }

// IsConcrete reports whether h is a defined type rather than abstract.
func (h HeapType) IsConcrete() bool { return h >= 0 }

// TypeID returns the canonical id of a concrete heap type.
func (h HeapType) TypeID() wasm.TypeID { return wasm.TypeID(h) }

func (h HeapType) String() string {
	if h.IsConcrete() {
		return fmt.Sprintf("$type%d", h)
	}
	return wasm.HeapType(h).String()
}

// ValType is a value type: a number, v128, or a reference type
// `(ref null? ht)` with an abstract or concrete heap type. ValTypes are
// comparable; equal ValTypes of one Engine denote the same type.
type ValType struct {
	Kind     ValKind
	Nullable bool     // KindRef only
	Heap     HeapType // KindRef only
}

// The number and vector types and the common reference types.
var (
	TypeI32       = ValType{Kind: KindI32}
	TypeI64       = ValType{Kind: KindI64}
	TypeF32       = ValType{Kind: KindF32}
	TypeF64       = ValType{Kind: KindF64}
	TypeV128      = ValType{Kind: KindV128}
	TypeFuncRef   = RefType(true, HeapFunc)
	TypeExternRef = RefType(true, HeapExtern)
	TypeAnyRef    = RefType(true, HeapAny)
)

// RefType returns the reference type `(ref null? h)`.
func RefType(nullable bool, h HeapType) ValType {
	return ValType{Kind: KindRef, Nullable: nullable, Heap: h}
}

func (t ValType) String() string {
	switch t.Kind {
	case KindI32:
		return "i32"
	case KindI64:
		return "i64"
	case KindF32:
		return "f32"
	case KindF64:
		return "f64"
	case KindV128:
		return "v128"
	case KindRef:
		if t.Nullable {
			return "(ref null " + t.Heap.String() + ")"
		}
		return "(ref " + t.Heap.String() + ")"
	}
	return "invalid"
}

// canonValType converts a validated module's value type, rewriting a type
// index to its canonical id through ids (the module's type index -> id
// map). With ids nil, t is already canonical (from the TypeRegistry, whose
// types hold TypeIDs where modules hold indices).
func canonValType(t wasm.ValType, ids []wasm.TypeID) ValType {
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
	}
	h := HeapType(t.Heap)
	if !t.Heap.IsAbstract() && ids != nil {
		h = ConcreteHeapType(ids[t.Heap.Index()])
	}
	return RefType(t.Nullable, h)
}

// wasmValType is the inverse for canonical types, as the TypeRegistry
// stores them (concrete heap types are TypeIDs).
func wasmValType(t ValType) wasm.ValType {
	switch t.Kind {
	case KindI32:
		return wasm.TypeI32
	case KindI64:
		return wasm.TypeI64
	case KindF32:
		return wasm.TypeF32
	case KindF64:
		return wasm.TypeF64
	case KindV128:
		return wasm.TypeV128
	}
	return wasm.RefType(t.Nullable, wasm.HeapType(t.Heap))
}

// ExternType is the type of an import or export: *FuncType, *TableType,
// *MemoryType, *GlobalType or *TagType.
type ExternType interface {
	fmt.Stringer
	externType()
}

// FuncType is a function signature.
type FuncType struct {
	Params, Results []ValType
}

func (*FuncType) externType() {}

func (t *FuncType) String() string {
	var b strings.Builder
	b.WriteString("(func")
	writeVals(&b, "param", t.Params)
	writeVals(&b, "result", t.Results)
	b.WriteString(")")
	return b.String()
}

func writeVals(b *strings.Builder, kw string, ts []ValType) {
	if len(ts) == 0 {
		return
	}
	b.WriteString(" (" + kw)
	for _, t := range ts {
		b.WriteString(" " + t.String())
	}
	b.WriteString(")")
}

// funcTypeOf converts a canonical function type from the registry.
func funcTypeOf(ft *wasm.FuncType) *FuncType {
	conv := func(ts []wasm.ValType) []ValType {
		out := make([]ValType, len(ts))
		for i, t := range ts {
			out[i] = canonValType(t, nil)
		}
		return out
	}
	return &FuncType{Params: conv(ft.Params), Results: conv(ft.Results)}
}

// Limits are the size limits of a memory (in 64 KiB pages) or a table (in
// elements).
type Limits struct {
	Min    uint64
	Max    uint64
	HasMax bool
}

func (l Limits) String() string {
	if l.HasMax {
		return fmt.Sprintf("%d %d", l.Min, l.Max)
	}
	return fmt.Sprint(l.Min)
}

// MemoryType is a memory's limits and address type.
type MemoryType struct {
	Limits
	Is64 bool // memory64: addresses are i64
}

func (*MemoryType) externType() {}

func (t *MemoryType) String() string {
	if t.Is64 {
		return "(memory i64 " + t.Limits.String() + ")"
	}
	return "(memory " + t.Limits.String() + ")"
}

// TableType is a table's element type, limits and address type.
type TableType struct {
	Elem ValType
	Limits
	Is64 bool // table64: indices are i64
}

func (*TableType) externType() {}

func (t *TableType) String() string {
	at := ""
	if t.Is64 {
		at = "i64 "
	}
	return "(table " + at + t.Limits.String() + " " + t.Elem.String() + ")"
}

// GlobalType is a global's value type and mutability.
type GlobalType struct {
	Type    ValType
	Mutable bool
}

func (*GlobalType) externType() {}

func (t *GlobalType) String() string {
	if t.Mutable {
		return "(global (mut " + t.Type.String() + "))"
	}
	return "(global " + t.Type.String() + ")"
}

// TagType is an exception tag's type: the function type whose parameters
// are the exception's payload (its results are empty).
type TagType struct {
	Type *FuncType
	id   wasm.TypeID
}

func (*TagType) externType() {}

func (t *TagType) String() string { return "(tag " + t.Type.String() + ")" }

func limitsOf(l wasm.Limits) Limits { return Limits{Min: l.Min, Max: l.Max, HasMax: l.HasMax} }
