package regalloc

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The toy target: six integer registers (r0-r3 caller-saved, r4-r5
// callee-saved), r6 reserved like a frame pointer, r7 the scratch; four float
// registers f0-f3 (numbered 16-19, f0-f1 caller-saved), f7 (23) the scratch.
// Small on purpose, so that random programs spill constantly.
const (
	r0, r1, r2, r3, r4, r5 PReg = 0, 1, 2, 3, 4, 5
	f0, f1, f2, f3         PReg = 16, 17, 18, 19
)

var toyCallerSaved = toyTarget().CallerSaved() // r0-r3, f0-f1

func toyTarget() *Target {
	return &Target{Classes: [NumClasses]ClassRegs{
		ClassInt: {
			Allocatable: []PReg{r0, r1, r2, r3, r4, r5},
			CalleeSaved: RegSet(0).With(r4).With(r5),
			Scratch:     7,
			SlotSize:    8,
		},
		ClassFloat: {
			Allocatable: []PReg{f0, f1, f2, f3},
			CalleeSaved: RegSet(0).With(f2).With(f3),
			Scratch:     23,
			SlotSize:    16,
		},
	}}
}

// prog is a test program: the tests' own description of a function, from
// which they build a Func and against which the checker simulates the
// allocated code.
type prog struct {
	vregs  []vregInfo
	blocks []pblock
}

type pblock struct {
	insts []pinst
	succs []int
}

type pinst struct {
	flags    InstFlags
	clobbers RegSet
	ops      []Operand
}

func (p *prog) vreg(c Class, ref bool) VReg {
	p.vregs = append(p.vregs, vregInfo{class: c, ref: ref})
	return VReg(len(p.vregs) - 1)
}

func (p *prog) block(succs ...int) *pblock {
	p.blocks = append(p.blocks, pblock{succs: succs})
	return &p.blocks[len(p.blocks)-1]
}

func (b *pblock) add(flags InstFlags, clobbers RegSet, ops ...Operand) *pblock {
	b.insts = append(b.insts, pinst{flags, clobbers, ops})
	return b
}

func (b *pblock) op(ops ...Operand) *pblock { return b.add(0, 0, ops...) }

func (p *prog) build(f *Func) {
	f.Reset()
	for _, vi := range p.vregs {
		f.NewVReg(vi.class, vi.ref)
	}
	for _, b := range p.blocks {
		f.StartBlock()
		for _, in := range b.insts {
			f.AddInst(in.flags, in.clobbers, in.ops...)
		}
	}
	for i, b := range p.blocks {
		for _, s := range b.succs {
			f.AddEdge(i, s)
		}
	}
}

func (p *prog) String() string {
	var sb strings.Builder
	n := 0
	for bi, b := range p.blocks {
		fmt.Fprintf(&sb, "b%d -> %v\n", bi, b.succs)
		for _, in := range b.insts {
			fmt.Fprintf(&sb, "  %3d: flags=%d clob=%x", n, in.flags, uint64(in.clobbers))
			for _, op := range in.ops {
				k := [...]string{"use", "def", "usedef"}[op.Kind]
				fmt.Fprintf(&sb, " %s:v%d", k, op.VReg)
				if op.Fixed != NoReg {
					fmt.Fprintf(&sb, "@r%d", op.Fixed)
				}
			}
			sb.WriteByte('\n')
			n++
		}
	}
	return sb.String()
}

// genOpts shapes random programs.
type genOpts struct {
	blocks, vregs, insts int // maxima
	refs, calls, fixed   bool
}

// genProg builds a random, valid program: a random CFG with loops (critical
// edges split), random instructions over a small pool of vregs (several
// defs per vreg, so not SSA), fixed operands, calls with clobbers,
// safepoints and GC references. Vregs that could be read before being
// written get a definition at the top of the entry block.
func genProg(rng *rand.Rand, o genOpts) *prog {
	p := &prog{}
	nv := 2 + rng.IntN(o.vregs)
	var ints, floats []VReg
	for i := 0; i < nv; i++ {
		if rng.IntN(4) == 0 {
			floats = append(floats, p.vreg(ClassFloat, false))
		} else {
			ints = append(ints, p.vreg(ClassInt, o.refs && rng.IntN(3) == 0))
		}
	}
	for len(ints) < 2 {
		ints = append(ints, p.vreg(ClassInt, false))
	}
	if len(floats) == 0 {
		floats = append(floats, p.vreg(ClassFloat, false))
	}
	pick := func(vs []VReg) VReg { return vs[rng.IntN(len(vs))] }
	pickTwo := func(vs []VReg) (VReg, VReg, bool) {
		if len(vs) < 2 {
			return 0, 0, false
		}
		x := rng.IntN(len(vs))
		y := (x + 1 + rng.IntN(len(vs)-1)) % len(vs)
		return vs[x], vs[y], true
	}
	anyClass := func() []VReg {
		if rng.IntN(3) == 0 {
			return floats
		}
		return ints
	}

	nb := 1 + rng.IntN(o.blocks)
	succs := make([][]int, nb)
	for b := 0; b < nb-1; b++ {
		switch rng.IntN(4) {
		case 0:
			succs[b] = []int{b + 1}
		case 1:
			succs[b] = []int{1 + rng.IntN(nb-1)}
		default:
			// Never back to the entry block, which may have no predecessors.
			j := 1 + rng.IntN(nb-1)
			if j == b+1 {
				j = 1 + rng.IntN(b+1)
			}
			if j == b+1 {
				succs[b] = []int{b + 1}
				continue
			}
			succs[b] = []int{b + 1, j}
		}
	}
	// Split critical edges with blocks appended to the layout.
	preds := make([]int, nb)
	for _, ss := range succs {
		for _, s := range ss {
			preds[s]++
		}
	}
	for b := 0; b < nb; b++ {
		if len(succs[b]) < 2 {
			continue
		}
		for k, s := range succs[b] {
			if preds[s] > 1 {
				succs = append(succs, []int{s})
				succs[b][k] = len(succs) - 1
			}
		}
	}

	for b := range succs {
		blk := p.block(succs[b]...)
		n := rng.IntN(o.insts + 1)
		if b >= nb {
			n = rng.IntN(2)
		}
		for i := 0; i < n; i++ {
			genInst(rng, blk, o, ints, floats, pick, pickTwo, anyClass)
		}
		switch len(succs[b]) {
		case 0:
			blk.op(FixedUse(pick(ints), r0))
		case 1:
			blk.op()
		default:
			blk.op(UseOf(pick(ints)))
		}
	}
	defineLiveIns(p)
	return p
}

func genInst(rng *rand.Rand, blk *pblock, o genOpts, ints, floats []VReg,
	pick func([]VReg) VReg, pickTwo func([]VReg) (VReg, VReg, bool), anyClass func() []VReg) {
	switch k := rng.IntN(12); {
	case k < 3:
		vs := anyClass()
		blk.op(DefOf(pick(vs)), UseOf(pick(vs)), UseOf(pick(vs)))
	case k < 5:
		vs := anyClass()
		blk.op(UseDefOf(pick(vs)), UseOf(pick(vs)))
	case k < 7:
		vs := anyClass()
		blk.add(InstMove, 0, DefOf(pick(vs)), UseOf(pick(vs)))
	case k == 7:
		blk.op(DefOf(pick(anyClass())))
	case k == 8 && o.fixed:
		// x86 shift: count in CL (r2).
		if d, c, ok := pickTwo(ints); ok {
			blk.op(UseDefOf(d), FixedUse(c, r2))
		}
	case k == 9 && o.fixed:
		// x86 division: RDX:RAX / z.
		if x, y, ok := pickTwo(ints); ok {
			blk.op(FixedUseDef(x, r0), FixedUseDef(y, r3), UseOf(pick(ints)))
		}
	case k == 10 && o.calls:
		ops := []Operand{FixedUse(pick(ints), r0), FixedUse(pick(ints), r1), FixedDef(pick(ints), r0)}
		if rng.IntN(2) == 0 {
			ops = append(ops, FixedUse(pick(floats), f0), FixedDef(pick(floats), f1))
		}
		if rng.IntN(3) == 0 {
			ops = append(ops, UseOf(pick(ints))) // indirect call target
		}
		blk.add(InstSafepoint, toyCallerSaved, ops...)
	case k == 11 && o.calls:
		// Allocation slow path: a safepoint returning a new reference.
		blk.add(InstSafepoint, toyCallerSaved, FixedUse(pick(ints), r1), FixedDef(pick(ints), r0))
	default:
		blk.op(DefOf(pick(ints)), UseOf(pick(ints)))
	}
}

// defineLiveIns adds a definition at the top of the entry block for every
// vreg live into it, using plain iterative dataflow (independent of the
// allocator's liveness).
func defineLiveIns(p *prog) {
	nv, nb := len(p.vregs), len(p.blocks)
	gen := make([][]bool, nb)
	kill := make([][]bool, nb)
	in := make([][]bool, nb)
	for b := range p.blocks {
		gen[b], kill[b], in[b] = make([]bool, nv), make([]bool, nv), make([]bool, nv)
		for _, ins := range p.blocks[b].insts {
			for _, op := range ins.ops {
				if op.Kind != Def && !kill[b][op.VReg] {
					gen[b][op.VReg] = true
				}
			}
			for _, op := range ins.ops {
				if op.Kind != Use {
					kill[b][op.VReg] = true
				}
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for b := nb - 1; b >= 0; b-- {
			for v := 0; v < nv; v++ {
				live := gen[b][v]
				if !live && !kill[b][v] {
					for _, s := range p.blocks[b].succs {
						live = live || in[s][v]
					}
				}
				if live && !in[b][v] {
					in[b][v], changed = true, true
				}
			}
		}
	}
	var defs []pinst
	for v := 0; v < nv; v++ {
		if in[0][v] {
			defs = append(defs, pinst{ops: []Operand{DefOf(VReg(v))}})
		}
	}
	p.blocks[0].insts = append(defs, p.blocks[0].insts...)
}

// reachableInsts marks the instructions of blocks reachable from the entry.
func reachableInsts(p *prog) []bool {
	reach := make([]bool, len(p.blocks))
	reach[0] = true
	for work := []int{0}; len(work) > 0; {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range p.blocks[b].succs {
			if !reach[s] {
				reach[s] = true
				work = append(work, s)
			}
		}
	}
	var insts []bool
	for b := range p.blocks {
		for range p.blocks[b].insts {
			insts = append(insts, reach[b])
		}
	}
	return insts
}
