package amd64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// ErrUnsupported wraps every "this back end cannot compile that yet": the
// caller can tell a missing feature from a compiler bug. It is shared with
// backend/arm64, and such errors are compiler.ErrUnsupported too.
var ErrUnsupported = codegen.ErrUnsupported

func unsupported(format string, args ...any) error { return codegen.Unsupported(format, args...) }

// Instruction selection (backend/internal/codegen) turns IR into
// codegen.Insts: machine-level instructions over virtual registers, one
// regalloc instruction each. Most are single x86 instructions; a few are
// short fixed sequences (division, float min/max, conversions, trap
// checks) whose internal temporaries are the scratch registers R11 and
// X15, which never hold a value between instructions. This file and
// isel_numeric.go are amd64's part of it (codegen.ISA): the operand shapes
// of x86's two-address instructions. After allocation, lower.go emits each
// Inst with the registers the allocator chose.

// isa is amd64's codegen.ISA.
type isa struct{}

// machine is what instruction selection knows of amd64.
var machine = codegen.Machine{
	Conv:         convention,
	CallClobbers: callClobbers,
	ExitResult:   gpPReg(RAX),
	// The tail-call sequence keeps the return address below the stack
	// arguments in the outgoing area (lower_call.go).
	TailArgBase: 8,
	MemRegs:     true,
	ISA:         isa{},
}

func (isa) Reject(*codegen.Selector, *compiler.Instr) error { return nil }

// SelectSelect: x86's cmov overwrites its destination, which starts as the
// value chosen when the condition holds (UseDef dst = a, Use cond, Use b).
func (isa) SelectSelect(s *codegen.Selector, in *compiler.Instr) error {
	dst, err := s.VReg(in.Result())
	if err != nil {
		return err
	}
	if err := s.CopyOf(in.Args[1], dst); err != nil {
		return err
	}
	cond, err := s.Use(in.Args[0])
	if err != nil {
		return err
	}
	other, err := s.Use(in.Args[2])
	if err != nil {
		return err
	}
	s.Add(codegen.Inst{Kind: codegen.Select, Type: in.Type}, 0, regalloc.UseDefOf(dst), regalloc.UseOf(cond), regalloc.UseOf(other))
	return nil
}
