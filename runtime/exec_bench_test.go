//go:build amd64

package runtime

import (
	"context"
	"testing"
)

// The cost of crossing between Go and generated code: an empty call from
// Go (entry preamble, abi.Call, results), and a call of a host function
// from Wasm (trampoline, ExitHostCall, argument conversion, Resume).
func BenchmarkCrossings(b *testing.B) {
	st := newTestStore(b, StoreLimits{})
	var im Imports
	h, _ := NewHostFunc(func(x int32) int32 { return x + 1 })
	im.Define("env", "h", h)
	inst := mustInstantiate(b, st, `(module
	  (import "env" "h" (func $h (param i32) (result i32)))
	  (func (export "nop") (param i32) (result i32) (local.get 0))
	  (func (export "host") (param i32) (result i32) (call $h (local.get 0))))`, &im)
	ctx := context.Background()
	for _, name := range []string{"nop", "host"} {
		f := inst.Func(name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := f.Call(ctx, I32(1)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFib25(b *testing.B) {
	inst := mustInstantiate(b, newTestStore(b, StoreLimits{}), progs, nil)
	f := inst.Func("fib")
	ctx := context.Background()
	for b.Loop() {
		if _, err := f.Call(ctx, I32(25)); err != nil {
			b.Fatal(err)
		}
	}
}
