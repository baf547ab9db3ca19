package codegen

import (
	"math"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// Selection of the GC operations: one Inst of kind GC each, which the back
// end emits by its Op. Operands, in regalloc order:
//
//	OpNewStruct         Use t1, Use t2, Def dst
//	OpNewArray          [Use length,] Use t1, Use t2, Def dst (a constant length is Imm)
//	OpArrayFillAll      Use array, Use value, Use count
//	OpStructGet         Use struct, Def dst
//	OpStructSet         Use struct, Use value
//	OpArrayLen          Use array, Def dst
//	OpArrayBoundsCheck  Use array[, Use index] (a constant index is Imm)
//	OpArrayGet          Use array[, Use index, Use tmp], Def dst
//	OpArraySet          Use array[, Use index, Use tmp], Use value
//	OpRefI31            Use x, Def dst
//	OpI31Get            Use ref, Def dst
//	OpRefTest           Use ref, Def dst
//	OpCastCheck         Use ref
//
// For OpArrayGet/OpArraySet with a constant index, Imm is the element's
// offset in the object; otherwise it is the element offset of element 0
// (the instruction's Imm), and Size the element size. The temporaries are
// Uses of fresh vregs (Temp), so the allocator keeps them apart from every
// other operand, in particular from the length an allocation still reads
// after writing them. An allocation is a safepoint that clobbers nothing:
// the back end's slow path must save and restore every allocatable
// register around its exit, so that only the GC references live across it
// leave their registers (the allocator keeps those in their stack-map
// slots there).

// selectGC selects the GC ops; ok is false for other ops.
func (s *Selector) selectGC(in *compiler.Instr) (ok bool, err error) {
	if !isGCOp(in.Op) {
		return false, nil
	}
	if !s.M.GC {
		return true, Unsupported("%v without Options.GC", in.Op)
	}
	m := Inst{Kind: GC, Op: in.Op, Idx: in.Index, Type: in.Type, Imm: int64(in.Imm), Trap: in.Trap,
		Offset: in.Offset, Size: in.Size, Ext: in.Ext}
	var ops []regalloc.Operand
	use := func(v compiler.Value) {
		if err == nil {
			var r regalloc.VReg
			r, err = s.Use(v)
			ops = append(ops, regalloc.UseOf(r))
		}
	}
	temp := func() { ops = append(ops, regalloc.UseOf(s.Temp())) }
	def := func() {
		if err == nil {
			var d regalloc.Operand
			d, err = s.Result(in)
			ops = append(ops, d)
		}
	}
	flags := regalloc.InstFlags(0)
	switch in.Op {
	case compiler.OpNewStruct, compiler.OpNewArray:
		if in.Op == compiler.OpNewArray {
			if n, ok := s.ConstOf(in.Args[0]); ok && n <= uint64(s.MI.GCType(in.Index).Array.MaxLen) {
				m.HasImm, m.Imm = true, int64(n)
			} else {
				use(in.Args[0]) // above MaxLen: the run-time check traps
			}
		}
		temp()
		temp()
		def()
		flags = regalloc.InstSafepoint
	case compiler.OpArrayFillAll:
		use(in.Args[0])
		use(in.Args[1])
		temp()
		m.Type = s.F.TypeOf(in.Args[1])
	case compiler.OpStructGet, compiler.OpArrayLen, compiler.OpRefI31, compiler.OpI31Get, compiler.OpRefTest:
		use(in.Args[0])
		def()
	case compiler.OpStructSet:
		use(in.Args[0])
		use(in.Args[1])
		m.Type = s.F.TypeOf(in.Args[1])
	case compiler.OpArrayBoundsCheck:
		use(in.Args[0])
		if i, ok := s.ConstOf(in.Args[1]); ok {
			m.HasImm, m.Imm = true, int64(uint32(i))
		} else {
			use(in.Args[1])
		}
	case compiler.OpArrayGet, compiler.OpArraySet:
		use(in.Args[0])
		if i, ok := s.ConstOf(in.Args[1]); ok && in.Imm+uint64(uint32(i))*uint64(in.Size) <= math.MaxInt32 {
			// The element's offset fits a displacement.
			m.HasImm, m.Imm = true, int64(in.Imm+uint64(uint32(i))*uint64(in.Size))
		} else {
			use(in.Args[1])
			temp()
		}
		if in.Op == compiler.OpArrayGet {
			def()
		} else {
			use(in.Args[2])
			m.Type = s.F.TypeOf(in.Args[2])
		}
	case compiler.OpCastCheck:
		use(in.Args[0])
	}
	if err != nil {
		return true, err
	}
	if in.Op == compiler.OpRefTest || in.Op == compiler.OpCastCheck {
		m.Heap, m.Nullable = compiler.CastTarget(in)
		if s.MI.HierarchyOf(m.Heap) == compiler.HierExn {
			return true, Unsupported("casts in the exn hierarchy")
		}
	}
	if (in.Op == compiler.OpArrayGet || in.Op == compiler.OpArraySet || in.Op == compiler.OpArrayFillAll) && in.Size > 8 {
		return true, Unsupported("v128 array elements")
	}
	s.Add(m, flags, ops...)
	return true, nil
}

// selectCastBranch selects the branch on a fused ref.test (br_on_cast).
func (s *Selector) selectCastBranch(in *compiler.Instr, targets []int32) error {
	ref, err := s.Use(in.Args[0])
	if err != nil {
		return err
	}
	m := Inst{Kind: CastBranch, Targets: targets}
	m.Heap, m.Nullable = compiler.CastTarget(in)
	if s.MI.HierarchyOf(m.Heap) == compiler.HierExn {
		return Unsupported("casts in the exn hierarchy")
	}
	s.Add(m, 0, regalloc.UseOf(ref))
	return nil
}

// isGCOp reports whether op is one of the GC ops selected here.
func isGCOp(op compiler.Op) bool {
	switch op {
	case compiler.OpNewStruct, compiler.OpNewArray, compiler.OpArrayFillAll, compiler.OpStructGet,
		compiler.OpStructSet, compiler.OpArrayLen, compiler.OpArrayBoundsCheck, compiler.OpArrayGet,
		compiler.OpArraySet, compiler.OpRefI31, compiler.OpI31Get, compiler.OpRefTest, compiler.OpCastCheck:
		return true
	}
	return false
}

// Word 0 of a new object's header, stored as an immediate: abi.HeaderWord
// is its only builder, and it rejects anything but an object kind with
// constant flags (none here), so no run-time value can reach these bits.
var StructHeaderWord, ArrayHeaderWord = headerWord(abi.KindStruct), headerWord(abi.KindArray)

func headerWord(k abi.Kind) uint32 {
	w, err := abi.HeaderWord(k, 0)
	if err != nil {
		panic(err) // k is a constant: a broken abi, caught by every test
	}
	return w
}
