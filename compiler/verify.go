package compiler

import "fmt"

// Verify checks the structural invariants of f: every block reachable and
// terminated, every value defined once where its ValueDef says, every use
// dominated by its definition, edge argument counts and types matching the
// target's parameters, and operand types of the instructions. Tests run it
// after the frontend and after every pass.
func Verify(f *Func) error {
	v := verifier{f: f}
	return v.run()
}

type verifier struct {
	f   *Func
	cfg *CFG
	pos []int32 // position of each instruction in its block
}

func (v *verifier) errorf(b BlockID, format string, args ...any) error {
	return fmt.Errorf("verify %s: b%d: %s", v.f.Name, b, fmt.Sprintf(format, args...))
}

func (v *verifier) run() error {
	f := v.f
	if len(f.Blocks) == 0 {
		return fmt.Errorf("verify %s: no blocks", f.Name)
	}
	if err := v.checkParams(0, f.Params); err != nil {
		return err
	}
	v.cfg = NewCFG(f)
	v.pos = make([]int32, len(f.Instrs))
	for b := range f.Blocks {
		if !v.cfg.Reachable(BlockID(b)) {
			return v.errorf(BlockID(b), "unreachable block")
		}
		if err := v.checkDefs(BlockID(b)); err != nil {
			return err
		}
	}
	for b := range f.Blocks {
		if err := v.checkBlock(BlockID(b)); err != nil {
			return err
		}
	}
	return nil
}

func (v *verifier) checkParams(b BlockID, want []Type) error {
	params := v.f.Blocks[b].Params
	if len(params) != len(want) {
		return v.errorf(b, "%d params, want %d", len(params), len(want))
	}
	for i, p := range params {
		if v.f.TypeOf(p) != want[i] {
			return v.errorf(b, "param v%d has type %s, want %s", p, v.f.TypeOf(p), want[i])
		}
	}
	return nil
}

// checkDefs checks that the block's params and results are recorded where
// they are defined, and numbers its instructions.
func (v *verifier) checkDefs(b BlockID) error {
	f := v.f
	blk := &f.Blocks[b]
	for i, p := range blk.Params {
		d := f.Values[p]
		if d.Block != b || d.Instr != 0 || d.Index != uint32(i) {
			return v.errorf(b, "param v%d has def %+v", p, d)
		}
	}
	var n int32
	prev := InstrID(0)
	for id := blk.first; id != 0; id = f.Instrs[id].next {
		in := &f.Instrs[id]
		if in.Block != b || in.prev != prev {
			return v.errorf(b, "instruction %d: broken block list", id)
		}
		for i, r := range in.Results {
			d := f.Values[r]
			if d.Block != b || d.Instr != id || d.Index != uint32(i) {
				return v.errorf(b, "result v%d has def %+v", r, d)
			}
		}
		n++
		v.pos[id] = n
		prev = id
	}
	if blk.last != prev {
		return v.errorf(b, "broken block list end")
	}
	return nil
}

// checkUse checks that value x is defined and dominates a use in block b
// at position pos (math.MaxInt32 for the terminator).
func (v *verifier) checkUse(b BlockID, pos int32, x Value) error {
	if x == 0 || int(x) >= len(v.f.Values) {
		return v.errorf(b, "use of undefined value v%d", x)
	}
	d := v.f.Values[x]
	if int(d.Block) >= len(v.f.Blocks) {
		return v.errorf(b, "v%d defined in a deleted block", x)
	}
	if d.Instr != 0 && v.pos[d.Instr] == 0 {
		return v.errorf(b, "v%d is defined by an instruction no longer in the function", x)
	}
	if d.Block == b {
		if d.Instr != 0 && v.pos[d.Instr] >= pos {
			return v.errorf(b, "v%d used before its definition", x)
		}
		return nil
	}
	if !v.cfg.Dominates(d.Block, b) {
		return v.errorf(b, "use of v%d not dominated by its definition in b%d", x, d.Block)
	}
	return nil
}

func (v *verifier) checkBlock(b BlockID) error {
	f := v.f
	blk := &f.Blocks[b]
	for id := blk.first; id != 0; id = f.Instrs[id].next {
		in := &f.Instrs[id]
		for _, a := range in.Args {
			if err := v.checkUse(b, v.pos[id], a); err != nil {
				return err
			}
		}
		if err := checkInstrTypes(f, in); err != nil {
			return v.errorf(b, "%s: %v", in.Op, err)
		}
		isTail := in.Op == OpReturnCall || in.Op == OpReturnCallRef
		if isTail != (in.next == 0 && blk.Term.Kind == TermTailCall) {
			return v.errorf(b, "tail call must end a block with a tail-call terminator")
		}
	}
	return v.checkTerm(b)
}

