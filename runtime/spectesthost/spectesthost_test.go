package spectesthost

import (
	"bytes"
	"context"
	"testing"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// Every import the spec scripts make from "spectest" links, with the types
// the scripts expect.
func TestSpectestImports(t *testing.T) {
	eng := runtime.NewEngine(runtime.Config{})
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	defer st.Close()
	var out bytes.Buffer
	var im runtime.Imports
	if err := Define(st, &im, &out); err != nil {
		t.Fatal(err)
	}
	m, err := wat.ParseModule([]byte(`(module
		(import "spectest" "print" (func))
		(import "spectest" "print_i32" (func (param i32)))
		(import "spectest" "print_i64" (func (param i64)))
		(import "spectest" "print_f32" (func (param f32)))
		(import "spectest" "print_f64" (func (param f64)))
		(import "spectest" "print_i32_f32" (func $p (param i32 f32)))
		(import "spectest" "print_f64_f64" (func (param f64 f64)))
		(import "spectest" "global_i32" (global i32))
		(import "spectest" "global_i64" (global i64))
		(import "spectest" "global_f32" (global f32))
		(import "spectest" "global_f64" (global f64))
		(import "spectest" "table" (table 10 20 funcref))
		(import "spectest" "table64" (table i64 10 20 funcref))
		(import "spectest" "memory" (memory 1 2))
		(export "p" (func $p))
		(export "g" (global 0)))`))
	if err != nil {
		t.Fatal(err)
	}
	mod, err := eng.Compile(wasm.Encode(m))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := st.Instantiate(context.Background(), mod, &im)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inst.Func("p").Call(context.Background(), runtime.I32(1), runtime.F32(2.5)); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "1 : i32\n2.5 : f32\n" {
		t.Errorf("printed %q", got)
	}
	if g := inst.Global("g").Get().I32(); g != 666 {
		t.Errorf("global_i32 = %d", g)
	}
}
