//go:build linux

package backendtest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/sablewasm/sable/gc"
)

// Random GC programs, run natively on a stress heap (a collection that
// moves every live object at every allocation) and compared with the
// evaluator. Each function keeps references in many locals, in loop
// parameters and in multi-value call results across allocations, mixes
// them with integer values live in registers, links objects into graphs
// and finally folds everything reachable into a checksum — so a missing
// or extra stack-map slot, a reference left in a register across a
// safepoint, or a stale address shows up as a wrong checksum or a heap the
// collector rejects.

// gcRandomTypes are the types of every random program.
const gcRandomTypes = `
  (type $n (struct (field $v (mut i32)) (field $next (mut (ref null $n))) (field $any (mut anyref)) (field $w (mut i64))))
  (type $arr (array (mut (ref null $n))))
  (type $pair (func (param (ref null $n) i32) (result (ref null $n) i32 (ref null $n))))
  (func $mk (type $pair)
    (struct.new $n (local.get 1) (local.get 0) (ref.i31 (local.get 1)) (i64.extend_i32_s (local.get 1)))
    (i32.add (local.get 1) (i32.const 1))
    (local.get 0))
  ;; sum folds a chain (at most 64 nodes) into an i32.
  (func $sum (param $p (ref null $n)) (result i32)
    (local $s i32) (local $k i32)
    (block $done
      (loop $l
        (br_if $done (ref.is_null (local.get $p)))
        (br_if $done (i32.ge_u (local.get $k) (i32.const 64)))
        (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31))
          (i32.add (struct.get $n $v (local.get $p)) (i32.wrap_i64 (struct.get $n $w (local.get $p))))))
        (if (ref.test (ref i31) (struct.get $n $any (local.get $p)))
          (then (local.set $s (i32.add (local.get $s)
            (i31.get_s (ref.cast (ref i31) (struct.get $n $any (local.get $p))))))))
        (if (ref.test (ref $n) (struct.get $n $any (local.get $p)))
          (then (local.set $s (i32.add (local.get $s)
            (struct.get $n $v (ref.cast (ref $n) (struct.get $n $any (local.get $p))))))))
        (local.set $p (struct.get $n $next (local.get $p)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $l)))
    (local.get $s))
`

const (
	gcRandRefs = 6
	gcRandInts = 4
	gcRandAnys = 2
)

