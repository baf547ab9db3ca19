package wasm

import (
	"strings"
	"testing"
)

// newEnv validates and canonicalizes m's type section.
func newEnv(t *testing.T, m *Module) *typeEnv {
	t.Helper()
	e := &typeEnv{m: m}
	if err := validateTypes(e); err != nil {
		t.Fatalf("validateTypes: %v", err)
	}
	return e
}

var abstractHeaps = []HeapType{
	HeapAny, HeapEq, HeapI31, HeapStruct, HeapArray, HeapNone,
	HeapFunc, HeapNoFunc, HeapExtern, HeapNoExtern, HeapExn, HeapNoExn,
}

func TestMatchHeapAbstractHierarchy(t *testing.T) {
	// The supertypes of each abstract heap type, itself included.
	supers := map[HeapType][]HeapType{
		HeapAny:      {HeapAny},
		HeapEq:       {HeapEq, HeapAny},
		HeapI31:      {HeapI31, HeapEq, HeapAny},
		HeapStruct:   {HeapStruct, HeapEq, HeapAny},
		HeapArray:    {HeapArray, HeapEq, HeapAny},
		HeapNone:     {HeapNone, HeapI31, HeapStruct, HeapArray, HeapEq, HeapAny},
		HeapFunc:     {HeapFunc},
		HeapNoFunc:   {HeapNoFunc, HeapFunc},
		HeapExtern:   {HeapExtern},
		HeapNoExtern: {HeapNoExtern, HeapExtern},
		HeapExn:      {HeapExn},
		HeapNoExn:    {HeapNoExn, HeapExn},
	}
	e := newEnv(t, &Module{})
	for _, a := range abstractHeaps {
		for _, b := range abstractHeaps {
			want := false
			for _, s := range supers[a] {
				want = want || s == b
			}
			if got := e.matchHeap(a, b); got != want {
				t.Errorf("matchHeap(%s, %s) = %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestMatchHeapConcrete(t *testing.T) {
	m := typesModule(
		rec(open(structT(imm(TypeI32)))),    // 0
		rec(open(structT(imm(TypeI32)), 0)), // 1 <: 0
		rec(final(arrayT(imm(TypeI32)))),    // 2
		rec(final(funcT(nil, nil))),         // 3
		rec(open(structT(imm(TypeI32)))),    // 4 == 0
	)
	e := newEnv(t, m)
	h := func(i uint32) HeapType { return HeapType(i) }
	yes := [][2]HeapType{
		{h(0), HeapStruct}, {h(0), HeapEq}, {h(0), HeapAny},
		{h(2), HeapArray}, {h(2), HeapEq}, {h(3), HeapFunc},
		{HeapNone, h(0)}, {HeapNone, h(2)}, {HeapNoFunc, h(3)},
		{h(1), h(0)}, {h(1), h(4)}, {h(0), h(4)}, {h(4), h(0)},
	}
	no := [][2]HeapType{
		{h(0), HeapArray}, {h(0), HeapI31}, {h(0), HeapFunc}, {h(2), HeapStruct},
		{h(3), HeapAny}, {h(3), HeapEq}, {HeapNoFunc, h(0)}, {HeapNone, h(3)},
		{HeapNoExtern, h(0)}, {h(0), h(1)}, {h(0), h(2)}, {HeapStruct, h(0)},
		{HeapAny, h(0)}, {h(0), HeapNone}, {h(9), HeapAny}, {h(0), h(9)},
		{HeapType(1 << 32), h(0)}, {h(0), HeapType(1 << 32)}, {HeapType(1 << 32), HeapAny},
	}
	for _, p := range yes {
		if !e.matchHeap(p[0], p[1]) {
			t.Errorf("matchHeap(%s, %s) = false, want true", p[0], p[1])
		}
	}
	for _, p := range no {
		if e.matchHeap(p[0], p[1]) {
			t.Errorf("matchHeap(%s, %s) = true, want false", p[0], p[1])
		}
	}
	if d0, d1 := e.heapInfo(0).Depth, e.heapInfo(1).Depth; d0 != 0 || d1 != 1 {
		t.Errorf("depths = %d, %d; want 0, 1", d0, d1)
	}
}

func TestMatchValAndEqVal(t *testing.T) {
	e := newEnv(t, typesModule(rec(final(structT())), rec(final(structT()))))
	cases := []struct {
		a, b      ValType
		match, eq bool
	}{
		{TypeI32, TypeI32, true, true},
		{TypeI32, TypeI64, false, false},
		{ValType{Kind: I8}, ValType{Kind: I8}, true, true},
		{ValType{Kind: I8}, TypeI32, false, false},
		{RefType(false, HeapAny), TypeAnyRef, true, false},
		{TypeAnyRef, RefType(false, HeapAny), false, false},
		{refT(false, 0), refT(true, 1), true, false},
		{refT(true, 0), refT(true, 1), true, true},
		{refT(true, 0), RefType(true, HeapStruct), true, false},
		{TypeFuncRef, TypeAnyRef, false, false},
		{TypeI32, TypeAnyRef, false, false},
	}
	for _, c := range cases {
		if got := e.matchVal(c.a, c.b); got != c.match {
			t.Errorf("matchVal(%s, %s) = %v, want %v", c.a, c.b, got, c.match)
		}
		if got := e.eqVal(c.a, c.b); got != c.eq {
			t.Errorf("eqVal(%s, %s) = %v, want %v", c.a, c.b, got, c.eq)
		}
	}
}

func TestTopAndBottom(t *testing.T) {
	e := newEnv(t, typesModule(rec(final(structT()), final(arrayT(imm(TypeI32))), final(funcT(nil, nil)))))
	cases := []struct{ h, top, bottom HeapType }{
		{HeapI31, HeapAny, HeapNone},
		{HeapNone, HeapAny, HeapNone},
		{HeapNoFunc, HeapFunc, HeapNoFunc},
		{HeapExtern, HeapExtern, HeapNoExtern},
		{HeapNoExn, HeapExn, HeapNoExn},
		{0, HeapAny, HeapNone},
		{1, HeapAny, HeapNone},
		{2, HeapFunc, HeapNoFunc},
		{7, 7, 7}, // unknown index: returned as is
	}
	for _, c := range cases {
		if got := e.top(c.h); got != c.top {
			t.Errorf("top(%s) = %s, want %s", c.h, got, c.top)
		}
		if got := e.bottom(c.h); got != c.bottom {
			t.Errorf("bottom(%s) = %s, want %s", c.h, got, c.bottom)
		}
	}
}

func TestCheckValType(t *testing.T) {
	e := newEnv(t, typesModule(rec(final(structT()))))
	cases := []struct {
		t    ValType
		want string // error prefix; "" for valid
	}{
		{TypeV128, ""},
		{refT(false, 0), ""},
		{RefType(true, HeapNoExn), ""},
		{refT(true, 1), "unknown type 1"},
		{RefType(true, HeapType(1<<40)), "unknown type 1099511627776"},
		{RefType(true, -0x40), "invalid heap type"},
		{ValType{Kind: I16}, "invalid value type"},
		{ValType{}, "invalid value type"},
	}
	for _, c := range cases {
		err := e.checkValType(c.t)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("checkValType(%s) = %v, want nil", c.t, err)
		case c.want != "" && (err == nil || !strings.HasPrefix(err.Error(), c.want)):
			t.Errorf("checkValType(%s) = %v, want %q", c.t, err, c.want)
		}
	}
}

func TestMatchComp(t *testing.T) {
	// Type 1 is declared a subtype of type 0, so (ref 1) <: (ref 0).
	m := typesModule(rec(open(structT()), open(structT(), 0)))
	e := newEnv(t, m)
	sub, super := refT(false, 1), refT(false, 0)
	cases := []struct {
		name string
		a, b CompType
		want bool
	}{
		{"func params contravariant", funcT([]ValType{super}, nil), funcT([]ValType{sub}, nil), true},
		{"func params not covariant", funcT([]ValType{sub}, nil), funcT([]ValType{super}, nil), false},
		{"func results covariant", funcT(nil, []ValType{sub}), funcT(nil, []ValType{super}), true},
		{"func results not contravariant", funcT(nil, []ValType{super}), funcT(nil, []ValType{sub}), false},
		{"func arity", funcT([]ValType{TypeI32}, nil), funcT(nil, nil), false},
		{"struct width", structT(imm(TypeI32), imm(TypeI64)), structT(imm(TypeI32)), true},
		{"struct narrower", structT(imm(TypeI32)), structT(imm(TypeI32), imm(TypeI64)), false},
		{"immutable field covariant", structT(imm(sub)), structT(imm(super)), true},
		{"mutable field invariant", structT(mut(sub)), structT(mut(super)), false},
		{"mutable field equal", structT(mut(sub)), structT(mut(sub)), true},
		{"mutability must agree", structT(mut(sub)), structT(imm(sub)), false},
		{"packed fields", arrayT(mut(ValType{Kind: I8})), arrayT(mut(ValType{Kind: I8})), true},
		{"packed differs", arrayT(imm(ValType{Kind: I8})), arrayT(imm(ValType{Kind: I16})), false},
		{"array covariant", arrayT(imm(sub)), arrayT(imm(super)), true},
		{"kinds differ", arrayT(imm(TypeI32)), structT(imm(TypeI32)), false},
	}
	for _, c := range cases {
		if got := e.matchComp(&c.a, &c.b); got != c.want {
			t.Errorf("%s: matchComp = %v, want %v", c.name, got, c.want)
		}
	}
}
