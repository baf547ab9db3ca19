package amd64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"math"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// Emission of the vmctx operations selected in isel_vm.go. Every offset
// into the vmctx comes from the module's abi.VMLayout. A memory's base and
// current length arrive in registers (codegen.Machine.MemRegs: the IR
// decides where they are loaded, compiler.MemRegs); a table's length is
// loaded afresh from its definition record at every check, since a grow
// (in Go, or in another instance sharing it) may have changed it.

// vm is the operand at offset off of the vmctx.
func vm(off int) Mem { return Base(vmctxReg, int32(off)) }

// loadLen loads the current length of memory (table false) or table i
// into dst.
func (e *emitter) loadLen(table bool, i uint32, dst Reg) {
	l := e.s.Layout
	if table {
		e.a.Mov(S64, dst, vm(l.TableOffset(int(i))+abi.VMTableDefPtr))
		e.a.Mov(S64, dst, Base(dst, abi.VMTableDefLen))
		return
	}
	e.a.Mov(S64, dst, vm(l.MemoryOffset(int(i))+abi.VMMemoryDefPtr))
	e.a.Mov(S64, dst, Base(dst, abi.VMMemoryDefLen))
}

// zext puts the zero-extended address or index x of type t in dst and
// returns dst (an i32 register's upper half is not relied on).
func (e *emitter) zext(t compiler.Type, dst, x Reg) Reg {
	e.a.Mov(width(t), dst, x)
	return dst
}

// vmInst emits the vmctx minsts; it reports false for other kinds.
func (e *emitter) vmInst(i int, m *codegen.Inst, allocs []regalloc.PReg) bool {
	switch m.Kind {
	case codegen.BoundsCheck:
		if m.Op == compiler.OpTableBoundsCheck {
			e.tableBoundsCheck(m, gp(allocs[0]), gp(allocs[1]))
		} else {
			e.boundsCheck(m, gp(allocs[0]), gp(allocs[1]))
		}
	case codegen.Load:
		e.memAccess(m, gp(allocs[1]), allocs[2], gp(allocs[0]))
	case codegen.Store:
		e.memAccess(m, gp(allocs[2]), allocs[1], gp(allocs[0]))
	case codegen.VMRead:
		e.vmRead(m, allocs[0])
	case codegen.GlobalSet:
		e.globalSet(m, allocs[0])
	case codegen.TableGet:
		dst := gp(allocs[1])
		idx := e.zext(m.AddrType, dst, gp(allocs[0]))
		e.a.Mov(S64, scratchGP, vm(e.s.Layout.TableOffset(int(m.Idx))+abi.VMTableBase))
		e.a.Mov(S64, dst, BaseIndex(scratchGP, idx, 8, 0))
	case codegen.TableSet:
		idx := e.zext(m.AddrType, gp(allocs[2]), gp(allocs[0]))
		e.a.Mov(S64, scratchGP, vm(e.s.Layout.TableOffset(int(m.Idx))+abi.VMTableBase))
		e.a.Mov(S64, BaseIndex(scratchGP, idx, 8, 0), gp(allocs[1]))
	case codegen.RefIsNull:
		ref, dst := gp(allocs[0]), gp(allocs[1])
		e.a.Test(S64, ref, ref)
		e.a.Setcc(E, dst)
		e.a.MovZX(S8, S32, dst, dst)
	case codegen.RefEq:
		a, b, dst := gp(allocs[0]), gp(allocs[1]), gp(allocs[2])
		e.a.ALU(Cmp, S64, a, b)
		e.a.Setcc(E, dst)
		e.a.MovZX(S8, S32, dst, dst)
	case codegen.Exit:
		e.exitToGo(i, m, allocs)
	case codegen.TailCall:
		e.tailCall(m, allocs)
	case codegen.GC:
		e.gcInst(i, m, allocs)
	default:
		return false
	}
	return true
}

// boundsCheck traps unless zext(addr) + extent <= length, extent being
// the static offset plus the access size (saturated). For a 32-bit
// address, whose register's upper half is zero (frame_abi.go), the sum is
// below 2^33 and cannot wrap: lea, cmp, ja. A 64-bit address could wrap,
// so length - extent is formed in the scratch register instead (a borrow
// means no address fits).
func (e *emitter) boundsCheck(m *codegen.Inst, addr, length Reg) {
	a := e.a
	trap := e.trapStub(m.Trap, m.Offset)
	extent := uint64(m.Imm)
	if m.AddrType == compiler.TypeI32 {
		end := scratchGP
		if extent <= math.MaxInt32 {
			a.Lea(S64, end, Base(addr, int32(extent)))
		} else {
			a.Mov(S64, end, addr)
			a.ALU(Add, S64, end, a.Const64(extent))
		}
		a.ALU(Cmp, S64, end, length)
		a.Jcc(A, trap)
		return
	}
	limit := scratchGP
	a.Mov(S64, limit, length)
	if extent > 0 {
		if extent <= math.MaxInt32 {
			a.ALU(Sub, S64, limit, Imm(int64(extent)))
		} else {
			a.ALU(Sub, S64, limit, a.Const64(extent))
		}
		a.Jcc(B, trap)
	}
	a.ALU(Cmp, S64, addr, limit)
	a.Jcc(A, trap)
}

// tableBoundsCheck traps unless zext(index) < the table's current size,
// loaded into length.
func (e *emitter) tableBoundsCheck(m *codegen.Inst, index, length Reg) {
	a := e.a
	trap := e.trapStub(m.Trap, m.Offset)
	e.loadLen(true, m.Idx, length)
	if m.AddrType == compiler.TypeI32 {
		index = e.zext(m.AddrType, scratchGP, index)
	}
	a.ALU(Cmp, S64, index, length)
	a.Jcc(AE, trap)
}