// gcRandomFunc writes one random function "f" of seed's program.
func gcRandomFunc(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("  (func (export \"f\") (param $seed i32) (result i32)\n")
	for i := range gcRandRefs {
		fmt.Fprintf(&b, "    (local $r%d (ref null $n))", i)
	}
	for i := range gcRandInts {
		fmt.Fprintf(&b, " (local $i%d i32)", i)
	}
	for i := range gcRandAnys {
		fmt.Fprintf(&b, " (local $a%d anyref)", i)
	}
	b.WriteString(" (local $t i32) (local $c0 i32) (local $c1 i32)\n")
	for i := range gcRandInts {
		fmt.Fprintf(&b, "    (local.set $i%d (i32.add (local.get $seed) (i32.const %d)))\n", i, r.IntN(1000))
	}
	var stmts func(depth, n int)
	ref := func() string { return fmt.Sprintf("$r%d", r.IntN(gcRandRefs)) }
	integer := func() string { return fmt.Sprintf("$i%d", r.IntN(gcRandInts)) }
	anyv := func() string { return fmt.Sprintf("$a%d", r.IntN(gcRandAnys)) }
	guard := func(x, body string) string {
		return fmt.Sprintf("(if (i32.eqz (ref.is_null (local.get %s))) (then %s))", x, body)
	}
	stmts = func(depth, n int) {
		for range n {
			ind := strings.Repeat("  ", depth+2)
			var s string
			switch k := r.IntN(16); {
			case k < 4: // allocate, linking to an existing node
				s = fmt.Sprintf("(local.set %s (struct.new $n (local.get %s) (local.get %s) (local.get %s) (i64.extend_i32_u (local.get %s))))",
					ref(), integer(), ref(), anyv(), integer())
			case k == 4:
				x := ref()
				s = guard(x, fmt.Sprintf("(local.set %s (struct.get $n $next (local.get %s)))", ref(), x))
			case k == 5:
				x := ref()
				s = guard(x, fmt.Sprintf("(local.set %s (i32.add (local.get %s) (struct.get $n $v (local.get %s))))", integer(), integer(), x))
			case k == 6:
				x := ref()
				s = guard(x, fmt.Sprintf("(struct.set $n $next (local.get %s) (local.get %s))", x, ref()))
			case k == 7:
				x := ref()
				s = guard(x, fmt.Sprintf("(struct.set $n $any (local.get %s) (local.get %s))", x, ref()))
			case k == 8:
				s = fmt.Sprintf("(local.set %s (local.get %s))", anyv(), ref())
			case k == 9:
				a := anyv()
				s = fmt.Sprintf("(if (ref.test (ref null $n) (local.get %s)) (then (local.set %s (ref.cast (ref null $n) (local.get %s)))))", a, ref(), a)
			case k == 10:
				s = fmt.Sprintf("(local.set %s (ref.i31 (local.get %s)))", anyv(), integer())
			case k == 11: // a multi-value call with references on both sides
				s = fmt.Sprintf("(call $mk (local.get %s) (local.get %s)) (local.set %s) (local.set %s) (local.set %s)",
					ref(), integer(), ref(), integer(), ref())
			case k == 12: // an array of references, read back after more allocation
				s = fmt.Sprintf("(local.set %s (array.get $arr (array.new $arr (local.get %s) (i32.add (i32.and (local.get %s) (i32.const 7)) (i32.const 1))) (i32.const 0)))",
					ref(), ref(), integer())
			case k == 13 && depth < 2: // a loop; its body runs 1 to 4 times
				fmt.Fprintf(&b, "%s(local.set $c%d (i32.add (i32.and (local.get %s) (i32.const 3)) (i32.const 1)))\n", ind, depth, integer())
				fmt.Fprintf(&b, "%s(loop $l%d\n", ind, depth)
				stmts(depth+1, 1+r.IntN(5))
				fmt.Fprintf(&b, "%s  (br_if $l%d (local.tee $c%d (i32.sub (local.get $c%d) (i32.const 1)))))\n", ind, depth, depth, depth)
				continue
			case k == 14:
				x := ref()
				s = fmt.Sprintf("(local.set %s (select (result (ref null $n)) (local.get %s) (local.get %s) (i32.and (local.get %s) (i32.const 1))))", x, ref(), x, integer())
			default:
				s = fmt.Sprintf("(local.set %s (i32.mul (local.get %s) (i32.const %d)))", integer(), integer(), 1+r.IntN(7))
			}
			fmt.Fprintf(&b, "%s%s\n", ind, s)
		}
	}
	stmts(0, 20+r.IntN(30))
	b.WriteString("    (local.set $t (i32.const 0))\n")
	for i := range gcRandRefs {
		fmt.Fprintf(&b, "    (local.set $t (i32.add (i32.mul (local.get $t) (i32.const 7)) (call $sum (local.get $r%d))))\n", i)
	}
	for i := range gcRandAnys {
		fmt.Fprintf(&b, "    (if (ref.test (ref $n) (local.get $a%d)) (then (local.set $t (i32.add (local.get $t) (call $sum (ref.cast (ref $n) (local.get $a%d)))))))\n", i, i)
	}
	for i := range gcRandInts {
		fmt.Fprintf(&b, "    (local.set $t (i32.add (local.get $t) (local.get $i%d)))\n", i)
	}
	b.WriteString("    (local.get $t))\n")
	return b.String()
}

// GCRandomPrograms runs n random programs (seeds 1..n) natively on a
// stress heap and compares each with the evaluator.
func GCRandomPrograms(t *testing.T, b Backend, n int) {
	for seed := 1; seed <= n; seed++ {
		// A subtest per seed frees each Store, whose GC heap reserves
		// several GiB of address space, before the next: 300 of them at
		// once exhaust the guest address space qemu-user reserves.
		if !t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) { gcRandomProgram(t, b, seed) }) {
			return
		}
	}
}

func gcRandomProgram(t *testing.T, b Backend, seed int) {
	r := rand.New(rand.NewPCG(uint64(seed), 0x5ab1e))
	src := "(module" + gcRandomTypes + gcRandomFunc(r) + ")"
	m, err := ParseValidate([]byte(src))
	if err != nil {
		t.Fatalf("seed %d: %v\n%s", seed, err, src)
	}
	st, err := NewStore(t, 1<<20, gc.Config{Stress: true, Poison: true})
	if err != nil {
		t.Fatal(err)
	}
	mc, err := NewStoreMachine(t, b, st, m, noImports)
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	ev := Evaluator(t, mc.MI)
	idx, _ := Export(m, "f")
	for _, arg := range []uint64{0, 5, 0xfffffff0} {
		got, gerr := mc.Call(idx, []uint64{arg})
		want, werr := ev.Call(idx, []uint64{arg})
		if (gerr == nil) != (werr == nil) || TrapOf(gerr) != TrapOf(werr) || (gerr == nil && got[0] != want[0]) {
			t.Fatalf("seed %d, f(%#x): native (%v, %v), evaluator (%v, %v)\n%s", seed, arg, got, gerr, want, werr, src)
		}
	}
	if st.Heap.Stats().Collections == 0 {
		t.Fatalf("seed %d: no collection ran", seed)
	}
}
