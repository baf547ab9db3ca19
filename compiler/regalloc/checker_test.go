package regalloc

import (
	"fmt"
	"slices"
)

// The checker verifies an allocation without trusting anything the
// allocator computed except its output: it replays the emitted code (moves,
// spills, reloads, instructions with their register assignments) as an
// abstract interpretation over the CFG. Each register and each 8-byte word
// of the spill area holds the vreg whose current value it contains, or
// nothing; at joins a location keeps a vreg only if every predecessor agrees.
// Then every operand must read a location that holds its vreg. Writing a
// vreg invalidates its stale copies (programs are not SSA). A safepoint acts
// like a moving GC: every GC reference it can see through the stack map
// survives, every other copy of a reference (registers, unlisted slots) is
// destroyed, so a reference kept only in a register across it is caught.

type recOp struct {
	kind   int // 0 inst, 1 move, 2 spill, 3 reload
	inst   int
	class  Class
	reg    PReg
	other  PReg
	slot   SpillSlot
	allocs []PReg
}

type recorder struct {
	blocks [][]recOp
}

func (r *recorder) Block(b int) { r.blocks = append(r.blocks, nil) }
func (r *recorder) add(op recOp) {
	r.blocks[len(r.blocks)-1] = append(r.blocks[len(r.blocks)-1], op)
}
func (r *recorder) Inst(i int, allocs []PReg) {
	r.add(recOp{kind: 0, inst: i, allocs: slices.Clone(allocs)})
}
func (r *recorder) Move(c Class, dst, src PReg) {
	r.add(recOp{kind: 1, class: c, reg: dst, other: src})
}
func (r *recorder) Spill(c Class, dst SpillSlot, src PReg) {
	r.add(recOp{kind: 2, class: c, reg: src, slot: dst})
}
func (r *recorder) Reload(c Class, dst PReg, src SpillSlot) {
	r.add(recOp{kind: 3, class: c, reg: dst, slot: src})
}

type checker struct {
	p     *prog
	t     *Target
	res   *Result
	rec   recorder
	insts []*pinst // by global index
	maps  map[int][]SpillSlot
	nloc  int
}

// state: 64 registers then one entry per 8-byte spill word; values are
// vreg+1, 0 for "nothing valid".
type state []int32

