package codegen

import (
	"fmt"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// Machine is what instruction selection needs to know about an ISA.
type Machine struct {
	Conv Convention
	// CallClobbers is what a call or an exit to Go destroys: every
	// allocatable register (no register is callee-saved).
	CallClobbers regalloc.RegSet
	// ExitResult is the register in which an exit's result is defined.
	ExitResult regalloc.PReg
	// TailArgBase is the offset in the outgoing area of a tail call's
	// first stack argument: room for what the ISA's tail-call sequence
	// keeps below the arguments (amd64: the return address).
	TailArgBase int32
	ISA         ISA
	// MemRegs takes memory bases and lengths as register operands
	// (compiler.OpMemBase and OpMemLen values: BoundsCheck uses the
	// length, Load and Store the base, and neither needs a temporary).
	// Without it, those values are not selected and the back end loads
	// what it needs at every check and access.
	MemRegs bool
	// GC compiles the GC instructions: the runtime handles their exits
	// (abi.ExitGCAlloc, the GC runtime calls) and walks frames by their
	// stack maps. Without it, functions using them are unsupported.
	GC bool
}

// ISA selects what depends on the instruction set.
type ISA interface {
	// SelectNumeric selects an OpNumeric (an Inst of kind Numeric, with
	// the ISA's operand shape for in.Num).
	SelectNumeric(s *Selector, in *compiler.Instr) error
	// SelectSelect selects an OpSelect (an Inst of kind Select).
	SelectSelect(s *Selector, in *compiler.Instr) error
	// Immediate reports whether the constant bits, of type t, can be the
	// immediate operand of an integer operation or compare, and its value.
	Immediate(bits uint64, t compiler.Type) (int64, bool)
	// Reject returns an error wrapping ErrUnsupported for an operation
	// the back end cannot emit yet, and nil for everything else.
	Reject(s *Selector, in *compiler.Instr) error
}

// Selector holds the state of selecting one function. Back ends read its
// results (Insts, Outgoing, Sig) while emitting, and use its helpers from
// their ISA methods.
type Selector struct {
	M      *Machine
	MI     *compiler.ModuleInfo
	Layout *abi.VMLayout
	F      *compiler.Func
	RF     *regalloc.Func
	Sig    SigLayout

	Insts    []Inst
	Outgoing int32 // bytes of the outgoing call area

	cfg    *compiler.CFG
	uses   []int32         // per IR value
	vregOf []regalloc.VReg // per IR value, +1 (0: none yet)
	// blockIdx maps IR blocks to machine blocks (-1: unreachable).
	blockIdx []int32
	// fused is the compare of the current block folded into its branch.
	fused compiler.Value
	// targetBuf backs the Insts' Targets, and edges collects the CFG
	// edges; both keep their storage from one function to the next.
	targetBuf []int32
	edges     [][2]int32
}

// reset prepares s for the selection of f into rf (which must be reset),
// keeping the storage of the previous function's selection: a worker
// selects thousands of functions, and regrowing Insts for each was a
// quarter of a large module's compile-time allocation.
func (s *Selector) reset(m *Machine, mi *compiler.ModuleInfo, l *abi.VMLayout, f *compiler.Func, rf *regalloc.Func) error {
	sig, err := m.Conv.Layout(f.Params, f.Results)
	if err != nil {
		return err
	}
	*s = Selector{M: m, MI: mi, Layout: l, F: f, RF: rf, Sig: sig,
		Insts:     clear0(s.Insts),
		uses:      resize(s.uses, len(f.Values)),
		vregOf:    resize(s.vregOf, len(f.Values)),
		blockIdx:  resize(s.blockIdx, len(f.Blocks)),
		targetBuf: s.targetBuf[:0],
		edges:     s.edges[:0],
	}
	return nil
}

// targets returns room for an Inst's n Targets, carved from targetBuf:
// a branch per block would otherwise be an allocation per block. A full
// buffer is replaced by a larger one; the Insts keep the old one alive
// until the next function.
func (s *Selector) targets(n int) []int32 {
	if cap(s.targetBuf)-len(s.targetBuf) < n {
		s.targetBuf = make([]int32, 0, max(2*cap(s.targetBuf), 256, n))
	}
	i := len(s.targetBuf)
	s.targetBuf = s.targetBuf[:i+n]
	return s.targetBuf[i : i+n : i+n]
}

// jumpTo returns the Targets of a jump to t.
func (s *Selector) jumpTo(t int32) []int32 {
	ts := s.targets(1)
	ts[0] = t
	return ts
}

// clear0 empties a reused slice, zeroing what it held so that no stale
// pointers are kept alive.
func clear0[T any](x []T) []T {
	clear(x)
	return x[:0]
}

// resize returns a zeroed slice of n elements, reusing x's storage when
// it is large enough.
func resize[T any](x []T, n int) []T {
	if cap(x) < n {
		return make([]T, n)
	}
	x = x[:n]
	clear(x)
	return x
}

// NewVReg returns a fresh virtual register for values of type t.
func (s *Selector) NewVReg(t compiler.Type) (regalloc.VReg, error) {
	c, err := ClassOf(t)
	if err != nil {
		return 0, err
	}
	return s.RF.NewVReg(c, t.IsGCRef()), nil
}

// VReg is the register of IR value v, which must not be a constant.
func (s *Selector) VReg(v compiler.Value) (regalloc.VReg, error) {
	if r := s.vregOf[v]; r != 0 {
		return r - 1, nil
	}
	r, err := s.NewVReg(s.F.TypeOf(v))
	if err != nil {
		return 0, err
	}
	s.vregOf[v] = r + 1
	return r, nil
}

// ConstOf reports whether v is a constant and its bits.
func (s *Selector) ConstOf(v compiler.Value) (uint64, bool) {
	d := &s.F.Values[v]
	if d.Instr == 0 {
		return 0, false
	}
	in := &s.F.Instrs[d.Instr]
	return in.Imm, in.Op == compiler.OpConst
}

// Immediate reports whether v is a constant the ISA accepts as the
// immediate operand of an operation on type t.
func (s *Selector) Immediate(v compiler.Value, t compiler.Type) (int64, bool) {
	bits, ok := s.ConstOf(v)
	if !ok {
		return 0, false
	}
	return s.M.ISA.Immediate(bits, t)
}

// Use returns a register holding v at this point. Constants are
// materialized afresh at each use rather than kept in a register from
// their definition: a move is cheaper than the register pressure and the
// spills of a long-lived constant, especially across calls.
func (s *Selector) Use(v compiler.Value) (regalloc.VReg, error) {
	bits, ok := s.ConstOf(v)
	if !ok {
		return s.VReg(v)
	}
	r, err := s.NewVReg(s.F.TypeOf(v))
	if err == nil {
		s.Add(Inst{Kind: Const, Type: s.F.TypeOf(v), Imm: int64(bits)}, 0, regalloc.DefOf(r))
	}
	return r, err
}

// UseAll returns Use operands holding vals.
func (s *Selector) UseAll(vals ...compiler.Value) ([]regalloc.Operand, error) {
	ops := make([]regalloc.Operand, 0, len(vals)+2)
	for _, v := range vals {
		r, err := s.Use(v)
		if err != nil {
			return nil, err
		}
		ops = append(ops, regalloc.UseOf(r))
	}
	return ops, nil
}

// Result returns the operand defining in's single result.
func (s *Selector) Result(in *compiler.Instr) (regalloc.Operand, error) {
	r, err := s.VReg(in.Result())
	return regalloc.DefOf(r), err
}

// Add appends an Inst and its regalloc instruction.
func (s *Selector) Add(m Inst, flags regalloc.InstFlags, ops ...regalloc.Operand) {
	s.Insts = append(s.Insts, m)
	s.RF.AddInst(flags, 0, ops...)
}

// AddClobber is Add with a clobber set.
func (s *Selector) AddClobber(m Inst, flags regalloc.InstFlags, clobbers regalloc.RegSet, ops ...regalloc.Operand) {
	s.Insts = append(s.Insts, m)
	s.RF.AddInst(flags, clobbers, ops...)
}

// Move emits dst = src for values of type t.
func (s *Selector) Move(t compiler.Type, dst, src regalloc.VReg) {
	s.Add(Inst{Kind: Move, Type: t}, regalloc.InstMove, regalloc.DefOf(dst), regalloc.UseOf(src))
}

// CopyOf sets dst, a fresh vreg, to v: the destination of a two-address
// instruction, which overwrites its first operand.
func (s *Selector) CopyOf(v compiler.Value, dst regalloc.VReg) error {
	if bits, ok := s.ConstOf(v); ok {
		s.Add(Inst{Kind: Const, Type: s.F.TypeOf(v), Imm: int64(bits)}, 0, regalloc.DefOf(dst))
		return nil
	}
	src, err := s.VReg(v)
	if err == nil {
		s.Move(s.F.TypeOf(v), dst, src)
	}
	return err
}

// Temp returns a fresh integer vreg defined (as garbage) right here, for
// the next Inst to use as its scratch register: a Use of a value that dies
// at that Inst, so the allocator keeps it apart from every other operand.
func (s *Selector) Temp() regalloc.VReg {
	tmp := s.RF.NewVReg(regalloc.ClassInt, false)
	s.Add(Inst{Kind: Temp}, 0, regalloc.DefOf(tmp))
	return tmp
}

// SelectFunc fills s.RF and s.Insts for the function.
func (s *Selector) SelectFunc() error {
	f := s.F
	s.cfg = compiler.NewCFG(f)
	f.ForEachUse(func(v *compiler.Value) { s.uses[*v]++ })
	for i := range s.blockIdx {
		s.blockIdx[i] = -1
	}

	// Block 0 of the machine function receives the parameters and falls
	// into the IR entry block, which may then have predecessors of its
	// own like any other block.
	s.RF.StartBlock()
	if err := s.selectParams(); err != nil {
		return err
	}
	s.Add(Inst{Kind: Jump, Targets: s.jumpTo(-1)}, 0)
	edges := append(s.edges, [2]int32{0, -1})

	for _, b := range s.cfg.RPO {
		s.blockIdx[b] = int32(s.RF.StartBlock())
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
	for i := range s.Insts {
		for k, t := range s.Insts[i].Targets {
			s.Insts[i].Targets[k] = resolve(t)
		}
	}
	for _, e := range edges {
		s.RF.AddEdge(int(e[0]), int(resolve(e[1])))
	}
	s.edges = edges
	return nil
}

// FrameArgBase is the offset from the frame pointer of a function's first
// stack argument: both back ends' frame records (saved FP and return
// address) are 16 bytes.
const FrameArgBase = 16

// selectParams defines the entry block's parameters from the calling
// convention.
func (s *Selector) selectParams() error {
	var ops []regalloc.Operand
	params := s.F.Blocks[0].Params
	for i, p := range params {
		r, err := s.VReg(p)
		if err != nil {
			return err
		}
		if loc := s.Sig.Params[i]; loc.InReg() {
			ops = append(ops, regalloc.FixedDef(r, loc.Reg))
		}
	}
	s.Add(Inst{Kind: Params}, 0, ops...)
	for i, p := range params {
		if loc := s.Sig.Params[i]; !loc.InReg() {
			r, _ := s.VReg(p)
			s.Add(Inst{Kind: LoadArg, Type: s.F.TypeOf(p), Imm: int64(FrameArgBase + loc.Slot)}, 0, regalloc.DefOf(r))
		}
	}
	return nil
}

// selectBlock selects IR block b and its terminator, appending the CFG
// edges it creates (machine block -> target, targets encoded as in
// Inst.Targets).
func (s *Selector) selectBlock(b compiler.BlockID, edges [][2]int32) ([][2]int32, error) {
	f := s.F
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

func (s *Selector) selectInstr(in *compiler.Instr) error {
	if err := s.M.ISA.Reject(s, in); err != nil {
		return err
	}
	switch in.Op {
	case compiler.OpConst:
		return nil // materialized at each use
	case compiler.OpNumeric:
		return s.M.ISA.SelectNumeric(s, in)
	case compiler.OpSelect:
		return s.M.ISA.SelectSelect(s, in)
	case compiler.OpTrapIf, compiler.OpTrapIfZero, compiler.OpCheckSDiv, compiler.OpCheckTrunc,
		compiler.OpTrapIfNull, compiler.OpSigCheck:
		return s.selectCheck(in)
	case compiler.OpSafepoint:
		s.Add(Inst{Kind: Safepoint, Offset: in.Offset}, 0)
		return nil
	case compiler.OpCall, compiler.OpCallRef, compiler.OpReturnCall, compiler.OpReturnCallRef:
		return s.selectCall(in)
	}
	if ok, err := s.selectVM(in); ok {
		return err
	}
	if ok, err := s.selectGC(in); ok {
		return err
	}
	return Unsupported("IR operation %v", in.Op)
}

func (s *Selector) selectCheck(in *compiler.Instr) error {
	if in.Op == compiler.OpSigCheck && !s.MI.GCType(in.Index).Final && !s.M.GC {
		// The subtype check reads ExecContext.TypeTable.
		return Unsupported("call_indirect to non-final type %d without Options.GC", in.Index)
	}
	m := Inst{Kind: Check, Op: in.Op, Num: in.Num, Idx: in.Index, Trap: in.Trap, Offset: in.Offset, Type: s.F.TypeOf(in.Args[0])}
	ops, err := s.UseAll(in.Args...)
	if err != nil {
		return err
	}
	s.Add(m, 0, ops...)
	return nil
}

// CompareOperands selects the operands of a comparison (eqz: one): a
// register and a register or an immediate. The Inst it returns is a
// Numeric; the caller adds the Def of a result or turns it into a
// CmpBranch.
func (s *Selector) CompareOperands(in *compiler.Instr) (Inst, []regalloc.Operand, error) {
	argT := s.F.TypeOf(in.Args[0])
	m := Inst{Kind: Numeric, Num: in.Num, Type: argT}
	a, err := s.Use(in.Args[0])
	if err != nil {
		return m, nil, err
	}
	ops := []regalloc.Operand{regalloc.UseOf(a)}
	if len(in.Args) == 1 {
		return m, ops, nil
	}
	if IsIntCompare(in.Num) {
		if imm, ok := s.Immediate(in.Args[1], argT); ok {
			m.HasImm, m.Imm = true, imm
			return m, ops, nil
		}
	}
	b, err := s.Use(in.Args[1])
	if err != nil {
		return m, nil, err
	}
	return m, append(ops, regalloc.UseOf(b)), nil
}

// IsIntCompare reports whether op is an integer comparison (eqz included):
// the compares a branch can test directly.
func IsIntCompare(op wasm.Op) bool {
	switch op {
	case wasm.OpI32Eqz, wasm.OpI32Eq, wasm.OpI32Ne, wasm.OpI32LtS, wasm.OpI32LtU, wasm.OpI32GtS, wasm.OpI32GtU,
		wasm.OpI32LeS, wasm.OpI32LeU, wasm.OpI32GeS, wasm.OpI32GeU,
		wasm.OpI64Eqz, wasm.OpI64Eq, wasm.OpI64Ne, wasm.OpI64LtS, wasm.OpI64LtU, wasm.OpI64GtS, wasm.OpI64GtU,
		wasm.OpI64LeS, wasm.OpI64LeU, wasm.OpI64GeS, wasm.OpI64GeU:
		return true
	}
	return false
}
