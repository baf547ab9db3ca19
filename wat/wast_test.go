package wat

import (
	"strings"
	"testing"

	"github.com/sablewasm/sable/wasm"
)

func mustParseScript(t *testing.T, src string) []Command {
	t.Helper()
	s, err := ParseScript([]byte(src))
	if err != nil {
		t.Fatalf("ParseScript: %v", err)
	}
	return s.Commands
}

func TestScriptModules(t *testing.T) {
	cmds := mustParseScript(t, `
(module $m (func))
(module binary "\00asm" "\01\00\00\00")
(module $q quote "(func)" " (memory 1)")
(module definition $d (@a x) (memory 0))
(module definition binary "\00asm")
(module instance $i $d)
(module instance)
`)
	if len(cmds) != 7 {
		t.Fatalf("got %d commands, want 7", len(cmds))
	}
	m := cmds[0].(*ModuleCommand)
	if m.Definition || m.Module.Format != ModuleText || m.Module.Name != "m" || m.Module.Node.Head() != "module" || m.Line != 2 || m.Col != 1 {
		t.Errorf("text module: %+v", m.Module)
	}
	b := cmds[1].(*ModuleCommand).Module
	if b.Format != ModuleBinary || string(b.Bytes) != "\x00asm\x01\x00\x00\x00" || b.Node != nil || b.Name != "" {
		t.Errorf("binary module: %+v", b)
	}
	q := cmds[2].(*ModuleCommand).Module
	if q.Format != ModuleQuote || string(q.Bytes) != "(func) (memory 1)" || q.Name != "q" {
		t.Errorf("quote module: %+v", q)
	}
	d := cmds[3].(*ModuleCommand)
	if !d.Definition || d.Module.Name != "d" || d.Module.Format != ModuleText {
		t.Errorf("definition: %+v", d)
	}
	// The definition's node must read as a plain `(module $d ...)`,
	// annotations kept.
	if args := d.Module.Node.Args(); len(args) != 3 || args[1].Kind != ID || args[2].Head() != "memory" || len(d.Module.Node.Children) != 4 {
		t.Errorf("definition node args = %v", args)
	}
	if db := cmds[4].(*ModuleCommand); !db.Definition || db.Module.Format != ModuleBinary {
		t.Errorf("binary definition: %+v", db)
	}
	if i := cmds[5].(*InstanceCommand); i.Instance != "i" || i.Definition != "d" || i.Keyword() != "module" {
		t.Errorf("instance: %+v", i)
	}
	if i := cmds[6].(*InstanceCommand); i.Instance != "" || i.Definition != "" {
		t.Errorf("bare instance: %+v", i)
	}
}

func TestScriptInlineModule(t *testing.T) {
	cmds := mustParseScript(t, `(func) (memory 0) (func (export "f"))`)
	if len(cmds) != 1 {
		t.Fatalf("got %d commands, want 1", len(cmds))
	}
	m := cmds[0].(*ModuleCommand).Module
	if m.Format != ModuleText || m.Node.Head() != "module" || len(m.Node.Args()) != 4 {
		t.Errorf("inline module: %+v", m.Node.Args())
	}
}

func TestScriptActionsAndRegister(t *testing.T) {
	cmds := mustParseScript(t, `
(register "M")
(register "N" $n)
(invoke "f")
(invoke $m "g" (i32.const -1) (i64.const 0x10) (f32.const -0.0) (f64.const nan:0x1))
(get $m "glob")
`)
	if r := cmds[0].(*RegisterCommand); r.As != "M" || r.Module != "" || r.Keyword() != "register" {
		t.Errorf("register: %+v", r)
	}
	if r := cmds[1].(*RegisterCommand); r.As != "N" || r.Module != "n" {
		t.Errorf("register: %+v", r)
	}
	a := cmds[2].(*ActionCommand)
	if a.Keyword() != "action" || a.Action.Kind != Invoke || a.Action.Name != "f" || len(a.Action.Args) != 0 {
		t.Errorf("invoke: %+v", a.Action)
	}
	args := cmds[3].(*ActionCommand).Action.Args
	want := []Value{
		{Kind: ValI32, Bits: 0xffffffff},
		{Kind: ValI64, Bits: 16},
		{Kind: ValF32, Bits: 0x80000000},
		{Kind: ValF64, Bits: 0x7ff0000000000001},
	}
	if len(args) != len(want) {
		t.Fatalf("args = %+v", args)
	}
	for i := range want {
		if args[i] != want[i] {
			t.Errorf("arg %d = %+v, want %+v", i, args[i], want[i])
		}
	}
	if g := cmds[4].(*ActionCommand).Action; g.Kind != Get || g.Module != "m" || g.Name != "glob" {
		t.Errorf("get: %+v", g)
	}
}

