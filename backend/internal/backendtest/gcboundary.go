//go:build linux

package backendtest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/wasm"
)

// The allocation size boundary, through every inline allocation path of
// generated code: array.new and array.new_default with a run-time length
// (the MaxLen compare) and with a constant one (size known at compile
// time; above MaxLen the run-time path), and array.new_fixed. For every
// element storage and the lengths 0, 1, MaxLen, MaxLen+1, 2^29-1, 2^31-1
// and 2^32-1, an allocation either succeeds — the heap validates the
// object's header, array.len and a read of the last element agree — or
// traps "allocation size too large", exactly when the length exceeds
// MaxLen. MaxLen arrays are up to 1 GiB; their pages are reserved and
// only the touched ones committed.

var boundaryElems = []struct {
	name, typ, zero, read string
	s                     abi.Storage
}{
	{"i8", "i8", "(i32.const 0)", "array.get_u", abi.StorageI8},
	{"i16", "i16", "(i32.const 0)", "array.get_s", abi.StorageI16},
	{"i32", "i32", "(i32.const 0)", "array.get", abi.StorageI32},
	{"i64", "i64", "(i64.const 0)", "array.get", abi.StorageI64},
	{"f32", "f32", "(f32.const 0)", "array.get", abi.StorageF32},
	{"f64", "f64", "(f64.const 0)", "array.get", abi.StorageF64},
	{"ref", "structref", "(ref.null struct)", "array.get", abi.StorageGCRef},
	{"func", "funcref", "(ref.null func)", "array.get", abi.StorageFuncRef},
}

func boundaryLengths(s abi.Storage) []uint64 {
	maxLen := uint64(abi.LayoutArray(s).MaxLen)
	return []uint64{0, 1, maxLen, maxLen + 1, 1<<29 - 1, 1<<31 - 1, 1<<32 - 1}
}

// boundarySrc has, per element type T: new-T and default-T taking the
// length, const-T-L and constdefault-T-L for each boundary length L, and
// fixed-T (two elements). Each returns the array, its length and its
// last element (as i64 bits; 0 when empty).
func boundarySrc() string {
	var sb strings.Builder
	sb.WriteString("(module\n  (type $s (struct))\n")
	for _, e := range boundaryElems {
		fmt.Fprintf(&sb, "  (type $%s (array (mut %s)))\n", e.name, e.typ)
	}
	for _, e := range boundaryElems {
		last := fmt.Sprintf("(%s $%s (local.get $a) (i32.sub (array.len (local.get $a)) (i32.const 1)))", e.read, e.name)
		switch e.typ {
		case "i8", "i16", "i32":
			last = "(i64.extend_i32_u " + last + ")"
		case "f32":
			last = "(i64.extend_i32_u (i32.reinterpret_f32 " + last + "))"
		case "f64":
			last = "(i64.reinterpret_f64 " + last + ")"
		case "structref", "funcref":
			last = "(i64.extend_i32_u (ref.is_null " + last + "))"
		}
		body := func(alloc string) string {
			return fmt.Sprintf(`(local $a (ref $%s))
    (local.set $a %s)
    (local.get $a) (array.len (local.get $a))
    (if (result i64) (array.len (local.get $a)) (then %s) (else (i64.const 0))))
`, e.name, alloc, last)
		}
		sig := fmt.Sprintf("(result (ref $%s) i32 i64)", e.name)
		fmt.Fprintf(&sb, "  (func (export \"new-%s\") (param i32) %s\n    %s", e.name, sig,
			body(fmt.Sprintf("(array.new $%s %s (local.get 0))", e.name, e.zero)))
		fmt.Fprintf(&sb, "  (func (export \"default-%s\") (param i32) %s\n    %s", e.name, sig,
			body(fmt.Sprintf("(array.new_default $%s (local.get 0))", e.name)))
		for _, n := range boundaryLengths(e.s) {
			fmt.Fprintf(&sb, "  (func (export \"const-%s-%d\") %s\n    %s", e.name, n, sig,
				body(fmt.Sprintf("(array.new $%s %s (i32.const %d))", e.name, e.zero, int32(n))))
			fmt.Fprintf(&sb, "  (func (export \"constdefault-%s-%d\") %s\n    %s", e.name, n, sig,
				body(fmt.Sprintf("(array.new_default $%s (i32.const %d))", e.name, int32(n))))
		}
		fmt.Fprintf(&sb, "  (func (export \"fixed-%s\") %s\n    %s", e.name, sig,
			body(fmt.Sprintf("(array.new_fixed $%s 2 %s %s)", e.name, e.zero, e.zero)))
	}
	sb.WriteString(")\n")
	return sb.String()
}

