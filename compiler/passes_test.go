package compiler

import (
	"strings"
	"testing"
)

// optimizeWAT compiles the module's last function and runs the pipeline,
// verifying after each pass.
func optimizeWAT(t *testing.T, src string) *Func {
	t.Helper()
	_, fs := compileWAT(t, src)
	f := fs[len(fs)-1]
	if err := Verify(f); err != nil {
		t.Fatalf("after frontend: %v\n%s", err, f)
	}
	for _, p := range Passes {
		p.Run(f)
		if err := Verify(f); err != nil {
			t.Fatalf("after %s: %v\n%s", p.Name, err, f)
		}
	}
	return f
}

// countOps counts the instructions of f with op (and, for OpNumeric,
// with any Wasm operator).
func countOps(f *Func, op Op) int {
	n := 0
	for b := range f.Blocks {
		for id := f.Blocks[b].first; id != 0; id = f.Instrs[id].next {
			if f.Instrs[id].Op == op {
				n++
			}
		}
	}
	return n
}

func TestConstFoldArithmetic(t *testing.T) {
	f := optimizeWAT(t, `(module (func (result i32)
	  (i32.mul (i32.add (i32.const 1) (i32.const 2)) (i32.div_s (i32.const -7) (i32.const 2)))))`)
	if n := countOps(f, OpNumeric); n != 0 {
		t.Errorf("%d numeric ops left:\n%s", n, f)
	}
	if !strings.Contains(f.String(), "const 0xfffffff7") { // 3 * -3
		t.Errorf("folded constant missing:\n%s", f)
	}
}

func TestConstFoldKeepsTrappingDivision(t *testing.T) {
	f := optimizeWAT(t, `(module (func (result i32) (i32.div_u (i32.const 1) (i32.const 0))))`)
	if len(f.Blocks) != 1 || f.Blocks[0].Term.Kind != TermTrap || f.Blocks[0].Term.Trap.String() != "integer divide by zero" {
		t.Errorf("want an unconditional divide-by-zero trap:\n%s", f)
	}
}

func TestConstFoldRemovesDivisorChecks(t *testing.T) {
	f := optimizeWAT(t, `(module (func (param i32 i64) (result i64)
	  (i64.extend_i32_s (i32.div_s (local.get 0) (i32.const 4)))
	  (i64.rem_s (local.get 1) (i64.const -1))
	  (i64.add)))`)
	for _, op := range []Op{OpTrapIfZero, OpCheckSDiv} {
		if n := countOps(f, op); n != 0 {
			t.Errorf("%d %s left:\n%s", n, op, f)
		}
	}
}

func TestConstFoldBranch(t *testing.T) {
	f := optimizeWAT(t, `(module (func (param i32) (result i32)
	  (if (result i32) (i32.const 0) (then (local.get 0)) (else (i32.const 7)))))`)
	if len(f.Blocks) != 1 || f.Blocks[0].Term.Kind != TermReturn {
		t.Errorf("branch not folded:\n%s", f)
	}
}

func TestCopyPropLoopInvariantLocal(t *testing.T) {
	// $n is read in the loop but never written there: the frontend gives
	// the loop header a parameter for it, which must go.
	f := optimizeWAT(t, `(module (func (param $n i32) (result i32) (local $i i32)
	  (loop $l
	    (local.set $i (i32.add (local.get $i) (i32.const 1)))
	    (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
	  (local.get $i)))`)
	for b := 1; b < len(f.Blocks); b++ {
		if len(f.Blocks[b].Params) > 1 {
			t.Errorf("b%d keeps %d params, want only $i:\n%s", b, len(f.Blocks[b].Params), f)
		}
	}
}

func TestCSE(t *testing.T) {
	f := optimizeWAT(t, `(module (func (param i32 i32) (result i32)
	  (i32.add (i32.mul (local.get 0) (local.get 1)) (i32.mul (local.get 0) (local.get 1)))
	  (i32.div_u (local.get 0))
	  (i32.div_u (local.get 0))))`)
	if n := countOps(f, OpTrapIfZero); n != 1 {
		t.Errorf("%d divisor checks, want 1:\n%s", n, f)
	}
	if n := countOps(f, OpNumeric); n != 4 { // one mul, add, two div_u
		t.Errorf("%d numeric ops, want 4:\n%s", n, f)
	}
}

func TestDCE(t *testing.T) {
	f := optimizeWAT(t, `(module (func $g (result i32) (i32.const 1))
	  (func (param i32) (result i32)
	    (drop (i32.mul (local.get 0) (i32.const 3)))
	    (drop (call $g))
	    (local.get 0)))`)
	if n := countOps(f, OpNumeric); n != 0 {
		t.Errorf("dead multiply kept:\n%s", f)
	}
	if n := countOps(f, OpCall); n != 1 {
		t.Errorf("call with effects removed:\n%s", f)
	}
}

