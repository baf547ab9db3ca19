package runtime

import (
	"context"
	"errors"
	"testing"
)

func TestConstExprs(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	g, err := st.NewGlobal(GlobalType{Type: TypeI64}, I64(100))
	if err != nil {
		t.Fatal(err)
	}
	var im Imports
	im.Define("h", "g", g)
	inst := mustInstantiate(t, st, `(module
		(import "h" "g" (global $imp i64))
		(global $a i32 (i32.const 7))
		(global (export "ext_i32") i32 (i32.sub (i32.mul (global.get $a) (i32.const 3)) (i32.const 1)))
		(global (export "ext_i64") i64 (i64.add (global.get $imp) (i64.const -1)))
		(global (export "wrap") i32 (i32.add (i32.const 0x7fffffff) (i32.const 1)))
		(global (export "f32") f32 (f32.const -0.5))
		(global (export "f64") f64 (f64.const nan:0x4))
		(global (export "v128") v128 (v128.const i32x4 1 2 3 4))
		(global (export "null") funcref (ref.null func))
		(global (export "fref") (ref func) (ref.func $f))
		(global (export "i31") (ref i31) (ref.i31 (i32.const -2)))
		(global (export "ext_null") externref (extern.convert_any (ref.null any)))
		(func $f (export "f")))`, &im)
	check := func(name string, want Value) {
		t.Helper()
		got := inst.Global(name).Get()
		if got.Type() != want.Type() || got.Bits() != want.Bits() || got.V128() != want.V128() || got.Func() != want.Func() {
			t.Errorf("global %s = %v, want %v", name, got, want)
		}
	}
	check("ext_i32", I32(20))
	check("ext_i64", I64(99))
	check("wrap", I32(-0x80000000))
	check("f32", F32(-0.5))
	check("f64", F64FromBits(0x7ff0000000000004))
	check("v128", V128([16]byte{1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0}))
	check("null", NullRef(HeapFunc))
	check("fref", FuncRef(inst.Func("f")))
	check("i31", I31Ref(-2))
	check("ext_null", NullRef(HeapExtern))
}

// Active segments apply in order; the first that does not fit traps, and
// the ones before it stay applied (Wasm 2.0 semantics), visible through
// the imported table and memory.
func TestSegmentsPartialInitialization(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	host := mustInstantiate(t, st, `(module
		(memory (export "mem") 1)
		(table (export "tab") 3 funcref))`, nil)
	var im Imports
	im.DefineInstance("host", host)

	_, err := instantiateWAT(t, st, `(module
		(import "host" "tab" (table 3 funcref))
		(func $f)
		(elem (i32.const 0) func $f)
		(elem (i32.const 2) func $f $f)
		(elem (i32.const 1) func $f))`, &im)
	if !errors.Is(err, ErrOutOfBoundsTable) || err.Error() != "out of bounds table access" {
		t.Fatalf("elem out of bounds: %v", err)
	}
	tab := host.Table("tab")
	for i, wantNull := range []bool{false, true, true} {
		if v, _ := tab.Get(uint64(i)); v.IsNull() != wantNull {
			t.Errorf("table[%d] = %v; only segment 0 should have been applied", i, v)
		}
	}

	_, err = instantiateWAT(t, st, `(module
		(import "host" "mem" (memory 1))
		(data (i32.const 0) "ok")
		(data (i32.const 65535) "no")
		(data (i32.const 2) "never"))`, &im)
	if !errors.Is(err, ErrOutOfBoundsMemory) || err.Error() != "out of bounds memory access" {
		t.Fatalf("data out of bounds: %v", err)
	}
	mem := host.Memory("mem").Bytes()
	if string(mem[:2]) != "ok" || mem[2] != 0 || mem[65535] != 0 {
		t.Error("data segments before the failing one are not applied, or later ones are")
	}

	// Element segments run before data segments: a failing elem segment
	// leaves memory untouched.
	_, err = instantiateWAT(t, st, `(module
		(import "host" "mem" (memory 1))
		(import "host" "tab" (table 3 funcref))
		(func $f)
		(elem (i32.const 3) func $f)
		(data (i32.const 10) "x"))`, &im)
	if !errors.Is(err, ErrOutOfBoundsTable) || host.Memory("mem").Bytes()[10] != 0 {
		t.Errorf("elem trap: %v; or the data segment ran anyway", err)
	}

	// Offsets are unsigned: 0xffffffff is far out of bounds, not -1.
	_, err = instantiateWAT(t, st, `(module (memory 1) (data (i32.const -1) "x"))`, nil)
	if !errors.Is(err, ErrOutOfBoundsMemory) {
		t.Errorf("data at 0xffffffff: %v", err)
	}
	// An empty segment at the very end fits.
	mustInstantiate(t, st, `(module (memory 1) (data (i32.const 65536) ""))`, nil)
}

