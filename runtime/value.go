package runtime

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Value is a typed WebAssembly value: a number, a v128, or a reference.
// The zero Value is invalid (it has no type).
//
// References are held as Go values: a funcref as its *Func, a reference
// to a Go value (ExternRef, HostRef) as that value, a GC object as an
// *Object, a rooted handle that stays valid while the collector moves the
// object. They become the machine-level form (abi/gc.go) only when they
// enter a Store.
type Value struct {
	typ    ValType
	lo, hi uint64 // numbers in lo; v128 in both (little-endian); i31 payload in lo
	// The referent of a non-null reference: *Func, hostValue or *Object;
	// nil for an i31 (whose static type is i31, or extern once
	// externalized).
	ref any
}

// hostValue is a Go value held as a reference: boxed, so that a Go value
// that happens to be a *Func or an *Object is still just a host value.
type hostValue struct{ x any }

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
	return Value{typ: RefType(false, HeapExtern), ref: hostValue{x}}
}

// HostRef returns an anyref wrapping the Go value x — what
// any.convert_extern makes of ExternRef(x) — or a null anyref if x is nil.
// It is of type (ref any) only: not an eqref, and not equal to anything
// under ref.eq.
func HostRef(x any) Value {
	if x == nil {
		return NullRef(HeapAny)
	}
	return Value{typ: RefType(false, HeapAny), ref: hostValue{x}}
}

// ObjectRef returns a reference to the GC object o, of type (ref $t) for
// o's type $t, or a null anyref if o is nil.
func ObjectRef(o *Object) Value {
	if o == nil {
		return NullRef(HeapAny)
	}
	return Value{typ: RefType(false, o.Type()), ref: o}
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

// Extern returns the Go value a reference wraps — an externref made by
// ExternRef, or an anyref made by HostRef or any.convert_extern — and nil
// for every other value.
func (v Value) Extern() any {
	h, _ := v.ref.(hostValue)
	return h.x
}

// Object returns the GC object a reference refers to (a struct or array,
// also when externalized by extern.convert_any), or nil.
func (v Value) Object() *Object {
	o, _ := v.ref.(*Object)
	return o
}

// IsI31 reports whether v is a non-null reference to an i31 (of type
// i31ref, or externref once externalized).
func (v Value) IsI31() bool { return v.typ.Kind == KindRef && !v.typ.Nullable && v.ref == nil }

// I31 returns the payload of an i31 reference, sign-extended from 31 bits.
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
		switch x := v.ref.(type) {
		case nil:
			if v.IsNull() {
				return "ref.null " + v.typ.Heap.String()
			}
			if v.IsI31() {
				return fmt.Sprintf("ref.i31 %d", v.I31())
			}
		case hostValue:
			if v.typ.Heap == HeapExtern {
				return fmt.Sprintf("ref.extern %v", x.x)
			}
			return fmt.Sprintf("ref.host %v", x.x)
		case *Func:
			return "ref.func " + x.String()
		case *Object:
			return "ref " + x.String()
		}
		return "ref " + v.typ.Heap.String()
	}
	return "invalid"
}
