package arm64

import (
	"math/bits"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// Emission of the GC operations (selected in codegen/isel_gc.go), with
// backend/amd64's design (lower_gc.go there): a reference is a u32 heap
// offset, an object's bytes are addressed from the heap base, loaded into
// X15 from the ExecContext at each access, and nothing derived from a
// reference — an address — is kept across an instruction, so a collection
// that moves the object can never leave a stale address behind.
//
// arm64 has no [base + index + offset] mode: an access adds the offset to
// the base (X15) and indexes it with the reference's low 32 bits (uxtw),
// which does not rely on the reference's upper half being zero.

// The tag tests below use tbz/tbnz: each tag must be a single bit.
var _ = [1]int{}[abi.RefI31Tag&(abi.RefI31Tag-1)|abi.RefHostTag&(abi.RefHostTag-1)]

var (
	i31Bit  = uint8(bits.TrailingZeros(abi.RefI31Tag))
	hostBit = uint8(bits.TrailingZeros(abi.RefHostTag))
)

// object puts the heap base plus off in X15 and returns the operand of
// that offset into the object ref.
func (e *emitter) object(ref Reg, off int64) Mem {
	a := e.a
	a.Load(S64, scratchGP, Base(Ctx, abi.ExecCtxGCHeapBase))
	if off != 0 {
		a.ALU(Add, S64, scratchGP, scratchGP, Imm(off))
	}
	return BaseIndex(scratchGP, ref, IndexUXTW, false)
}

// gcInst emits a codegen.GC Inst.
func (e *emitter) gcInst(i int, m *codegen.Inst, allocs []regalloc.PReg) {
	a := e.a
	switch m.Op {
	case compiler.OpNewStruct, compiler.OpNewArray:
		e.allocate(i, m, allocs)
	case compiler.OpArrayFillAll:
		e.fillAll(m, gp(allocs[0]), allocs[1], gp(allocs[2]))
	case compiler.OpStructGet:
		e.loadValue(m.Type, Size(m.Size), m.Ext, allocs[1], e.object(gp(allocs[0]), m.Imm))
	case compiler.OpStructSet:
		e.storeValue(m.Type, Size(m.Size), e.object(gp(allocs[0]), m.Imm), allocs[1])
	case compiler.OpArrayLen:
		a.Load(S32, gp(allocs[1]), e.object(gp(allocs[0]), abi.ArrayLenOffset))
	case compiler.OpArrayBoundsCheck:
		trap := e.trapStub(m.Trap, m.Offset)
		a.Load(S32, scratchGP, e.object(gp(allocs[0]), abi.ArrayLenOffset))
		if m.HasImm {
			a.Cmp(S32, scratchGP, Imm(m.Imm))
			a.BCond(LS, trap) // length <= index
			return
		}
		a.Cmp(S32, gp(allocs[1]), scratchGP)
		a.BCond(HS, trap)
	case compiler.OpArrayGet:
		elem := e.element(m, allocs)
		e.loadValue(m.Type, Size(m.Size), m.Ext, allocs[len(allocs)-1], elem)
	case compiler.OpArraySet:
		elem := e.element(m, allocs)
		e.storeValue(m.Type, Size(m.Size), elem, allocs[len(allocs)-1])
	case compiler.OpRefI31:
		x, dst := gp(allocs[0]), gp(allocs[1])
		a.Shift(Lsl, S32, dst, x, Imm(1)) // x<<1 | 1, truncated to 32 bits
		a.ALU(Orr, S32, dst, dst, Imm(abi.RefI31Tag))
	case compiler.OpI31Get:
		ref, dst := gp(allocs[0]), gp(allocs[1])
		if m.Ext == compiler.ExtSign {
			a.Shift(Asr, S32, dst, ref, Imm(1))
		} else {
			a.Shift(Lsr, S32, dst, ref, Imm(1))
		}
	case compiler.OpRefTest:
		ref, dst := gp(allocs[0]), gp(allocs[1])
		fail, done := a.NewLabel(), a.NewLabel()
		e.cast(m.Heap, m.Nullable, ref, fail)
		a.MovImm(S32, dst, 1)
		a.B(done)
		a.Bind(fail)
		a.MovImm(S32, dst, 0)
		a.Bind(done)
	case compiler.OpCastCheck:
		e.cast(m.Heap, m.Nullable, gp(allocs[0]), e.trapStub(m.Trap, m.Offset))
	default:
		a.failf("no GC lowering for %v", m.Op)
	}
}

// element is the operand of the element an OpArrayGet/OpArraySet reads
// or writes (allocs: array, then index and temporary unless the index is
// a constant folded into m.Imm): the base plus the element offset plus
// the zero-extended reference in X15, indexed by the zero-extended index
// scaled by the element size, which is the access size.
func (e *emitter) element(m *codegen.Inst, allocs []regalloc.PReg) Mem {
	ref := gp(allocs[0])
	if m.HasImm {
		return e.object(ref, m.Imm)
	}
	a := e.a
	idx, tmp := gp(allocs[1]), gp(allocs[2])
	e.object(ref, m.Imm)
	a.Mov(S32, tmp, ref) // zero-extends the reference
	a.ALU(Add, S64, scratchGP, scratchGP, tmp)
	return BaseIndex(scratchGP, idx, IndexUXTW, true)
}

// fillAll stores val into every element of the array ref (array.new with a
// non-zero value; the array is fresh, so no collection can intervene).
func (e *emitter) fillAll(m *codegen.Inst, ref Reg, val regalloc.PReg, count Reg) {
	a := e.a
	loop, done := a.NewLabel(), a.NewLabel()
	a.Load(S64, scratchGP, Base(Ctx, abi.ExecCtxGCHeapBase))
	a.Mov(S32, count, ref) // zero-extends the reference
	a.ALU(Add, S64, scratchGP, scratchGP, count)
	a.Load(S32, count, Base(scratchGP, abi.ArrayLenOffset))
	a.Cbz(S32, count, done)
	a.ALU(Add, S64, scratchGP, scratchGP, Imm(m.Imm))
	a.Bind(loop)
	e.storeValue(m.Type, Size(m.Size), Base(scratchGP, 0), val)
	a.ALU(Add, S64, scratchGP, scratchGP, Imm(int64(m.Size)))
	a.ALU(Subs, S32, count, count, Imm(1))
	a.BCond(NE, loop)
	a.Bind(done)
}

// allocate emits the inline allocation of a struct or array and its
// out-of-line slow path.
//
// The fast path, for an array of a run-time length L:
//
//	mov   w_t1, w_L               ; zero-extend
//	cmp   w_t1, #MaxLen           ; the one check, before any arithmetic
//	b.hi  too_large
//	lsl   x_t1, x_t1, #log2(ElemSize)  ; 64-bit size arithmetic: no wrap
//	add   x_t1, x_t1, #ElemOffset+7
//	and   x_t1, x_t1, #-8
//	ldr   x_t2, [x19, #GCAllocPtr]
//	add   x_t1, x_t1, x_t2        ; the new object's end
//	ldr   x16, [x19, #GCAllocLimit]
//	cmp   x_t1, x16
//	b.hi  slow
//	str   x_t1, [x19, #GCAllocPtr]
//	ldr   x15, [x19, #GCHeapBase]
//	add   x15, x15, x_t2          ; the new object
//	mov   w16, #HEADER            ; abi.HeaderWord, an immediate
//	str   w16, [x15]
//	ldr   w16, [x20, #typeid]     ; canonical id from the vmctx
//	str   w16, [x15, #4]
//	str   w_L, [x15, #8]
//	resume: mov x_dst, x_t2
//
// A struct, or an array of constant length, has a constant size: the end
// is one add, and no length check or shift is needed. The space is
// already zero (abi), so nothing else is written. The slow path saves
// every register, exits with ExitGCAlloc (a safepoint: the collector may
// run and move every object; the stack map keyed by its continuation
// lists the live references, all in their frame slots), restores the
// registers and takes the new reference from Scratch[0]. dst is written
// last: it may share a register with the length.
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
	allocPtr := Base(Ctx, abi.ExecCtxGCAllocPtr)
	switch {
	case isArray && !m.HasImm:
		al := l.Array
		a.Mov(S32, t1, length)
		a.Cmp(S32, t1, Imm(al.MaxLen))
		a.BCond(HI, e.trapStub(m.Trap, m.Offset))
		if shift := bits.TrailingZeros32(al.ElemSize); shift > 0 {
			a.Shift(Lsl, S64, t1, t1, Imm(shift))
		}
		a.ALU(Add, S64, t1, t1, Imm(int64(al.ElemOffset)+abi.ObjectAlign-1))
		a.ALU(And, S64, t1, t1, Imm(-abi.ObjectAlign))
		a.Load(S64, t2, allocPtr)
		a.ALU(Add, S64, t1, t1, t2)
	default:
		var size uint64
		if isArray {
			n, _ := l.Array.Size(uint32(m.Imm)) // the selector checked n <= MaxLen
			size = uint64(n)
		} else {
			size = uint64(l.Struct.Size)
		}
		a.Load(S64, t2, allocPtr)
		a.ALU(Add, S64, t1, t2, Imm(int64(size)))
	}
	a.Load(S64, Scratch, Base(Ctx, abi.ExecCtxGCAllocLimit))
	a.Cmp(S64, t1, Scratch)
	a.BCond(HI, slow)
	a.Store(S64, t1, allocPtr)
	a.Load(S64, scratchGP, Base(Ctx, abi.ExecCtxGCHeapBase))
	a.ALU(Add, S64, scratchGP, scratchGP, t2)
	word := codegen.StructHeaderWord
	if isArray {
		word = codegen.ArrayHeaderWord
	}
	a.MovImm(S32, Scratch, int64(word))
	a.Store(S32, Scratch, Base(scratchGP, abi.HeaderKindOffset))
	a.Load(S32, Scratch, vm(e.s.Layout.TypeIDOffset(int(m.Idx))))
	a.Store(S32, Scratch, Base(scratchGP, abi.HeaderTypeOffset))
	switch {
	case isArray && m.HasImm:
		a.MovImm(S32, Scratch, m.Imm)
		a.Store(S32, Scratch, Base(scratchGP, abi.ArrayLenOffset))
	case isArray:
		a.Store(S32, length, Base(scratchGP, abi.ArrayLenOffset))
	}
	a.Bind(resume)
	a.Mov(S64, dst, t2)

	e.Cold(func() {
		scratch := func(k int) Mem { return Base(Ctx, int64(abi.ExecCtxScratch+8*k)) }
		a.Bind(slow)
		e.saveRegs()
		a.Load(S32, scratchGP, vm(e.s.Layout.TypeIDOffset(int(m.Idx))))
		a.Store(S64, scratchGP, scratch(0))
		switch {
		case !isArray:
			a.Store(S64, ZR, scratch(1))
		case m.HasImm:
			a.MovImm(S64, scratchGP, m.Imm)
			a.Store(S64, scratchGP, scratch(1))
		default:
			a.Mov(S32, scratchGP, length)
			a.Store(S64, scratchGP, scratch(1))
		}
		e.exit(abi.ExitGCAlloc)
		e.SafepointAt(i, a.Mark())
		e.reloadVMCtx()
		e.restoreRegs()
		a.Load(S32, t2, scratch(0)) // the reference, zero-extended
		a.B(resume)
	})
}

