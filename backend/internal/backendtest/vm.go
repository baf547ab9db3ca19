//go:build linux

package backendtest

import (
	"testing"
)

// VMWAT exercises everything that goes through the vmctx.
const VMWAT = `(module
  (import "spectest" "print_i32" (func $print (param i32)))
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (memory 1 4)
  (global $g (mut i32) (i32.const 7))
  (global $g64 (mut i64) (i64.const -5))
  (global $gf (mut f64) (f64.const 1.5))
  (global $ge (export "ge") (mut i32) (i32.const 11))
  (global $gr (mut (ref null $ii)) (ref.func $double))
  (table $t 4 8 funcref)
  (elem (table $t) (i32.const 0) func $double $triple)
  (elem declare func $nop)
  (data (i32.const 16) "\01\02\03\04\05\06\07\08")
  (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func $triple (type $ii) (i32.mul (local.get 0) (i32.const 3)))
  (func $nop (type $v))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load16s") (param i32) (result i32) (i32.load16_s offset=1 (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load offset=16 (local.get 0)))
  (func (export "store-load") (param i32 i64) (result i64)
    (i64.store32 offset=3 (local.get 0) (local.get 1))
    (i64.load32_s offset=3 (local.get 0)))
  (func (export "fstore") (param i32 f64) (result f64)
    (f64.store (local.get 0) (local.get 1)) (f64.load (local.get 0)))
  ;; i32 addresses in a register and (past the eighth integer argument) on
  ;; the stack; the harness passes garbage in their upper halves, which
  ;; must not reach the address.
  (func (export "load9") (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
    (i32.add (i32.load8_u (local.get 0)) (i32.shl (i32.load8_u (local.get 8)) (i32.const 8))))
  (func (export "load-far32") (param i32) (result i32) (i32.load8_u offset=0xfffffff0 (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "globals") (result i64)
    (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (global.set $g64 (i64.mul (global.get $g64) (i64.const 3)))
    (global.set $gf (f64.add (global.get $gf) (global.get $gf)))
    (global.set $ge (i32.const 42))
    (i64.add (i64.extend_i32_u (global.get $g))
      (i64.add (global.get $g64) (i64.trunc_f64_s (global.get $gf)))))
  (func (export "get-ge") (result i32) (global.get $ge))
  (func (export "indirect") (param i32 i32) (result i32)
    (call_indirect $t (type $ii) (local.get 1) (local.get 0)))
  (func (export "indirect-v") (param i32) (call_indirect $t (type $v) (local.get 0)))
  (func (export "call-ref") (param i32) (result i32) (call_ref $ii (local.get 0) (global.get $gr)))
  (func (export "table") (param i32) (result i32)
    (table.set $t (i32.const 2) (table.get $t (local.get 0)))
    (call_indirect $t (type $ii) (i32.const 5) (i32.const 2)))
  (func (export "table-size") (result i32) (table.size $t))
  (func (export "table-grow") (param i32) (result i32) (table.grow $t (ref.func $nop) (local.get 0)))
  (func (export "is-null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "host") (param i32) (result i32) (call $print (local.get 0)) (i32.add (local.get 0) (i32.const 1)))
  (func (export "fill") (param i32 i32 i32) (result i32)
    (memory.fill (local.get 0) (local.get 1) (local.get 2))
    (i32.load8_u (local.get 0)))
  (func (export "copy") (result i64)
    (memory.copy (i32.const 100) (i32.const 16) (i32.const 8))
    (i64.load (i32.const 100)))
)`

