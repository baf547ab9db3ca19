package regalloc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// amd64Like is a realistic register file for benchmarks: 12 allocatable
// general registers (RSP, RBP, R11 scratch and R15 reserved) and 15 XMM.
func amd64Like() *Target {
	var ints, floats []PReg
	for r := PReg(0); r < 16; r++ {
		if r != 4 && r != 5 && r != 11 && r != 15 {
			ints = append(ints, r)
		}
	}
	for r := PReg(16); r < 31; r++ {
		floats = append(floats, r)
	}
	return &Target{Classes: [NumClasses]ClassRegs{
		ClassInt:   {Allocatable: ints, CalleeSaved: RegSet(0).With(3).With(12).With(13).With(14), Scratch: 11, SlotSize: 8},
		ClassFloat: {Allocatable: floats, CalleeSaved: 0, Scratch: 31, SlotSize: 16},
	}}
}

// arm64Like never offers x18 (platform register), x28 (Go's g), x29/x30
// (FP, LR) or x16 (the scratch).
func arm64Like() *Target {
	var ints, floats []PReg
	for r := PReg(0); r < 28; r++ {
		if r != 16 && r != 18 {
			ints = append(ints, r)
		}
	}
	for r := PReg(32); r < 63; r++ {
		floats = append(floats, r)
	}
	var callee RegSet
	for r := PReg(19); r < 28; r++ {
		callee = callee.With(r)
	}
	return &Target{Classes: [NumClasses]ClassRegs{
		ClassInt:   {Allocatable: ints, CalleeSaved: callee, Scratch: 16, SlotSize: 8},
		ClassFloat: {Allocatable: floats, Scratch: 63, SlotSize: 16},
	}}
}

var amd64Clobbers = func() RegSet {
	var s RegSet
	for _, r := range []PReg{0, 1, 2, 6, 7, 8, 9, 10} {
		s = s.With(r)
	}
	for r := PReg(16); r < 32; r++ {
		s = s.With(r)
	}
	return s
}()

// genLarge builds a function shaped like compiled Wasm: a chain of straight
// blocks, diamonds and loops; SSA temporaries with short lives, a handful of
// long-lived values (locals, the module context) and loop-carried locals
// updated through moves; a call every couple of dozen instructions.
func genLarge(rng *rand.Rand, n int) *prog {
	p := &prog{}
	var locals []VReg
	for i := 0; i < 8; i++ {
		locals = append(locals, p.vreg(ClassInt, i < 2))
	}
	fl := p.vreg(ClassFloat, false)
	entry := p.block()
	for _, v := range locals {
		entry.op(DefOf(v))
	}
	entry.op(DefOf(fl))
	recent := append([]VReg(nil), locals...)
	pick := func() VReg {
		if rng.IntN(4) == 0 {
			return locals[rng.IntN(len(locals))]
		}
		return recent[len(recent)-1-rng.IntN(min(6, len(recent)))]
	}
	body := func(b *pblock, k int) {
		for i := 0; i < k; i++ {
			switch r := rng.IntN(24); {
			case r == 0:
				d := p.vreg(ClassInt, rng.IntN(4) == 0)
				b.add(InstSafepoint, amd64Clobbers, FixedUse(pick(), 7), FixedUse(pick(), 6), FixedDef(d, 0))
				recent = append(recent, d)
			case r < 3:
				d := p.vreg(ClassFloat, false)
				b.op(DefOf(d), UseOf(fl), UseOf(fl))
				fl = d
			case r < 5:
				b.add(InstMove, 0, DefOf(locals[rng.IntN(len(locals))]), UseOf(pick()))
			default:
				d := p.vreg(ClassInt, false)
				b.op(DefOf(d), UseOf(pick()), UseOf(pick()))
				recent = append(recent, d)
			}
		}
	}
	cur := entry
	next := func() int { return len(p.blocks) }
	for p.numInsts() < n {
		switch rng.IntN(3) {
		case 0: // straight
			cur.succs = []int{next()}
			cur.op()
			cur = p.block()
			body(cur, 10)
		case 1: // diamond
			a := next()
			cur.succs = []int{a, a + 1}
			cur.op(UseOf(pick()))
			save, saveFl := recent, fl
			body(p.block(a+2), 8)
			p.blocks[a].op()
			recent, fl = save, saveFl
			body(p.block(a+2), 8)
			p.blocks[a+1].op()
			recent, fl = save, saveFl
			cur = p.block()
		default: // loop: header, body/latch, back edge, exit
			h := next()
			cur.succs = []int{h}
			cur.op()
			body(p.block(h+1), 4)
			p.blocks[h].op()
			latch := p.block(h+2, h+3)
			body(latch, 12)
			latch.op(UseOf(pick()))
			p.block(h).op()
			recent = append(recent[:0:0], locals...)
			cur = p.block()
		}
	}
	cur.op(FixedUse(locals[0], 0))
	return p
}

func (p *prog) numInsts() int {
	n := 0
	for _, b := range p.blocks {
		n += len(b.insts)
	}
	return n
}

// Wasm-shaped functions on realistic register files; the checker also
// verifies that reserved registers (arm64 x18, x28, ...) never appear.
func TestLargeFunctions(t *testing.T) {
	for _, target := range []*Target{amd64Like(), arm64Like()} {
		a, err := NewAllocator(target)
		if err != nil {
			t.Fatal(err)
		}
		for seed := uint64(0); seed < 5; seed++ {
			p := genLarge(rand.New(rand.NewPCG(1, seed)), 5000)
			var f Func
			p.build(&f)
			res, err := a.Allocate(&f)
			if err != nil {
				t.Fatal(err)
			}
			if err := checkAllocation(p, target, res); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func BenchmarkAllocate(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("insts=%d", n), func(b *testing.B) {
			p := genLarge(rand.New(rand.NewPCG(2, uint64(n))), n)
			a, err := NewAllocator(amd64Like())
			if err != nil {
				b.Fatal(err)
			}
			var f Func
			p.build(&f)
			res, err := a.Allocate(&f)
			if err != nil {
				b.Fatal(err)
			}
			stats := fmt.Sprintf("vregs=%d blocks=%d moves=%d spills=%d reloads=%d (loop-weighted %.0f)",
				f.NumVRegs(), f.NumBlocks(), res.Moves, res.Spills, res.Reloads, a.loopWeightedEdits())
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := a.Allocate(&f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(f.NumInsts()), "ns/inst")
			b.Log(stats)
		})
	}
}

// loopWeightedEdits estimates the dynamic cost of the inserted code: each
// edit counts 8^(loop depth of its block).
func (a *Allocator) loopWeightedEdits() float64 {
	w := 0.0
	for _, e := range a.res.edits {
		w += math.Pow(8, float64(a.depth[a.instBlock[e.before]]))
	}
	return w
}
