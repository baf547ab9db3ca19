package arm64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// Emission of the vmctx operations (selected by codegen, isel_vm.go
// there). Every offset into the vmctx comes from the module's
// abi.VMLayout. A memory's base and current length are register operands
// (codegen.Machine.MemRegs: the compiler decides where they are loaded
// and when a length must be reloaded); a table's length is loaded afresh
// from its definition record at every check, since a grow (in Go, or in
// another instance sharing it) may have changed it. Offsets too large for
// an addressing mode are materialized in X16 by the assembler, which is
// why no sequence here keeps a value in X16 across a vmctx access.

// vm is the operand at offset off of the vmctx.
func vm(off int) Mem { return Base(vmctxReg, int64(off)) }

// loadLen loads the current length of memory (table false) or table i
// into dst.
func (e *emitter) loadLen(table bool, i uint32, dst Reg) {
	l := e.s.Layout
	if table {
		e.a.Load(S64, dst, vm(l.TableOffset(int(i))+abi.VMTableDefPtr))
		e.a.Load(S64, dst, Base(dst, abi.VMTableDefLen))
		return
	}
	e.a.Load(S64, dst, vm(l.MemoryOffset(int(i))+abi.VMMemoryDefPtr))
	e.a.Load(S64, dst, Base(dst, abi.VMMemoryDefLen))
}

// indexExt is how an address or index of type t extends in a
// register-offset operand: an i32's upper half is not relied on.
func indexExt(t compiler.Type) IndexExt {
	if t == compiler.TypeI32 {
		return IndexUXTW
	}
	return IndexLSL
}

// zext puts the zero-extended address or index x of type t in dst and
// returns dst.
func (e *emitter) zext(t compiler.Type, dst, x Reg) Reg {
	e.a.Mov(width(t), dst, x)
	return dst
}

// vmInst emits the vmctx Insts; it reports false for other kinds.
func (e *emitter) vmInst(i int, m *codegen.Inst, allocs []regalloc.PReg) bool {
	a := e.a
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
		a.Load(S64, scratchGP, vm(e.s.Layout.TableOffset(int(m.Idx))+abi.VMTableBase))
		a.Load(S64, gp(allocs[1]), BaseIndex(scratchGP, gp(allocs[0]), indexExt(m.AddrType), true))
	case codegen.TableSet:
		a.Load(S64, scratchGP, vm(e.s.Layout.TableOffset(int(m.Idx))+abi.VMTableBase))
		a.Store(S64, gp(allocs[1]), BaseIndex(scratchGP, gp(allocs[0]), indexExt(m.AddrType), true))
	case codegen.RefIsNull:
		a.Cmp(S64, gp(allocs[0]), Imm(0))
		a.CSet(gp(allocs[1]), EQ)
	case codegen.RefEq:
		a.Cmp(S64, gp(allocs[0]), gp(allocs[1]))
		a.CSet(gp(allocs[2]), EQ)
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

// boundsCheck traps unless zext(addr) + extent <= length (the memory's
// current byte length, a register operand: codegen.Machine.MemRegs), the
// extent being the static offset plus the access size (saturated). For a
// 32-bit address the sum, formed in X15 from the zero-extended address,
// is below 2^33 and cannot wrap. A 64-bit address could, so length -
// extent is formed instead (a borrow means no address fits).
func (e *emitter) boundsCheck(m *codegen.Inst, addr, length Reg) {
	a := e.a
	trap := e.trapStub(m.Trap, m.Offset)
	extent := int64(m.Imm)
	if m.AddrType == compiler.TypeI32 {
		a.Mov(S32, scratchGP, addr)
		if extent != 0 {
			a.ALU(Add, S64, scratchGP, scratchGP, Imm(extent))
		}
		a.Cmp(S64, scratchGP, length)
		a.BCond(HI, trap)
		return
	}
	limit := length
	if extent != 0 {
		limit = scratchGP
		a.ALU(Subs, S64, limit, length, Imm(extent))
		a.BCond(LO, trap)
	}
	a.Cmp(S64, addr, limit)
	a.BCond(HI, trap)
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
	a.Cmp(S64, index, length)
	a.BCond(HS, trap)
}

// memAccess emits a load (into val) or store (of val) at base + zext(addr)
// + offset, base being the memory's base in a register. The bounds check
// before it guarantees addr + offset is inside the memory, so the static
// offset is simply added to the base (in X15).
func (e *emitter) memAccess(m *codegen.Inst, base Reg, val regalloc.PReg, addr Reg) {
	if off := int64(m.Imm); off != 0 {
		e.a.ALU(Add, S64, scratchGP, base, Imm(off))
		base = scratchGP
	}
	mem := BaseIndex(base, addr, indexExt(m.AddrType), false)
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
		e.a.FLoad(width(t), vreg(dst), src)
	case ext == compiler.ExtSign:
		e.a.LoadSigned(size, width(t), gp(dst), src)
	default:
		e.a.Load(size, gp(dst), src) // ldrb, ldrh and ldr w zero-extend
	}
}