// memAccess emits a load (into val) or store (of val) at base + zext(addr)
// + offset, base being the memory's base in a register; a 32-bit address
// is zero-extended in its register already (frame_abi.go). The bounds
// check before it guarantees addr + offset is inside the memory, so a
// static offset too large for a displacement is simply added.
func (e *emitter) memAccess(m *codegen.Inst, base Reg, val regalloc.PReg, addr Reg) {
	a := e.a
	idx := addr
	off := uint64(m.Imm)
	var mem Mem
	if off <= math.MaxInt32 {
		mem = BaseIndex(base, idx, 1, int32(off))
	} else {
		if idx != scratchGP {
			a.Mov(S64, scratchGP, idx)
		}
		a.ALU(Add, S64, scratchGP, a.Const64(off))
		mem = BaseIndex(base, scratchGP, 1, 0)
	}
	if m.Kind == codegen.Store {
		e.storeValue(m.Type, Size(m.Size), mem, val)
		return
	}
	e.loadValue(m.Type, Size(m.Size), m.Ext, val, mem)
}

// loadValue loads a size-byte value extended per ext into dst of type t.
func (e *emitter) loadValue(t compiler.Type, size Size, ext compiler.Ext, dst regalloc.PReg, src Mem) {
	switch {
	case codegen.IsFloat(t):
		e.a.MovF(width(t), xmm(dst), src)
	case ext == compiler.ExtSign:
		e.a.MovSX(size, width(t), gp(dst), src)
	case size < S32:
		e.a.MovZX(size, S32, gp(dst), src)
	default:
		e.a.Mov(size, gp(dst), src) // a 32-bit load zero-extends
	}
}

// storeValue stores the low size bytes of src (of type t).
func (e *emitter) storeValue(t compiler.Type, size Size, dst Mem, src regalloc.PReg) {
	if codegen.IsFloat(t) {
		e.a.MovF(width(t), dst, xmm(src))
		return
	}
	e.a.Mov(size, dst, gp(src))
}

// globalSlot returns the operand of global i's value: inline in the vmctx,
// or in the cell a shared global's slot points to (loaded into scratch).
func (e *emitter) globalSlot(i uint32) Mem {
	l := e.s.Layout
	off := vm(l.GlobalOffset(int(i)))
	if !l.GlobalShared(int(i)) {
		return off
	}
	e.a.Mov(S64, scratchGP, off)
	return Base(scratchGP, 0)
}

func (e *emitter) vmRead(m *codegen.Inst, dst regalloc.PReg) {
	a, l := e.a, e.s.Layout
	switch m.Op {
	case compiler.OpMemorySize:
		e.loadLen(false, m.Idx, gp(dst))
		a.Shift(Shr, S64, gp(dst), Imm(16)) // 64 KiB pages
	case compiler.OpTableSize:
		e.loadLen(true, m.Idx, gp(dst))
	case compiler.OpMemBase:
		a.Mov(S64, gp(dst), vm(l.MemoryOffset(int(m.Idx))+abi.VMMemoryBase))
	case compiler.OpMemLen:
		e.loadLen(false, m.Idx, gp(dst))
	case compiler.OpGlobalGet:
		e.loadValue(m.Type, width(m.Type), compiler.ExtNone, dst, e.globalSlot(m.Idx))
	case compiler.OpRefFunc:
		// The function's one VMFuncRef: its address is the funcref.
		if nImp := e.s.MI.NumImportedFuncs; m.Idx < nImp {
			a.Mov(S64, gp(dst), vm(l.ImportedFuncOffset(int(m.Idx))))
		} else {
			a.Lea(S64, gp(dst), vm(l.DefinedFuncOffset(int(m.Idx-nImp))))
		}
	}
}

func (e *emitter) globalSet(m *codegen.Inst, val regalloc.PReg) {
	if codegen.IsFloat(m.Type) {
		e.a.MovF(width(m.Type), e.globalSlot(m.Idx), xmm(val))
		return
	}
	// Scalars occupy 8 bytes: an i32 global's upper half stays zero.
	if m.Type == compiler.TypeI32 {
		e.a.Mov(S32, e.globalSlot(m.Idx), gp(val))
		return
	}
	e.a.Mov(S64, e.globalSlot(m.Idx), gp(val))
}

// exitToGo stores the operands of an codegen.Exit in Scratch and exits; the
// continuation reloads the vmctx and takes the result from Scratch[0].
// Its PC keys the exit's stack map.
func (e *emitter) exitToGo(i int, m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	scratch := func(k int) Mem { return Base(execCtx, int32(abi.ExecCtxScratch+8*k)) }
	for k, t := range m.ArgTypes {
		// Go reads 64-bit words: zero-extend i32 operands, and move float
		// operands (array.fill's value) bit for bit, an f32 zero-extended.
		switch t {
		case compiler.TypeF32, compiler.TypeF64:
			a.MovFromX(width(t), scratchGP, xmm(allocs[k]))
		default:
			e.zext(t, scratchGP, gp(allocs[k]))
		}
		a.Mov(S64, scratch(int(m.ArgSlots[k])), scratchGP)
	}
	for k, v := range m.Scratch {
		a.Mov(S64, scratchGP, Imm(int64(v)))
		a.Mov(S64, scratch(k), scratchGP)
	}
	e.exit(m.Exit)
	e.SafepointAt(i, a.Mark())
	e.reloadVMCtx()
	if m.Type != compiler.TypeNone {
		a.Mov(width(m.Type), RAX, scratch(0))
	}
}
