package backendtest

import (
	"slices"
	"testing"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// The stack map at every GC safepoint must list exactly the frame slots
// of the references live across it: a missing one is a use after move, an
// extra one makes the collector trace a dead (or non-reference) slot.
// Each function below has its safepoints annotated with the number of
// references live across them.
const stackMapSrc = `(module
  (type $s (struct (field (mut anyref))))
  (type $a (array (mut i32)))
  (func $f (param anyref) (result anyref) (local.get 0))
  ;; Two reference parameters and an i32 live across one allocation.
  (func (export "two") (param $x anyref) (param $y anyref) (param $k i32) (result anyref)
    (drop (struct.new_default $s))                                                     ;; 2
    (if (result anyref) (local.get $k) (then (local.get $x)) (else (local.get $y))))
  ;; The operand of struct.new is live across its own allocation; the
  ;; result of the first is live across the second.
  (func (export "operands") (param $x anyref) (result anyref)
    (struct.new $s (struct.new $s (local.get $x))))                                    ;; 1, 1
  ;; Nothing is live across: the reference dies before the allocation.
  (func (export "dead") (param $x anyref) (result i32)
    (drop (local.get $x))
    (array.len (array.new_default $a (i32.const 4))))                                  ;; 0
  ;; A loop-carried reference (a block parameter) across the allocation in
  ;; the loop and across a call after it.
  (func (export "loop") (param $n i32) (result anyref)
    (local $p anyref)
    (loop $l
      (local.set $p (struct.new $s (local.get $p)))                                    ;; 1
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (call $f (ref.null any))                                                           ;; 1
    (drop)
    (local.get $p))
  ;; Two references carried by the loop and live across its allocation at
  ;; once: they must have distinct slots.
  (func (export "pair") (param $n i32) (param $p anyref) (param $q anyref) (result anyref)
    (local $r anyref)
    (loop $l
      (local.set $r (struct.new $s (local.get $p)))                                    ;; 2
      (local.set $p (local.get $q))
      (local.set $q (local.get $r))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (struct.new $s (local.get $p)))                                                    ;; 1
  ;; References that are results of a call, stack results included, are
  ;; live across the allocation after it.
  (func $many (result anyref anyref anyref anyref anyref anyref anyref anyref anyref i32)
    (ref.null any) (ref.null any) (ref.null any) (ref.null any) (ref.null any)
    (ref.null any) (ref.null any) (ref.null any) (ref.null any) (i32.const 1))
  (func (export "results") (result anyref anyref anyref anyref anyref anyref anyref anyref anyref i32)
    (call $many)                                                                       ;; 0
    (drop (struct.new_default $s))                                                     ;; 9
  )
)`

// StackMapsAtAllocations compiles stackMapSrc with fc, which must compile
// GC instructions, and checks every function's stack maps: the number of
// references at each safepoint, no slot twice, every slot an 8-byte slot
// below the frame pointer. It runs on any host: nothing is executed.
func StackMapsAtAllocations(t *testing.T, fc codegen.FuncCompiler) {
	m, err := wat.ParseModule([]byte(stackMapSrc))
	if err == nil {
		err = wasm.Validate(m)
	}
	if err != nil {
		t.Fatal(err)
	}
	mi, err := compiler.NewModuleInfo(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	layout, err := abi.NewVMLayout(abi.ShapeOf(m))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]int{
		"two": {2}, "operands": {1, 1}, "dead": {0}, "loop": {1, 1}, "pair": {2, 1}, "results": {0, 9},
	}
	for _, e := range m.Exports {
		live, ok := want[e.Name]
		if !ok {
			continue
		}
		f, err := compiler.Translate(mi, e.Index)
		if err != nil {
			t.Fatal(err)
		}
		compiler.Optimize(f)
		cf, err := fc.Compile(mi, layout, f)
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		// The function's safepoints are its calls and allocations (whose
		// maps are keyed by the continuations of their out-of-line slow
		// paths, after the body): compare the counts as multisets.
		var got []int
		for _, sm := range cf.StackMaps {
			got = append(got, len(sm.Slots))
			if len(slices.Compact(slices.Sorted(slices.Values(sm.Slots)))) != len(sm.Slots) {
				t.Errorf("%s: stack map at %#x lists a slot twice: %v", e.Name, sm.PC, sm.Slots)
			}
			for _, s := range sm.Slots {
				if s >= 0 || s%8 != 0 {
					t.Errorf("%s: slot %d is not an 8-byte slot below the frame pointer", e.Name, s)
				}
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, slices.Sorted(slices.Values(live))) {
			t.Errorf("%s: live references per safepoint %v, want %v", e.Name, got, live)
		}
	}
}