func checkAllocation(p *prog, t *Target, res *Result) error {
	c := &checker{p: p, t: t, res: res, maps: map[int][]SpillSlot{}}
	for b := range p.blocks {
		for i := range p.blocks[b].insts {
			c.insts = append(c.insts, &p.blocks[b].insts[i])
		}
	}
	for _, m := range res.StackMaps() {
		if c.insts[m.Inst].flags&InstSafepoint == 0 {
			return fmt.Errorf("stack map for non-safepoint %d", m.Inst)
		}
		c.maps[m.Inst] = m.Slots
	}
	if res.RefAreaOffset+res.RefAreaSize > res.SpillAreaSize {
		return fmt.Errorf("ref area outside spill area")
	}
	c.nloc = 64 + int(res.SpillAreaSize/8)
	res.Emit(&c.rec)
	if len(c.rec.blocks) != len(p.blocks) {
		return fmt.Errorf("emitted %d blocks, want %d", len(c.rec.blocks), len(p.blocks))
	}

	in := make([]state, len(p.blocks))
	in[0] = make(state, c.nloc)
	work := []int{0}
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		out := slices.Clone(in[b])
		if err := c.run(b, out, false); err != nil {
			return err
		}
		for _, s := range p.blocks[b].succs {
			if in[s] == nil {
				in[s] = slices.Clone(out)
				work = append(work, s)
				continue
			}
			changed := false
			for k := range in[s] {
				if in[s][k] != out[k] && in[s][k] != 0 {
					in[s][k], changed = 0, true
				}
			}
			if changed && !slices.Contains(work, s) {
				work = append(work, s)
			}
		}
	}
	for b := range p.blocks {
		if in[b] != nil {
			if err := c.run(b, slices.Clone(in[b]), true); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *checker) slotWords(class Class, s SpillSlot) (int, int, error) {
	size := c.t.Classes[class].SlotSize
	if uint32(s)%size != 0 || uint32(s)+size > c.res.SpillAreaSize {
		return 0, 0, fmt.Errorf("slot %d (size %d) misaligned or outside spill area %d", s, size, c.res.SpillAreaSize)
	}
	return 64 + int(s)/8, 64 + int(uint32(s)+size)/8, nil
}

func (c *checker) regOK(class Class, r PReg, scratchOK bool) bool {
	cr := &c.t.Classes[class]
	return slices.Contains(cr.Allocatable, r) || (scratchOK && r == cr.Scratch)
}

func (c *checker) run(b int, st state, check bool) error {
	for _, op := range c.rec.blocks[b] {
		switch op.kind {
		case 1:
			if !c.regOK(op.class, op.reg, true) || !c.regOK(op.class, op.other, true) {
				return fmt.Errorf("b%d: move r%d <- r%d outside class %v", b, op.reg, op.other, op.class)
			}
			st[op.reg] = st[op.other]
		case 2:
			lo, hi, err := c.slotWords(op.class, op.slot)
			if err != nil || !c.regOK(op.class, op.reg, true) {
				return fmt.Errorf("b%d: bad spill of r%d: %v", b, op.reg, err)
			}
			for w := lo; w < hi; w++ {
				st[w] = st[op.reg]
			}
		case 3:
			lo, hi, err := c.slotWords(op.class, op.slot)
			if err != nil || !c.regOK(op.class, op.reg, true) {
				return fmt.Errorf("b%d: bad reload of r%d: %v", b, op.reg, err)
			}
			v := st[lo]
			for w := lo; w < hi; w++ {
				if st[w] != v {
					v = 0
				}
			}
			st[op.reg] = v
		case 0:
			if err := c.inst(op, st, check); err != nil {
				return fmt.Errorf("b%d: inst %d: %w", b, op.inst, err)
			}
		}
	}
	return nil
}

func (c *checker) inst(op recOp, st state, check bool) error {
	in := c.insts[op.inst]
	if len(op.allocs) != len(in.ops) {
		return fmt.Errorf("%d allocations for %d operands", len(op.allocs), len(in.ops))
	}
	for k, o := range in.ops {
		r, class := op.allocs[k], c.p.vregs[o.VReg].class
		if !c.regOK(class, r, false) || (o.Fixed != NoReg && r != o.Fixed) {
			return fmt.Errorf("operand %d (v%d) in r%d", k, o.VReg, r)
		}
		if check && o.Kind != Def && st[r] != int32(o.VReg)+1 {
			return fmt.Errorf("operand %d reads v%d from r%d, which holds v%d", k, o.VReg, r, st[r]-1)
		}
		for j, o2 := range in.ops[:k] {
			if o.Kind != Use && o2.Kind != Use && r == op.allocs[j] {
				return fmt.Errorf("operands %d and %d written to r%d", j, k, r)
			}
		}
	}
	for r := PReg(0); r < 64; r++ {
		if in.clobbers.Has(r) {
			st[r] = 0
		}
	}
	if in.flags&InstSafepoint != 0 {
		mapped := map[int]bool{}
		for _, s := range c.maps[op.inst] {
			lo, hi, err := c.slotWords(ClassInt, s)
			if err != nil {
				return err
			}
			if uint32(s) < c.res.RefAreaOffset || uint32(s) >= c.res.RefAreaOffset+c.res.RefAreaSize {
				return fmt.Errorf("stack map slot %d outside the ref area", s)
			}
			if v := st[lo]; check && (v == 0 || !c.p.vregs[v-1].ref) {
				return fmt.Errorf("stack map slot %d holds v%d, not a live reference", s, v-1)
			}
			for w := lo; w < hi; w++ {
				mapped[w] = true
			}
		}
		for l := range st {
			if v := st[l]; v != 0 && c.p.vregs[v-1].ref && !mapped[l] {
				st[l] = 0
			}
		}
	}
	for _, o := range in.ops {
		if o.Kind != Use {
			for l := range st {
				if st[l] == int32(o.VReg)+1 {
					st[l] = 0
				}
			}
		}
	}
	for k, o := range in.ops {
		if o.Kind != Use {
			st[op.allocs[k]] = int32(o.VReg) + 1
		}
	}
	return nil
}
