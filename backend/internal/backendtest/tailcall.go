//go:build linux

package backendtest

import "testing"

// TailCallsWAT: tail calls between signatures with different numbers of stack arguments
// (more than eight integer parameters spill to the stack), through every
// call form, deep enough that a tail call which grew the stack would
// exhaust it; and host calls with stack arguments and results.
const TailCallsWAT = `(module
  (import "spectest" "print_i32_f32" (func $host2 (param i32 f32)))
  (import "spectest" "many" (func $hostMany (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 f64) (result i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)))
  (type $few (func (param i64 i64) (result i64)))
  (type $many (func (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $few $many)
  (elem declare func $few $many)
  ;; few(n, acc): n == 0 ? acc : many(n-1, acc+1, 1..10)
  (func $few (type $few)
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 1))
      (else (return_call $many (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 1))
        (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
        (i64.const 6) (i64.const 7) (i64.const 8) (i64.const 9) (i64.const 10)))))
  ;; many(n, acc, a..j): n == 0 ? acc + sum : few via the table or a ref
  (func $many (type $many)
    (local $sum i64)
    (local.set $sum (i64.add (i64.add (i64.add (local.get 2) (local.get 3)) (i64.add (local.get 4) (local.get 5)))
      (i64.add (i64.add (i64.add (local.get 6) (local.get 7)) (i64.add (local.get 8) (local.get 9)))
        (i64.add (local.get 10) (local.get 11)))))
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.add (local.get 1) (local.get $sum)))
      (else
        (if (result i64) (i32.wrap_i64 (i64.and (local.get 0) (i64.const 1)))
          (then (return_call_indirect $t (type $few) (i64.sub (local.get 0) (i64.const 1))
            (i64.add (local.get 1) (local.get $sum)) (i32.const 0)))
          (else (return_call_ref $few (i64.sub (local.get 0) (i64.const 1))
            (i64.add (local.get 1) (local.get $sum)) (ref.func $few)))))))
  (func (export "run") (param i64) (result i64) (call $few (local.get 0) (i64.const 0)))
  ;; Self tail calls keeping the stack arguments (a loop in disguise).
  (func $count (param i64 i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (local.get 9))
      (else (return_call $count (i64.sub (local.get 0) (i64.const 1)) (local.get 1) (local.get 2)
        (local.get 3) (local.get 4) (local.get 5) (local.get 6) (local.get 7) (local.get 8)
        (i64.add (local.get 9) (local.get 8))))))
  (func (export "count") (param i64) (result i64)
    (call $count (local.get 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)
      (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 3) (i64.const 0)))
  (func (export "host2") (param i32) (result i32)
    (call $host2 (local.get 0) (f32.const 1.5)) (local.get 0))
  (func (export "host-many") (result i64)
    (local $a i64) (local $b i64) (local $j i64)
    (call $hostMany (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
      (i64.const 6) (i64.const 7) (i64.const 8) (i64.const 9) (i64.const 10) (f64.const 0.5))
    (local.set $j) (drop) (drop) (drop) (drop) (drop) (drop) (drop) (local.set $b) (local.set $a)
    (i64.add (i64.mul (local.get $a) (i64.const 100)) (i64.add (i64.mul (local.get $b) (i64.const 10)) (local.get $j))))
)`

// TailCalls runs deep tail-call chains through every call form and host
// calls with stack arguments and results.
func TailCalls(t *testing.T, b Backend) {
	m, err := ParseValidate([]byte(TailCallsWAT))
	if err != nil {
		t.Fatal(err)
	}
	// A small stack: 100000 non-tail calls would not fit.
	mc, err := NewMachine(t, b, m, 64<<10)
	if err != nil {
		t.Fatal(err)
	}
	// The fake host: "many" returns its integer arguments reversed; the
	// others return nothing. It also checks what it was passed.
	mc.Inst.host = func(name string, slots []uint64) {
		switch name {
		case "spectest.many":
			if slots[10] != 0x3fe0000000000000 {
				t.Errorf("many: f64 argument %#x", slots[10])
			}
			for i, j := 0, 9; i < j; i, j = i+1, j-1 {
				slots[i], slots[j] = slots[j], slots[i]
			}
		case "spectest.print_i32_f32":
			if slots[0] != 7 || slots[1] != 0x3fc00000 {
				t.Errorf("print_i32_f32 got %#x", slots[:2])
			}
		}
	}
	ev := Evaluator(t, mc.MI)
	ev.MaxDepth = 1 << 20
	for _, tc := range []struct {
		name string
		arg  uint64
	}{{"run", 0}, {"run", 1}, {"run", 2}, {"run", 3}, {"run", 100000}, {"run", 100001}, {"count", 100000}} {
		idx, _ := Export(m, tc.name)
		want, err := ev.Call(idx, []uint64{tc.arg})
		if err != nil {
			t.Fatalf("evaluator: %s(%d): %v", tc.name, tc.arg, err)
		}
		got, err := mc.Call(idx, []uint64{tc.arg})
		if err != nil || len(got) != 1 || got[0] != want[0] {
			t.Errorf("%s(%d) = %v, %v; want %d", tc.name, tc.arg, got, err, want[0])
		}
	}
	for _, tc := range []struct {
		name string
		args []uint64
		want uint64
	}{
		{"host2", []uint64{7}, 7},
		{"host-many", nil, 10*100 + 9*10 + 1},
	} {
		idx, _ := Export(m, tc.name)
		got, err := mc.Call(idx, tc.args)
		if err != nil || len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s = %v, %v; want %d", tc.name, got, err, tc.want)
		}
	}
}