func TestBoundsCheckElim(t *testing.T) {
	// The first check (extent 8) covers the second (extent 4) on the same
	// base even across a call and memory.grow: memory never shrinks.
	f := optimizeWAT(t, `(module (memory 1) (func $g)
	  (func (param i32) (result i32)
	    (i64.load (local.get 0))
	    (call $g)
	    (drop (memory.grow (i32.const 1)))
	    (i32.load (local.get 0))
	    (i32.load offset=8 (local.get 0))
	    (i32.add) (i64.extend_i32_u) (i64.add) (i32.wrap_i64)))`)
	if n := countOps(f, OpBoundsCheck); n != 2 { // extent 8, then extent 12
		t.Errorf("%d bounds checks, want 2:\n%s", n, f)
	}
}

func TestBoundsCheckElimNeedsDominance(t *testing.T) {
	f := optimizeWAT(t, `(module (memory 1) (func (param i32 i32) (result i32)
	  (if (local.get 1) (then (drop (i32.load (local.get 0)))))
	  (i32.load (local.get 0))))`)
	if n := countOps(f, OpBoundsCheck); n != 2 {
		t.Errorf("%d bounds checks, want 2 (the first does not dominate):\n%s", n, f)
	}
	f = optimizeWAT(t, `(module (memory 0) (func (result i32)
	  (i32.add (i32.load (i32.const 16)) (i32.load8_u (i32.const 4)))))`)
	if n := countOps(f, OpBoundsCheck); n != 1 {
		t.Errorf("%d bounds checks, want 1 (constant addresses subsume):\n%s", n, f)
	}
}

func TestBoundsCheckElimDeclaredMinimum(t *testing.T) {
	// A constant address whose access ends within the declared minimum
	// (here 1 page) needs no check, also when folding makes it constant;
	// one ending past it keeps its check.
	f := optimizeWAT(t, `(module (memory 1) (func (result i32)
	  (i32.add (i32.load (i32.const 65532))
	    (i32.add (i32.load (i32.add (i32.const 65000) (i32.const 500)))
	      (i32.load (i32.const 65533))))))`)
	if n := countOps(f, OpBoundsCheck); n != 1 {
		t.Errorf("%d bounds checks, want 1 (the load at 65533):\n%s", n, f)
	}
}

// blocksOf returns the blocks holding instructions of op.
func blocksOf(f *Func, op Op) []BlockID {
	var bs []BlockID
	for b := range f.Blocks {
		for id := f.Blocks[b].first; id != 0; id = f.Instrs[id].next {
			if f.Instrs[id].Op == op {
				bs = append(bs, BlockID(b))
			}
		}
	}
	return bs
}

func TestMemRegsHoistsOutOfCallFreeLoops(t *testing.T) {
	// Two nested loops without calls: one base and one length, loaded in
	// front of the outer loop, serve every access.
	f := optimizeWAT(t, `(module (memory 1) (func (param i32 i32) (result i32) (local i32)
	  (loop $outer
	    (loop $inner
	      (local.set 2 (i32.add (local.get 2) (i32.load (local.get 0))))
	      (i32.store offset=4 (local.get 0) (local.get 2))
	      (br_if $inner (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
	    (br_if $outer (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
	  (local.get 2)))`)
	if n := countOps(f, OpMemLen); n != 1 {
		t.Errorf("%d mem.len, want 1:\n%s", n, f)
	}
	if n := countOps(f, OpMemBase); n != 1 {
		t.Errorf("%d mem.base, want 1:\n%s", n, f)
	}
	if bs := blocksOf(f, OpMemLen); len(bs) == 1 && bs[0] != 0 {
		t.Errorf("mem.len in b%d, want the entry block:\n%s", bs[0], f)
	}
}

func TestMemRegsReloadsLengthAfterCalls(t *testing.T) {
	// The call may grow the memory: the length is loaded again after it,
	// inside the loop, while the base is still loaded once.
	src := `(module (memory 1)
	  (func $grow (drop (memory.grow (i32.const 1))))
	  (func (param i32) (result i32) (local i32)
	    (loop $l
	      (local.set 1 (i32.add (local.get 1) (i32.load (local.get 0))))
	      (call $grow)
	      (local.set 1 (i32.add (local.get 1) (i32.load (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)))))
	      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
	    (local.get 1)))`
	f := optimizeWAT(t, src)
	if n := countOps(f, OpMemLen); n != 2 {
		t.Errorf("%d mem.len, want 2 (before and after the call):\n%s", n, f)
	}
	if n := countOps(f, OpMemBase); n != 1 {
		t.Errorf("%d mem.base, want 1:\n%s", n, f)
	}
	// Run it: every iteration grows the memory by a page and then reads
	// in the new page, which a stale length would reject (the evaluator
	// reports a check against a stale length as an error).
	mi, fs := compileWAT(t, src)
	for _, g := range fs {
		Optimize(g)
	}
	inst, err := NewInstance(mi, fs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inst.Call(1, []uint64{3}); err != nil {
		t.Fatal(err)
	}
}
