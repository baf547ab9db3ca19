package arm64

import (
	"errors"
	"testing"

	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

func compileWAT(t *testing.T, src string) (*Module, error) {
	t.Helper()
	m, err := wat.ParseModule([]byte(src))
	if err == nil {
		err = wasm.Validate(m)
	}
	if err != nil {
		t.Fatal(err)
	}
	return Compile(m, Options{})
}

// TestCompileTables compiles on any host and checks the module's tables.
func TestCompileTables(t *testing.T) {
	mod, err := compileWAT(t, `(module
	  (func $f (param i32) (result i32) (i32.div_s (local.get 0) (call $g (local.get 0))))
	  (func $g (param i32) (result i32) (local.get 0)))`)
	if err != nil {
		t.Fatal(err)
	}
	if len(mod.Funcs) != 2 || mod.Layout == nil {
		t.Fatalf("funcs %v, layout %v", mod.Funcs, mod.Layout)
	}
	for i, f := range mod.Funcs {
		if f.Offset%16 != 0 || f.Size == 0 || f.Size%4 != 0 {
			t.Errorf("func %d: %+v", i, f)
		}
		if got, ok := mod.FuncAt(f.Offset + f.Size - 4); !ok || got != uint32(i) {
			t.Errorf("FuncAt(end of %d) = %d, %v", i, got, ok)
		}
	}
	if len(mod.TrapSites) == 0 {
		t.Fatal("no trap sites")
	}
	for _, s := range mod.TrapSites {
		if got, ok := mod.TrapAt(s.PC); !ok || got != s {
			t.Errorf("TrapAt(%#x) = %+v, %v", s.PC, got, ok)
		}
	}
}

// TestCompileUnsupported checks that what is not compiled (GC instructions
// without Options.GC) is an error wrapping both sentinels.
func TestCompileUnsupported(t *testing.T) {
	for _, src := range []string{
		`(module (type $s (struct (field i32))) (func (result (ref $s)) (struct.new $s (i32.const 1))))`,
		`(module (type $a (array i8)) (data "x") (func (result (ref $a)) (array.new_data $a 0 (i32.const 0) (i32.const 1))))`,
	} {
		_, err := compileWAT(t, src)
		if !errors.Is(err, ErrUnsupported) || !errors.Is(err, compiler.ErrUnsupported) {
			t.Errorf("%s: %v, want unsupported", src, err)
		}
	}
}
