package spectest

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// matchResults reports whether an action's results match the expected
// patterns of an assert_return, and if not, why.
func matchResults(want []wat.Result, got []wat.Value) (bool, string) {
	if len(want) != len(got) {
		return false, fmt.Sprintf("expected %d results; got %d: %s", len(want), len(got), formatValues(got))
	}
	for i := range want {
		if !matchResult(&want[i], got[i]) {
			return false, fmt.Sprintf("result %d: expected %s; got %s", i, formatResult(&want[i]), formatValue(got[i]))
		}
	}
	return true, ""
}

func matchResult(r *wat.Result, v wat.Value) bool {
	switch r.Kind {
	case wat.ResultValue:
		return matchValue(r.Value, v)
	case wat.ResultNaN:
		return v.Kind == r.Value.Kind && matchNaN(r.NaN, v.Bits, v.Kind == wat.ValF64)
	case wat.ResultLanes:
		if v.Kind != wat.ValV128 {
			return false
		}
		size := r.Shape.LaneBytes()
		for i, lane := range r.Lanes {
			var buf [8]byte
			copy(buf[:], v.V128[i*size:(i+1)*size])
			bits := binary.LittleEndian.Uint64(buf[:])
			if lane.NaN != wat.NotNaN {
				if !matchNaN(lane.NaN, bits, size == 8) {
					return false
				}
			} else if bits != lane.Bits {
				return false
			}
		}
		return true
	case wat.ResultNull:
		return v.Kind == wat.ValNull
	case wat.ResultRef:
		return matchRefType(v, r.Heap)
	case wat.ResultEither:
		for i := range r.Either {
			if matchResult(&r.Either[i], v) {
				return true
			}
		}
	}
	return false
}

func matchValue(want, got wat.Value) bool {
	if want.Kind != got.Kind {
		return false
	}
	switch want.Kind {
	case wat.ValV128:
		return want.V128 == got.V128
	case wat.ValNull:
		// Null references are not told apart by the type they were made at.
		return true
	case wat.ValExtern, wat.ValHost:
		return want.Host == got.Host
	}
	return want.Bits == got.Bits
}

// matchNaN checks NaN class c against float bits (f64 when wide).
func matchNaN(c wat.NaNClass, bits uint64, wide bool) bool {
	mantBits := 23
	if wide {
		mantBits = 52
	} else {
		bits &= 0xffffffff
	}
	expMask := uint64(1)<<(mantBits+expWidth(wide)) - 1<<mantBits
	quiet := uint64(1) << (mantBits - 1)
	mant := bits & (1<<mantBits - 1)
	if bits&expMask != expMask || mant == 0 {
		return false
	}
	if c == wat.NaNCanonical {
		return mant == quiet
	}
	return mant&quiet != 0
}

func expWidth(wide bool) int {
	if wide {
		return 11
	}
	return 8
}

// matchRefType reports whether v is a non-null reference whose type
// matches (ref h) for abstract h.
func matchRefType(v wat.Value, h wasm.HeapType) bool {
	var t wasm.HeapType
	switch v.Kind {
	case wat.ValRef:
		t = v.Heap
	case wat.ValExtern:
		t = wasm.HeapExtern
	case wat.ValHost:
		t = wasm.HeapAny
	default:
		return false
	}
	for ; ; t = abstractSuper(t) {
		if t == h {
			return true
		}
		if t == abstractSuper(t) {
			return false
		}
	}
}

// abstractSuper is the direct supertype of abstract heap type t in the
// internal hierarchy (i31, struct, array <: eq <: any); tops map to
// themselves.
func abstractSuper(t wasm.HeapType) wasm.HeapType {
	switch t {
	case wasm.HeapI31, wasm.HeapStruct, wasm.HeapArray:
		return wasm.HeapEq
	case wasm.HeapEq:
		return wasm.HeapAny
	}
	return t
}

func formatValues(vs []wat.Value) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = formatValue(v)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func formatValue(v wat.Value) string {
	switch v.Kind {
	case wat.ValI32, wat.ValF32:
		return fmt.Sprintf("(%s 0x%08x)", v.Kind, v.Bits)
	case wat.ValI64, wat.ValF64:
		return fmt.Sprintf("(%s 0x%016x)", v.Kind, v.Bits)
	case wat.ValV128:
		return fmt.Sprintf("(v128 %x)", v.V128)
	case wat.ValNull, wat.ValRef:
		return fmt.Sprintf("(%s %s)", v.Kind, v.Heap)
	case wat.ValExtern, wat.ValHost:
		return fmt.Sprintf("(%s %d)", v.Kind, v.Host)
	}
	return "(invalid)"
}

func formatResult(r *wat.Result) string {
	switch r.Kind {
	case wat.ResultNaN:
		if r.NaN == wat.NaNCanonical {
			return fmt.Sprintf("(%s nan:canonical)", r.Value.Kind)
		}
		return fmt.Sprintf("(%s nan:arithmetic)", r.Value.Kind)
	case wat.ResultLanes:
		return fmt.Sprintf("(v128 %s lanes %v)", r.Shape, r.Lanes)
	case wat.ResultNull:
		return "(ref.null)"
	case wat.ResultRef:
		return fmt.Sprintf("(ref.%s)", r.Heap)
	case wat.ResultEither:
		parts := make([]string, len(r.Either))
		for i := range r.Either {
			parts[i] = formatResult(&r.Either[i])
		}
		return "(either " + strings.Join(parts, " ") + ")"
	}
	return formatValue(r.Value)
}
