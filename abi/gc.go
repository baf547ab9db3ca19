package abi

import (
	"errors"
	"fmt"

	"github.com/sablewasm/sable/wasm"
)

// The GC heap contract (DESIGN §5): how references are encoded, how objects
// are laid out, and the one size rule every allocation path applies. The
// compiler bakes these into generated code, package gc allocates and
// collects by them, and the runtime reads and writes objects for the host;
// none of them defines a layout of its own.
//
// # References
//
// A reference to the any or extern hierarchy is a u32 (zero-extended to 64
// bits in registers, frame slots, globals and tables; 4 bytes inside GC
// objects):
//
//	0                      null
//	v<<1 | 1               an i31 (v is the 31-bit payload)
//	h<<2 | 2               a host value: handle h of the Store's table of Go
//	                       values (an externref from Go, or the anyref that
//	                       any.convert_extern makes of one)
//	offset, 8-aligned, > 0 a GC object at GCHeapBase + offset
//
// any.convert_extern and extern.convert_any are therefore the identity on
// the bits. Function references are not GC references: a funcref is the
// address of a VMFuncRef (8 bytes, also inside GC objects), which never
// moves, and the collector neither traces nor updates it.
//
// # Objects
//
// Every object starts with an 8-byte header:
//
//	offset 0  u32  bits 31..26: Kind (a subtype bitset); bits 25..0: collector flags
//	offset 4  u32  canonical type id (a wasm.TypeID of the Engine)
//
// An array has its u32 length at offset 8 and its elements from
// ArrayLayout.ElemOffset (12 for elements of at most 4 bytes, else 16).
// Struct fields follow the header in declaration order, each aligned to
// min(its size, 8) (StructLayout). Objects are 8-aligned and their sizes
// are multiples of 8. Nothing derived from user input — a length, a size,
// a count — is ever stored in the flag bits: HeaderWord is the one function
// that builds word 0, and it rejects anything else.
//
// # Allocation
//
// The inline path of generated code bumps ExecContext.GCAllocPtr towards
// GCAllocLimit (both heap offsets) and relies on the free space being zero,
// so it stores only the header (and an array's length) and the fields it
// initializes to non-zero values. When the space does not suffice it exits
// with ExitGCAlloc; the collector may then move every object, so references
// live across the exit must be in frame slots listed by the stack map at
// its continuation. Before any arithmetic an array allocation compares its
// length (unsigned) against ArrayLayout.MaxLen and traps with
// TrapAllocationTooLarge when above: no size computed from a length that
// passed can exceed MaxObjectBytes, and ArrayLayout.Size applies the same
// rule on every other path.
//
// # Type records
//
// ExecContext.TypeTable points at an Engine-wide array of VMTypeInfo,
// indexed by canonical type id, whose address never changes. A concrete
// cast to type u at depth d (u's distance from the root of its supertype
// chain, a compile-time constant) with d < VMDisplayLen is one compare:
// TypeTable[t].Display[d] == u. Deeper targets follow Super links.

// Reference tags (the low bits of a non-null reference). An i31 is tagged
// by bit 0 alone — its bit 1 is the payload's low bit — so classify
// references with IsI31Ref, IsHostRef and IsObjectRef, never by comparing
// r&RefTagMask with RefI31Tag.
const (
	RefNull    = 0
	RefI31Tag  = 1 // v<<1 | 1
	RefHostTag = 2 // h<<2 | 2
	RefTagMask = 3 // ref&RefTagMask == 0 and ref != 0: a heap object
)

// IsI31Ref reports whether reference r is an i31.
func IsI31Ref[R ~uint32 | ~uint64](r R) bool { return r&RefI31Tag != 0 }

// IsHostRef reports whether reference r is a host value.
func IsHostRef[R ~uint32 | ~uint64](r R) bool { return r&RefTagMask == RefHostTag }

// IsObjectRef reports whether reference r is a GC object (a heap offset).
func IsObjectRef[R ~uint32 | ~uint64](r R) bool { return r != RefNull && r&RefTagMask == 0 }

