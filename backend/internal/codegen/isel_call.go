package codegen

import (
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// selectCall selects a call (OpCall, OpCallRef) or a tail call
// (OpReturnCall, OpReturnCallRef). A call is a safepoint: the allocator
// keeps GC references live across it in frame slots and reports them as
// its stack map.
func (s *Selector) selectCall(in *compiler.Instr) error {
	tail := in.Op == compiler.OpReturnCall || in.Op == compiler.OpReturnCallRef
	m := Inst{Kind: Call, Fn: in.Index, Offset: in.Offset}
	if tail {
		m.Kind = TailCall
	}
	args := in.Args
	typeIdx := in.Index
	switch {
	case in.Op == compiler.OpCallRef || in.Op == compiler.OpReturnCallRef:
		m.Call = CallRef
		args = in.Args[:len(in.Args)-1]
	case in.Index < s.MI.NumImportedFuncs:
		m.Call = CallImport
		typeIdx = s.MI.FuncTypes[in.Index]
	default:
		typeIdx = s.MI.FuncTypes[in.Index]
	}
	ft := s.MI.FuncType(typeIdx)
	if ft == nil {
		return Unsupported("type %d is not a function type", typeIdx)
	}
	l, err := s.M.Conv.Layout(s.MI.IRTypes(ft.Params), s.MI.IRTypes(ft.Results))
	if err != nil {
		return err
	}
	m.ArgBytes = l.ArgBytes
	var base int32
	if tail {
		base = s.M.TailArgBase
	}
	var ops []regalloc.Operand
	if m.Call == CallRef {
		// The reference gets a register of its own (a copy, so that it is
		// not also pinned to an argument register at the same point).
		ref, err := s.Use(in.Args[len(in.Args)-1])
		if err != nil {
			return err
		}
		c := s.RF.NewVReg(regalloc.ClassInt, false)
		s.Move(compiler.TypeFuncRef, c, ref)
		ops = append(ops, regalloc.UseOf(c))
	}
	argOps, err := s.fixedUses(args, l.Params, StoreOut, base)
	if err != nil {
		return err
	}
	ops = append(ops, argOps...)
	if tail {
		s.Outgoing = max(s.Outgoing, base+l.ArgBytes)
		s.Add(m, 0, ops...)
		return nil
	}
	for i, res := range in.Results {
		if loc := l.Results[i]; loc.InReg() {
			r, err := s.VReg(res)
			if err != nil {
				return err
			}
			ops = append(ops, regalloc.FixedDef(r, loc.Reg))
		}
	}
	s.AddClobber(m, regalloc.InstSafepoint, s.M.CallClobbers, ops...)
	for i, res := range in.Results {
		if loc := l.Results[i]; !loc.InReg() {
			r, err := s.VReg(res)
			if err != nil {
				return err
			}
			s.Add(Inst{Kind: LoadRes, Type: s.F.TypeOf(res), Imm: int64(l.ArgBytes + loc.Slot)}, 0, regalloc.DefOf(r))
		}
	}
	s.Outgoing = max(s.Outgoing, l.ArgBytes+l.ResultBytes)
	return nil
}
