package amd64

import (
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// How a call reaches its callee (minst.call).
type callKind uint8

const (
	callDirect callKind = iota // rel32 to a function of this module; same vmctx
	callImport                 // through the VMFuncRef of imported function fn
	callRef                    // through the VMFuncRef in the first operand
)

// selectCall selects a call (OpCall, OpCallRef) or a tail call
// (OpReturnCall, OpReturnCallRef). A call is a safepoint: the allocator
// keeps GC references live across it in frame slots and reports them as
// its stack map.
func (s *selector) selectCall(in *compiler.Instr) error {
	tail := in.Op == compiler.OpReturnCall || in.Op == compiler.OpReturnCallRef
	m := minst{kind: mCall, fn: in.Index, offset: in.Offset}
	if tail {
		m.kind = mTailCall
	}
	args := in.Args
	typeIdx := in.Index
	switch {
	case in.Op == compiler.OpCallRef || in.Op == compiler.OpReturnCallRef:
		m.call = callRef
		args = in.Args[:len(in.Args)-1]
	case in.Index < s.mi.NumImportedFuncs:
		m.call = callImport
		typeIdx = s.mi.FuncTypes[in.Index]
	default:
		typeIdx = s.mi.FuncTypes[in.Index]
	}
	ft := s.mi.FuncType(typeIdx)
	if ft == nil {
		return unsupported("type %d is not a function type", typeIdx)
	}
	l, err := layoutSig(s.mi.IRTypes(ft.Params), s.mi.IRTypes(ft.Results))
	if err != nil {
		return err
	}
	m.argBytes = l.argBytes
	// A tail call keeps the return address below the stack arguments in
	// its outgoing area (lower_call.go).
	var base int32
	if tail {
		base = 8
	}
	var ops []regalloc.Operand
	if m.call == callRef {
		// The reference gets a register of its own (a copy, so that it is
		// not also pinned to an argument register at the same point).
		ref, err := s.use(in.Args[len(in.Args)-1])
		if err != nil {
			return err
		}
		c := s.rf.NewVReg(regalloc.ClassInt, false)
		s.move(compiler.TypeFuncRef, c, ref)
		ops = append(ops, regalloc.UseOf(c))
	}
	argOps, err := s.fixedUses(args, l.params, mStoreOut, base)
	if err != nil {
		return err
	}
	ops = append(ops, argOps...)
	if tail {
		s.outgoing = max(s.outgoing, base+l.argBytes)
		s.add(m, 0, ops...)
		return nil
	}
	for i, res := range in.Results {
		if loc := l.results[i]; loc.reg != regalloc.NoReg {
			r, err := s.vreg(res)
			if err != nil {
				return err
			}
			ops = append(ops, regalloc.FixedDef(r, loc.reg))
		}
	}
	s.addClobber(m, regalloc.InstSafepoint, callClobbers, ops...)
	for i, res := range in.Results {
		if loc := l.results[i]; loc.reg == regalloc.NoReg {
			r, err := s.vreg(res)
			if err != nil {
				return err
			}
			s.add(minst{kind: mLoadRes, typ: s.f.TypeOf(res), imm: int64(l.argBytes + loc.slot)}, 0, regalloc.DefOf(r))
		}
	}
	s.outgoing = max(s.outgoing, l.argBytes+l.resultBytes)
	return nil
}
