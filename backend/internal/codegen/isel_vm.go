package codegen

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// Selection of the operations that reach the instance through the vmctx:
// linear memory, globals, tables, function references and the exits to Go
// (grow and the runtime routines). Back ends emit them from the vmctx
// layout (abi.VMLayout). A memory's base and length are IR values
// (compiler.MemRegs decides where they are loaded) when the back end sets
// Machine.MemRegs; otherwise, and for tables, it loads the length afresh at
// every check, since a grow may have changed it.

// MemAddrType is the IR type of the addresses of memory i.
func (s *Selector) MemAddrType(i uint32) compiler.Type {
	if s.MI.Mems[i].Limits.Is64 {
		return compiler.TypeI64
	}
	return compiler.TypeI32
}

// TableAddrType is the IR type of the indices of table i.
func (s *Selector) TableAddrType(i uint32) compiler.Type {
	if s.MI.Tables[i].Limits.Is64 {
		return compiler.TypeI64
	}
	return compiler.TypeI32
}

// selectVM selects the vmctx operations; ok is false for other ops.
func (s *Selector) selectVM(in *compiler.Instr) (ok bool, err error) {
	m := Inst{Op: in.Op, Idx: in.Index, Type: in.Type, Imm: int64(in.Imm), Trap: in.Trap, Offset: in.Offset,
		Size: in.Size, Ext: in.Ext}
	var ops []regalloc.Operand
	def := func() {
		var d regalloc.Operand
		if d, err = s.Result(in); err == nil {
			ops = append(ops, d)
		}
	}
	// With MemRegs, the length or base operand (the IR's last) is used
	// where the temporary would be.
	memOperand := func(v compiler.Value) regalloc.Operand {
		if !s.M.MemRegs {
			return regalloc.UseOf(s.Temp())
		}
		r, e := s.VReg(v)
		if e != nil {
			err = e
		}
		return regalloc.UseOf(r)
	}
	switch in.Op {
	case compiler.OpMemBase, compiler.OpMemLen:
		if !s.M.MemRegs {
			return true, nil // the accesses and checks load what they need
		}
		m.Kind = VMRead
		def()
	case compiler.OpBoundsCheck:
		m.Kind, m.AddrType = BoundsCheck, s.MemAddrType(in.Index)
		if ops, err = s.UseAll(in.Args[0]); err == nil {
			ops = append(ops, memOperand(in.Args[1]))
		}
	case compiler.OpTableBoundsCheck:
		m.Kind, m.AddrType = BoundsCheck, s.TableAddrType(in.Index)
		if ops, err = s.UseAll(in.Args[0]); err == nil {
			ops = append(ops, regalloc.UseOf(s.Temp()))
		}
	case compiler.OpLoad:
		m.Kind, m.AddrType = Load, s.MemAddrType(in.Index)
		if ops, err = s.UseAll(in.Args[0]); err == nil {
			ops = append(ops, memOperand(in.Args[1]))
			def()
		}
	case compiler.OpStore:
		m.Kind, m.AddrType, m.Type = Store, s.MemAddrType(in.Index), s.F.TypeOf(in.Args[1])
		if ops, err = s.UseAll(in.Args[0], in.Args[1]); err == nil {
			ops = append(ops, memOperand(in.Args[2]))
		}
	case compiler.OpMemorySize, compiler.OpTableSize, compiler.OpGlobalGet, compiler.OpRefFunc:
		m.Kind = VMRead
		def()
	case compiler.OpGlobalSet:
		m.Kind, m.Type = GlobalSet, s.F.TypeOf(in.Args[0])
		ops, err = s.UseAll(in.Args[0])
	case compiler.OpTableGet:
		m.Kind, m.AddrType = TableGet, s.TableAddrType(in.Index)
		if ops, err = s.UseAll(in.Args[0]); err == nil {
			def()
		}
	case compiler.OpTableSet:
		m.Kind, m.AddrType = TableSet, s.TableAddrType(in.Index)
		if ops, err = s.UseAll(in.Args[0], in.Args[1]); err == nil {
			ops = append(ops, regalloc.UseOf(s.Temp()))
		}
	case compiler.OpRefIsNull:
		m.Kind = RefIsNull
		if ops, err = s.UseAll(in.Args[0]); err == nil {
			def()
		}
	case compiler.OpRefEq:
		m.Kind = RefEq
		if ops, err = s.UseAll(in.Args[0], in.Args[1]); err == nil {
			def()
		}
	case compiler.OpMemoryGrow, compiler.OpTableGrow, compiler.OpRuntimeCall:
		return true, s.selectExit(in)
	default:
		return false, nil
	}
	if err != nil {
		return true, err
	}
	s.Add(m, 0, ops...)
	return true, nil
}

// selectExit selects an operation Go performs: the operands are stored in
// ExecContext.Scratch and the code exits. Every register is undefined
// afterwards, so the exit clobbers them all, and the GC may run, so it is
// a safepoint; a result comes back in Scratch[0] and is defined in
// Machine.ExitResult.
func (s *Selector) selectExit(in *compiler.Instr) error {
	m := Inst{Kind: Exit, Offset: in.Offset, Type: in.Type}
	switch in.Op {
	case compiler.OpMemoryGrow:
		m.Exit = abi.ExitMemoryGrow
		m.Scratch = []uint64{uint64(in.Index)}
	case compiler.OpTableGrow:
		// Scratch: table, delta, init; the IR has init, delta.
		m.Exit = abi.ExitTableGrow
		m.Scratch = []uint64{uint64(in.Index)}
		m.ArgSlots = []uint8{2, 1}
	case compiler.OpRuntimeCall:
		if compiler.RuntimeFn(in.Imm).IsGC() && !s.M.GC {
			return Unsupported("%s without Options.GC", compiler.RuntimeFn(in.Imm))
		}
		m.Exit = abi.ExitRuntimeCall
		m.Scratch = []uint64{in.Imm, uint64(in.Index), uint64(in.Index2)}
	}
	if len(in.Args)+len(m.Scratch) > abi.ScratchWords {
		return Unsupported("%d operands of an exit to Go", len(in.Args))
	}
	for i, a := range in.Args {
		m.ArgTypes = append(m.ArgTypes, s.F.TypeOf(a))
		if m.ArgSlots == nil || len(m.ArgSlots) <= i {
			m.ArgSlots = append(m.ArgSlots, uint8(len(m.Scratch)+i))
		}
	}
	ops, err := s.UseAll(in.Args...)
	if err != nil {
		return err
	}
	if len(in.Results) == 1 {
		r, err := s.VReg(in.Result())
		if err != nil {
			return err
		}
		ops = append(ops, regalloc.FixedDef(r, s.M.ExitResult))
	}
	s.AddClobber(m, regalloc.InstSafepoint, s.M.CallClobbers, ops...)
	return nil
}
