package wasm

import "fmt"

// ValKind is the kind of a value type or of a field's storage type.
type ValKind uint8

const (
	KindInvalid ValKind = iota
	I32
	I64
	F32
	F64
	V128
	Ref
	// I8 and I16 are packed storage types: legal only as struct and array
	// field types, never as the type of a value on the operand stack.
	I8
	I16
)

// HeapType is either a module-relative type index (>= 0) or one of the
// abstract heap types (< 0). The negative values are exactly the heap type's
// binary encoding read as a signed LEB128 s33, so decoding needs no mapping.
type HeapType int64

// The abstract heap types, valued as their s33 binary encoding.
const (
	HeapNoExn    HeapType = -0x0c // 0x74
	HeapNoFunc   HeapType = -0x0d // 0x73
	HeapNoExtern HeapType = -0x0e // 0x72
	HeapNone     HeapType = -0x0f // 0x71
	HeapFunc     HeapType = -0x10 // 0x70
	HeapExtern   HeapType = -0x11 // 0x6f
	HeapAny      HeapType = -0x12 // 0x6e
	HeapEq       HeapType = -0x13 // 0x6d
	HeapI31      HeapType = -0x14 // 0x6c
	HeapStruct   HeapType = -0x15 // 0x6b
	HeapArray    HeapType = -0x16 // 0x6a
	HeapExn      HeapType = -0x17 // 0x69
)

// IsAbstract reports whether h is an abstract heap type rather than a type index.
func (h HeapType) IsAbstract() bool { return h < 0 }

// Index returns the type index of a concrete heap type.
func (h HeapType) Index() uint32 { return uint32(h) }

// ValidAbstract reports whether h is one of the defined abstract heap types.
func (h HeapType) ValidAbstract() bool { return h >= HeapExn && h <= HeapNoExn }

var heapNames = map[HeapType]string{
	HeapNoExn: "noexn", HeapNoFunc: "nofunc", HeapNoExtern: "noextern", HeapNone: "none",
	HeapFunc: "func", HeapExtern: "extern", HeapAny: "any", HeapEq: "eq", HeapI31: "i31",
	HeapStruct: "struct", HeapArray: "array", HeapExn: "exn",
}

// HeapTypeByName maps the text-format name of an abstract heap type to it.
func HeapTypeByName(name string) (HeapType, bool) {
	for h, n := range heapNames {
		if n == name {
			return h, true
		}
	}
	return 0, false
}

func (h HeapType) String() string {
	if h >= 0 {
		return fmt.Sprintf("%d", int64(h))
	}
	if n, ok := heapNames[h]; ok {
		return n
	}
	return fmt.Sprintf("heaptype(%d)", int64(h))
}

// ValType is a value type: a number type, v128, or a reference type
// (ref null? heaptype). It is also used for storage types (I8, I16).
// ValType is comparable; two ValTypes of one module are equal iff their
// fields are equal (type indices are compared after canonicalization by the
// validator, not by ==).
type ValType struct {
	Kind     ValKind
	Nullable bool     // Ref only
	Heap     HeapType // Ref only
}

// Convenience values for the number and vector types.
var (
	TypeI32  = ValType{Kind: I32}
	TypeI64  = ValType{Kind: I64}
	TypeF32  = ValType{Kind: F32}
	TypeF64  = ValType{Kind: F64}
	TypeV128 = ValType{Kind: V128}
)

// RefType builds the reference type (ref null? h).
func RefType(nullable bool, h HeapType) ValType {
	return ValType{Kind: Ref, Nullable: nullable, Heap: h}
}

// The reference type shorthands of the text format.
var (
	TypeFuncRef   = RefType(true, HeapFunc)
	TypeExternRef = RefType(true, HeapExtern)
	TypeAnyRef    = RefType(true, HeapAny)
	TypeExnRef    = RefType(true, HeapExn)
)

// IsRef reports whether t is a reference type.
func (t ValType) IsRef() bool { return t.Kind == Ref }

// IsPacked reports whether t is a packed storage type.
func (t ValType) IsPacked() bool { return t.Kind == I8 || t.Kind == I16 }

// Unpacked returns the value type a storage type is read as (i8/i16 -> i32).
func (t ValType) Unpacked() ValType {
	if t.IsPacked() {
		return TypeI32
	}
	return t
}

// Defaultable reports whether locals/fields of type t have a default value.
func (t ValType) Defaultable() bool { return t.Kind != Ref || t.Nullable }

func (t ValType) String() string {
	switch t.Kind {
	case I32:
		return "i32"
	case I64:
		return "i64"
	case F32:
		return "f32"
	case F64:
		return "f64"
	case V128:
		return "v128"
	case I8:
		return "i8"
	case I16:
		return "i16"
	case Ref:
		if t.Nullable {
			return fmt.Sprintf("(ref null %s)", t.Heap)
		}
		return fmt.Sprintf("(ref %s)", t.Heap)
	}
	return "invalid"
}

// CompKind distinguishes the three composite types.
type CompKind uint8

const (
	CompFunc CompKind = iota
	CompStruct
	CompArray
)

// FieldType is a struct field or an array element type.
type FieldType struct {
	Type    ValType // may be packed (I8, I16)
	Mutable bool
}

// FuncType is a function signature.
type FuncType struct {
	Params  []ValType
	Results []ValType
}

// CompType is a composite type: func, struct or array.
type CompType struct {
	Kind   CompKind
	Func   FuncType    // CompFunc
	Fields []FieldType // CompStruct: the fields; CompArray: exactly one, the element
}

// SubType is one entry of the type index space: a composite type with its
// declared supertypes (at most one in Wasm 3.0) and finality.
// A type written without `sub` is final with no supertypes.
type SubType struct {
	Final  bool
	Supers []uint32 // type indices
	Comp   CompType
}

// RecGroup is a range of the flattened type index space that forms one
// recursion group. Types declared without `rec` form a group of one.
type RecGroup struct {
	Start uint32 // index of the first type of the group
	Len   uint32
}

// Limits of a memory or table. Is64 selects the i64 address type
// (memory64 / table64).
type Limits struct {
	Min    uint64
	Max    uint64
	HasMax bool
	Is64   bool
	Shared bool // threads proposal flag; decoded so it can be rejected
}

// TableType is a table's element type and limits.
type TableType struct {
	Elem   ValType // a reference type
	Limits Limits
}

// MemType is a memory's limits (in 64 KiB pages).
type MemType struct {
	Limits Limits
}

// GlobalType is a global's value type and mutability.
type GlobalType struct {
	Type    ValType
	Mutable bool
}

// TagType is an exception tag: the index of a function type whose results are empty.
type TagType struct {
	Type uint32
}
