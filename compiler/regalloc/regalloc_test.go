package regalloc

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

func allocate(t *testing.T, p *prog) *Result {
	t.Helper()
	a, err := NewAllocator(toyTarget())
	if err != nil {
		t.Fatal(err)
	}
	var f Func
	p.build(&f)
	res, err := a.Allocate(&f)
	if err != nil {
		t.Fatalf("%v\n%s", err, p)
	}
	if err := checkAllocation(p, toyTarget(), res); err != nil {
		t.Fatalf("%v\n%s", err, p)
	}
	return res
}

func TestRandomPrograms(t *testing.T) {
	configs := []genOpts{
		{blocks: 1, vregs: 8, insts: 20},
		{blocks: 6, vregs: 10, insts: 8},
		{blocks: 6, vregs: 10, insts: 8, fixed: true},
		{blocks: 8, vregs: 16, insts: 10, fixed: true, calls: true},
		{blocks: 8, vregs: 16, insts: 10, fixed: true, calls: true, refs: true},
		{blocks: 20, vregs: 40, insts: 12, fixed: true, calls: true, refs: true},
	}
	n := 2000
	if testing.Short() {
		n = 200
	}
	a, err := NewAllocator(toyTarget())
	if err != nil {
		t.Fatal(err)
	}
	var f Func
	var spills, moves int
	for ci, o := range configs {
		for seed := 0; seed < n; seed++ {
			p := genProg(rand.New(rand.NewPCG(uint64(ci), uint64(seed))), o)
			p.build(&f)
			res, err := a.Allocate(&f) // one Allocator for all: reuse must be clean
			if err != nil {
				t.Fatalf("config %d seed %d: %v\n%s", ci, seed, err, p)
			}
			if err := checkAllocation(p, toyTarget(), res); err != nil {
				t.Fatalf("config %d seed %d: %v\n%s", ci, seed, err, p)
			}
			spills += res.Spills + res.Reloads
			moves += res.Moves
		}
	}
	if spills == 0 || moves == 0 {
		t.Errorf("random programs never spilled (%d) or moved (%d): the generator is too tame", spills, moves)
	}
}

func TestDeterministic(t *testing.T) {
	o := genOpts{blocks: 20, vregs: 40, insts: 12, fixed: true, calls: true, refs: true}
	for seed := uint64(0); seed < 50; seed++ {
		var got [2]recorder
		for k := range got {
			p := genProg(rand.New(rand.NewPCG(7, seed)), o)
			allocate(t, p).Emit(&got[k])
		}
		if len(got[0].blocks) != len(got[1].blocks) {
			t.Fatal("different block count")
		}
		for b := range got[0].blocks {
			x, y := got[0].blocks[b], got[1].blocks[b]
			if len(x) != len(y) {
				t.Fatalf("seed %d: block %d differs", seed, b)
			}
			for i := range x {
				if x[i].kind != y[i].kind || x[i].reg != y[i].reg || x[i].other != y[i].other || x[i].slot != y[i].slot {
					t.Fatalf("seed %d: block %d op %d differs", seed, b, i)
				}
			}
		}
	}
}

// Ten values live at once with six registers: some must spill.
func TestPressureSpills(t *testing.T) {
	p := &prog{}
	var vs []VReg
	b := p.block()
	for i := 0; i < 10; i++ {
		v := p.vreg(ClassInt, false)
		vs = append(vs, v)
		b.op(DefOf(v))
	}
	sum := p.vreg(ClassInt, false)
	b.op(DefOf(sum), UseOf(vs[0]), UseOf(vs[1]))
	for _, v := range vs[2:] {
		b.op(UseDefOf(sum), UseOf(v))
	}
	b.op(FixedUse(sum, r0))
	res := allocate(t, p)
	if res.Spills == 0 || res.Reloads == 0 || res.SpillAreaSize == 0 {
		t.Errorf("spills %d reloads %d area %d", res.Spills, res.Reloads, res.SpillAreaSize)
	}
}