// VM runs memories, globals, tables, indirect calls, grows, a host call
// and bulk memory operations.
func VM(t *testing.T, b Backend) {
	m, err := ParseValidate([]byte(VMWAT))
	if err != nil {
		t.Fatal(err)
	}
	mc, err := NewMachine(t, b, m, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []uint64
		want []uint64
		trap string
	}{
		{name: "load8", args: []uint64{17}, want: []uint64{2}},
		{name: "load8", args: []uint64{65535}, want: []uint64{0}},
		{name: "load8", args: []uint64{65536}, trap: "out of bounds memory access"},
		{name: "load8", args: []uint64{0xffffffff}, trap: "out of bounds memory access"},
		{name: "load16s", args: []uint64{16}, want: []uint64{0x0302}},
		{name: "load16s", args: []uint64{65534}, trap: "out of bounds memory access"},
		{name: "load64", args: []uint64{0}, want: []uint64{0x0807060504030201}},
		{name: "store-load", args: []uint64{40, 0x80000001}, want: []uint64{0xffffffff80000001}},
		{name: "store-load", args: []uint64{65530, 1}, trap: "out of bounds memory access"},
		{name: "fstore", args: []uint64{8, 0x400921fb54442d18}, want: []uint64{0x400921fb54442d18}},
		{name: "load9", args: []uint64{0xffffffff00000010, 0, 0, 0, 0, 0, 0, 0, 0xdeadbeef00000011}, want: []uint64{0x0201}},
		{name: "load-far32", args: []uint64{0}, trap: "out of bounds memory access"},
		{name: "load-far32", args: []uint64{0x10}, trap: "out of bounds memory access"},
		{name: "load-far32", args: []uint64{0xffffffff}, trap: "out of bounds memory access"},
		{name: "size", want: []uint64{1}},
		{name: "load8", args: []uint64{70000}, trap: "out of bounds memory access"},
		{name: "grow", args: []uint64{2}, want: []uint64{1}},
		{name: "size", want: []uint64{3}},
		{name: "load8", args: []uint64{70000}, want: []uint64{0}},
		{name: "grow", args: []uint64{2}, want: []uint64{0xffffffff}},
		{name: "globals", want: []uint64{0xfffffffffffffffc}},
		{name: "get-ge", want: []uint64{42}},
		{name: "indirect", args: []uint64{0, 21}, want: []uint64{42}},
		{name: "indirect", args: []uint64{1, 21}, want: []uint64{63}},
		{name: "indirect", args: []uint64{2, 21}, trap: "uninitialized element"},
		{name: "indirect", args: []uint64{4, 21}, trap: "undefined element"},
		{name: "indirect-v", args: []uint64{0}, trap: "indirect call type mismatch"},
		{name: "call-ref", args: []uint64{9}, want: []uint64{18}},
		{name: "table", args: []uint64{1}, want: []uint64{15}},
		{name: "table", args: []uint64{9}, trap: "out of bounds table access"},
		{name: "table-size", want: []uint64{4}},
		{name: "table-grow", args: []uint64{2}, want: []uint64{4}},
		{name: "table-size", want: []uint64{6}},
		{name: "indirect-v", args: []uint64{5}, want: []uint64{}},
		{name: "table-grow", args: []uint64{3}, want: []uint64{0xffffffff}},
		{name: "is-null", args: []uint64{3}, want: []uint64{1}},
		{name: "is-null", args: []uint64{0}, want: []uint64{0}},
		{name: "host", args: []uint64{5}, want: []uint64{6}},
		{name: "fill", args: []uint64{200, 0xab, 3}, want: []uint64{0xab}},
		{name: "fill", args: []uint64{0x2fffe, 0xab, 3}, trap: "out of bounds memory access"},
		{name: "copy", want: []uint64{0x0807060504030201}},
	}
	for _, tc := range tests {
		idx, ok := Export(m, tc.name)
		if !ok {
			t.Fatalf("no export %q", tc.name)
		}
		got, err := mc.Call(idx, tc.args)
		if tc.trap != "" {
			if code := TrapOf(err); code.String() != tc.trap {
				t.Errorf("%s%v: got %v, %v; want trap %q", tc.name, tc.args, got, err, tc.trap)
			}
			continue
		}
		if err != nil || len(got) != len(tc.want) {
			t.Errorf("%s%v: got %v, %v; want %v", tc.name, tc.args, got, err, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s%v: got %#x, want %#x", tc.name, tc.args, got, tc.want)
				break
			}
		}
	}
}

