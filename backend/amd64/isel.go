package amd64

import (
	"errors"
	"fmt"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// ErrUnsupported wraps every "this back end cannot compile that yet": the
// caller can tell a missing feature from a compiler bug.
var ErrUnsupported = errors.New("amd64: unsupported")

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, fmt.Sprintf(format, args...))
}

// Instruction selection turns IR into minsts: machine-level instructions
// over virtual registers, one regalloc instruction each. Most are single
// x86 instructions; a few are short fixed sequences (division, float
// min/max, conversions, trap checks) whose internal temporaries are the
// scratch registers R11 and X15, which never hold a value between
// instructions. After allocation, lower.go emits each minst with the
// registers the allocator chose.

type mkind uint8

const (
	mMove      mkind = iota // Def dst, Use src: a register copy (coalescing hint)
	mConst                  // Def dst = imm (typ)
	mTemp                   // Def tmp: a scratch vreg for the next minst; no code
	mParams                 // fixed Defs of the register parameters; no code
	mLoadArg                // Def dst = incoming stack slot imm (RBP-relative)
	mNumeric                // num: a pure Wasm numeric operator (isel_numeric.go)
	mSelect                 // UseDef dst (= a), Use cond, Use b
	mCheck                  // op: a trap check; Uses per op
	mSafepoint              // interrupt poll
	mStoreOut               // Use v: store to the outgoing area at [RSP+imm]
	mCall                   // fixed Uses (arguments), fixed Defs (results)
	mLoadRes                // Def v = stack result at [RSP+imm] after a call
	mStoreRes               // Use v: store our stack result at [RBP+imm]
	mRet                    // fixed Uses: the register results
	mJump                   // targets[0]
	mBranch                 // Use cond: targets[0] if cond != 0 else targets[1]
	mCmpBranch              // num: a fused compare; Use a[, Use b | imm]
	mBrTable                // Use index, Use tmp: targets[index], default last
	mTrap                   // unconditional trap

	// The vmctx operations (isel_vm.go, lower_vm.go).
	mBoundsCheck // Use address, Use tmp: memory or table bounds check
	mLoad        // Use address, Use tmp, Def dst
	mStore       // Use address, Use value, Use tmp
	mVMRead      // Def dst: memory.size, table.size, global.get, ref.func
	mGlobalSet   // Use value
	mTableGet    // Use index, Def dst
	mTableSet    // Use index, Use value, Use tmp
	mRefIsNull   // Use ref, Def dst
	mRefEq       // Use a, Use b, Def dst
	mExit        // Uses: operands stored in Scratch; optional fixed Def RAX
	mTailCall    // [Use ref,] fixed Uses (arguments): return_call forms
)

// minst is one selected instruction. Its operands live in the regalloc.Func
// (same index); the fields here are the immediates emission needs.
type minst struct {
	kind   mkind
	op     compiler.Op
	num    wasm.Op
	typ    compiler.Type
	hasImm bool // the last operand is imm instead of a register
	imm    int64
	trap   abi.TrapCode
	offset uint32 // Wasm offset, for trap sites
	fn     uint32 // call target
	// argBytes is the callee's stack argument size (mCall) or this
	// function's (mRet): what the callee pops.
	argBytes int32
	// idx is the memory, table, global, function or type index of a
	// vmctx operation; size, ext and atyp (the address type) describe
	// memory and table accesses.
	idx  uint32
	size uint8
	ext  compiler.Ext
	atyp compiler.Type
	call callKind
	// exit, scratch, argSlots and argTypes describe an mExit: its code,
	// the immediates for Scratch[0..], and the Scratch slot and type of
	// each operand.
	exit     abi.ExitCode
	scratch  []uint64
	argSlots []uint8
	argTypes []compiler.Type
	// targets are machine block indices; while selecting, a negative
	// entry -(b+1) names the IR block b, resolved once every block has
	// its index.
	targets []int32
}