// A value live across a call goes to a callee-saved register, not the stack.
func TestCallPrefersCalleeSaved(t *testing.T) {
	p := &prog{}
	x, arg, ret := p.vreg(ClassInt, false), p.vreg(ClassInt, false), p.vreg(ClassInt, false)
	p.block().
		op(DefOf(x)).
		op(DefOf(arg)).
		add(0, toyCallerSaved, FixedUse(arg, r0), FixedDef(ret, r0)).
		op(FixedUse(x, r1), FixedUse(ret, r0))
	res := allocate(t, p)
	if got := res.Alloc(0, 0); got != r4 && got != r5 {
		t.Errorf("x in r%d, want a callee-saved register", got)
	}
	if res.Spills != 0 || !res.UsedCalleeSaved.Has(res.Alloc(0, 0)) {
		t.Errorf("spills %d, used callee-saved %b", res.Spills, res.UsedCalleeSaved)
	}
	if got := res.Alloc(1, 0); got != r0 {
		t.Errorf("call argument computed in r%d, want it directly in r0", got)
	}
}

// GC references live across a safepoint are in the stack map, in the ref
// area; a reference that dies at the safepoint is not.
func TestSafepointStackMap(t *testing.T) {
	p := &prog{}
	a, b, dying, n := p.vreg(ClassInt, true), p.vreg(ClassInt, true), p.vreg(ClassInt, true), p.vreg(ClassInt, false)
	p.block().
		op(DefOf(a)).op(DefOf(b)).op(DefOf(dying)).op(DefOf(n)).
		add(InstSafepoint, toyCallerSaved, FixedUse(dying, r0), UseOf(n)).
		op(DefOf(n), UseOf(a), UseOf(b)).
		op(FixedUse(n, r0))
	res := allocate(t, p)
	maps := res.StackMaps()
	if len(maps) != 1 || maps[0].Inst != 4 || len(maps[0].Slots) != 2 {
		t.Fatalf("stack maps %+v", maps)
	}
	if res.RefAreaSize != 16 {
		t.Errorf("ref area %d bytes, want 16", res.RefAreaSize)
	}
}

// x86 idiv and shifts: RAX/RDX pinned, CL for the count, values elsewhere
// survive.
func TestFixedX86Shapes(t *testing.T) {
	p := &prog{}
	lo, hi, d, cnt, keep := p.vreg(ClassInt, false), p.vreg(ClassInt, false), p.vreg(ClassInt, false), p.vreg(ClassInt, false), p.vreg(ClassInt, false)
	p.block().
		op(DefOf(keep)).op(DefOf(lo)).op(DefOf(hi)).op(DefOf(d)).op(DefOf(cnt)).
		op(FixedUseDef(lo, r0), FixedUseDef(hi, r3), UseOf(d)).
		op(UseDefOf(lo), FixedUse(cnt, r2)).
		op(UseDefOf(lo), UseOf(hi)).
		op(UseDefOf(lo), UseOf(keep), UseOf(d), UseOf(cnt)).
		op(FixedUse(lo, r0))
	allocate(t, p)
}

// A swap inside a loop forces cyclic parallel moves on the back edge.
func TestLoopSwap(t *testing.T) {
	p := &prog{}
	x, y, tmp, c := p.vreg(ClassInt, false), p.vreg(ClassInt, false), p.vreg(ClassInt, false), p.vreg(ClassInt, false)
	fx, fy, ft := p.vreg(ClassFloat, false), p.vreg(ClassFloat, false), p.vreg(ClassFloat, false)
	p.block(1).op(DefOf(x)).op(DefOf(y)).op(DefOf(c)).op(DefOf(fx)).op(DefOf(fy)).op()
	p.block(2, 3).
		add(InstMove, 0, DefOf(tmp), UseOf(x)).
		add(InstMove, 0, DefOf(x), UseOf(y)).
		add(InstMove, 0, DefOf(y), UseOf(tmp)).
		add(InstMove, 0, DefOf(ft), UseOf(fx)).
		add(InstMove, 0, DefOf(fx), UseOf(fy)).
		add(InstMove, 0, DefOf(fy), UseOf(ft)).
		op(UseDefOf(c)).
		op(UseOf(c))
	p.block(1).op()
	p.block().op(FixedUse(x, r0), FixedUse(y, r1), FixedUse(fx, f0), FixedUse(fy, f1))
	allocate(t, p)
}