func TestScriptRefAndVectorConsts(t *testing.T) {
	cmds := mustParseScript(t, `
(invoke "f" (ref.null extern) (ref.null func) (ref.extern 5) (ref.host 0xffffffff)
  (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1)
  (v128.const i16x8 0 1 2 3 4 5 6 0xffff)
  (v128.const i32x4 1 2 3 -1)
  (v128.const i64x2 1 -1)
  (v128.const f32x4 1.0 -0 inf nan)
  (v128.const f64x2 -1 0x1p-1074))
`)
	args := cmds[0].(*ActionCommand).Action.Args
	if args[0] != (Value{Kind: ValNull, Heap: wasm.HeapExtern}) || args[1] != (Value{Kind: ValNull, Heap: wasm.HeapFunc}) {
		t.Errorf("ref.null: %+v %+v", args[0], args[1])
	}
	if args[2] != (Value{Kind: ValExtern, Host: 5}) || args[3] != (Value{Kind: ValHost, Host: 0xffffffff}) {
		t.Errorf("host refs: %+v %+v", args[2], args[3])
	}
	v := func(b ...byte) [16]byte {
		var a [16]byte
		copy(a[:], b)
		return a
	}
	wantV := [][16]byte{
		v(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xff),
		v(0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 0xff, 0xff),
		v(1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff),
		v(1, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
		v(0, 0, 0x80, 0x3f, 0, 0, 0, 0x80, 0, 0, 0x80, 0x7f, 0, 0, 0xc0, 0x7f),
		v(0, 0, 0, 0, 0, 0, 0xf0, 0xbf, 1, 0, 0, 0, 0, 0, 0, 0),
	}
	for i, w := range wantV {
		if got := args[4+i]; got.Kind != ValV128 || got.V128 != w {
			t.Errorf("v128 %d = %x, want %x", i, got.V128, w)
		}
	}
}

func TestScriptResultPatterns(t *testing.T) {
	cmds := mustParseScript(t, `
(assert_return (invoke "f")
  (i32.const 7)
  (f32.const nan:canonical)
  (f64.const nan:arithmetic)
  (f64.const -nan)
  (v128.const f32x4 nan:canonical 1 nan:arithmetic -0)
  (v128.const f64x2 1 2)
  (ref.null)
  (ref.null any)
  (ref.func) (ref.extern) (ref.struct) (ref.array) (ref.i31) (ref.eq) (ref.any) (ref.exn)
  (ref.extern 3) (ref.host 4)
  (either (i32.const 1) (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))
`)
	c := cmds[0].(*AssertReturn)
	if c.Action.Name != "f" || c.Keyword() != "assert_return" {
		t.Errorf("action: %+v", c.Action)
	}
	r := c.Results
	if len(r) != 19 {
		t.Fatalf("got %d results, want 19", len(r))
	}
	if r[0].Kind != ResultValue || r[0].Value != (Value{Kind: ValI32, Bits: 7}) {
		t.Errorf("i32: %+v", r[0])
	}
	if r[1].Kind != ResultNaN || r[1].NaN != NaNCanonical || r[1].Value.Kind != ValF32 {
		t.Errorf("nan:canonical: %+v", r[1])
	}
	if r[2].Kind != ResultNaN || r[2].NaN != NaNArithmetic || r[2].Value.Kind != ValF64 {
		t.Errorf("nan:arithmetic: %+v", r[2])
	}
	// A plain NaN literal is a value with exact bits, not a pattern.
	if r[3].Kind != ResultValue || r[3].Value.Bits != 0xfff8000000000000 {
		t.Errorf("-nan: %+v", r[3])
	}
	wantLanes := []Lane{{NaN: NaNCanonical}, {Bits: 0x3f800000}, {NaN: NaNArithmetic}, {Bits: 0x80000000}}
	if r[4].Kind != ResultLanes || r[4].Shape != F32x4 || len(r[4].Lanes) != 4 {
		t.Fatalf("lanes: %+v", r[4])
	}
	for i, l := range wantLanes {
		if r[4].Lanes[i] != l {
			t.Errorf("lane %d = %+v, want %+v", i, r[4].Lanes[i], l)
		}
	}
	if r[5].Kind != ResultValue || r[5].Value.Kind != ValV128 || r[5].Lanes != nil {
		t.Errorf("exact v128: %+v", r[5])
	}
	if r[6].Kind != ResultNull {
		t.Errorf("ref.null: %+v", r[6])
	}
	if r[7].Kind != ResultValue || r[7].Value != (Value{Kind: ValNull, Heap: wasm.HeapAny}) {
		t.Errorf("ref.null any: %+v", r[7])
	}
	heaps := []wasm.HeapType{wasm.HeapFunc, wasm.HeapExtern, wasm.HeapStruct, wasm.HeapArray, wasm.HeapI31, wasm.HeapEq, wasm.HeapAny, wasm.HeapExn}
	for i, h := range heaps {
		if got := r[8+i]; got.Kind != ResultRef || got.Heap != h {
			t.Errorf("ref pattern %d = %+v, want heap %s", i, got, h)
		}
	}
	if r[16].Value != (Value{Kind: ValExtern, Host: 3}) || r[17].Value != (Value{Kind: ValHost, Host: 4}) {
		t.Errorf("host refs: %+v %+v", r[16], r[17])
	}
	if e := r[18]; e.Kind != ResultEither || len(e.Either) != 2 || e.Either[1].Value.Kind != ValV128 {
		t.Errorf("either: %+v", e)
	}
}

func TestScriptAssertions(t *testing.T) {
	cmds := mustParseScript(t, `
(assert_trap (invoke "f" (i32.const 0)) "integer divide by zero")
(assert_trap (module (start 0)) "unreachable")
(assert_exhaustion (invoke "f") "call stack exhausted")
(assert_exception (invoke "throw"))
(assert_malformed (module quote "(func") "unexpected end")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_unlinkable (module binary "") "unknown import")
(assert_malformed_custom (module quote "(@custom)") "@custom annotation: missing section name")
(assert_invalid_custom (module) "invalid target")
`)
	at := cmds[0].(*AssertTrap)
	if at.Action == nil || at.Module != nil || at.Message != "integer divide by zero" || len(at.Action.Args) != 1 {
		t.Errorf("assert_trap action: %+v", at)
	}
	if mt := cmds[1].(*AssertTrap); mt.Action != nil || mt.Module == nil || mt.Module.Format != ModuleText {
		t.Errorf("assert_trap module: %+v", mt)
	}
	if ex := cmds[2].(*AssertExhaustion); ex.Message != "call stack exhausted" || ex.Keyword() != "assert_exhaustion" {
		t.Errorf("assert_exhaustion: %+v", ex)
	}
	if ae := cmds[3].(*AssertException); ae.Action.Name != "throw" || ae.Keyword() != "assert_exception" {
		t.Errorf("assert_exception: %+v", ae)
	}
	kinds := []string{"assert_malformed", "assert_invalid", "assert_unlinkable", "assert_malformed_custom", "assert_invalid_custom"}
	for i, k := range kinds {
		c := cmds[4+i].(*AssertModule)
		if c.Keyword() != k || c.Kind != k || c.Module == nil || c.Message == "" || c.Line != 6+i {
			t.Errorf("%s: %+v", k, c)
		}
	}
	if m := cmds[4].(*AssertModule).Module; m.Format != ModuleQuote || string(m.Bytes) != "(func" {
		t.Errorf("quoted malformed module: %+v", m)
	}
}

func TestScriptErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{`(frob)`, "1:1: unknown command frob"},
		{`i32`, "1:1: unexpected token i32"},
		{`()`, "1:1: unexpected token"},
		{`(module binary "a" 1)`, "1:20: module binary: expected a string"},
		{`(module quote $x)`, "expected a string, got $x"},
		{"\n(register)", "2:1: register: missing module name"},
		{`(register "a" "b")`, "1:15: register: expected a module name"},
		{`(register "a" $b $c)`, "register: unexpected token $c"},
		{`(invoke)`, "invoke: missing export name"},
		{`(invoke $m)`, "invoke: missing export name"},
		{`(invoke f)`, "invoke: expected a string, got f"},
		{`(get "g" (i32.const 1))`, "get: unexpected token"},
		{`(invoke "f" (i32.const 0x100000000))`, "1:24: i32.const: constant out of range: 0x100000000"},
		{`(invoke "f" (i64.const 1_))`, "i64.const: unknown operator: 1_"},
		{`(invoke "f" (f32.const 1e40))`, "f32.const: constant out of range"},
		{`(invoke "f" (f32.const nan:canonical))`, "f32.const: unknown operator: nan:canonical"},
		{`(invoke "f" (i32.const))`, "i32.const: missing operand"},
		{`(invoke "f" (i32.const 1 2))`, "i32.const: unexpected token 2"},
		{`(invoke "f" (ref.null))`, "ref.null: missing operand"},
		{`(invoke "f" (ref.null $t))`, "ref.null: unexpected token $t"},
		{`(invoke "f" (ref.null foo))`, "ref.null: unknown heap type foo"},
		{`(invoke "f" (ref.func))`, "unknown constant ref.func"},
		{`(invoke "f" (ref.extern -1))`, "ref.extern: unknown operator: -1"},
		{`(invoke "f" (v128.const))`, "v128.const: missing shape"},
		{`(invoke "f" (v128.const i4x32 0))`, "v128.const: unknown shape i4x32"},
		{`(invoke "f" (v128.const i32x4 0 0 0))`, "wrong number of lane literals"},
		{`(invoke "f" (v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0))`, "v128.const i8x16: constant out of range: 256"},
		{`(invoke "f" (v128.const f32x4 nan:canonical 0 0 0))`, "v128.const f32x4: unknown operator"},
		{`(invoke "f" (either (i32.const 1)))`, "unknown constant either"},
		{`(invoke "f" x)`, "expected a constant, got x"},
		{`(assert_return (invoke "f") (either))`, "either: missing result"},
		{`(assert_return (invoke "f") (either (either (i32.const 1))))`, "either: nested either"},
		{`(assert_return (invoke "f") (i32.const nan:canonical))`, "i32.const: unknown operator"},
		{`(assert_return)`, "assert_return: missing action"},
		{`(assert_return (module))`, "expected an action (invoke or get)"},
		{`(assert_trap (invoke "f"))`, "assert_trap: missing argument"},
		{`(assert_trap (invoke "f") "a" "b")`, `assert_trap: unexpected token "b"`},
		{`(assert_trap (invoke "f") msg)`, "assert_trap: expected a string, got msg"},
		{`(assert_exception (invoke "f") "x")`, "assert_exception: unexpected token"},
		{`(assert_invalid (invoke "f") "x")`, "expected a module, got (invoke ...)"},
		{`(assert_invalid (module instance) "x")`, "module instance is not allowed here"},
		{`(module instance 1)`, "module instance: expected a module name, got 1"},
		{`(module instance $a $b $c)`, "module instance: unexpected token $c"},
		{`(module "unclosed`, "unclosed string"},
	}
	for _, tc := range tests {
		_, err := ParseScript([]byte(tc.src))
		if err == nil {
			t.Errorf("%s: no error, want %q", tc.src, tc.want)
			continue
		}
		if _, ok := err.(*Error); !ok {
			t.Errorf("%s: error %T is not a positioned *Error", tc.src, err)
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q, want it to contain %q", tc.src, err, tc.want)
		}
	}
}

func TestScriptShapes(t *testing.T) {
	for s := I8x16; s <= F64x2; s++ {
		if got, ok := scriptShape(s.String()); !ok || got != s {
			t.Errorf("scriptShape(%s) = %v, %v", s, got, ok)
		}
		if s.Lanes()*s.LaneBytes() != 16 {
			t.Errorf("%s: %d lanes of %d bytes", s, s.Lanes(), s.LaneBytes())
		}
	}
}