// selector holds the state of selecting one function.
type selector struct {
	mi     *compiler.ModuleInfo
	layout *abi.VMLayout
	f      *compiler.Func
	rf     *regalloc.Func
	sig    sigLayout
	cfg    *compiler.CFG
	uses   []int32 // per IR value

	insts  []minst
	vregOf []regalloc.VReg // per IR value, +1 (0: none yet)
	// blockIdx maps IR blocks to machine blocks (-1: unreachable).
	blockIdx []int32
	// fused is, per IR block, the compare folded into its branch.
	fused    compiler.Value
	outgoing int32 // bytes of the outgoing call area
	gc       bool  // Options.GC
}

func (s *selector) newVReg(t compiler.Type) (regalloc.VReg, error) {
	c, err := classOf(t)
	if err != nil {
		return 0, err
	}
	return s.rf.NewVReg(c, t.IsGCRef()), nil
}

// vreg is the register of IR value v, which must not be a constant.
func (s *selector) vreg(v compiler.Value) (regalloc.VReg, error) {
	if r := s.vregOf[v]; r != 0 {
		return r - 1, nil
	}
	r, err := s.newVReg(s.f.TypeOf(v))
	if err != nil {
		return 0, err
	}
	s.vregOf[v] = r + 1
	return r, nil
}

// constOf reports whether v is a constant and its bits.
func (s *selector) constOf(v compiler.Value) (uint64, bool) {
	d := &s.f.Values[v]
	if d.Instr == 0 {
		return 0, false
	}
	in := &s.f.Instrs[d.Instr]
	return in.Imm, in.Op == compiler.OpConst
}

// use returns a register holding v at this point. Constants are
// materialized afresh at each use rather than kept in a register from
// their definition: a mov is cheaper than the register pressure and the
// spills of a long-lived constant, especially across calls.
func (s *selector) use(v compiler.Value) (regalloc.VReg, error) {
	bits, ok := s.constOf(v)
	if !ok {
		return s.vreg(v)
	}
	r, err := s.newVReg(s.f.TypeOf(v))
	if err == nil {
		s.add(minst{kind: mConst, typ: s.f.TypeOf(v), imm: int64(bits)}, 0, regalloc.DefOf(r))
	}
	return r, err
}

// add appends a minst and its regalloc instruction.
func (s *selector) add(m minst, flags regalloc.InstFlags, ops ...regalloc.Operand) {
	s.insts = append(s.insts, m)
	s.rf.AddInst(flags, 0, ops...)
}

func (s *selector) addClobber(m minst, flags regalloc.InstFlags, clobbers regalloc.RegSet, ops ...regalloc.Operand) {
	s.insts = append(s.insts, m)
	s.rf.AddInst(flags, clobbers, ops...)
}

// move emits dst = src for values of type t.
func (s *selector) move(t compiler.Type, dst, src regalloc.VReg) {
	s.add(minst{kind: mMove, typ: t}, regalloc.InstMove, regalloc.DefOf(dst), regalloc.UseOf(src))
}

// copyOf returns a fresh vreg holding v: the destination of a two-address
// instruction, which overwrites its first operand.
func (s *selector) copyOf(v compiler.Value, dst regalloc.VReg) error {
	if bits, ok := s.constOf(v); ok {
		s.add(minst{kind: mConst, typ: s.f.TypeOf(v), imm: int64(bits)}, 0, regalloc.DefOf(dst))
		return nil
	}
	src, err := s.vreg(v)
	if err == nil {
		s.move(s.f.TypeOf(v), dst, src)
	}
	return err
}

// selectFunc fills s.rf and s.insts for f.
func (s *selector) selectFunc() error {
	f := s.f
	s.cfg = compiler.NewCFG(f)
	s.vregOf = make([]regalloc.VReg, len(f.Values))
	s.uses = make([]int32, len(f.Values))
	f.ForEachUse(func(v *compiler.Value) { s.uses[*v]++ })
	s.blockIdx = make([]int32, len(f.Blocks))
	for i := range s.blockIdx {
		s.blockIdx[i] = -1
	}

	// Block 0 of the machine function receives the parameters and falls
	// into the IR entry block, which may then have predecessors of its
	// own like any other block.
	s.rf.StartBlock()
	if err := s.selectParams(); err != nil {
		return err
	}
	s.add(minst{kind: mJump, targets: []int32{-1}}, 0)
	edges := [][2]int32{{0, -1}}

	for _, b := range s.cfg.RPO {
		s.blockIdx[b] = int32(s.rf.StartBlock())
		var err error
		if edges, err = s.selectBlock(b, edges); err != nil {
			return err
		}
	}
	resolve := func(t int32) int32 {
		if t < 0 {
			return s.blockIdx[-t-1]
		}
		return t
	}
	for i := range s.insts {
		for k, t := range s.insts[i].targets {
			s.insts[i].targets[k] = resolve(t)
		}
	}
	for _, e := range edges {
		s.rf.AddEdge(int(e[0]), int(resolve(e[1])))
	}
	return nil
}

