package runtime

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Value is a typed WebAssembly value: a number, a v128, or a reference.
// The zero Value is invalid (it has no type).
//
// References are held as Go values: a funcref as its *Func, an externref
// as the Go value it wraps. They become the machine-level form (the
// address of the function's record, an index into the Store's handle
// table) only when they enter a Store.
type Value struct {
	typ    ValType
	lo, hi uint64 // numbers in lo; v128 in both (little-endian); i31 payload in lo
	ref    any    // *Func for funcrefs, the Go value for externrefs
}

// I32 returns an i32 value.
func I32(v int32) Value { return Value{typ: TypeI32, lo: uint64(uint32(v))} }

// I64 returns an i64 value.
func I64(v int64) Value { return Value{typ: TypeI64, lo: uint64(v)} }

// F32 returns an f32 value.
func F32(v float32) Value { return F32FromBits(math.Float32bits(v)) }

// F64 returns an f64 value.
func F64(v float64) Value { return F64FromBits(math.Float64bits(v)) }

// F32FromBits returns the f32 value with IEEE 754 bits b. Unlike F32 it
// cannot disturb a NaN's payload on any platform.
func F32FromBits(b uint32) Value { return Value{typ: TypeF32, lo: uint64(b)} }

// F64FromBits returns the f64 value with IEEE 754 bits b.
func F64FromBits(b uint64) Value { return Value{typ: TypeF64, lo: b} }

// V128 returns a v128 value from its 16 bytes in little-endian lane order.
func V128(b [16]byte) Value {
	return Value{typ: TypeV128, lo: binary.LittleEndian.Uint64(b[:8]), hi: binary.LittleEndian.Uint64(b[8:])}
}

// FuncRef returns a reference to f, or a null funcref if f is nil.
func FuncRef(f *Func) Value {
	if f == nil {
		return NullRef(HeapFunc)
	}
	return Value{typ: RefType(false, HeapFunc), ref: f}
}

// ExternRef returns an externref wrapping the Go value x, or a null
// externref if x is nil. Wasm code cannot look inside it; it can store it
// and pass it back, and the host gets x back from Value.Extern.
func ExternRef(x any) Value {
	if x == nil {
		return NullRef(HeapExtern)
	}
	return Value{typ: RefType(false, HeapExtern), ref: x}
}

// I31Ref returns an i31ref holding the low 31 bits of v.
func I31Ref(v int32) Value {
	return Value{typ: RefType(false, HeapI31), lo: uint64(uint32(v) & 0x7fffffff)}
}

// NullRef returns the null reference of type (ref null h).
func NullRef(h HeapType) Value { return Value{typ: RefType(true, h)} }

// Type returns v's type. A non-null reference reports the abstract type of
// what it refers to ((ref func), (ref extern), (ref i31)); a null one the
// type it was made with.
func (v Value) Type() ValType { return v.typ }

// I32 returns the value of an i32 (0 for other kinds).
func (v Value) I32() int32 { return int32(uint32(v.lo)) }

// I64 returns the value of an i64.
func (v Value) I64() int64 { return int64(v.lo) }

// F32 returns the value of an f32.
func (v Value) F32() float32 { return math.Float32frombits(uint32(v.lo)) }

// F64 returns the value of an f64.
func (v Value) F64() float64 { return math.Float64frombits(v.lo) }

// Bits returns the raw bits of a number: an i32 or f32 zero-extended, an
// i64 or the IEEE bits of an f64.
func (v Value) Bits() uint64 { return v.lo }

// V128 returns the 16 bytes of a v128.
func (v Value) V128() [16]byte {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], v.lo)
	binary.LittleEndian.PutUint64(b[8:], v.hi)
	return b
}

// IsNull reports whether v is a null reference.
func (v Value) IsNull() bool { return v.typ.Kind == KindRef && v.typ.Nullable }

// Func returns the function a funcref refers to (nil for null).
func (v Value) Func() *Func {
	f, _ := v.ref.(*Func)
	return f
}

// Extern returns the Go value an externref wraps (nil for null).
func (v Value) Extern() any {
	if v.typ.Kind != KindRef || v.typ.Heap != HeapExtern || v.IsNull() {
		return nil
	}
	return v.ref
}

// I31 returns the payload of an i31ref, sign-extended from 31 bits.
func (v Value) I31() int32 { return int32(uint32(v.lo)<<1) >> 1 }

func (v Value) String() string {
	switch v.typ.Kind {
	case KindI32:
		return fmt.Sprintf("i32:%d", v.I32())
	case KindI64:
		return fmt.Sprintf("i64:%d", v.I64())
	case KindF32:
		return fmt.Sprintf("f32:%g", v.F32())
	case KindF64:
		return fmt.Sprintf("f64:%g", v.F64())
	case KindV128:
		return fmt.Sprintf("v128:%x", v.V128())
	case KindRef:
		switch {
		case v.IsNull():
			return "ref.null " + v.typ.Heap.String()
		case v.typ.Heap == HeapI31:
			return fmt.Sprintf("ref.i31 %d", v.I31())
		case v.typ.Heap == HeapExtern:
			return fmt.Sprintf("ref.extern %v", v.ref)
		case v.Func() != nil:
			return "ref.func " + v.Func().String()
		}
		return "ref " + v.typ.Heap.String()
	}
	return "invalid"
}