// AllocationBoundaries runs the boundary table.
func AllocationBoundaries(t *testing.T, b Backend) {
	m, err := ParseValidate([]byte(boundarySrc()))
	if err != nil {
		t.Fatal(err)
	}
	// Twice: with an allocation window as large as the heap, so that the
	// inline path alone decides (it must trap above MaxLen and allocate
	// up to it), and with a stress heap, whose empty window sends every
	// allocation to Go. No poisoning: it would write a whole GiB.
	for _, cfg := range []gc.Config{{MinCapacity: gc.MaxLimit}, {Stress: true}} {
		t.Run(fmt.Sprintf("stress=%v", cfg.Stress), func(t *testing.T) { allocationBoundaries(t, b, m, cfg) })
	}
}

func allocationBoundaries(t *testing.T, b Backend, m *wasm.Module, cfg gc.Config) {
	st, err := NewStore(t, 1<<20, cfg)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := NewStoreMachine(t, b, st, m, noImports)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, args []uint64, n uint64, s abi.Storage) {
		maxLen := abi.LayoutArray(s).MaxLen
		var last uint64 // the last element's bits; ref.is_null of a null for references
		if s == abi.StorageGCRef || s == abi.StorageFuncRef {
			last = 1
		}
		t.Helper()
		idx, ok := Export(m, name)
		if !ok {
			t.Fatalf("no export %s", name)
		}
		// Nothing is live between calls: a collection gives the next
		// allocation the whole window again.
		if err := st.Heap.Collect(st); err != nil {
			t.Fatal(err)
		}
		res, err := mc.Call(idx, args)
		if n > uint64(maxLen) {
			if TrapOf(err) != abi.TrapAllocationTooLarge {
				t.Errorf("%s%v: got %v, %v; want trap %q", name, args, res, err, abi.TrapAllocationTooLarge)
			}
			return
		}
		if err != nil {
			t.Errorf("%s%v: %v", name, args, err)
			return
		}
		_, l, length, err := st.Heap.Object(uint32(res[0]))
		switch {
		case err != nil:
			t.Errorf("%s%v: the heap rejects the array: %v", name, args, err)
		case l.Kind != abi.KindArray || length != uint32(n) || res[1] != n:
			t.Errorf("%s%v: kind %v, header length %d, array.len %d; want %d", name, args, l.Kind, length, res[1], n)
		case n > 0 && res[2] != last:
			t.Errorf("%s%v: last element %#x, want %#x", name, args, res[2], last)
		}
	}
	for _, e := range boundaryElems {
		for _, n := range boundaryLengths(e.s) {
			check("new-"+e.name, []uint64{n}, n, e.s)
			check("default-"+e.name, []uint64{n}, n, e.s)
			check(fmt.Sprintf("const-%s-%d", e.name, n), nil, n, e.s)
			check(fmt.Sprintf("constdefault-%s-%d", e.name, n), nil, n, e.s)
		}
		check("fixed-"+e.name, nil, 2, e.s)
	}
}

// SeedModule is the bug this project started from: an array.new of
// 536870911 structrefs must trap "allocation size too large" — never
// reach the header, never panic — on a normal heap and on a stress heap.
func SeedModule(t *testing.T, b Backend) {
	const seed = `(module
  (type $a (struct))
  (type $b (array structref))
  (func (export "seed") (result i32)
    (array.len (array.new $b (struct.new_default $a) (i32.const 536870911))))
  (func (export "seed-dyn") (param i32) (result i32)
    (array.len (array.new $b (struct.new_default $a) (local.get 0)))))`
	for _, stress := range []bool{false, true} {
		mc, ev := gcMachine(t, b, seed, stress)
		for _, c := range []struct {
			name string
			args []uint64
		}{{"seed", nil}, {"seed-dyn", []uint64{536870911}}, {"seed-dyn", []uint64{0xffffffff}}} {
			idx, _ := Export(mc.MI.Module, c.name)
			_, err := mc.Call(idx, c.args)
			if TrapOf(err) != abi.TrapAllocationTooLarge {
				t.Errorf("stress=%v: %s%v: %v, want trap %q", stress, c.name, c.args, err, abi.TrapAllocationTooLarge)
			}
			if _, err := ev.Call(idx, c.args); TrapOf(err) != abi.TrapAllocationTooLarge {
				t.Errorf("evaluator: %s%v: %v", c.name, c.args, err)
			}
		}
	}
}