// Memory64WAT has memory64 addresses, static offsets beyond 32 bits (up to 2^64-1, which
// must trap rather than wrap), and a second memory.
const Memory64WAT = `(module
  (memory $a i64 1)
  (memory $b 2)
  (data (memory $a) (i64.const 8) "\2a")
  (func (export "load") (param i64) (result i32) (i32.load8_u $a (local.get 0)))
  (func (export "load-far") (param i64) (result i32) (i32.load8_u $a offset=0x100000000 (local.get 0)))
  (func (export "load-max") (param i64) (result i32) (i32.load8_u $a offset=0xffffffffffffffff (local.get 0)))
  (func (export "store-b") (param i32 i32) (i32.store $b (local.get 0) (local.get 1)))
  (func (export "load-b") (param i32) (result i32) (i32.load $b (local.get 0)))
  (func (export "size-a") (result i64) (memory.size $a))
  (func (export "size-b") (result i32) (memory.size $b))
  (func (export "grow-a") (param i64) (result i64) (memory.grow $a (local.get 0)))
  (func (export "copy-ab") (param i64) (result i32)
    (memory.copy $a $b (local.get 0) (i32.const 100) (i32.const 4))
    (i32.load $a (local.get 0)))
)`

// Memory64 runs 64-bit addresses, offsets beyond 32 bits and a second
// memory.
func Memory64(t *testing.T, b Backend) {
	m, err := ParseValidate([]byte(Memory64WAT))
	if err != nil {
		t.Fatal(err)
	}
	mc, err := NewMachine(t, b, m, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	const oob = "out of bounds memory access"
	tests := []struct {
		name string
		args []uint64
		want uint64
		trap string
	}{
		{name: "load", args: []uint64{8}, want: 42},
		{name: "load", args: []uint64{65535}, want: 0},
		{name: "load", args: []uint64{65536}, trap: oob},
		{name: "load", args: []uint64{1 << 32}, trap: oob},
		{name: "load", args: []uint64{^uint64(0)}, trap: oob},
		{name: "load-far", args: []uint64{0}, trap: oob},
		{name: "load-far", args: []uint64{^uint64(0) - 0xffffffff}, trap: oob}, // address + offset wraps to 0
		{name: "load-max", args: []uint64{0}, trap: oob},
		{name: "load-max", args: []uint64{1}, trap: oob},
		{name: "store-b", args: []uint64{131068, 0xdeadbeef}},
		{name: "load-b", args: []uint64{131068}, want: 0xdeadbeef},
		{name: "load-b", args: []uint64{131069}, trap: oob},
		{name: "size-a", want: 1},
		{name: "size-b", want: 2},
		{name: "store-b", args: []uint64{100, 0x01020304}},
		{name: "copy-ab", args: []uint64{65532}, want: 0x01020304},
		{name: "copy-ab", args: []uint64{65533}, trap: oob},
		{name: "grow-a", args: []uint64{1}, want: 1},
		{name: "size-a", want: 2},
		{name: "copy-ab", args: []uint64{65533}, want: 0x01020304},
		{name: "grow-a", args: []uint64{1 << 40}, want: ^uint64(0)},
	}
	for _, tc := range tests {
		idx, _ := Export(m, tc.name)
		got, err := mc.Call(idx, tc.args)
		if tc.trap != "" {
			if code := TrapOf(err); code.String() != tc.trap {
				t.Errorf("%s%#x: got %v, %v; want trap %q", tc.name, tc.args, got, err, tc.trap)
			}
			continue
		}
		if err != nil || (len(got) == 1) != (tc.name != "store-b") || len(got) == 1 && got[0] != tc.want {
			t.Errorf("%s%#x: got %#x, %v; want %#x", tc.name, tc.args, got, err, tc.want)
		}
	}
}
