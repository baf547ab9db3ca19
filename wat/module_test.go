package wat

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/sablewasm/sable/wasm"
)

func mustParse(t *testing.T, src string) *wasm.Module {
	t.Helper()
	m, err := ParseModule([]byte(src))
	if err != nil {
		t.Fatalf("ParseModule(%q): %v", src, err)
	}
	return m
}

func funcType(params, results []wasm.ValType) wasm.SubType {
	return wasm.SubType{Final: true, Comp: wasm.CompType{Kind: wasm.CompFunc, Func: wasm.FuncType{Params: params, Results: results}}}
}

func i32s(n int) []wasm.ValType {
	var ts []wasm.ValType
	for range n {
		ts = append(ts, wasm.TypeI32)
	}
	return ts
}

func TestIndexSpacesAndExports(t *testing.T) {
	m := mustParse(t, `(module
		(import "env" "f" (func $imp (param i32)))
		(import "env" "g" (global $gi i32))
		(func $b (import "env" "b") (param i32))
		(func $a (export "a") (export "a2") (param $x i32) (result i32) (local.get $x))
		(global $g (mut i64) (i64.const 1))
		(export "g" (global $g))
		(export "imp" (func $imp))
		(start $a))`)
	if len(m.Imports) != 3 || m.Imports[2].Name != "b" || m.Imports[2].Kind != wasm.ExternFunc {
		t.Fatalf("imports = %+v", m.Imports)
	}
	// $imp and $b share the implicit type (param i32); $a gets its own.
	if got, want := m.Types, []wasm.SubType{funcType(i32s(1), nil), funcType(i32s(1), i32s(1))}; !reflect.DeepEqual(got, want) {
		t.Errorf("types = %+v, want %+v", got, want)
	}
	if m.Imports[0].Func != 0 || m.Imports[2].Func != 0 || !reflect.DeepEqual(m.Funcs, []uint32{1}) {
		t.Errorf("func types: imports %d %d, funcs %v", m.Imports[0].Func, m.Imports[2].Func, m.Funcs)
	}
	want := []wasm.Export{
		{Name: "a", Kind: wasm.ExternFunc, Index: 2},
		{Name: "a2", Kind: wasm.ExternFunc, Index: 2},
		{Name: "g", Kind: wasm.ExternGlobal, Index: 1},
		{Name: "imp", Kind: wasm.ExternFunc, Index: 0},
	}
	if !reflect.DeepEqual(m.Exports, want) {
		t.Errorf("exports = %+v, want %+v", m.Exports, want)
	}
	if m.Start == nil || *m.Start != 2 {
		t.Errorf("start = %v, want 2", m.Start)
	}
	if g := m.Globals[0]; g.Type != (wasm.GlobalType{Type: wasm.TypeI64, Mutable: true}) || !bytes.Equal(g.Init.Code, []byte{0x42, 0x01, 0x0b}) {
		t.Errorf("global = %+v", g)
	}
}

func TestImplicitTypesFollowExplicitOnes(t *testing.T) {
	m := mustParse(t, `
		(func (param i64))
		(type $t (func))
		(type $open (sub (func (param f32))))
		(rec (type (func (param f64))) (type (struct)))
		(func (type $t))
		(func (param f32))
		(func (param f64))
		(func)`)
	// Only a final, supertype-less type alone in its rec group matches an
	// inline signature; (param f32) and (param f64) get implicit types.
	if len(m.Types) != 7 {
		t.Fatalf("got %d types, want 7: %+v", len(m.Types), m.Types)
	}
	if !reflect.DeepEqual(m.Funcs, []uint32{4, 0, 5, 6, 0}) {
		t.Errorf("funcs = %v, want [4 0 5 6 0]", m.Funcs)
	}
	wantGroups := []wasm.RecGroup{{Start: 0, Len: 1}, {Start: 1, Len: 1}, {Start: 2, Len: 2}, {Start: 4, Len: 1}, {Start: 5, Len: 1}, {Start: 6, Len: 1}}
	if !reflect.DeepEqual(m.RecGroups, wantGroups) {
		t.Errorf("rec groups = %v, want %v", m.RecGroups, wantGroups)
	}
}