// selectParams defines the entry block's parameters from the calling
// convention.
func (s *selector) selectParams() error {
	var ops []regalloc.Operand
	params := s.f.Blocks[0].Params
	for i, p := range params {
		r, err := s.vreg(p)
		if err != nil {
			return err
		}
		if loc := s.sig.params[i]; loc.reg != regalloc.NoReg {
			ops = append(ops, regalloc.FixedDef(r, loc.reg))
		}
	}
	s.add(minst{kind: mParams}, 0, ops...)
	for i, p := range params {
		if loc := s.sig.params[i]; loc.reg == regalloc.NoReg {
			r, _ := s.vreg(p)
			s.add(minst{kind: mLoadArg, typ: s.f.TypeOf(p), imm: int64(16 + loc.slot)}, 0, regalloc.DefOf(r))
		}
	}
	return nil
}

// selectBlock selects IR block b and its terminator, appending the CFG
// edges it creates (machine block -> target, targets encoded as in
// minst.targets).
func (s *selector) selectBlock(b compiler.BlockID, edges [][2]int32) ([][2]int32, error) {
	f := s.f
	blk := &f.Blocks[b]
	s.fused = s.fusibleCompare(b)
	for id := blk.First(); id != 0; id = f.Next(id) {
		in := &f.Instrs[id]
		if len(in.Results) == 1 && in.Result() == s.fused {
			continue // selected with the branch
		}
		if err := s.selectInstr(in); err != nil {
			return edges, fmt.Errorf("%v at offset %#x: %w", in.Op, in.Offset, err)
		}
	}
	return s.selectTerm(b, edges)
}

func (s *selector) selectInstr(in *compiler.Instr) error {
	switch in.Op {
	case compiler.OpConst:
		return nil // materialized at each use
	case compiler.OpNumeric:
		return s.selectNumeric(in)
	case compiler.OpSelect:
		return s.selectSelect(in)
	case compiler.OpTrapIf, compiler.OpTrapIfZero, compiler.OpCheckSDiv, compiler.OpCheckTrunc,
		compiler.OpTrapIfNull, compiler.OpSigCheck:
		return s.selectCheck(in)
	case compiler.OpSafepoint:
		s.add(minst{kind: mSafepoint, offset: in.Offset}, 0)
		return nil
	case compiler.OpCall, compiler.OpCallRef, compiler.OpReturnCall, compiler.OpReturnCallRef:
		return s.selectCall(in)
	}
	if ok, err := s.selectVM(in); ok {
		return err
	}
	return unsupported("IR operation %v", in.Op)
}

func (s *selector) selectSelect(in *compiler.Instr) error {
	dst, err := s.vreg(in.Result())
	if err != nil {
		return err
	}
	if err := s.copyOf(in.Args[1], dst); err != nil {
		return err
	}
	cond, err := s.use(in.Args[0])
	if err != nil {
		return err
	}
	other, err := s.use(in.Args[2])
	if err != nil {
		return err
	}
	s.add(minst{kind: mSelect, typ: in.Type}, 0, regalloc.UseDefOf(dst), regalloc.UseOf(cond), regalloc.UseOf(other))
	return nil
}

func (s *selector) selectCheck(in *compiler.Instr) error {
	m := minst{kind: mCheck, op: in.Op, num: in.Num, idx: in.Index, trap: in.Trap, offset: in.Offset, typ: s.f.TypeOf(in.Args[0])}
	var ops []regalloc.Operand
	for _, a := range in.Args {
		r, err := s.use(a)
		if err != nil {
			return err
		}
		ops = append(ops, regalloc.UseOf(r))
	}
	s.add(m, 0, ops...)
	return nil
}