func TestSequentializeCycles(t *testing.T) {
	a, err := NewAllocator(toyTarget())
	if err != nil {
		t.Fatal(err)
	}
	a.res.slotOff = []uint32{0, 8}
	mv := func(dst, src loc) pmove { return pmove{dst: dst, src: src} }
	cases := [][]pmove{
		{mv(0, 1), mv(1, 0)},                     // swap
		{mv(0, 1), mv(1, 2), mv(2, 0)},           // 3-cycle
		{mv(0, 1), mv(1, 0), mv(2, 0), mv(3, 2)}, // cycle with fan-out and a chain
		{mv(0, slotBase), mv(slotBase, 0)},       // register <-> slot swap
		{mv(4, 5), mv(5, 4), mv(2, 3), mv(3, 2)}, // two independent cycles
		{mv(1, 0), mv(2, 1), mv(3, 2), mv(4, 3)}, // chain needing order
	}
	for ci, ms := range cases {
		a.res.edits = a.res.edits[:0]
		if err := a.sequentialize(ms); err != nil {
			t.Fatal(err)
		}
		vals := map[loc]int{}
		for l := loc(0); l < slotBase+2; l++ {
			vals[l] = int(l) + 100
		}
		want := map[loc]int{}
		for _, m := range ms {
			want[m.dst] = vals[m.src]
		}
		for _, e := range a.res.edits {
			switch e.kind {
			case editMove:
				vals[loc(e.reg)] = vals[loc(e.other)]
			case editSpill:
				vals[slotBase+loc(e.other)] = vals[loc(e.reg)]
			case editReload:
				vals[loc(e.reg)] = vals[slotBase+loc(e.other)]
			}
		}
		for d, w := range want {
			if vals[d] != w {
				t.Errorf("case %d: loc %d = %d, want %d", ci, d, vals[d], w)
			}
		}
	}
}

func TestInvalidInput(t *testing.T) {
	cases := map[string]func(p *prog){
		"critical edge": func(p *prog) {
			v := p.vreg(ClassInt, false)
			p.block(1, 2).op(DefOf(v)).op(UseOf(v))
			p.block(2).op()
			p.block().op(FixedUse(v, r0))
		},
		"use before def": func(p *prog) {
			v := p.vreg(ClassInt, false)
			p.block().op(FixedUse(v, r0))
		},
		"fixed to reserved": func(p *prog) {
			v := p.vreg(ClassInt, false)
			p.block().op(FixedDef(v, 6))
		},
		"fixed to other class": func(p *prog) {
			v := p.vreg(ClassInt, false)
			p.block().op(FixedDef(v, f0))
		},
		"two vregs one register": func(p *prog) {
			v, w := p.vreg(ClassInt, false), p.vreg(ClassInt, false)
			p.block().op(DefOf(v)).op(DefOf(w)).op(FixedUse(v, r0), FixedUse(w, r0))
		},
		"terminator with operands": func(p *prog) {
			v := p.vreg(ClassInt, false)
			p.block(1).op(DefOf(v)).op(UseOf(v))
			p.block().op()
		},
		"entry has predecessor": func(p *prog) {
			p.block(0).op()
		},
		"empty block": func(p *prog) {
			p.block(1).op()
			p.block()
		},
		"float ref": func(p *prog) {
			v := p.vreg(ClassFloat, true)
			p.block().op(DefOf(v))
		},
	}
	for name, build := range cases {
		p := &prog{}
		build(p)
		a, _ := NewAllocator(toyTarget())
		var f Func
		p.build(&f)
		if _, err := a.Allocate(&f); !errors.Is(err, ErrInvalidFunc) {
			t.Errorf("%s: got %v", name, err)
		}
	}
	var f Func
	f.AddInst(0, 0)
	a, _ := NewAllocator(toyTarget())
	if _, err := a.Allocate(&f); !errors.Is(err, ErrInvalidFunc) {
		t.Errorf("instruction outside blocks: got %v", err)
	}
	f.Reset()
	f.StartBlock()
	f.AddInst(0, 0, UseOf(99))
	if _, err := a.Allocate(&f); !errors.Is(err, ErrInvalidFunc) {
		t.Errorf("unknown vreg: got %v", err)
	}
	bad := toyTarget()
	bad.Classes[ClassInt].Scratch = r0
	if _, err := NewAllocator(bad); !errors.Is(err, ErrInvalidFunc) {
		t.Errorf("scratch allocatable: got %v", err)
	}
}