func (v *verifier) checkTerm(b BlockID) error {
	f := v.f
	t := &f.Blocks[b].Term
	const termPos = 1 << 30
	var err error
	f.forEachTermUse(t, func(x *Value) {
		if err == nil {
			err = v.checkUse(b, termPos, *x)
		}
	})
	if err != nil {
		return err
	}
	switch t.Kind {
	case TermNone:
		return v.errorf(b, "no terminator")
	case TermJump:
		if len(t.Succs) != 1 {
			return v.errorf(b, "jump with %d targets", len(t.Succs))
		}
	case TermBranch, TermBrTable:
		if f.TypeOf(t.Arg) != TypeI32 {
			return v.errorf(b, "branch operand v%d is not i32", t.Arg)
		}
		if (t.Kind == TermBranch && len(t.Succs) != 2) || len(t.Succs) == 0 {
			return v.errorf(b, "branch with %d targets", len(t.Succs))
		}
	case TermReturn:
		if err := v.checkTypes(b, "return", t.Values, f.Results); err != nil {
			return err
		}
	}
	if t.Kind != TermJump && t.Kind != TermBranch && t.Kind != TermBrTable && len(t.Succs) != 0 {
		return v.errorf(b, "%d successors on a terminator without targets", len(t.Succs))
	}
	for _, s := range t.Succs {
		if int(s.Block) >= len(f.Blocks) || s.Block == 0 {
			return v.errorf(b, "edge to invalid block b%d", s.Block)
		}
		params := f.Blocks[s.Block].Params
		want := make([]Type, len(params))
		for i, p := range params {
			want[i] = f.TypeOf(p)
		}
		if err := v.checkTypes(b, fmt.Sprintf("edge to b%d", s.Block), s.Args, want); err != nil {
			return err
		}
	}
	return nil
}

func (v *verifier) checkTypes(b BlockID, what string, vals []Value, want []Type) error {
	if len(vals) != len(want) {
		return v.errorf(b, "%s: %d values, want %d", what, len(vals), len(want))
	}
	for i, x := range vals {
		if v.f.TypeOf(x) != want[i] {
			return v.errorf(b, "%s: v%d has type %s, want %s", what, x, v.f.TypeOf(x), want[i])
		}
	}
	return nil
}

// checkInstrTypes checks operand and result counts and types where the op
// fixes them.
func checkInstrTypes(f *Func, in *Instr) error {
	argType := func(i int) Type { return f.TypeOf(in.Args[i]) }
	want := func(nargs, nres int) error {
		if len(in.Args) != nargs || len(in.Results) != nres {
			return fmt.Errorf("%d args and %d results, want %d and %d", len(in.Args), len(in.Results), nargs, nres)
		}
		return nil
	}
	switch in.Op {
	case OpConst, OpGlobalGet, OpMemorySize, OpTableSize, OpRefFunc:
		return want(0, 1)
	case OpNumeric:
		sig, ok := numericSig(in.Num)
		if !ok {
			return fmt.Errorf("%s is not a numeric operator", in.Num)
		}
		if err := want(int(sig.nparams), 1); err != nil {
			return err
		}
		for i := range int(sig.nparams) {
			if argType(i) != sig.params[i] {
				return fmt.Errorf("%s operand %d is %s, want %s", in.Num, i, argType(i), sig.params[i])
			}
		}
		if in.Type != sig.result || f.TypeOf(in.Results[0]) != sig.result {
			return fmt.Errorf("%s result is %s, want %s", in.Num, in.Type, sig.result)
		}
	case OpSelect:
		if err := want(3, 1); err != nil {
			return err
		}
		if argType(0) != TypeI32 || argType(1) != argType(2) || argType(1) != in.Type {
			return fmt.Errorf("operand types %s, %s, %s", argType(0), argType(1), argType(2))
		}
	case OpTrapIf:
		if err := want(1, 0); err != nil {
			return err
		}
		if argType(0) != TypeI32 {
			return fmt.Errorf("condition is %s", argType(0))
		}
	case OpTrapIfNull, OpSigCheck:
		if err := want(1, 0); err != nil {
			return err
		}
		if !argType(0).IsRef() {
			return fmt.Errorf("operand is %s, not a reference", argType(0))
		}
	case OpRefIsNull:
		if err := want(1, 1); err != nil {
			return err
		}
		if !argType(0).IsRef() {
			return fmt.Errorf("operand is %s, not a reference", argType(0))
		}
	case OpRefEq:
		if err := want(2, 1); err != nil {
			return err
		}
		if !argType(0).IsRef() || !argType(1).IsRef() {
			return fmt.Errorf("operands are %s and %s, not references", argType(0), argType(1))
		}
	case OpMemBase, OpMemLen:
		if err := want(0, 1); err != nil {
			return err
		}
		if in.Type != TypeI64 {
			return fmt.Errorf("result is %s", in.Type)
		}
	case OpBoundsCheck, OpLoad, OpStore:
		nargs, nres, extra := 2, 0, 1
		switch in.Op {
		case OpLoad:
			nres = 1
		case OpStore:
			nargs, extra = 3, 2
		}
		if err := want(nargs, nres); err != nil {
			return err
		}
		if t := argType(0); t != TypeI32 && t != TypeI64 {
			return fmt.Errorf("address is %s", t)
		}
		// The length or base operand must come from the right op.
		wantOp := OpMemBase
		if in.Op == OpBoundsCheck {
			wantOp = OpMemLen
		}
		d := f.Values[in.Args[extra]]
		if d.Instr == 0 || f.Instrs[d.Instr].Op != wantOp || f.Instrs[d.Instr].Index != in.Index {
			return fmt.Errorf("operand %d is not the %s of memory %d", extra, wantOp, in.Index)
		}
	case OpCheckSDiv:
		if err := want(2, 0); err != nil {
			return err
		}
		if argType(0) != argType(1) {
			return fmt.Errorf("operands %s and %s", argType(0), argType(1))
		}
	case OpInvalid:
		return fmt.Errorf("invalid op")
	default:
		return checkGCTypes(f, in, want)
	}
	return nil
}