// cast falls through when ref matches the target type (ref null? h) and
// jumps to fail otherwise, with amd64's tests (cast in lower_gc.go there):
// tag bits and header kind bits for abstract targets, canonical type ids
// for concrete ones. Only X15 and X16 are written.
func (e *emitter) cast(h wasm.HeapType, nullable bool, ref Reg, fail Label) {
	a := e.a
	succ := a.NewLabel()
	defer a.Bind(succ)
	if nullable {
		a.Cbz(S64, ref, succ)
	} else {
		a.Cbz(S64, ref, fail)
	}
	switch h {
	case wasm.HeapAny, wasm.HeapFunc, wasm.HeapExtern:
		return // every non-null reference
	case wasm.HeapNone, wasm.HeapNoFunc, wasm.HeapNoExtern:
		a.B(fail) // only null
		return
	case wasm.HeapI31:
		a.Tbz(ref, i31Bit, fail)
		return
	case wasm.HeapEq:
		a.Tbnz(ref, i31Bit, succ)
		a.Tbnz(ref, hostBit, fail)
		return
	}
	if e.s.MI.HierarchyOf(h) == compiler.HierFunc {
		a.Load(S32, scratchGP, Base(ref, abi.VMFuncRefTypeID))
		e.subtype(h.Index(), succ, fail)
		return
	}
	a.Tst(S64, ref, Imm(abi.RefTagMask)) // i31 or host value: not an object
	a.BCond(NE, fail)
	switch h {
	case wasm.HeapStruct, wasm.HeapArray:
		k := int64(abi.KindStruct) << abi.KindShift
		if h == wasm.HeapArray {
			k = int64(abi.KindArray) << abi.KindShift
		}
		a.Load(S32, scratchGP, e.object(ref, abi.HeaderKindOffset))
		a.ALU(And, S32, scratchGP, scratchGP, Imm(k))
		a.Cmp(S32, scratchGP, Imm(k))
		a.BCond(NE, fail)
		return
	}
	a.Load(S32, scratchGP, e.object(ref, abi.HeaderTypeOffset))
	e.subtype(h.Index(), succ, fail)
}

