package regalloc

// Liveness is computed per vreg rather than with per-block bitsets: a Wasm
// function can have tens of thousands of blocks and vregs, and blocks×vregs
// bits would dwarf the function. For each vreg, the blocks that read it before
// writing it seed a backward walk over predecessors that stops at blocks
// writing it; every block reached has it live-in, every predecessor of such a
// block has it live-out. Work and memory are proportional to the size of the
// live sets, which interval building needs anyway. This works for non-SSA
// code (several defs per vreg) because "stops at blocks writing it" is
// exactly the kill set of classic dataflow.

// vb is a (vreg, block) pair.
type vb struct{ v, b int32 }

type liveness struct {
	ue, defs          []vb    // upward-exposed uses and defs, then sorted by vreg
	vUse, vDef        []int32 // per vreg: block+1 of the last mark (first pass)
	bDef, bIn, bOut   []int32 // per block: vreg+1 of the last mark (second pass)
	ueStart, defStart []int32 // per vreg offsets into ue/defs (n+1 entries)
	sortTmp           []vb
	work              []int32
	in, out           []vb
	inStart, outStart []int32 // per block offsets into inV/outV (n+1 entries)
	inV, outV         []VReg
	counts            []int32
}

// liveIn returns the vregs live on entry to block b, in increasing order.
func (l *liveness) liveIn(b int32) []VReg { return l.inV[l.inStart[b]:l.inStart[b+1]] }

// liveOut returns the vregs live on exit from block b, in increasing order.
func (l *liveness) liveOut(b int32) []VReg { return l.outV[l.outStart[b]:l.outStart[b+1]] }

func (l *liveness) compute(f *Func) error {
	nv, nb := len(f.vregs), len(f.blocks)
	l.vUse, l.vDef = clear32(l.vUse, nv), clear32(l.vDef, nv)
	l.ue, l.defs = l.ue[:0], l.defs[:0]
	for b := int32(0); b < int32(nb); b++ {
		mark := b + 1
		bl := &f.blocks[b]
		for i := bl.first; i < bl.end; i++ {
			ops := f.ops[f.insts[i].opStart:f.insts[i].opEnd]
			for _, op := range ops {
				if op.reads() && l.vDef[op.VReg] != mark && l.vUse[op.VReg] != mark {
					l.vUse[op.VReg] = mark
					l.ue = append(l.ue, vb{int32(op.VReg), b})
				}
			}
			for _, op := range ops {
				if op.writes() && l.vDef[op.VReg] != mark {
					l.vDef[op.VReg] = mark
					l.defs = append(l.defs, vb{int32(op.VReg), b})
				}
			}
		}
	}
	l.ueStart = l.sortByV(l.ue, nv, l.ueStart)
	l.defStart = l.sortByV(l.defs, nv, l.defStart)
	ueStart, defStart := l.ueStart, l.defStart

	l.bDef, l.bIn, l.bOut = clear32(l.bDef, nb), clear32(l.bIn, nb), clear32(l.bOut, nb)
	l.in, l.out = l.in[:0], l.out[:0]
	for v := int32(0); v < int32(nv); v++ {
		mark := v + 1
		for _, d := range l.defs[defStart[v]:defStart[v+1]] {
			l.bDef[d.b] = mark
		}
		l.work = l.work[:0]
		for _, u := range l.ue[ueStart[v]:ueStart[v+1]] {
			l.work = append(l.work, u.b)
		}
		for len(l.work) > 0 {
			b := l.work[len(l.work)-1]
			l.work = l.work[:len(l.work)-1]
			if l.bIn[b] == mark {
				continue
			}
			l.bIn[b] = mark
			l.in = append(l.in, vb{v, b})
			for _, p := range f.blockPreds(b) {
				if l.bOut[p] != mark {
					l.bOut[p] = mark
					l.out = append(l.out, vb{v, p})
				}
				if l.bDef[p] != mark && l.bIn[p] != mark {
					l.work = append(l.work, p)
				}
			}
		}
	}
	l.inStart, l.inV = l.groupByBlock(l.in, nb, l.inStart, l.inV)
	l.outStart, l.outV = l.groupByBlock(l.out, nb, l.outStart, l.outV)
	if in := l.liveIn(0); len(in) > 0 {
		return invalid("v%d is used before it is defined", in[0])
	}
	return nil
}

// sortByV sorts pairs in place by vreg with a counting sort and returns
// per-vreg offsets (nv+1 entries) in start's memory.
func (l *liveness) sortByV(pairs []vb, nv int, start []int32) []int32 {
	start = clear32(start, nv+1)
	for _, p := range pairs {
		start[p.v+1]++
	}
	for v := 0; v < nv; v++ {
		start[v+1] += start[v]
	}
	l.sortTmp = grow(l.sortTmp, len(pairs))
	l.counts = append(l.counts[:0], start[:nv]...)
	for _, p := range pairs {
		l.sortTmp[l.counts[p.v]] = p
		l.counts[p.v]++
	}
	copy(pairs, l.sortTmp)
	return start
}

// groupByBlock turns (vreg, block) pairs into per-block vreg lists; the sort
// is stable, so each list keeps the increasing vreg order of the pairs.
func (l *liveness) groupByBlock(pairs []vb, nb int, start []int32, vs []VReg) ([]int32, []VReg) {
	start = clear32(start, nb+1)
	for _, p := range pairs {
		start[p.b+1]++
	}
	for b := 0; b < nb; b++ {
		start[b+1] += start[b]
	}
	vs = grow(vs, len(pairs))
	l.counts = append(l.counts[:0], start[:nb]...)
	for _, p := range pairs {
		vs[l.counts[p.b]] = VReg(p.v)
		l.counts[p.b]++
	}
	return start, vs
}

// clear32 returns s resized to n zeroed elements.
func clear32(s []int32, n int) []int32 {
	s = grow(s, n)
	clear(s)
	return s
}