// checkGCTypes checks the operand and result types of the GC ops.
func checkGCTypes(f *Func, in *Instr, want func(nargs, nres int) error) error {
	// sig lists the operand types, then the result type if any.
	var sig []Type
	switch in.Op {
	case OpNewStruct:
		sig = []Type{TypeRef}
	case OpNewArray:
		sig = []Type{TypeI32, TypeRef}
	case OpArrayFillAll, OpStructSet:
		sig = []Type{TypeRef, in.Type}
		if len(in.Args) == 2 {
			sig[1] = f.TypeOf(in.Args[1])
		}
	case OpStructGet:
		sig = []Type{TypeRef, in.Type}
	case OpArrayLen:
		sig = []Type{TypeRef, TypeI32}
	case OpArrayBoundsCheck:
		sig = []Type{TypeRef, TypeI32}
	case OpArrayGet:
		sig = []Type{TypeRef, TypeI32, in.Type}
	case OpArraySet:
		sig = []Type{TypeRef, TypeI32, TypeNone}
		if len(in.Args) == 3 {
			sig[2] = f.TypeOf(in.Args[2])
		}
	case OpRefI31:
		sig = []Type{TypeI32, TypeRef}
	case OpI31Get:
		sig = []Type{TypeRef, TypeI32}
	case OpRefTest, OpCastCheck:
		if err := want(1, b2i(in.Op == OpRefTest)); err != nil {
			return err
		}
		if !f.TypeOf(in.Args[0]).IsRef() {
			return fmt.Errorf("operand is %s, not a reference", f.TypeOf(in.Args[0]))
		}
		if in.Op == OpRefTest && in.Type != TypeI32 {
			return fmt.Errorf("result is %s", in.Type)
		}
		return nil
	default:
		return nil
	}
	nres := 0
	switch in.Op {
	case OpNewStruct, OpNewArray, OpStructGet, OpArrayLen, OpArrayGet, OpRefI31, OpI31Get:
		nres = 1
	}
	if err := want(len(sig)-nres, nres); err != nil {
		return err
	}
	for i, a := range in.Args {
		if f.TypeOf(a) != sig[i] || sig[i] == TypeNone {
			return fmt.Errorf("operand %d is %s, want %s", i, f.TypeOf(a), sig[i])
		}
	}
	if nres == 1 && (in.Type != sig[len(sig)-1] || f.TypeOf(in.Results[0]) != in.Type) {
		return fmt.Errorf("result is %s, want %s", in.Type, sig[len(sig)-1])
	}
	return nil
}
