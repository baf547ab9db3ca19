package amd64

import (
	"math/bits"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// Emission of the GC operations (selected in codegen/isel_gc.go).
//
// A reference is a u32 heap offset zero-extended in its register (every
// producer writes it with a 32-bit operation or loads it from an 8-byte
// slot Go or generated code wrote zero-extended), so an object's bytes
// are addressed as [heap base + ref + offset] with the base loaded into
// the scratch register from the ExecContext at each access: the base never
// changes, but no register is reserved for it. Nothing derived from a
// reference — an address — is ever kept across an instruction, so a
// collection that moves the object can never leave a stale address
// behind.

// heapBase loads the GC heap's base address into the scratch register.
func (e *emitter) heapBase() Reg {
	e.a.Mov(S64, scratchGP, Base(execCtx, abi.ExecCtxGCHeapBase))
	return scratchGP
}

// object is the operand at offset off of the object ref (heapBase loaded).
func object(ref Reg, off int64) Mem { return BaseIndex(scratchGP, ref, 1, int32(off)) }

// gcInst emits an mGC codegen.Inst.
func (e *emitter) gcInst(i int, m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	switch m.Op {
	case compiler.OpNewStruct, compiler.OpNewArray:
		e.allocate(i, m, allocs)
	case compiler.OpArrayFillAll:
		e.fillAll(m, gp(allocs[0]), allocs[1], gp(allocs[2]))
	case compiler.OpStructGet:
		e.heapBase()
		e.loadValue(m.Type, Size(m.Size), m.Ext, allocs[1], object(gp(allocs[0]), m.Imm))
	case compiler.OpStructSet:
		e.heapBase()
		e.storeValue(m.Type, Size(m.Size), object(gp(allocs[0]), m.Imm), allocs[1])
	case compiler.OpArrayLen:
		e.heapBase()
		a.Mov(S32, gp(allocs[1]), object(gp(allocs[0]), abi.ArrayLenOffset))
	case compiler.OpArrayBoundsCheck:
		trap := e.trapStub(m.Trap, m.Offset)
		e.heapBase()
		length := object(gp(allocs[0]), abi.ArrayLenOffset)
		if m.HasImm {
			a.ALU(Cmp, S32, length, Imm(m.Imm))
			a.Jcc(BE, trap)
			return
		}
		a.ALU(Cmp, S32, gp(allocs[1]), length)
		a.Jcc(AE, trap)
	case compiler.OpArrayGet:
		elem := e.element(m, allocs)
		e.loadValue(m.Type, Size(m.Size), m.Ext, allocs[len(allocs)-1], elem)
	case compiler.OpArraySet:
		elem := e.element(m, allocs)
		e.storeValue(m.Type, Size(m.Size), elem, allocs[len(allocs)-1])
	case compiler.OpRefI31:
		x, dst := gp(allocs[0]), gp(allocs[1])
		a.Lea(S32, dst, BaseIndex(x, x, 1, abi.RefI31Tag)) // x<<1 | 1, truncated to 32 bits
	case compiler.OpI31Get:
		ref, dst := gp(allocs[0]), gp(allocs[1])
		a.Mov(S32, dst, ref)
		if m.Ext == compiler.ExtSign {
			a.Shift(Sar, S32, dst, Imm(1))
		} else {
			a.Shift(Shr, S32, dst, Imm(1))
		}
	case compiler.OpRefTest:
		ref, dst := gp(allocs[0]), gp(allocs[1])
		fail, done := a.NewLabel(), a.NewLabel()
		e.cast(m.Heap, m.Nullable, ref, fail)
		a.Mov(S32, dst, Imm(1))
		a.Jmp(done)
		a.Bind(fail)
		a.ALU(Xor, S32, dst, dst)
		a.Bind(done)
	case compiler.OpCastCheck:
		e.cast(m.Heap, m.Nullable, gp(allocs[0]), e.trapStub(m.Trap, m.Offset))
	}
}

// element is the operand of the element an OpArrayGet/OpArraySet reads
// or writes (allocs: array, then index and temporary unless the index is
// a constant folded into m.Imm).
func (e *emitter) element(m *codegen.Inst, allocs []regalloc.PReg) Mem {
	ref := gp(allocs[0])
	e.heapBase()
	if m.HasImm {
		return object(ref, m.Imm)
	}
	a := e.a
	idx, tmp := gp(allocs[1]), gp(allocs[2])
	a.ALU(Add, S64, scratchGP, ref)
	a.Mov(S32, tmp, idx) // zero-extends the i32 index
	return BaseIndex(scratchGP, tmp, m.Size, int32(m.Imm))
}

// fillAll stores val into every element of the array ref (array.new with a
// non-zero value; the array is fresh, so no collection can intervene).
func (e *emitter) fillAll(m *codegen.Inst, ref Reg, val regalloc.PReg, count Reg) {
	a := e.a
	loop, done := a.NewLabel(), a.NewLabel()
	e.heapBase()
	a.ALU(Add, S64, scratchGP, ref)
	a.Mov(S32, count, Base(scratchGP, abi.ArrayLenOffset))
	a.Test(S32, count, count)
	a.Jcc(E, done)
	a.ALU(Add, S64, scratchGP, Imm(m.Imm))
	a.Bind(loop)
	e.storeValue(m.Type, Size(m.Size), Base(scratchGP, 0), val)
	a.ALU(Add, S64, scratchGP, Imm(int64(m.Size)))
	a.ALU(Sub, S32, count, Imm(1))
	a.Jcc(NE, loop)
	a.Bind(done)
}

// allocate emits the inline allocation of a struct or array and its
// out-of-line slow path.
//
// The fast path, for an array of a run-time length L:
//
//	mov   t1d, Ld                 ; zero-extend
//	cmp   t1d, MaxLen             ; the one check, before any arithmetic
//	ja    too_large
//	shl   t1, log2(ElemSize)      ; 64-bit size arithmetic: no wrap
//	add   t1, ElemOffset+7
//	and   t1, -8
//	mov   t2, [r15+GCAllocPtr]
//	add   t1, t2                  ; the new object's end
//	cmp   t1, [r15+GCAllocLimit]
//	ja    slow
//	mov   [r15+GCAllocPtr], t1
//	mov   r11, [r15+GCHeapBase]
//	mov   dword [r11+t2], HEADER  ; abi.HeaderWord, an immediate
//	mov   t1d, [r14+typeid]       ; canonical id from the vmctx
//	mov   [r11+t2+4], t1d
//	mov   [r11+t2+8], Ld
//	resume: mov dst, t2
//
// A struct, or an array of constant length, has a constant size: the end
// is one lea, and no length check or shift is needed. The space is
// already zero (abi), so nothing else is written. The slow path saves
// every register, exits with ExitGCAlloc (a safepoint: the collector may
// run and move every object; the stack map keyed by its continuation
// lists the live references, all in their frame slots), restores the
// registers and takes the new reference from Scratch[0].
func (e *emitter) allocate(i int, m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	l := e.s.MI.GCType(m.Idx)
	isArray := m.Op == compiler.OpNewArray
	var length Reg
	ops := allocs
	if isArray && !m.HasImm {
		length, ops = gp(allocs[0]), allocs[1:]
	}
	t1, t2, dst := gp(ops[0]), gp(ops[1]), gp(ops[2])
	slow, resume := a.NewLabel(), a.NewLabel()
	const alloc = abi.ExecCtxGCAllocPtr
	var size uint64
	switch {
	case !isArray:
		size = uint64(l.Struct.Size)
	case m.HasImm:
		size, _ = uint64Size(l.Array, uint32(m.Imm))
	default:
		al := l.Array
		a.Mov(S32, t1, length)
		a.ALU(Cmp, S32, t1, Imm(al.MaxLen))
		a.Jcc(A, e.trapStub(m.Trap, m.Offset))
		if shift := bits.TrailingZeros32(al.ElemSize); shift > 0 {
			a.Shift(Shl, S64, t1, Imm(shift))
		}
		a.ALU(Add, S64, t1, Imm(al.ElemOffset+abi.ObjectAlign-1))
		a.ALU(And, S64, t1, Imm(-abi.ObjectAlign))
		a.Mov(S64, t2, Base(execCtx, alloc))
		a.ALU(Add, S64, t1, t2)
	}
	if !isArray || m.HasImm {
		a.Mov(S64, t2, Base(execCtx, alloc))
		a.Lea(S64, t1, Base(t2, int32(size)))
	}
	a.ALU(Cmp, S64, t1, Base(execCtx, abi.ExecCtxGCAllocLimit))
	a.Jcc(A, slow)
	a.Mov(S64, Base(execCtx, alloc), t1)
	e.heapBase()
	word := codegen.StructHeaderWord
	if isArray {
		word = codegen.ArrayHeaderWord
	}
	a.Mov(S32, object(t2, abi.HeaderKindOffset), Imm(word))
	a.Mov(S32, t1, vm(e.s.Layout.TypeIDOffset(int(m.Idx))))
	a.Mov(S32, object(t2, abi.HeaderTypeOffset), t1)
	switch {
	case isArray && m.HasImm:
		a.Mov(S32, object(t2, abi.ArrayLenOffset), Imm(m.Imm))
	case isArray:
		a.Mov(S32, object(t2, abi.ArrayLenOffset), length)
	}
	a.Bind(resume)
	a.Mov(S64, dst, t2)

	e.Cold(func() {
		scratch := func(k int) Mem { return Base(execCtx, int32(abi.ExecCtxScratch+8*k)) }
		a.Bind(slow)
		e.saveRegs()
		a.Mov(S32, scratchGP, vm(e.s.Layout.TypeIDOffset(int(m.Idx))))
		a.Mov(S64, scratch(0), scratchGP)
		switch {
		case !isArray:
			a.Mov(S64, scratch(1), Imm(0))
		case m.HasImm:
			a.Mov(S64, scratch(1), Imm(m.Imm))
		default:
			a.Mov(S32, scratchGP, length)
			a.Mov(S64, scratch(1), scratchGP)
		}
		e.exit(abi.ExitGCAlloc)
		e.SafepointAt(i, a.Mark())
		e.reloadVMCtx()
		e.restoreRegs()
		a.Mov(S32, t2, scratch(0)) // the reference, zero-extended
		a.Jmp(resume)
	})
}

// uint64Size is the object size of an array of n elements of layout l,
// which the selector has checked n allows.
func uint64Size(l abi.ArrayLayout, n uint32) (uint64, bool) {
	size, ok := l.Size(n)
	return uint64(size), ok
}

// cast falls through when ref matches the target type (ref null? h) and
// jumps to fail otherwise. The hierarchy follows from h (see
// compiler.HierarchyOf); only the scratch register is written.
//
// Abstract targets of the any hierarchy are decided by the reference's tag
// bits and, for struct and array, the header's kind bits (a subtype
// bitset: kind k is a subtype of s iff k&s == s). An i31 is tagged by bit
// 0 alone; bit 1 set with bit 0 clear is a host value (an externref
// converted with any.convert_extern), which is neither eq nor i31.
// Concrete targets compare canonical type ids (subtype).
func (e *emitter) cast(h wasm.HeapType, nullable bool, ref Reg, fail Label) {
	a := e.a
	succ := a.NewLabel()
	defer a.Bind(succ)
	a.Test(S64, ref, ref)
	if nullable {
		a.Jcc(E, succ)
	} else {
		a.Jcc(E, fail)
	}
	switch h {
	case wasm.HeapAny, wasm.HeapFunc, wasm.HeapExtern:
		return // every non-null reference
	case wasm.HeapNone, wasm.HeapNoFunc, wasm.HeapNoExtern:
		a.Jmp(fail) // only null
		return
	case wasm.HeapI31:
		a.Test(S8, ref, Imm(abi.RefI31Tag))
		a.Jcc(E, fail)
		return
	case wasm.HeapEq:
		a.Test(S8, ref, Imm(abi.RefI31Tag))
		a.Jcc(NE, succ)
		a.Test(S8, ref, Imm(abi.RefHostTag))
		a.Jcc(NE, fail)
		return
	}
	if e.s.MI.HierarchyOf(h) == compiler.HierFunc {
		a.Mov(S32, scratchGP, Base(ref, abi.VMFuncRefTypeID))
		e.subtype(h.Index(), succ, fail)
		return
	}
	a.Test(S8, ref, Imm(abi.RefTagMask)) // i31 or host value: not an object
	a.Jcc(NE, fail)
	e.heapBase()
	switch h {
	case wasm.HeapStruct, wasm.HeapArray:
		k := uint32(abi.KindStruct) << abi.KindShift
		if h == wasm.HeapArray {
			k = uint32(abi.KindArray) << abi.KindShift
		}
		a.Mov(S32, scratchGP, object(ref, abi.HeaderKindOffset))
		a.ALU(And, S32, scratchGP, Imm(k))
		a.ALU(Cmp, S32, scratchGP, Imm(k))
		a.Jcc(NE, fail)
		return
	}
	a.Mov(S32, scratchGP, object(ref, abi.HeaderTypeOffset))
	e.subtype(h.Index(), succ, fail)
}

// typeInfoShift is log2(abi.VMTypeInfoSize); the array index below fails
// to compile if the two disagree.
const typeInfoShift = 6

var _ = [1]int{}[abi.VMTypeInfoSize-1<<typeInfoShift]

// subtype falls through (or jumps to succ) when the canonical type id in
// the scratch register is a subtype of type index u, and jumps to fail
// otherwise. u's id comes from the vmctx; its depth d and finality from
// the module:
//
//	final u:          cmp r11d, [r14+id(u)]; jne fail
//	d < VMDisplayLen: shl r11, 6; add r11, [r15+TypeTable];
//	                  mov r11d, [r11+Display+4d]; cmp r11d, [r14+id(u)]; jne fail
//	deeper:           follow Super links from the type until u or none.
//
// The display of a type holds NoTypeID beyond its own depth, so the one
// compare also rejects types shallower than u.
func (e *emitter) subtype(u uint32, succ, fail Label) {
	a := e.a
	want := vm(e.s.Layout.TypeIDOffset(int(u)))
	t := e.s.MI.GCType(u)
	entry := func(off int32) {
		a.Shift(Shl, S64, scratchGP, Imm(typeInfoShift))
		a.ALU(Add, S64, scratchGP, Base(execCtx, abi.ExecCtxTypeTable))
		a.Mov(S32, scratchGP, Base(scratchGP, off))
	}
	switch {
	case t.Final:
	case t.Depth < abi.VMDisplayLen:
		entry(int32(abi.VMTypeInfoDisplay + 4*t.Depth))
	default:
		loop := a.NewLabel()
		a.Bind(loop)
		a.ALU(Cmp, S32, scratchGP, want)
		a.Jcc(E, succ)
		entry(abi.VMTypeInfoSuper)
		a.ALU(Cmp, S32, scratchGP, Imm(abi.NoTypeID))
		a.Jcc(NE, loop)
		a.Jmp(fail)
		return
	}
	a.ALU(Cmp, S32, scratchGP, want)
	a.Jcc(NE, fail)
}