// Object layout constants.
const (
	HeaderSize       = 8
	HeaderKindOffset = 0 // u32: kind and collector flags
	HeaderTypeOffset = 4 // u32: canonical type id
	ArrayLenOffset   = 8 // u32: an array's length
	ObjectAlign      = 8

	KindShift = 26
	KindMask  = 0x3f << KindShift
	FlagMask  = 1<<KindShift - 1

	// MaxObjectBytes bounds every object, header included. At 1 GiB, any
	// object size, and any offset within an object, is a positive int32
	// with room to round up.
	MaxObjectBytes = 1 << 30
)

// Kind is the 6-bit kind field of an object header, a subtype bitset:
// a <: b iff a&b == b. Only struct and array objects exist in the heap; the
// abstract kinds are what casts test against.
type Kind uint32

const (
	KindAny    Kind = 0b100000
	KindEq     Kind = 0b101000
	KindArray  Kind = 0b101010
	KindStruct Kind = 0b101100
)

// Is reports whether an object of kind k is a subtype of kind super.
func (k Kind) Is(super Kind) bool { return k&super == super }

// ErrHeaderBits is returned by HeaderWord for a kind that is not an object
// kind or flags outside FlagMask.
var ErrHeaderBits = errors.New("abi: stray bits in a GC object header")

// HeaderWord builds word 0 of an object header. It is the only code that
// does: generated code stores the constant it returns, the collector the
// word it returns.
func HeaderWord(k Kind, flags uint32) (uint32, error) {
	if (k != KindStruct && k != KindArray) || flags&^FlagMask != 0 {
		return 0, fmt.Errorf("%w: kind %#b, flags %#x", ErrHeaderBits, uint32(k), flags)
	}
	return uint32(k)<<KindShift | flags, nil
}

// HeaderKind extracts the kind of header word 0.
func HeaderKind(word uint32) Kind { return Kind(word >> KindShift) }

// Storage is how a struct field or array element is stored.
type Storage uint8

const (
	StorageI8 Storage = iota + 1
	StorageI16
	StorageI32
	StorageI64
	StorageF32
	StorageF64
	StorageV128
	StorageGCRef   // any, eq, i31, struct, array, none, extern, noextern and concrete struct/array types: u32
	StorageFuncRef // func, nofunc and concrete function types: the VMFuncRef address
)

var storageSizes = [...]uint32{StorageI8: 1, StorageI16: 2, StorageI32: 4, StorageI64: 8,
	StorageF32: 4, StorageF64: 8, StorageV128: 16, StorageGCRef: 4, StorageFuncRef: 8}

// Size is the number of bytes a value of storage s occupies in an object.
func (s Storage) Size() uint32 { return storageSizes[s] }

// align is where a field of storage s may start (relative to the object).
func (s Storage) align() uint32 { return min(s.Size(), 8) }

// StorageOf classifies a field's storage type. isFunc tells whether a
// concrete heap type (a type index or a canonical id, whichever the caller's
// types use) is a function type.
func StorageOf(t wasm.ValType, isFunc func(wasm.HeapType) bool) Storage {
	switch t.Kind {
	case wasm.I8:
		return StorageI8
	case wasm.I16:
		return StorageI16
	case wasm.I32:
		return StorageI32
	case wasm.I64:
		return StorageI64
	case wasm.F32:
		return StorageF32
	case wasm.F64:
		return StorageF64
	case wasm.V128:
		return StorageV128
	}
	switch h := t.Heap; {
	case h == wasm.HeapFunc || h == wasm.HeapNoFunc:
		return StorageFuncRef
	case !h.IsAbstract() && isFunc(h):
		return StorageFuncRef
	}
	return StorageGCRef
}

// StructLayout places a struct type's fields.
type StructLayout struct {
	// Size is the object's size in bytes, header included, a multiple of
	// ObjectAlign.
	Size uint32
	// Offsets[i] is field i's offset from the start of the object.
	Offsets []uint32
	// RefOffsets lists the offsets of the StorageGCRef fields, ascending:
	// what the collector traces.
	RefOffsets []uint32
}

// ErrStructTooLarge is returned by LayoutStruct when the fields do not fit
// in MaxObjectBytes.
var ErrStructTooLarge = errors.New("struct type too large")

