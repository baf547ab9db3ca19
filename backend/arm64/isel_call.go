package arm64

import (
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// How a call reaches its callee (minst.call).
type callKind uint8

const (
	callDirect callKind = iota // bl to a function of this module; same vmctx
)

// selectCall selects a direct call to a defined function of this module.
// Calls through imports or references and the return_call forms need the
// vmctx operations and are not implemented yet. A call is a safepoint: the
// allocator keeps GC references live across it in frame slots and reports
// them as its stack map.
func (s *selector) selectCall(in *compiler.Instr) error {
	switch {
	case in.Op != compiler.OpCall:
		return unsupported("%v", in.Op)
	case in.Index < s.mi.NumImportedFuncs:
		return unsupported("calls to imported functions")
	}
	m := minst{kind: mCall, fn: in.Index, offset: in.Offset, call: callDirect}
	typeIdx := s.mi.FuncTypes[in.Index]
	ft := s.mi.FuncType(typeIdx)
	if ft == nil {
		return unsupported("type %d is not a function type", typeIdx)
	}
	l, err := layoutSig(s.mi.IRTypes(ft.Params), s.mi.IRTypes(ft.Results))
	if err != nil {
		return err
	}
	m.argBytes = l.argBytes
	ops, err := s.fixedUses(in.Args, l.params, mStoreOut, 0)
	if err != nil {
		return err
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
