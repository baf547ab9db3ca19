package amd64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// Selection of the operations that reach the instance through the vmctx:
// linear memory, globals, tables, function references and the exits to Go
// (grow and the runtime routines). Their emission is in lower_vm.go.

// temp returns a fresh integer vreg defined (as garbage) right here, for
// the next minst to use as its scratch register: a Use of a value that
// dies at that minst, so the allocator keeps it apart from every other
// operand.
func (s *selector) temp() regalloc.VReg {
	tmp := s.rf.NewVReg(regalloc.ClassInt, false)
	s.add(minst{kind: mTemp}, 0, regalloc.DefOf(tmp))
	return tmp
}

// useAll returns registers holding vals.
func (s *selector) useAll(vals ...compiler.Value) ([]regalloc.Operand, error) {
	ops := make([]regalloc.Operand, 0, len(vals)+2)
	for _, v := range vals {
		r, err := s.use(v)
		if err != nil {
			return nil, err
		}
		ops = append(ops, regalloc.UseOf(r))
	}
	return ops, nil
}

// result returns the operand defining in's single result.
func (s *selector) result(in *compiler.Instr) (regalloc.Operand, error) {
	r, err := s.vreg(in.Result())
	return regalloc.DefOf(r), err
}

// addrType is the IR type of the addresses of memory i or table i.
func (s *selector) memAddrType(i uint32) compiler.Type {
	if s.mi.Mems[i].Limits.Is64 {
		return compiler.TypeI64
	}
	return compiler.TypeI32
}

func (s *selector) tableAddrType(i uint32) compiler.Type {
	if s.mi.Tables[i].Limits.Is64 {
		return compiler.TypeI64
	}
	return compiler.TypeI32
}

// selectVM selects the vmctx operations; ok is false for other ops.
func (s *selector) selectVM(in *compiler.Instr) (ok bool, err error) {
	m := minst{op: in.Op, idx: in.Index, typ: in.Type, imm: int64(in.Imm), trap: in.Trap, offset: in.Offset,
		size: in.Size, ext: in.Ext}
	var ops []regalloc.Operand
	def := func() {
		var d regalloc.Operand
		if d, err = s.result(in); err == nil {
			ops = append(ops, d)
		}
	}
	switch in.Op {
	case compiler.OpBoundsCheck, compiler.OpTableBoundsCheck:
		m.kind = mBoundsCheck
		if in.Op == compiler.OpBoundsCheck {
			m.atyp = s.memAddrType(in.Index)
		} else {
			m.atyp = s.tableAddrType(in.Index)
		}
		if ops, err = s.useAll(in.Args[0]); err == nil {
			ops = append(ops, regalloc.UseOf(s.temp()))
		}
	case compiler.OpLoad:
		m.kind, m.atyp = mLoad, s.memAddrType(in.Index)
		if ops, err = s.useAll(in.Args[0]); err == nil {
			ops = append(ops, regalloc.UseOf(s.temp()))
			def()
		}
	case compiler.OpStore:
		m.kind, m.atyp, m.typ = mStore, s.memAddrType(in.Index), s.f.TypeOf(in.Args[1])
		if ops, err = s.useAll(in.Args[0], in.Args[1]); err == nil {
			ops = append(ops, regalloc.UseOf(s.temp()))
		}
	case compiler.OpMemorySize, compiler.OpTableSize, compiler.OpGlobalGet, compiler.OpRefFunc:
		m.kind = mVMRead
		def()
	case compiler.OpGlobalSet:
		m.kind, m.typ = mGlobalSet, s.f.TypeOf(in.Args[0])
		ops, err = s.useAll(in.Args[0])
	case compiler.OpTableGet:
		m.kind, m.atyp = mTableGet, s.tableAddrType(in.Index)
		if ops, err = s.useAll(in.Args[0]); err == nil {
			def()
		}
	case compiler.OpTableSet:
		m.kind, m.atyp = mTableSet, s.tableAddrType(in.Index)
		if ops, err = s.useAll(in.Args[0], in.Args[1]); err == nil {
			ops = append(ops, regalloc.UseOf(s.temp()))
		}
	case compiler.OpRefIsNull:
		m.kind = mRefIsNull
		if ops, err = s.useAll(in.Args[0]); err == nil {
			def()
		}
	case compiler.OpRefEq:
		m.kind = mRefEq
		if ops, err = s.useAll(in.Args[0], in.Args[1]); err == nil {
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
	s.add(m, 0, ops...)
	return true, nil
}

// selectExit selects an operation Go performs: the operands are stored in
// ExecContext.Scratch and the code exits. Every register is undefined
// afterwards, so the exit clobbers them all, and the GC may run, so it is
// a safepoint; a result comes back in Scratch[0] and is defined in RAX.
func (s *selector) selectExit(in *compiler.Instr) error {
	m := minst{kind: mExit, offset: in.Offset, typ: in.Type}
	switch in.Op {
	case compiler.OpMemoryGrow:
		m.exit = abi.ExitMemoryGrow
		m.scratch = []uint64{uint64(in.Index)}
	case compiler.OpTableGrow:
		// Scratch: table, delta, init; the IR has init, delta.
		m.exit = abi.ExitTableGrow
		m.scratch = []uint64{uint64(in.Index)}
		m.argSlots = []uint8{2, 1}
	case compiler.OpRuntimeCall:
		if compiler.RuntimeFn(in.Imm).IsGC() && !s.gc {
			return unsupported("%s without Options.GC", compiler.RuntimeFn(in.Imm))
		}
		m.exit = abi.ExitRuntimeCall
		m.scratch = []uint64{in.Imm, uint64(in.Index), uint64(in.Index2)}
	}
	if len(in.Args)+len(m.scratch) > abi.ScratchWords {
		return unsupported("%d operands of an exit to Go", len(in.Args))
	}
	for i, a := range in.Args {
		m.argTypes = append(m.argTypes, s.f.TypeOf(a))
		if m.argSlots == nil || len(m.argSlots) <= i {
			m.argSlots = append(m.argSlots, uint8(len(m.scratch)+i))
		}
	}
	ops, err := s.useAll(in.Args...)
	if err != nil {
		return err
	}
	if len(in.Results) == 1 {
		r, err := s.vreg(in.Result())
		if err != nil {
			return err
		}
		ops = append(ops, regalloc.FixedDef(r, gpPReg(RAX)))
	}
	s.addClobber(m, regalloc.InstSafepoint, callClobbers, ops...)
	return nil
}