// LayoutStruct lays fields out in declaration order, each aligned to
// min(size, 8). Declaration order is required, not just simple: a subtype
// extends its supertype's fields, and code that knows only the supertype
// must find them at the same offsets.
func LayoutStruct(fields []Storage) (StructLayout, error) {
	l := StructLayout{Offsets: make([]uint32, len(fields))}
	off := uint64(HeaderSize)
	for i, s := range fields {
		a := uint64(s.align())
		off = (off + a - 1) &^ (a - 1)
		l.Offsets[i] = uint32(off)
		if s == StorageGCRef {
			l.RefOffsets = append(l.RefOffsets, uint32(off))
		}
		off += uint64(s.Size())
		if off > MaxObjectBytes {
			return StructLayout{}, ErrStructTooLarge
		}
	}
	l.Size = uint32((off + ObjectAlign - 1) &^ (ObjectAlign - 1))
	return l, nil
}

// ArrayLayout is the layout of an array type's objects.
type ArrayLayout struct {
	Elem       Storage
	ElemSize   uint32
	ElemOffset uint32 // offset of element 0 from the start of the object
	// MaxLen is the largest length whose object fits in MaxObjectBytes:
	// the constant generated code compares a requested length against
	// before computing anything from it.
	MaxLen uint32
}

// LayoutArray returns the layout of arrays of elem.
func LayoutArray(elem Storage) ArrayLayout {
	l := ArrayLayout{Elem: elem, ElemSize: elem.Size(), ElemOffset: ArrayLenOffset + 4}
	if l.ElemSize > 4 {
		l.ElemOffset = ArrayLenOffset + 8
	}
	l.MaxLen = (MaxObjectBytes - l.ElemOffset) / l.ElemSize
	return l
}

// Size is THE size rule for arrays: the object bytes of an array of n
// elements, rounded up to ObjectAlign, and whether that is allowed
// (n <= MaxLen). Every path that allocates an array — generated code
// through MaxLen, the collector's slow path, constant expressions,
// array.new_data/new_elem, the host API — decides by it.
func (l ArrayLayout) Size(n uint32) (uint32, bool) {
	if n > l.MaxLen {
		return 0, false
	}
	size := uint64(l.ElemOffset) + uint64(n)*uint64(l.ElemSize)
	return uint32((size + ObjectAlign - 1) &^ (ObjectAlign - 1)), true
}

// VMDisplayLen is how many supertype display entries a VMTypeInfo holds
// inline.
const VMDisplayLen = 14

// NoTypeID fills display entries beyond a type's depth and Super of a type
// without a supertype: no canonical type has this id.
const NoTypeID = 0xffff_ffff

// VMTypeInfo is the run-time record of one canonical type in the Engine's
// type table (ExecContext.TypeTable), 64 bytes.
type VMTypeInfo struct {
	// Depth is the length of the type's supertype chain (0 without one).
	Depth uint32
	// Super is the declared supertype's id, or NoTypeID.
	Super uint32
	// Display[d] is the ancestor at depth d (the type itself at d ==
	// Depth) for d <= Depth, and NoTypeID for d > Depth.
	Display [VMDisplayLen]uint32
}

// Offsets in VMTypeInfo, checked in gc_test.go.
const (
	VMTypeInfoDepth   = 0
	VMTypeInfoSuper   = 4
	VMTypeInfoDisplay = 8
	VMTypeInfoSize    = 64
)

// VMTypeInfoOf builds the run-time record of canonical type t: its depth,
// its declared supertype and the display of its ancestors by depth. The
// runtime fills ExecContext.TypeTable with these, test harnesses too.
func VMTypeInfoOf(t *wasm.TypeInfo) VMTypeInfo {
	r := VMTypeInfo{Depth: uint32(t.Depth), Super: NoTypeID}
	if t.Super != nil {
		r.Super = uint32(t.Super.ID)
	}
	for d := range r.Display {
		r.Display[d] = NoTypeID
	}
	for a := t; a != nil; a = a.Super {
		if a.Depth < VMDisplayLen {
			r.Display[a.Depth] = uint32(a.ID)
		}
	}
	return r
}