func TestTooManyOperands(t *testing.T) {
	p := &prog{}
	b := p.block()
	var ops []Operand
	for i := 0; i < 7; i++ {
		v := p.vreg(ClassInt, false)
		b.op(DefOf(v))
		ops = append(ops, UseOf(v))
	}
	b.op(ops...)
	a, _ := NewAllocator(toyTarget())
	var f Func
	p.build(&f)
	_, err := a.Allocate(&f)
	var pe *PressureError
	if !errors.As(err, &pe) || !errors.Is(err, ErrRegisterPressure) || pe.Inst != 7 {
		t.Errorf("got %v", err)
	}
}

// The checker must not be vacuous: corrupting correct allocations (a
// dropped move, a wrong register, a missing stack-map entry) is caught.
func TestCheckerCatchesCorruption(t *testing.T) {
	o := genOpts{blocks: 8, vregs: 16, insts: 10, fixed: true, calls: true, refs: true}
	a, _ := NewAllocator(toyTarget())
	var f Func
	var edits, editsCaught, regs, regsCaught, maps int
	for seed := uint64(0); seed < 300; seed++ {
		rng := rand.New(rand.NewPCG(99, seed))
		p := genProg(rng, o)
		p.build(&f)
		res, err := a.Allocate(&f)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.edits) > 0 {
			k := rng.IntN(len(res.edits))
			saved := res.edits
			res.edits = append(append([]edit(nil), saved[:k]...), saved[k+1:]...)
			edits++
			if checkAllocation(p, toyTarget(), res) != nil {
				editsCaught++
			}
			res.edits = saved
		}
		for k, op := range f.ops {
			if op.Kind == Use && op.Fixed == NoReg {
				saved := res.allocs[k]
				res.allocs[k] = (saved + 1) % 6
				if f.vregs[op.VReg].class == ClassFloat {
					res.allocs[k] = 16 + (saved-16+1)%4
				}
				regs++
				if checkAllocation(p, toyTarget(), res) != nil {
					regsCaught++
				}
				res.allocs[k] = saved
				break
			}
		}
		reach := reachableInsts(p)
		for i, m := range res.maps {
			if len(m.Slots) > 0 && reach[m.Inst] {
				res.maps[i].Slots = m.Slots[1:]
				maps++
				if checkAllocation(p, toyTarget(), res) == nil {
					t.Errorf("seed %d: dropped stack map entry not caught", seed)
				}
				res.maps[i].Slots = m.Slots
				break
			}
		}
	}
	if editsCaught*2 < edits || regsCaught*10 < regs*9 || maps == 0 {
		t.Errorf("caught %d/%d dropped edits, %d/%d wrong registers, %d map mutations", editsCaught, edits, regsCaught, regs, maps)
	}
	t.Logf("caught %d/%d dropped edits, %d/%d wrong registers, %d/%d stack map drops", editsCaught, edits, regsCaught, regs, maps, maps)
}

// mutate damages a valid program in small random ways: operands on other
// vregs or registers, extra edges, operand kinds flipped, instructions
// dropped.
func mutate(rng *rand.Rand, p *prog) {
	for n := 1 + rng.IntN(3); n > 0; n-- {
		b := &p.blocks[rng.IntN(len(p.blocks))]
		switch rng.IntN(5) {
		case 0:
			b.succs = append(b.succs, rng.IntN(len(p.blocks)+1)) // may be out of range
		case 1:
			if len(b.insts) > 0 {
				b.insts = b.insts[:rng.IntN(len(b.insts))]
			}
		default:
			if len(b.insts) == 0 {
				continue
			}
			in := &b.insts[rng.IntN(len(b.insts))]
			if len(in.ops) == 0 {
				continue
			}
			op := &in.ops[rng.IntN(len(in.ops))]
			switch rng.IntN(3) {
			case 0:
				op.VReg = VReg(rng.IntN(len(p.vregs) + 1))
			case 1:
				op.Kind = OperandKind(rng.IntN(4))
			default:
				op.Fixed = PReg(rng.IntN(70))
			}
		}
	}
}

