package compiler

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// bigModule generates a module of n functions of a few shapes (loops,
// memory, calls, branches), for the driver tests and the benchmark.
func bigModule(t testing.TB, n int) *ModuleInfo {
	var sb strings.Builder
	sb.WriteString("(module (memory 1) (table 4 funcref) (type $t (func (param i32) (result i32)))\n")
	for i := range n {
		fmt.Fprintf(&sb, `(func $f%d (param $p i32) (param $n i32) (result i32) (local $s i32) (local $i i32)
  (block $done (loop $l
    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $s (i32.add (local.get $s)
      (i32.load offset=%d (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
    (if (i32.eqz (i32.rem_u (local.get $i) (i32.const 7)))
      (then (local.set $s (i32.xor (local.get $s) (i32.const %d)))))
    (br_table $l $done $l (i32.and (local.get $s) (i32.const 3)))))
  (i32.div_s (local.get $s) (select (local.get $n) (i32.const 1) (local.get $n)))
  (call_indirect (type $t) (i32.const 0)))
`, i, i%64, i)
	}
	sb.WriteString(")")
	m, err := wat.ParseModule([]byte(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	if err := wasm.Validate(m); err != nil {
		t.Fatal(err)
	}
	mi, err := NewModuleInfo(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	return mi
}

func TestCompileDeterministic(t *testing.T) {
	mi := bigModule(t, 40)
	render := func(workers int) string {
		mod, err := Compile(mi, Config{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		for _, f := range mod.Funcs {
			if err := Verify(f); err != nil {
				t.Fatal(err)
			}
			sb.WriteString(f.String())
		}
		return sb.String()
	}
	serial := render(1)
	for range 3 {
		if parallel := render(8); parallel != serial {
			t.Fatal("parallel compilation differs from serial")
		}
	}
}

func TestCompileUnsupportedNamesFunction(t *testing.T) {
	m, err := wat.ParseModule([]byte(`(module
	  (func $ok (result i32) (i32.const 1))
	  (func $simd (result v128) (v128.const i64x2 0 0)))`))
	if err != nil {
		t.Fatal(err)
	}
	mi, err := NewModuleInfo(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile(mi, Config{})
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "simd") || !strings.Contains(err.Error(), "v128.const") {
		t.Errorf("got %v, want an unsupported-instruction error naming simd and v128.const", err)
	}
}

// panicTarget is a backend with a bug.
type panicTarget struct{ lowered []string }

func (*panicTarget) Name() string { return "panicky" }

func (p *panicTarget) Lower(f *Func, mi *ModuleInfo) (*Code, error) {
	if f.Index == mi.NumImportedFuncs+2 {
		var blocks []Block
		_ = blocks[len(f.Blocks)] // index out of range
	}
	return &Code{Bytes: []byte{byte(f.Index)}}, nil
}

func TestCompileRecoversPanics(t *testing.T) {
	mi := bigModule(t, 5)
	_, err := Compile(mi, Config{Target: &panicTarget{}, Workers: 2})
	if err == nil || !strings.Contains(err.Error(), "internal error in f2") {
		t.Fatalf("got %v, want an internal error naming f2", err)
	}
}

func TestCompileLowersEveryFunction(t *testing.T) {
	mi := bigModule(t, 5)
	mod, err := Compile(mi, Config{Target: fakeTarget{}})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range mod.Code {
		if c == nil || c.Bytes[0] != byte(i) {
			t.Errorf("code %d: %+v", i, c)
		}
	}
}

type fakeTarget struct{}

func (fakeTarget) Name() string { return "fake" }
func (fakeTarget) Lower(f *Func, _ *ModuleInfo) (*Code, error) {
	return &Code{Bytes: []byte{byte(f.Index)}}, nil
}

func BenchmarkCompile(b *testing.B) {
	mi := bigModule(b, 200)
	instrs := 0
	for _, c := range mi.Module.Codes {
		instrs += len(c.Body)
	}
	b.ReportAllocs()
	b.SetBytes(int64(instrs))
	for b.Loop() {
		if _, err := Compile(mi, Config{Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