func TestTypeDefinitions(t *testing.T) {
	m := mustParse(t, `(module
		(type $s (sub (struct (field $x (mut i8)) (field i32 i64) (field $r (ref null $s)))))
		(type $a (array (mut funcref)))
		(type $f (sub final $s (func (param $p i32) (result (ref $a))))))`)
	s := m.Types[0]
	if s.Final || len(s.Supers) != 0 || s.Comp.Kind != wasm.CompStruct || len(s.Comp.Fields) != 4 {
		t.Fatalf("struct = %+v", s)
	}
	if f := s.Comp.Fields[0]; f.Type.Kind != wasm.I8 || !f.Mutable {
		t.Errorf("field 0 = %+v", f)
	}
	if f := s.Comp.Fields[3]; f.Type != wasm.RefType(true, 0) {
		t.Errorf("field 3 = %+v", f)
	}
	if a := m.Types[1].Comp; a.Kind != wasm.CompArray || a.Fields[0] != (wasm.FieldType{Type: wasm.TypeFuncRef, Mutable: true}) {
		t.Errorf("array = %+v", a)
	}
	f := m.Types[2]
	if !f.Final || !reflect.DeepEqual(f.Supers, []uint32{0}) || f.Comp.Func.Results[0] != wasm.RefType(false, 1) {
		t.Errorf("func = %+v", f)
	}
	// Numeric indices are taken as written, even out of range.
	if _, err := ParseModule([]byte(`(type (func (param (ref 99))))`)); err != nil {
		t.Errorf("out-of-range type index rejected: %v", err)
	}
	if _, err := ParseModule([]byte(`(type (struct (field $x i32) (field $x i32)))`)); err == nil || !strings.Contains(err.Error(), "duplicate field") {
		t.Errorf("duplicate field: %v", err)
	}
}

