package runtime

import (
	"math"
	"testing"
)

func TestValues(t *testing.T) {
	for _, c := range []struct {
		v    Value
		typ  ValType
		bits uint64
	}{
		{I32(-1), TypeI32, 0xffffffff},
		{I64(-1), TypeI64, math.MaxUint64},
		{F32(1.5), TypeF32, uint64(math.Float32bits(1.5))},
		{F64(-2), TypeF64, math.Float64bits(-2)},
		{F32FromBits(0x7f800001), TypeF32, 0x7f800001},
		{F64FromBits(0x7ff0000000000001), TypeF64, 0x7ff0000000000001},
	} {
		if c.v.Type() != c.typ || c.v.Bits() != c.bits {
			t.Errorf("%v: type %v bits %#x; want %v %#x", c.v, c.v.Type(), c.v.Bits(), c.typ, c.bits)
		}
	}
	if I32(-7).I32() != -7 || I64(-7).I64() != -7 || F32(2.5).F32() != 2.5 || F64(2.5).F64() != 2.5 {
		t.Error("accessors do not round-trip")
	}
	if v := I31Ref(-3); v.I31() != -3 || v.Type() != RefType(false, HeapI31) {
		t.Errorf("I31Ref(-3) = %v", v)
	}
	if !FuncRef(nil).IsNull() || !ExternRef(nil).IsNull() || FuncRef(nil).Type() != TypeFuncRef {
		t.Error("nil references are not typed nulls")
	}
	if x := ExternRef("s").Extern(); x != "s" {
		t.Errorf("Extern = %v", x)
	}
	if I32(1).Func() != nil || I32(1).Extern() != nil || I32(1).IsNull() {
		t.Error("a number answers as a reference")
	}
	if s := RefType(true, ConcreteHeapType(3)).String(); s != "(ref null $type3)" {
		t.Errorf("String = %q", s)
	}
}
