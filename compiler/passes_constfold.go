package compiler

// ConstFold evaluates numeric operators on constants (through
// EvalNumeric, so with exactly the evaluator's semantics), removes trap
// checks that constants prove never fire, turns checks that always fire
// into trapping terminators, and folds branches on constants. Blocks that
// become unreachable are deleted.
//
// It visits blocks in reverse postorder, so a value's definition (and its
// replacement) is seen before its uses, and rewrites operands on the way.
func ConstFold(f *Func) {
	repl := make(replacer, len(f.Values))
	cfg := f.CFG()
	changedCFG := false
	for _, b := range cfg.RPO {
		for id := f.Blocks[b].first; id != 0; {
			next := f.Instrs[id].next
			repl.rewriteArgs(&f.Instrs[id])
			switch foldInstr(f, id, repl) {
			case foldRemove:
				f.Remove(id)
			case foldTrap:
				trapAt(f, id)
				changedCFG = true
				next = 0
			}
			id = next
		}
		repl.rewriteTerm(f, b)
		if foldTerm(f, b) {
			changedCFG = true
		}
	}
	if changedCFG {
		f.invalidateCFG()
		removeUnreachableBlocks(f)
	}
}

type foldResult uint8

const (
	foldKeep foldResult = iota
	foldRemove
	foldTrap // the instruction always traps
)

// constOf returns the bits of v if a constant defines it.
func constOf(f *Func, v Value) (uint64, bool) {
	d := f.Values[v]
	if d.Instr == 0 || f.Instrs[d.Instr].Op != OpConst {
		return 0, false
	}
	return f.Instrs[d.Instr].Imm, true
}

func toConst(in *Instr, bits uint64) foldResult {
	in.Op, in.Num, in.Imm, in.Args = OpConst, 0, bits, nil
	return foldKeep
}

func foldInstr(f *Func, id InstrID, repl replacer) foldResult {
	in := &f.Instrs[id]
	args := in.Args
	switch in.Op {
	case OpNumeric:
		var x, y uint64
		var ok bool
		if x, ok = constOf(f, args[0]); !ok {
			return foldKeep
		}
		if len(args) > 1 {
			if y, ok = constOf(f, args[1]); !ok {
				return foldKeep
			}
		}
		if r, trap, ok := EvalNumeric(in.Num, x, y); ok && trap == 0 {
			return toConst(in, r)
		}
	case OpSelect:
		if args[1] == args[2] {
			repl[in.Results[0]] = args[1]
			return foldRemove
		}
		if c, ok := constOf(f, args[0]); ok {
			repl[in.Results[0]] = args[2-b2i(c != 0)]
			return foldRemove
		}
	case OpTrapIf, OpTrapIfZero:
		if c, ok := constOf(f, args[0]); ok {
			return trapWhen((c != 0) == (in.Op == OpTrapIf))
		}
	case OpCheckSDiv:
		return foldCheckSDiv(f, in)
	case OpCheckTrunc:
		if c, ok := constOf(f, args[0]); ok {
			code := truncCheck(in.Num, c)
			in.Trap = code
			return trapWhen(code != 0)
		}
	case OpTrapIfNull:
		if nonNullRef(f, args[0]) {
			return foldRemove
		}
		if _, ok := constOf(f, args[0]); ok {
			return foldTrap // the only reference constant is null
		}
	case OpRefIsNull:
		if nonNullRef(f, args[0]) {
			return toConst(in, 0)
		}
		if _, ok := constOf(f, args[0]); ok {
			return toConst(in, 1)
		}
	}
	return foldKeep
}

func b2i(c bool) int {
	if c {
		return 1
	}
	return 0
}

func trapWhen(c bool) foldResult {
	if c {
		return foldTrap
	}
	return foldRemove
}

// foldCheckSDiv removes the overflow check when either operand is a
// constant that rules the overflow out.
func foldCheckSDiv(f *Func, in *Instr) foldResult {
	minInt, minusOne := uint64(1)<<63, ^uint64(0)
	if f.TypeOf(in.Args[0]) == TypeI32 {
		minInt, minusOne = 1<<31, 0xffffffff
	}
	x, xok := constOf(f, in.Args[0])
	y, yok := constOf(f, in.Args[1])
	switch {
	case (xok && x != minInt) || (yok && y != minusOne):
		return foldRemove
	case xok && yok:
		return foldTrap
	}
	return foldKeep
}

// trapAt makes the block of instruction id trap there: the instruction
// and everything after it go, and the block ends with a trap terminator.
// Values defined after the trap can only be used in blocks reached
// through this block's end, which are now unreachable and removed.
func trapAt(f *Func, id InstrID) {
	in := f.Instrs[id]
	b := in.Block
	for x := id; x != 0; {
		next := f.Instrs[x].next
		f.Remove(x)
		x = next
	}
	f.Blocks[b].Term = Term{Kind: TermTrap, Trap: in.Trap, Offset: in.Offset}
}

// foldTerm turns a branch on a constant into a jump.
func foldTerm(f *Func, b BlockID) bool {
	t := &f.Blocks[b].Term
	if t.Kind != TermBranch && t.Kind != TermBrTable {
		return false
	}
	c, ok := constOf(f, t.Arg)
	if !ok {
		return false
	}
	var target BlockCall
	if t.Kind == TermBranch {
		target = t.Succs[1-b2i(c != 0)]
	} else {
		target = t.Succs[min(c, uint64(len(t.Succs)-1))]
	}
	succs := f.NewSuccs(1)
	succs[0] = target
	*t = Term{Kind: TermJump, Succs: succs, Offset: t.Offset}
	return true
}