func TestFieldScope(t *testing.T) {
	src := `(type $a (struct (field $x i32) (field $y i64)))
		(type $b (struct (field $y f32)))`
	nodes, err := ParseSExprs([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p := &moduleParser{m: &wasm.Module{}, fieldIDs: map[uint32]map[string]uint32{}}
	for _, n := range nodes {
		if err := p.declare(n); err != nil {
			t.Fatal(err)
		}
		if err := p.parseTypeField(n); err != nil {
			t.Fatal(err)
		}
	}
	y := &Node{Kind: ID, Text: "y"}
	if i, err := p.field(0, y); err != nil || i != 1 {
		t.Errorf("field(0, $y) = %d, %v; want 1", i, err)
	}
	if i, err := p.field(1, y); err != nil || i != 0 {
		t.Errorf("field(1, $y) = %d, %v; want 0", i, err)
	}
	if _, err := p.field(1, &Node{Kind: ID, Text: "x"}); err == nil || !strings.HasPrefix(err.(*Error).Msg, "unknown field") {
		t.Errorf("field(1, $x) error = %v", err)
	}
	if i, err := p.field(1, &Node{Kind: Atom, Text: "7"}); err != nil || i != 7 {
		t.Errorf("numeric field = %d, %v", i, err)
	}
}

func TestFunctionLocals(t *testing.T) {
	m := mustParse(t, `(func (param $a i32) (param f32 f32) (local $b i64) (local i64 i32) (local.get $b))`)
	c := m.Codes[0]
	want := []wasm.LocalDecl{{Count: 2, Type: wasm.TypeI64}, {Count: 1, Type: wasm.TypeI32}}
	if !reflect.DeepEqual(c.Locals, want) {
		t.Errorf("locals = %+v, want %+v", c.Locals, want)
	}
	// $b is local 3, after three parameters.
	if !bytes.Equal(c.Body, []byte{0x20, 0x03, 0x0b}) {
		t.Errorf("body = % x", c.Body)
	}
	// With only (type x), the parameters come from the type.
	m = mustParse(t, `(type $t (func (param i32 i32))) (func (type $t) (local $l f64) (local.get $l))`)
	if !bytes.Equal(m.Codes[0].Body, []byte{0x20, 0x02, 0x0b}) {
		t.Errorf("body = % x", m.Codes[0].Body)
	}
}

func TestTablesMemoriesSegments(t *testing.T) {
	m := mustParse(t, `(module
		(func $f) (func $g)
		(table $t i64 2 10 funcref)
		(table $u (ref null func) (elem $f $g $f))
		(table $v 3 (ref func) (ref.func $g))
		(memory $m (data "ab" "c"))
		(memory i64 1)
		(elem $e (table $u) (offset (i32.const 1)) func $g)
		(elem declare func $f)
		(elem funcref (item ref.func $f) (ref.null func))
		(elem (i32.const 0) $g)
		(data (memory $m) (i32.const 5) "xyz")
		(data $d "passive"))`)
	if tt := m.Tables[0].Type; tt.Elem != wasm.TypeFuncRef || tt.Limits != (wasm.Limits{Min: 2, Max: 10, HasMax: true, Is64: true}) {
		t.Errorf("table 0 = %+v", tt)
	}
	if l := m.Tables[1].Type.Limits; l != (wasm.Limits{Min: 3, Max: 3, HasMax: true}) {
		t.Errorf("table 1 limits = %+v", l)
	}
	if init := m.Tables[2].Init.Code; !bytes.Equal(init, []byte{0xd2, 0x01, 0x0b}) {
		t.Errorf("table 2 init = % x", init)
	}
	if len(m.Elems) != 5 {
		t.Fatalf("got %d elem segments, want 5", len(m.Elems))
	}
	inline := m.Elems[0]
	if inline.Mode != wasm.SegmentActive || inline.Table != 1 || inline.Type != wasm.RefType(true, wasm.HeapFunc) ||
		len(inline.Init) != 3 || !bytes.Equal(inline.Init[1].Code, []byte{0xd2, 0x01, 0x0b}) ||
		!bytes.Equal(inline.Offset.Code, []byte{0x41, 0x00, 0x0b}) {
		t.Errorf("inline elem = %+v", inline)
	}
	if e := m.Elems[1]; e.Table != 1 || !e.FuncIndices || e.Type != funcIndexElemType || !bytes.Equal(e.Offset.Code, []byte{0x41, 0x01, 0x0b}) {
		t.Errorf("elem $e = %+v", e)
	}
	if e := m.Elems[2]; e.Mode != wasm.SegmentDeclarative {
		t.Errorf("declare elem = %+v", e)
	}
	if e := m.Elems[3]; e.Mode != wasm.SegmentPassive || e.FuncIndices || len(e.Init) != 2 || !bytes.Equal(e.Init[1].Code, []byte{0xd0, 0x70, 0x0b}) {
		t.Errorf("passive elem = %+v", e)
	}
	if e := m.Elems[4]; e.Mode != wasm.SegmentActive || e.Table != 0 || !e.FuncIndices {
		t.Errorf("legacy elem = %+v", e)
	}
	if l := m.Mems[0].Limits; l != (wasm.Limits{Min: 1, Max: 1, HasMax: true}) {
		t.Errorf("memory 0 = %+v", l)
	}
	if l := m.Mems[1].Limits; l != (wasm.Limits{Min: 1, Is64: true}) {
		t.Errorf("memory 1 = %+v", l)
	}
	if d := m.Datas[0]; string(d.Init) != "abc" || d.Mode != wasm.SegmentActive {
		t.Errorf("inline data = %+v", d)
	}
	if d := m.Datas[1]; d.Mem != 0 || string(d.Init) != "xyz" || !bytes.Equal(d.Offset.Code, []byte{0x41, 0x05, 0x0b}) {
		t.Errorf("data = %+v", d)
	}
	if d := m.Datas[2]; d.Mode != wasm.SegmentPassive || string(d.Init) != "passive" {
		t.Errorf("passive data = %+v", d)
	}
}

func TestImportForms(t *testing.T) {
	m := mustParse(t, `(module
		(import "m" "t" (table $t i64 1 funcref))
		(import "m" "mem" (memory 1 2))
		(import "m" "g" (global (mut externref)))
		(import "m" "e" (tag $e (param i32)))
		(tag $e2 (export "e2") (import "m" "e2") (param i64))
		(tag (param i32)))`)
	if len(m.Imports) != 5 {
		t.Fatalf("imports = %+v", m.Imports)
	}
	if im := m.Imports[0]; im.Kind != wasm.ExternTable || !im.Table.Limits.Is64 {
		t.Errorf("table import = %+v", im)
	}
	if im := m.Imports[1]; im.Mem.Limits != (wasm.Limits{Min: 1, Max: 2, HasMax: true}) {
		t.Errorf("memory import = %+v", im)
	}
	if im := m.Imports[2]; im.Global != (wasm.GlobalType{Type: wasm.TypeExternRef, Mutable: true}) {
		t.Errorf("global import = %+v", im)
	}
	if m.Imports[3].Tag.Type != 0 || m.Imports[4].Tag.Type != 1 || m.Tags[0].Type != 0 {
		t.Errorf("tags: imports %+v %+v, defined %+v", m.Imports[3], m.Imports[4], m.Tags)
	}
	if !reflect.DeepEqual(m.Exports, []wasm.Export{{Name: "e2", Kind: wasm.ExternTag, Index: 1}}) {
		t.Errorf("exports = %+v", m.Exports)
	}
}

func TestMalformed(t *testing.T) {
	tests := []struct{ src, msg string }{
		{`(func) (import "" "" (func))`, "import after function"},
		{`(global i32 (i32.const 0)) (table (import "" "") 1 funcref)`, "import after global"},
		{`(memory 0) (import "" "" (memory 0))`, "import after memory"},
		{`(func $f) (func $f)`, "duplicate func $f"},
		{`(type $t (func)) (rec (type $t (func)))`, "duplicate type $t"},
		{`(elem $e func) (elem $e func)`, "duplicate elem $e"},
		{`(func (param $x i32) (local $x i32))`, "duplicate local $x"},
		{`(func call $g)`, "unknown function $g"},
		{`(func (type $t))`, "unknown type $t"},
		{`(export "x" (memory $m))`, "unknown memory $m"},
		{`(elem (table $t) (i32.const 0) func)`, "unknown table $t"},
		{`(type $t (func (param i32))) (func (type $t) (param i64))`, "inline function type"},
		{`(type $t (func)) (func (type $t) (result i32) unreachable)`, "inline function type"},
		{`(func (type 1) (param i32))`, "unknown type"},
		{`(func $a) (start $a) (start $a)`, "multiple start sections"},
		{`(func (result i32) (param i32))`, "unexpected token"},
		{`(func (local i32) (param i32))`, "unexpected token"},
		{`(type (func (result $x i32)))`, "unexpected token"},
		{`(global $g anyfunc (ref.null func))`, "unknown operator"},
		{`(data"a")`, "unknown operator"},
		{`(frob)`, "unknown operator"},
		{`(export "\ff" (func 0))`, "malformed UTF-8 encoding"},
		{`(table 1)`, "unexpected token"},
		{`(func (@custom "x"))`, "misplaced @custom annotation"},
		{`(@custom "x" (after))`, "@custom annotation: malformed section kind"},
		{`(@custom "x" (later func))`, "@custom annotation: malformed placement"},
		{`(@custom "x" after)`, "@custom annotation: unexpected token"},
		{`(@custom)`, "@custom annotation: missing section name"},
		{`(module (@name "a") (@name "b"))`, "@name annotation: multiple module"},
		{`(module (func) (@name "M"))`, "misplaced @name annotation"},
		{`(module (start 0 (@name "M")))`, "misplaced @name annotation"},
		{`(module (@metadata.code.branch_hint "\01"))`, "@metadata.code.branch_hint annotation: not in a function"},
	}
	for _, tt := range tests {
		_, err := ParseModule([]byte(tt.src))
		var e *Error
		if err == nil {
			t.Errorf("%s: accepted, want %q", tt.src, tt.msg)
			continue
		}
		if !errors.As(err, &e) || !strings.HasPrefix(e.Msg, tt.msg) {
			t.Errorf("%s: error %v, want %q", tt.src, err, tt.msg)
		}
	}
}

func TestErrorPosition(t *testing.T) {
	_, err := ParseModule([]byte("(module\n  (func $f)\n  (func $f))"))
	e, ok := err.(*Error)
	if !ok || e.Line != 3 || e.Col != 9 {
		t.Errorf("error = %#v, want line 3 col 9", err)
	}
}

func TestCustomAnnotations(t *testing.T) {
	m := mustParse(t, `(module
		(@custom "a" "x" "y")
		(@custom "b" (before first) "")
		(@custom "c" (after func))
		(@custom "d" (before global))
		(@custom "e" (before type))
		(func))`)
	want := []wasm.CustomSection{
		{Name: "a", Data: []byte("xy"), After: 11},
		{Name: "b", Data: []byte{}, After: 0},
		{Name: "c", Data: []byte{}, After: 3},
		{Name: "d", Data: []byte{}, After: 13}, // the tag section precedes globals
		{Name: "e", Data: []byte{}, After: 0},
	}
	if !reflect.DeepEqual(m.Customs, want) {
		t.Errorf("customs = %+v, want %+v", m.Customs, want)
	}
}

func TestNameAnnotations(t *testing.T) {
	m := mustParse(t, `(module $m (@name "Mod")
		(import "x" "y" (func $i (@name "imp")))
		(func $f (@name "λ") (param $a (@name "arg") i32) (param i64 i64) (local (@name "tmp") f32)))`)
	want := &wasm.NameSection{
		Module: "Mod",
		Funcs:  map[uint32]string{0: "imp", 1: "λ"},
		Locals: map[uint32]map[uint32]string{1: {0: "arg", 3: "tmp"}},
	}
	if !reflect.DeepEqual(m.Names, want) {
		t.Errorf("names = %+v, want %+v", m.Names, want)
	}
	if len(m.Customs) != 1 || m.Customs[0].Name != "name" {
		t.Fatalf("customs = %+v", m.Customs)
	}
	data := m.Customs[0].Data
	// Module name subsection: id 0, size 4, "Mod" with its length.
	if !bytes.HasPrefix(data, []byte{0, 4, 3, 'M', 'o', 'd', 1}) {
		t.Errorf("name section = % x", data)
	}
	if !bytes.HasSuffix(data, []byte{2, 13, 1, 1, 2, 0, 3, 'a', 'r', 'g', 3, 3, 't', 'm', 'p'}) {
		t.Errorf("local names subsection = % x", data)
	}
	if m := mustParse(t, `(func $f) (func) (func $g (@name "G"))`); m.Names == nil ||
		len(m.Names.Funcs) != 2 || m.Names.Funcs[0] != "f" || m.Names.Funcs[2] != "G" {
		t.Errorf("function ids should name functions unless @name does: %+v", m.Names)
	}
	if m := mustParse(t, `(func)`); m.Names != nil || len(m.Customs) != 0 {
		t.Errorf("a module without names produced a name section: %+v %+v", m.Names, m.Customs)
	}
}

func TestBareFieldsAndUnknownAnnotations(t *testing.T) {
	m := mustParse(t, `(@foo bar) (func (@baz) (export "f")) (memory (@q) 1)`)
	if len(m.Funcs) != 1 || len(m.Mems) != 1 || len(m.Exports) != 1 {
		t.Errorf("module = %+v", m)
	}
	if _, err := ParseModule([]byte(`(module) (module)`)); err == nil {
		t.Error("two modules accepted")
	}
}