// typeInfoShift is log2(abi.VMTypeInfoSize); the array index below fails
// to compile if the two disagree.
const typeInfoShift = 6

var _ = [1]int{}[abi.VMTypeInfoSize-1<<typeInfoShift]

// subtype falls through (or branches to succ) when the canonical type id
// in X15 is a subtype of type index u, and branches to fail otherwise.
// u's id comes from the vmctx; its depth d and finality from the module:
//
//	final u:          ldr w16, [x20, #id(u)]; cmp w15, w16; b.ne fail
//	d < VMDisplayLen: ldr x16, [x19, #TypeTable]; add x15, x16, x15, lsl #6
//	                  ldr w15, [x15, #Display+4d]; then as for final u
//	deeper:           follow Super links from the type until u or none.
//
// The display of a type holds NoTypeID beyond its own depth, so the one
// compare also rejects types shallower than u.
func (e *emitter) subtype(u uint32, succ, fail Label) {
	a := e.a
	want := vm(e.s.Layout.TypeIDOffset(int(u)))
	t := e.s.MI.GCType(u)
	entry := func(off int64) {
		a.Shift(Lsl, S64, scratchGP, scratchGP, Imm(typeInfoShift))
		a.Load(S64, Scratch, Base(Ctx, abi.ExecCtxTypeTable))
		a.ALU(Add, S64, scratchGP, scratchGP, Scratch)
		a.Load(S32, scratchGP, Base(scratchGP, off))
	}
	switch {
	case t.Final:
	case t.Depth < abi.VMDisplayLen:
		entry(int64(abi.VMTypeInfoDisplay + 4*t.Depth))
	default:
		loop := a.NewLabel()
		a.Bind(loop)
		a.Load(S32, Scratch, want)
		a.Cmp(S32, scratchGP, Scratch)
		a.BCond(EQ, succ)
		entry(abi.VMTypeInfoSuper)
		a.Cmp(S32, scratchGP, Imm(abi.NoTypeID))
		a.BCond(NE, loop)
		a.B(fail)
		return
	}
	a.Load(S32, Scratch, want)
	a.Cmp(S32, scratchGP, Scratch)
	a.BCond(NE, fail)
}
