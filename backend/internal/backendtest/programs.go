//go:build linux

package backendtest

import (
	"math"
	"testing"

	"github.com/sablewasm/sable/abi"
)

// ProgramsWAT is the module Programs runs.
const ProgramsWAT = `(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "fac-iter") (param i64) (result i64) (local i64)
    (local.set 1 (i64.const 1))
    (block (loop
      (br_if 1 (i64.eqz (local.get 0)))
      (local.set 1 (i64.mul (local.get 0) (local.get 1)))
      (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
      (br 0)))
    (local.get 1))
  (func (export "swap-loop") (param i32 i32 i32) (result i32)
    ;; rotates a and b n times: a parallel copy with a cycle on the back edge
    (local $t i32)
    (block (loop
      (br_if 1 (i32.eqz (local.get 2)))
      (local.set $t (local.get 0))
      (local.set 0 (local.get 1))
      (local.set 1 (local.get $t))
      (local.set 2 (i32.sub (local.get 2) (i32.const 1)))
      (br 0)))
    (i32.sub (i32.mul (local.get 0) (i32.const 1000)) (local.get 1)))
  (func (export "switch") (param i32) (result i32)
    (block $d (block $c (block $b (block $a
      (br_table $a $b $c $d (local.get 0)))
      (return (i32.const 10)))
      (return (i32.const 20)))
      (return (i32.const 30)))
    (i32.const 99))
  (func $many (param i32 i64 f32 f64 i32 i64 f32 f64 i32 i64 i32 i64 i32 f64 f64 f64 f64 f64 f64 f64 i64)
              (result i64 f64 i32 i32 i32 i32 i32 i32 i32 i32 i32 f32)
    (i64.add (i64.extend_i32_u (local.get 12)) (local.get 20))
    (f64.add (local.get 19) (f64.promote_f32 (local.get 6)))
    (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6)
    (i32.const 7) (i32.const 8) (local.get 10) (local.get 2))
  (func (export "stackargs") (param i32) (result i64 f64 i32 f32)
    (local i64 f64 i32 i32 i32 i32 i32 i32 i32 i32 i32 f32)
    (call $many (local.get 0) (i64.const 2) (f32.const 3) (f64.const 4) (i32.const 5) (i64.const 6)
      (f32.const 7.5) (f64.const 8) (i32.const 9) (i64.const 10) (i32.const 11) (i64.const 12)
      (i32.const 13) (f64.const 14) (f64.const 15) (f64.const 16) (f64.const 17) (f64.const 18)
      (f64.const 19) (f64.const 20.25) (i64.const 21))
    (local.set 12) (local.set 11) (local.set 10) (local.set 9) (local.set 8) (local.set 7)
    (local.set 6) (local.set 5) (local.set 4) (local.set 3) (local.set 2) (local.set 1)
    (local.get 1) (local.get 2) (i32.add (local.get 3) (local.get 11)) (local.get 12))
  (func (export "select") (param i32 f64 f64) (result f64)
    (select (local.get 1) (local.get 2) (local.get 0)))
  (func $deep (export "deep") (param i32) (result i32)
    (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "rem") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "unreachable") (unreachable))
  (func (export "spin") (param i32) (result i32)
    (loop (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 0))
)`

// Programs runs calls, loops, parallel copies, br_table, stack arguments
// and results, traps, stack exhaustion and an interrupt against the
// evaluator.
func Programs(t *testing.T, b Backend) {
	m, err := ParseValidate([]byte(ProgramsWAT))
	if err != nil {
		t.Fatal(err)
	}
	mc, err := NewMachine(t, b, m, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	ev := Evaluator(t, mc.MI)
	f64 := func(x float64) uint64 { return math.Float64bits(x) }
	cases := []struct {
		name string
		args []uint64
	}{
		{"fib", []uint64{0}}, {"fib", []uint64{1}}, {"fib", []uint64{10}}, {"fib", []uint64{20}},
		{"fac", []uint64{0}}, {"fac", []uint64{20}}, {"fac-iter", []uint64{25}},
		{"swap-loop", []uint64{1, 2, 0}}, {"swap-loop", []uint64{1, 2, 1}}, {"swap-loop", []uint64{1, 2, 7}},
		{"switch", []uint64{0}}, {"switch", []uint64{1}}, {"switch", []uint64{2}}, {"switch", []uint64{3}},
		{"switch", []uint64{1 << 31}},
		{"stackargs", []uint64{42}},
		{"select", []uint64{0, f64(1.5), f64(-2)}}, {"select", []uint64{7, f64(1.5), f64(-2)}},
		{"div", []uint64{7, 0}}, {"div", []uint64{0x80000000, 0xffffffff}}, {"div", []uint64{0xfffffff9, 2}},
		{"rem", []uint64{1 << 63, math.MaxUint64}}, {"rem", []uint64{7, 0}}, {"rem", []uint64{math.MaxUint64 - 6, 2}},
		{"trunc", []uint64{f64(math.NaN())}}, {"trunc", []uint64{f64(2147483648)}}, {"trunc", []uint64{f64(-2147483648.9)}},
		{"unreachable", nil},
		{"spin", []uint64{1000000}},
	}
	for _, c := range cases {
		idx, ok := Export(m, c.name)
		if !ok {
			t.Fatalf("no export %s", c.name)
		}
		got, gerr := mc.Call(idx, c.args)
		want, werr := ev.Call(idx, c.args)
		if TrapOf(gerr) != TrapOf(werr) || (gerr == nil) != (werr == nil) {
			t.Errorf("%s%v: native (%v, %v), evaluator (%v, %v)", c.name, c.args, got, gerr, want, werr)
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s%v: result %d = %#x, want %#x", c.name, c.args, i, got[i], want[i])
			}
		}
	}
	idx, _ := Export(m, "deep")
	if _, err := mc.Call(idx, []uint64{0}); TrapOf(err) != abi.TrapStackExhausted {
		t.Errorf("deep recursion: %v, want call stack exhausted", err)
	}
	// The machine is still usable after the trap.
	idx, _ = Export(m, "fib")
	if got, err := mc.Call(idx, []uint64{15}); err != nil || got[0] != 610 {
		t.Errorf("fib(15) after exhaustion = %v, %v", got, err)
	}
	// An interrupt requested before the call exits at the function entry
	// and resumes.
	mc.Ctx.RequestInterrupt()
	idx, _ = Export(m, "spin")
	if got, err := mc.Call(idx, []uint64{100}); err != nil || got[0] != 0 {
		t.Errorf("spin after interrupt = %v, %v", got, err)
	}
}