func TestStartFunction(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	calls := 0
	start, err := NewHostFunc(func() { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	var im Imports
	im.Define("h", "start", start)
	mustInstantiate(t, st, `(module (import "h" "start" (func $s)) (start $s))`, &im)
	if calls != 1 {
		t.Errorf("host start function ran %d times", calls)
	}
	// A Wasm start function runs too, and its trap fails the instantiation.
	inst, err := instantiateWAT(t, st, `(module (global (export "g") (mut i32) (i32.const 0))
		(func $s (global.set 0 (i32.const 7))) (start $s))`, nil)
	switch {
	case !haveBackend:
		if !errors.Is(err, ErrNotCompiled) {
			t.Errorf("Wasm start function without a back end: %v", err)
		}
	case err != nil:
		t.Errorf("Wasm start function: %v", err)
	case inst.Global("g").Get().I32() != 7:
		t.Errorf("start function set the global to %d, want 7", inst.Global("g").Get().I32())
	}
	if _, err := instantiateWAT(t, st, `(module (func $s unreachable) (start $s))`, nil); haveBackend && !errors.Is(err, ErrUnreachable) {
		t.Errorf("trapping Wasm start function: %v", err)
	}
	// A start function's failure is the instantiation's.
	fail, _ := NewHostFunc(func() error { return errors.New("boom") })
	im.Define("h", "fail", fail)
	if _, err := instantiateWAT(t, st, `(module (import "h" "fail" (func $s)) (start $s))`, &im); err == nil || err.Error() != "boom" {
		t.Errorf("failing start: %v", err)
	}
}

func TestInstanceExports(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	inst := mustInstantiate(t, st, `(module
		(func (export "f") (param i32) (result i64) (i64.const 0))
		(memory (export "m") 1)
		(table (export "t") 1 externref)
		(global (export "g") (mut f64) (f64.const 0))
		(tag (export "e") (param i32)))`, nil)
	names := []string{"f", "m", "t", "g", "e"}
	exps := inst.Exports()
	if len(exps) != len(names) {
		t.Fatalf("%d exports", len(exps))
	}
	for i, e := range exps {
		if e.Name != names[i] || inst.Export(e.Name) != e.Extern {
			t.Errorf("export %d: %q", i, e.Name)
		}
	}
	if inst.Func("f") == nil || inst.Memory("m") == nil || inst.Table("t") == nil || inst.Global("g") == nil || inst.Tag("e") == nil {
		t.Error("a typed lookup failed")
	}
	if inst.Func("m") != nil || inst.Memory("f") != nil || inst.Export("x") != nil {
		t.Error("a lookup of the wrong kind or name succeeded")
	}
	if _, err := inst.Func("nope").Call(context.Background()); err == nil {
		t.Error("calling a missing export succeeded")
	}
	if ft := inst.Func("f").Type(); ft.String() != "(func (param i32) (result i64))" {
		t.Errorf("Type = %v", ft)
	}
	if tt := inst.Tag("e").Type(); tt.String() != "(tag (func (param i32)))" {
		t.Errorf("tag type = %v", tt)
	}
}

func TestModuleIntrospection(t *testing.T) {
	mod := compileWAT(t, NewEngine(Config{}), `(module
		(import "env" "f" (func (param i32)))
		(import "env" "m" (memory i64 1 2))
		(import "env" "t" (table 1 (ref null extern)))
		(import "env" "g" (global (mut i32)))
		(func (export "f2") (result f32) (f32.const 0))
		(export "m" (memory 0))
		(export "g" (global 0)))`)
	var got []string
	for _, im := range mod.Imports() {
		got = append(got, im.Module+"."+im.Name+" "+im.Type.String())
	}
	for _, ex := range mod.Exports() {
		got = append(got, ex.Name+" "+ex.Type.String())
	}
	want := []string{
		"env.f (func (param i32))",
		"env.m (memory i64 1 2)",
		"env.t (table 1 (ref null extern))",
		"env.g (global (mut i32))",
		"f2 (func (result f32))",
		"m (memory i64 1 2)",
		"g (global (mut i32))",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: %q, want %q", i, got[i], want[i])
		}
	}
}

func TestCompileErrors(t *testing.T) {
	eng := NewEngine(Config{})
	for _, bin := range [][]byte{nil, []byte("\x00asm"), []byte("\x00asm\x01\x00\x00\x00\x01\x05")} {
		if _, err := eng.Compile(bin); err == nil {
			t.Errorf("Compile(%q) succeeded", bin)
		}
	}
}

func TestInstantiateLimitsAndContext(t *testing.T) {
	st := newTestStore(t, StoreLimits{MaxInstances: 1})
	mod := compileWAT(t, st.Engine(), `(module)`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := st.Instantiate(ctx, mod, nil); !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
	if _, err := st.Instantiate(context.Background(), mod, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Instantiate(context.Background(), mod, nil); !errors.Is(err, ErrLimit) {
		t.Errorf("second instance beyond MaxInstances: %v", err)
	}
}
