package regalloc

import "slices"

// SpillSlot is a spill slot's byte offset from the start of the frame's
// spill area; the backend places the area in the frame.
type SpillSlot uint32

// StackMap lists the spill slots holding GC references that are live across
// safepoint instruction Inst. The GC reads and updates exactly these slots;
// no live reference is in a register there.
type StackMap struct {
	Inst  int
	Slots []SpillSlot
}

// Emitter receives the allocated function from Result.Emit, in layout
// order: each block, then for each of its instructions the inserted moves
// that run before it, then the instruction itself.
type Emitter interface {
	Block(b int)
	// Inst emits instruction i with allocs[k] the register of its k-th
	// operand (as passed to Func.AddInst). allocs is only valid during the
	// call. A move instruction whose two allocations are equal can be dropped.
	Inst(i int, allocs []PReg)
	Move(c Class, dst, src PReg)
	Spill(c Class, dst SpillSlot, src PReg)
	Reload(c Class, dst PReg, src SpillSlot)
}

type editKind uint8

const (
	editMove editKind = iota
	editSpill
	editReload
)

// edit is an instruction the allocator inserts before instruction before.
// reg is the register written (move, reload) or read (spill); other is the
// source register of a move or the slot index of a spill or reload.
type edit struct {
	before int32
	kind   editKind
	class  Class
	reg    PReg
	other  uint32
}

// Result is an allocation. It belongs to the Allocator and is overwritten by
// its next Allocate.
type Result struct {
	f       *Func
	allocs  []PReg // per operand, parallel to Func.ops
	edits   []edit // sorted by before
	slotOff []uint32
	maps    []StackMap
	mapData []SpillSlot
	entries []mapEntry

	// SpillAreaSize is the size in bytes of the spill area, a multiple of
	// the largest slot size used.
	SpillAreaSize uint32
	// RefAreaOffset and RefAreaSize delimit the part of the spill area used
	// only for GC references.
	RefAreaOffset, RefAreaSize uint32
	// UsedCalleeSaved are the callee-saved registers the function uses; the
	// prologue must save them.
	UsedCalleeSaved RegSet
	// Statistics: inserted register moves, spill stores and reloads.
	Moves, Spills, Reloads int
}

// Alloc returns the register of operand k of instruction i.
func (r *Result) Alloc(i, k int) PReg { return r.allocs[int(r.f.insts[i].opStart)+k] }

// StackMaps returns the stack maps of all safepoints, by instruction.
func (r *Result) StackMaps() []StackMap { return r.maps }

// Emit walks the allocated function, calling e for every block,
// instruction and inserted move.
func (r *Result) Emit(e Emitter) {
	f := r.f
	k := 0
	for b := range f.blocks {
		e.Block(b)
		bl := &f.blocks[b]
		for i := bl.first; i < bl.end; i++ {
			for ; k < len(r.edits) && r.edits[k].before == i; k++ {
				ed := &r.edits[k]
				switch ed.kind {
				case editMove:
					e.Move(ed.class, ed.reg, PReg(ed.other))
				case editSpill:
					e.Spill(ed.class, SpillSlot(r.slotOff[ed.other]), ed.reg)
				case editReload:
					e.Reload(ed.class, ed.reg, SpillSlot(r.slotOff[ed.other]))
				}
			}
			in := &f.insts[i]
			e.Inst(int(i), r.allocs[in.opStart:in.opEnd])
		}
	}
}

// finish fills in the operand allocations, the callee-saved set and the
// stack maps.
func (a *Allocator) finish() error {
	f, res := a.f, &a.res
	res.f, res.slotOff = f, a.slotOff
	res.allocs = grow(res.allocs, len(f.ops))
	res.UsedCalleeSaved = 0
	for x := range a.ivs {
		if r := a.ivs[x].reg; r != NoReg {
			res.UsedCalleeSaved |= RegSet(1<<r) & a.calleeSaved
		}
	}

	// Instructions are visited in order, so each vreg's current piece only
	// moves forward along its chain.
	a.cursor = append(a.cursor[:0], a.first...)
	for i := range f.insts {
		in := &f.insts[i]
		for k := in.opStart; k < in.opEnd; k++ {
			op := f.ops[k]
			if op.Fixed != NoReg {
				res.allocs[k] = op.Fixed
				res.UsedCalleeSaved |= RegSet(1<<op.Fixed) & a.calleeSaved
				continue
			}
			p := int32(2 * i)
			if op.Kind == Def {
				p++
			}
			x := a.cursor[op.VReg]
			for a.ivs[x].next >= 0 && a.ivs[a.ivs[x].next].start() <= p {
				x = a.ivs[x].next
			}
			a.cursor[op.VReg] = x
			if a.ivs[x].reg == NoReg {
				return internal("operand %d of instruction %d (v%d) has no register", k-in.opStart, i, op.VReg)
			}
			res.allocs[k] = a.ivs[x].reg
		}
	}

	res.entries = res.entries[:0]
	for _, c := range a.crossings {
		if a.childAt(c.v, 2*c.inst+1).reg != NoReg {
			return internal("GC reference v%d in a register across safepoint %d", c.v, c.inst)
		}
		res.entries = append(res.entries, mapEntry{c.inst, SpillSlot(a.slotOff[a.slotOf[c.v]])})
	}
	slices.SortFunc(res.entries, func(x, y mapEntry) int {
		if x.inst != y.inst {
			return int(x.inst - y.inst)
		}
		return int(x.slot) - int(y.slot)
	})
	res.maps, res.mapData = res.maps[:0], res.mapData[:0]
	for _, e := range res.entries {
		res.mapData = append(res.mapData, e.slot)
	}
	k := 0
	for _, s := range a.safepoints {
		j := k
		for j < len(res.entries) && res.entries[j].inst == s {
			j++
		}
		res.maps = append(res.maps, StackMap{Inst: int(s), Slots: res.mapData[k:j:j]})
		k = j
	}
	return nil
}

type mapEntry struct {
	inst int32
	slot SpillSlot
}
