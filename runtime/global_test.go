package runtime

import (
	"errors"
	"testing"
)

func TestGlobal(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	g, err := st.NewGlobal(GlobalType{Type: TypeI64, Mutable: true}, I64(-5))
	if err != nil {
		t.Fatal(err)
	}
	if v := g.Get(); v.I64() != -5 || v.Type() != TypeI64 {
		t.Fatalf("Get = %v", v)
	}
	if err := g.Set(I64(7)); err != nil || g.Get().I64() != 7 {
		t.Fatalf("Set: %v, now %v", err, g.Get())
	}
	if err := g.Set(I32(7)); err == nil {
		t.Error("Set of an i32 into an i64 global succeeded")
	}
	c, err := st.NewGlobal(GlobalType{Type: TypeF32}, F32FromBits(0x7fa00001)) // a signaling NaN
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Set(F32(1)); !errors.Is(err, ErrImmutableGlobal) {
		t.Errorf("Set of an immutable global: %v", err)
	}
	if b := c.Get().Bits(); b != 0x7fa00001 {
		t.Errorf("NaN payload changed: %#x", b)
	}
	if _, err := st.NewGlobal(GlobalType{Type: TypeI32}, F32(1)); err == nil {
		t.Error("NewGlobal accepted a value of the wrong type")
	}
	var lanes [16]byte
	for i := range lanes {
		lanes[i] = byte(i)
	}
	v, err := st.NewGlobal(GlobalType{Type: TypeV128}, V128(lanes))
	if err != nil || v.Get().V128() != lanes {
		t.Errorf("v128 global: %v, %v", v.Get(), err)
	}
}

// Globals shared between instances: the exporter's mutable global is the
// importer's, whichever side writes.
func TestGlobalsAreShared(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	a := mustInstantiate(t, st, `(module
		(global (export "mut") (mut i32) (i32.const 1))
		(global (export "imm") i32 (i32.const 2))
		(global (export "vec") (mut v128) (v128.const i64x2 3 4)))`, nil)
	var im Imports
	im.DefineInstance("a", a)
	b := mustInstantiate(t, st, `(module
		(import "a" "mut" (global (mut i32)))
		(export "mut" (global 0))
		(import "a" "imm" (global $imm i32))
		(import "a" "vec" (global (mut v128)))
		(global (export "copy") i32 (global.get $imm)))`, &im)
	if b.Global("mut") != a.Global("mut") {
		t.Error("a re-exported import is not the same Global")
	}
	if err := a.Global("mut").Set(I32(42)); err != nil {
		t.Fatal(err)
	}
	if got := b.Global("mut").Get().I32(); got != 42 {
		t.Errorf("importer sees %d after the exporter's Set", got)
	}
	if got := b.Global("copy").Get().I32(); got != 2 {
		t.Errorf("global.get of an imported global gave %d", got)
	}
	// The vmctx holds the shared global's cell, not a copy.
	if b.vm.Global(2) != a.Global("vec").cell {
		t.Error("importer's vmctx does not point at the exporter's cell")
	}
}