// storeValue stores the low size bytes of src (of type t).
func (e *emitter) storeValue(t compiler.Type, size Size, dst Mem, src regalloc.PReg) {
	if codegen.IsFloat(t) {
		e.a.FStore(width(t), vreg(src), dst)
		return
	}
	e.a.Store(size, gp(src), dst)
}

// globalSlot returns the operand of global i's value: inline in the vmctx,
// or in the cell a shared global's slot points to (loaded into X15).
func (e *emitter) globalSlot(i uint32) Mem {
	l := e.s.Layout
	off := vm(l.GlobalOffset(int(i)))
	if !l.GlobalShared(int(i)) {
		return off
	}
	e.a.Load(S64, scratchGP, off)
	return Base(scratchGP, 0)
}

func (e *emitter) vmRead(m *codegen.Inst, dst regalloc.PReg) {
	a, l := e.a, e.s.Layout
	switch m.Op {
	case compiler.OpMemorySize:
		e.loadLen(false, m.Idx, gp(dst))
		a.Shift(Lsr, S64, gp(dst), gp(dst), Imm(16)) // 64 KiB pages
	case compiler.OpTableSize:
		e.loadLen(true, m.Idx, gp(dst))
	case compiler.OpMemBase:
		a.Load(S64, gp(dst), vm(l.MemoryOffset(int(m.Idx))+abi.VMMemoryBase))
	case compiler.OpMemLen:
		e.loadLen(false, m.Idx, gp(dst))
	case compiler.OpGlobalGet:
		e.loadValue(m.Type, width(m.Type), compiler.ExtNone, dst, e.globalSlot(m.Idx))
	case compiler.OpRefFunc:
		// The function's one VMFuncRef: its address is the funcref.
		if nImp := e.s.MI.NumImportedFuncs; m.Idx < nImp {
			a.Load(S64, gp(dst), vm(l.ImportedFuncOffset(int(m.Idx))))
		} else {
			a.ALU(Add, S64, gp(dst), vmctxReg, Imm(int64(l.DefinedFuncOffset(int(m.Idx-nImp)))))
		}
	}
}

func (e *emitter) globalSet(m *codegen.Inst, val regalloc.PReg) {
	if codegen.IsFloat(m.Type) {
		e.a.FStore(width(m.Type), vreg(val), e.globalSlot(m.Idx))
		return
	}
	// Scalars occupy 8 bytes: an i32 global's upper half stays zero.
	e.a.Store(width(m.Type), gp(val), e.globalSlot(m.Idx))
}

// exitToGo stores the operands of an Exit in Scratch and exits; the
// continuation reloads the vmctx and takes the result from Scratch[0].
// Its PC keys the exit's stack map.
func (e *emitter) exitToGo(i int, m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	scratch := func(k int) Mem { return Base(Ctx, int64(abi.ExecCtxScratch+8*k)) }
	for k, t := range m.ArgTypes {
		// Go reads 64-bit words: zero-extend i32 operands, and move float
		// operands (array.fill's value) bit for bit, an f32 zero-extended.
		switch t {
		case compiler.TypeF32, compiler.TypeF64:
			a.FMovToGP(width(t), scratchGP, vreg(allocs[k]))
			a.Store(S64, scratchGP, scratch(int(m.ArgSlots[k])))
		default:
			a.Store(S64, e.zext(t, scratchGP, gp(allocs[k])), scratch(int(m.ArgSlots[k])))
		}
	}
	for k, v := range m.Scratch {
		a.MovImm(S64, scratchGP, int64(v))
		a.Store(S64, scratchGP, scratch(k))
	}
	e.exit(m.Exit)
	e.SafepointAt(i, a.Mark())
	e.reloadVMCtx()
	if m.Type != compiler.TypeNone {
		a.Load(width(m.Type), X0, scratch(0))
	}
}
