package runtime

import (
	"context"
	"errors"
	"testing"
)

// exporter has one export of each kind for the matching tests.
const exporter = `(module
	(type $sup (sub (func)))
	(type $sub (sub $sup (func)))
	(func (export "f") (type $sub))
	(func (export "f_i32") (param i32))
	(table (export "t") 2 5 funcref)
	(memory (export "m") 1 3)
	(global (export "g_i32") i32 (i32.const 1))
	(global (export "g_mut") (mut i32) (i32.const 1))
	(global (export "g_funcref") funcref (ref.null func))
	(tag (export "e") (param i32)))`

func TestImportMatching(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	var im Imports
	im.DefineInstance("x", mustInstantiate(t, st, exporter, nil))
	for _, c := range []struct {
		name, imp string
		want      error // nil: links
	}{
		{"func", `(type $sup (sub (func))) (type $sub (sub $sup (func))) (func (import "x" "f") (type $sub))`, nil},
		{"func subtype", `(type $sup (sub (func))) (func (import "x" "f") (type $sup))`, nil},
		{"func final type is another type", `(func (import "x" "f"))`, ErrIncompatibleImport},
		{"func i32", `(func (import "x" "f_i32") (param i32))`, nil},
		{"func wrong params", `(func (import "x" "f_i32"))`, ErrIncompatibleImport},
		{"func is not a global", `(global (import "x" "f") i32)`, ErrIncompatibleImport},
		{"table", `(table (import "x" "t") 1 funcref)`, nil},
		{"table max", `(table (import "x" "t") 2 5 funcref)`, nil},
		{"table min too big", `(table (import "x" "t") 3 funcref)`, ErrIncompatibleImport},
		{"table max too small", `(table (import "x" "t") 1 4 funcref)`, ErrIncompatibleImport},
		{"table elem type", `(table (import "x" "t") 1 externref)`, ErrIncompatibleImport},
		{"table elem written out", `(table (import "x" "t") 1 (ref null func))`, nil},
		{"table elem must be equal", `(table (import "x" "t") 1 (ref func))`, ErrIncompatibleImport},
		{"table address type", `(table (import "x" "t") i64 1 funcref)`, ErrIncompatibleImport},
		{"memory", `(memory (import "x" "m") 1)`, nil},
		{"memory max", `(memory (import "x" "m") 0 3)`, nil},
		{"memory min too big", `(memory (import "x" "m") 2)`, ErrIncompatibleImport},
		{"memory no max required max", `(memory (import "x" "m") 1 2)`, ErrIncompatibleImport},
		{"memory64", `(memory (import "x" "m") i64 1)`, ErrIncompatibleImport},
		{"global", `(global (import "x" "g_i32") i32)`, nil},
		{"global type", `(global (import "x" "g_i32") i64)`, ErrIncompatibleImport},
		{"global mutability", `(global (import "x" "g_i32") (mut i32))`, ErrIncompatibleImport},
		{"global mutability 2", `(global (import "x" "g_mut") i32)`, ErrIncompatibleImport},
		{"global mut", `(global (import "x" "g_mut") (mut i32))`, nil},
		{"immutable global covariant", `(global (import "x" "g_funcref") (ref null func))`, nil},
		{"immutable global not contravariant", `(global (import "x" "g_funcref") (ref null nofunc))`, ErrIncompatibleImport},
		{"tag", `(tag (import "x" "e") (param i32))`, nil},
		{"tag type", `(tag (import "x" "e") (param i64))`, ErrIncompatibleImport},
		{"unknown name", `(func (import "x" "nope"))`, ErrUnknownImport},
		{"unknown module", `(func (import "y" "f"))`, ErrUnknownImport},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := instantiateWAT(t, st, "(module "+c.imp+")", &im)
			if c.want == nil {
				if err != nil {
					t.Fatalf("did not link: %v", err)
				}
				return
			}
			var le *LinkError
			if !errors.Is(err, c.want) || !errors.As(err, &le) {
				t.Fatalf("got %v, want a *LinkError for %v", err, c.want)
			}
			if le.Module == "" || le.Name == "" {
				t.Errorf("LinkError without the import's name: %+v", le)
			}
		})
	}
}

// A memory grown after export is matched by its current size, as the spec
// requires (imports.wast's "grown memory" cases).
func TestImportMatchingUsesCurrentSize(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	m, err := st.NewMemory(MemoryType{Limits: Limits{Min: 1}})
	if err != nil {
		t.Fatal(err)
	}
	var im Imports
	im.Define("h", "m", m)
	if _, err := instantiateWAT(t, st, `(module (memory (import "h" "m") 2))`, &im); !errors.Is(err, ErrIncompatibleImport) {
		t.Fatalf("before grow: %v", err)
	}
	m.Grow(1)
	if _, err := instantiateWAT(t, st, `(module (memory (import "h" "m") 2))`, &im); err != nil {
		t.Fatalf("after grow: %v", err)
	}
}

// Linked instances share memories and tables; nothing is copied.
func TestLinkingShares(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	a := mustInstantiate(t, st, `(module
		(memory (export "mem") 1 4)
		(table (export "tab") 2 funcref)
		(func $f (export "f"))
		(data (i32.const 0) "a"))`, nil)
	var im Imports
	im.DefineInstance("a", a)
	b := mustInstantiate(t, st, `(module
		(import "a" "mem" (memory 1))
		(import "a" "tab" (table 2 funcref))
		(import "a" "f" (func $f))
		(export "mem" (memory 0))
		(export "f" (func $f))
		(elem (i32.const 1) func $f)
		(data (i32.const 1) "b"))`, &im)
	if b.Memory("mem") != a.Memory("mem") || b.Func("f") != a.Func("f") {
		t.Fatal("re-exports are not the exporter's objects")
	}
	if got := string(a.Memory("mem").Bytes()[:2]); got != "ab" {
		t.Errorf("exporter's memory holds %q, want the importer's data too", got)
	}
	if v, _ := a.Table("tab").Get(1); v.Func() != a.Func("f") {
		t.Errorf("exporter's table holds %v, want the importer's element", v)
	}
	a.Memory("mem").Grow(1)
	if b.Memory("mem").Size() != 2 {
		t.Error("importer does not see the exporter's grow")
	}
	// Both vmctxs point at one definition record: generated code of either
	// instance sees the other's memory.grow.
	if a.mems[0].def != b.mems[0].def {
		t.Error("importer's memory record is not the exporter's")
	}
	// The imported function's record is the exporter's: funcrefs have one identity.
	if b.funcs[0].ref != a.funcs[0].ref {
		t.Error("imported function has a second record")
	}
}

func TestWrongStore(t *testing.T) {
	eng := NewEngine(Config{})
	st1, st2 := NewStore(eng, StoreLimits{}), NewStore(eng, StoreLimits{})
	defer st1.Close()
	defer st2.Close()
	m, err := st1.NewMemory(MemoryType{Limits: Limits{Min: 1}})
	if err != nil {
		t.Fatal(err)
	}
	var im Imports
	im.Define("h", "m", m)
	mod := compileWAT(t, eng, `(module (memory (import "h" "m") 1))`)
	if _, err := st2.Instantiate(context.Background(), mod, &im); !errors.Is(err, ErrWrongStore) {
		t.Errorf("memory of another store: %v", err)
	}
	other := compileWAT(t, NewEngine(Config{}), `(module)`)
	if _, err := st1.Instantiate(context.Background(), other, nil); err == nil {
		t.Error("instantiated a module of another engine")
	}
}
