package regalloc

import (
	"errors"
	"fmt"
)

var (
	// ErrInvalidFunc wraps every complaint about a malformed Func or Target.
	ErrInvalidFunc = errors.New("regalloc: invalid function")
	// ErrRegisterPressure means some instruction needs more registers at
	// once than the class has (counting fixed operands and clobbers).
	ErrRegisterPressure = errors.New("regalloc: instruction needs more registers than available")
)

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidFunc, fmt.Sprintf(format, args...))
}

// checkTarget rejects register numbering the allocator cannot represent.
func checkTarget(t *Target) error {
	var seen RegSet
	for c := Class(0); c < NumClasses; c++ {
		cr := &t.Classes[c]
		if cr.SlotSize == 0 || cr.SlotSize&(cr.SlotSize-1) != 0 {
			return invalid("%v: spill slot size %d is not a power of two", c, cr.SlotSize)
		}
		for _, r := range cr.Allocatable {
			if r >= 64 || seen.Has(r) {
				return invalid("%v: register %d out of range or listed twice", c, r)
			}
			seen = seen.With(r)
		}
		if cr.Scratch >= 64 || seen.Has(cr.Scratch) {
			return invalid("%v: scratch register %d out of range or allocatable", c, cr.Scratch)
		}
		seen = seen.With(cr.Scratch)
	}
	return nil
}

// validate checks everything the algorithm relies on, so that malformed input
// becomes an error instead of an index panic or a silently wrong allocation.
// It runs after buildCFG.
func (a *Allocator) validate(f *Func) error {
	nb, ni := int32(len(f.blocks)), int32(len(f.insts))
	if nb == 0 {
		return invalid("no blocks")
	}
	if ni >= 1<<29 {
		return invalid("%d instructions is too many", ni)
	}
	if f.blocks[0].first != 0 || f.blocks[nb-1].end != ni {
		return invalid("instructions outside blocks")
	}
	for _, e := range f.edges {
		if e.from < 0 || e.from >= nb || e.to < 0 || e.to >= nb {
			return invalid("edge %d->%d out of range", e.from, e.to)
		}
	}
	for _, vi := range f.vregs {
		if vi.class >= NumClasses || (vi.ref && vi.class != ClassInt) {
			return invalid("vreg class %v (ref=%v) not allowed", vi.class, vi.ref)
		}
	}
	f.buildCFG()
	if len(f.blockPreds(0)) > 0 {
		return invalid("the entry block has predecessors")
	}
	for b := int32(0); b < nb; b++ {
		bl := &f.blocks[b]
		if bl.end <= bl.first {
			return invalid("block %d is empty", b)
		}
		succs := f.blockSuccs(b)
		if len(succs) > 1 {
			for _, s := range succs {
				if len(f.blockPreds(s)) > 1 {
					return invalid("critical edge %d->%d must be split", b, s)
				}
			}
		}
		for i := bl.first; i < bl.end; i++ {
			if err := a.validateInst(f, i, i == bl.end-1, len(succs)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *Allocator) validateInst(f *Func, i int32, last bool, nsuccs int) error {
	in := &f.insts[i]
	ops := f.ops[in.opStart:in.opEnd]
	var fixedUse, fixedDef RegSet
	for k, op := range ops {
		if int(op.VReg) >= len(f.vregs) {
			return invalid("inst %d: vreg %d does not exist", i, op.VReg)
		}
		if op.Kind > UseDef {
			return invalid("inst %d: bad operand kind %d", i, op.Kind)
		}
		vi := f.vregs[op.VReg]
		if last && nsuccs > 0 && (op.writes() || nsuccs == 1) {
			return invalid("inst %d: terminator of a block with successors has a def or a single successor and operands", i)
		}
		for _, o := range ops[:k] {
			if o.VReg == op.VReg && o.writes() && op.writes() {
				return invalid("inst %d: v%d defined twice", i, op.VReg)
			}
		}
		if op.Fixed == NoReg {
			continue
		}
		if !a.allocatable[vi.class].Has(op.Fixed) {
			return invalid("inst %d: v%d fixed to r%d, not an allocatable %v register", i, op.VReg, op.Fixed, vi.class)
		}
		if (op.reads() && fixedUse.Has(op.Fixed)) || (op.writes() && fixedDef.Has(op.Fixed)) {
			for _, o := range ops[:k] {
				if o.Fixed == op.Fixed && o.VReg != op.VReg && ((o.reads() && op.reads()) || (o.writes() && op.writes())) {
					return invalid("inst %d: v%d and v%d both fixed to r%d", i, o.VReg, op.VReg, op.Fixed)
				}
			}
		}
		if op.reads() {
			fixedUse = fixedUse.With(op.Fixed)
		}
		if op.writes() {
			fixedDef = fixedDef.With(op.Fixed)
		}
	}
	return nil
}
