package codegen

import (
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// irTarget encodes IR block b as a not-yet-resolved Inst target.
func irTarget(b compiler.BlockID) int32 { return -int32(b) - 1 }

// selectTerm selects the terminator of IR block b. Edges that carry block
// arguments or enter a join from a block with several successors get an
// edge block of their own, placed right after b: the allocator requires
// critical edges to be split, and the argument copies need a place that
// runs on that edge only.
func (s *Selector) selectTerm(b compiler.BlockID, edges [][2]int32) ([][2]int32, error) {
	t := &s.F.Blocks[b].Term
	cur := int32(s.RF.NumBlocks() - 1)
	switch t.Kind {
	case compiler.TermJump:
		if err := s.edgeMoves(t.Succs[0]); err != nil {
			return edges, err
		}
		s.Add(Inst{Kind: Jump, Targets: s.jumpTo(irTarget(t.Succs[0].Block))}, 0)
		return append(edges, [2]int32{cur, irTarget(t.Succs[0].Block)}), nil
	case compiler.TermBranch, compiler.TermBrTable:
		return s.selectMultiway(t, cur, edges)
	case compiler.TermReturn:
		return edges, s.selectReturn(t.Values)
	case compiler.TermTailCall:
		return edges, nil // the block's last instruction left
	case compiler.TermTrap:
		s.Add(Inst{Kind: Trap, Trap: t.Trap, Offset: t.Offset}, 0)
		return edges, nil
	}
	return edges, Unsupported("terminator kind %d", t.Kind)
}

func (s *Selector) selectMultiway(t *compiler.Term, cur int32, edges [][2]int32) ([][2]int32, error) {
	targets := s.targets(len(t.Succs))
	var splitBuf [4]int
	split := splitBuf[:0]
	next := cur + 1
	for i, sc := range t.Succs {
		if len(sc.Args) > 0 || len(s.cfg.Preds(sc.Block)) > 1 {
			targets[i] = next
			next++
			split = append(split, i)
		} else {
			targets[i] = irTarget(sc.Block)
		}
		edges = append(edges, [2]int32{cur, targets[i]})
	}
	if err := s.selectDispatch(t, targets); err != nil {
		return edges, err
	}
	for _, i := range split {
		sc := t.Succs[i]
		s.RF.StartBlock()
		if err := s.edgeMoves(sc); err != nil {
			return edges, err
		}
		s.Add(Inst{Kind: Jump, Targets: s.jumpTo(irTarget(sc.Block))}, 0)
		edges = append(edges, [2]int32{targets[i], irTarget(sc.Block)})
	}
	return edges, nil
}

// selectDispatch emits the branch or jump-table instruction ending a block
// with several successors.
func (s *Selector) selectDispatch(t *compiler.Term, targets []int32) error {
	if t.Kind == compiler.TermBrTable && len(targets) == 1 {
		// Only the default: a jump (the allocator wants a block with one
		// successor to end in an instruction without operands).
		s.Add(Inst{Kind: Jump, Targets: targets}, 0)
		return nil
	}
	if t.Kind == compiler.TermBrTable {
		idx, err := s.Use(t.Arg)
		if err != nil {
			return err
		}
		tmp := s.Temp()
		// The jump table writes tmp; a Use is enough because tmp dies here
		// and the terminator of a multi-successor block may not define.
		s.Add(Inst{Kind: BrTable, Targets: targets}, 0, regalloc.UseOf(idx), regalloc.UseOf(tmp))
		return nil
	}
	if t.Arg == s.fused && s.fused != 0 {
		in := &s.F.Instrs[s.F.Values[t.Arg].Instr]
		if in.Op == compiler.OpRefTest {
			return s.selectCastBranch(in, targets)
		}
		m, ops, err := s.CompareOperands(in)
		if err != nil {
			return err
		}
		m.Kind, m.Targets = CmpBranch, targets
		s.Add(m, 0, ops...)
		return nil
	}
	cond, err := s.Use(t.Arg)
	if err != nil {
		return err
	}
	s.Add(Inst{Kind: Branch, Targets: targets}, 0, regalloc.UseOf(cond))
	return nil
}

// fusibleCompare returns the integer compare (or, compiling GC code, the
// ref.test) of block b whose only use is b's branch, so that the branch
// can test the flags directly, or 0. Evaluating it at the branch rather
// than where it stood is safe: its operands are live up to there, and
// neither a compare nor a cast (an object's type never changes) depends on
// when it runs.
func (s *Selector) fusibleCompare(b compiler.BlockID) compiler.Value {
	t := &s.F.Blocks[b].Term
	if t.Kind != compiler.TermBranch || s.uses[t.Arg] != 1 {
		return 0
	}
	d := &s.F.Values[t.Arg]
	if d.Instr == 0 || d.Block != b {
		return 0
	}
	in := &s.F.Instrs[d.Instr]
	if in.Op == compiler.OpRefTest && s.M.GC {
		return t.Arg
	}
	if in.Op != compiler.OpNumeric || !IsIntCompare(in.Num) {
		return 0
	}
	return t.Arg
}

// edgeMoves copies the arguments of edge sc into its target's parameters:
// a parallel copy, sequentialized here over virtual registers. A copy runs
// once nothing still pending reads its destination; when only cycles
// remain (a loop passing its parameters around), one destination is saved
// in a fresh register first.
func (s *Selector) edgeMoves(sc compiler.BlockCall) error {
	params := s.F.Blocks[sc.Block].Params
	type pmove struct {
		dst, src regalloc.VReg
		t        compiler.Type
	}
	var pending []pmove
	var consts []int
	for i, a := range sc.Args {
		dst, err := s.VReg(params[i])
		if err != nil {
			return err
		}
		if _, ok := s.ConstOf(a); ok {
			consts = append(consts, i)
			continue
		}
		src, err := s.VReg(a)
		if err != nil {
			return err
		}
		if src != dst {
			pending = append(pending, pmove{dst, src, s.F.TypeOf(a)})
		}
	}
	for len(pending) > 0 {
		progress := false
		for i := 0; i < len(pending); i++ {
			m := pending[i]
			blocked := false
			for k, o := range pending {
				if k != i && o.src == m.dst {
					blocked = true
					break
				}
			}
			if blocked {
				continue
			}
			s.Move(m.t, m.dst, m.src)
			pending = append(pending[:i], pending[i+1:]...)
			i--
			progress = true
		}
		if !progress {
			m := pending[0]
			tmp, err := s.NewVReg(m.t)
			if err != nil {
				return err
			}
			s.Move(m.t, tmp, m.dst)
			for k := range pending {
				if pending[k].src == m.dst {
					pending[k].src = tmp
				}
			}
		}
	}
	for _, i := range consts {
		if err := s.CopyOf(sc.Args[i], s.vregOf[params[i]]-1); err != nil {
			return err
		}
	}
	return nil
}

// fixedUses builds the operands passing vals in the register locations of
// locs, storing the stack ones with store (StoreOut or StoreRes at
// base+slot). A value passed twice gets a copy: one vreg cannot be pinned
// to two registers at one instruction.
func (s *Selector) fixedUses(vals []compiler.Value, locs []ArgLoc, store Kind, base int32) ([]regalloc.Operand, error) {
	var ops []regalloc.Operand
	seen := map[regalloc.VReg]bool{}
	for i, v := range vals {
		r, err := s.Use(v)
		if err != nil {
			return nil, err
		}
		loc := locs[i]
		if !loc.InReg() {
			s.Add(Inst{Kind: store, Type: s.F.TypeOf(v), Imm: int64(base + loc.Slot)}, 0, regalloc.UseOf(r))
			continue
		}
		if seen[r] {
			c, err := s.NewVReg(s.F.TypeOf(v))
			if err != nil {
				return nil, err
			}
			s.Move(s.F.TypeOf(v), c, r)
			r = c
		}
		seen[r] = true
		ops = append(ops, regalloc.FixedUse(r, loc.Reg))
	}
	return ops, nil
}

func (s *Selector) selectReturn(vals []compiler.Value) error {
	ops, err := s.fixedUses(vals, s.Sig.Results, StoreRes, FrameArgBase+s.Sig.ArgBytes)
	if err != nil {
		return err
	}
	s.Add(Inst{Kind: Ret, ArgBytes: s.Sig.ArgBytes}, 0, ops...)
	return nil
}