// Damaged input yields an error or an allocation the checker accepts, and
// never a panic.
func TestMutatedPrograms(t *testing.T) {
	o := genOpts{blocks: 8, vregs: 16, insts: 10, fixed: true, calls: true, refs: true}
	a, _ := NewAllocator(toyTarget())
	var f Func
	n := 3000
	if testing.Short() {
		n = 300
	}
	var failed int
	for seed := uint64(0); seed < uint64(n); seed++ {
		rng := rand.New(rand.NewPCG(5, seed))
		p := genProg(rng, o)
		mutate(rng, p)
		p.build(&f)
		res, err := a.Allocate(&f)
		if err != nil {
			failed++
			continue
		}
		if err := checkAllocation(p, toyTarget(), res); err != nil {
			t.Fatalf("seed %d: accepted, but %v\n%s", seed, err, p)
		}
	}
	if failed == 0 || failed == n {
		t.Errorf("%d of %d mutated programs rejected", failed, n)
	}
}

func FuzzAllocate(f *testing.F) {
	f.Add(uint64(1), uint64(2), false)
	f.Add(uint64(3), uint64(4), true)
	o := genOpts{blocks: 10, vregs: 20, insts: 10, fixed: true, calls: true, refs: true}
	a, _ := NewAllocator(toyTarget())
	var fn Func
	f.Fuzz(func(t *testing.T, s1, s2 uint64, damage bool) {
		rng := rand.New(rand.NewPCG(s1, s2))
		p := genProg(rng, o)
		if damage {
			mutate(rng, p)
		}
		p.build(&fn)
		res, err := a.Allocate(&fn)
		if err != nil {
			if !damage {
				t.Fatalf("%v\n%s", err, p)
			}
			return
		}
		if err := checkAllocation(p, toyTarget(), res); err != nil {
			t.Fatalf("%v\n%s", err, p)
		}
	})
}

// A value spilled before a loop is reloaded on the way in, not on every
// iteration.
func TestReloadHoistedOutOfLoop(t *testing.T) {
	p := &prog{}
	x, c := p.vreg(ClassInt, false), p.vreg(ClassInt, false)
	allInts := RegSet(0).With(r0).With(r1).With(r2).With(r3).With(r4).With(r5)
	p.block(1).op(DefOf(x)).add(0, allInts).op()
	p.block(2, 3).op(DefOf(c), UseOf(x)).op(UseOf(c))
	p.block().op(FixedUse(x, r0))
	p.block(1).op()
	res := allocate(t, p)
	if res.Reloads != 1 {
		t.Fatalf("%d reloads, want 1", res.Reloads)
	}
	for _, e := range res.edits {
		if e.kind == editReload && e.before != 2 {
			t.Errorf("reload before instruction %d, want 2 (the preheader's jump)", e.before)
		}
	}
}

func TestLoopDepths(t *testing.T) {
	p := &prog{}
	c := p.vreg(ClassInt, false)
	p.block(1).op(DefOf(c)).op()
	p.block(2).op()
	p.block(3, 4).op(UseOf(c))
	p.block(2).op()
	p.block(5, 6).op(UseOf(c))
	p.block(1).op()
	p.block().op()
	a, _ := NewAllocator(toyTarget())
	var f Func
	p.build(&f)
	if _, err := a.Allocate(&f); err != nil {
		t.Fatal(err)
	}
	want := []int32{0, 1, 2, 2, 1, 1, 0}
	if !slices.Equal(a.depth, want) {
		t.Errorf("loop depths %v, want %v", a.depth, want)
	}
}

// A value live through a loop that does not use it, evicted by the
// pressure inside, leaves its register on the way into the loop: no store
// in the loop and no reload on the back edge, one reload after it.
func TestEvictionLeavesLoopOnEntry(t *testing.T) {
	p := &prog{}
	x := p.vreg(ClassInt, false)
	var defs, uses []Operand
	for range 6 {
		v := p.vreg(ClassInt, false)
		defs, uses = append(defs, DefOf(v)), append(uses, UseOf(v))
	}
	p.block(1).op(DefOf(x)).op()               // b0: insts 0-1
	p.block(2, 3).op(defs...).op(uses...).op() // b1, the header: 2-4
	p.block(1).op()                            // b2, the latch: 5
	p.block().op(UseOf(x))                     // b3: 6
	res := allocate(t, p)
	for _, e := range res.edits {
		if e.before >= 2 && e.before <= 5 {
			t.Errorf("%v edit before instruction %d, inside the loop", e.kind, e.before)
		}
	}
	if res.Reloads != 1 {
		t.Errorf("%d reloads, want 1", res.Reloads)
	}
}
