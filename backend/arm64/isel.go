package arm64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// ErrUnsupported wraps every "this back end cannot compile that yet": the
// caller can tell a missing feature from a compiler bug. It is shared with
// backend/amd64, and such errors are compiler.ErrUnsupported too.
var ErrUnsupported = codegen.ErrUnsupported

func unsupported(format string, args ...any) error { return codegen.Unsupported(format, args...) }

// Instruction selection (backend/internal/codegen) turns IR into
// codegen.Insts: machine-level instructions over virtual registers, one
// regalloc instruction each. Most are single arm64 instructions in
// three-address form (Def dst, Use a, Use b); a few are short fixed
// sequences (remainders, rotates, copysign, trap checks) whose internal
// temporaries are the scratch registers X15 and V31 (and the assembler's
// X16), which never hold a value between instructions. This file and
// isel_numeric.go are arm64's part of it (codegen.ISA). After allocation,
// lower.go emits each Inst with the registers the allocator chose.

// isa is arm64's codegen.ISA.
type isa struct{}

// machine is what instruction selection knows of arm64.
var machine = codegen.Machine{
	Conv:         convention,
	CallClobbers: callClobbers,
	ExitResult:   gpPReg(X0),
	// The return address travels in X30: a tail call's stack arguments
	// start at the bottom of the outgoing area (lower_call.go).
	TailArgBase: 0,
	MemRegs:     true,
	ISA:         isa{},
}

func (isa) Reject(*codegen.Selector, *compiler.Instr) error { return nil }

// SelectSelect: csel is three-address (Def dst, Use cond, Use a, Use b).
func (isa) SelectSelect(s *codegen.Selector, in *compiler.Instr) error {
	dst, err := s.VReg(in.Result())
	if err != nil {
		return err
	}
	ops, err := s.UseAll(in.Args[0], in.Args[1], in.Args[2])
	if err != nil {
		return err
	}
	s.Add(codegen.Inst{Kind: codegen.Select, Type: in.Type}, 0, append([]regalloc.Operand{regalloc.DefOf(dst)}, ops...)...)
	return nil
}
