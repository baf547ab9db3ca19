package amd64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
)

// gcPatterns are the instruction forms the GC lowering (lower_gc.go) emits
// that the other pattern lists do not already cover: object accesses
// through [heap base + reference + offset], the allocation sequence's
// size arithmetic, compares and header stores, the i31 forms, and the tag
// and type-record tests of casts.
func gcPatterns() []roundTrip {
	heapBase := Base(execCtx, abi.ExecCtxGCHeapBase)
	obj := func(ref Reg, off int32) Mem { return BaseIndex(scratchGP, ref, 1, off) }
	return []roundTrip{
		rt("gc heap base", func(a *Assembler) { a.Mov(S64, scratchGP, heapBase) }, "mov 0xa0(%r15),%r11"),
		rt("gc load field32", func(a *Assembler) { a.Mov(S32, RAX, obj(RCX, 8)) }, "mov 0x8(%r11,%rcx),%eax"),
		rt("gc load field64", func(a *Assembler) { a.Mov(S64, R12, obj(R13, 16)) }, "mov 0x10(%r11,%r13),%r12"),
		rt("gc load field i8s", func(a *Assembler) { a.MovSX(S8, S32, RSI, obj(RDI, 9)) }, "movsbl 0x9(%r11,%rdi),%esi"),
		rt("gc load field i16u", func(a *Assembler) { a.MovZX(S16, S32, RDX, obj(RAX, 10)) }, "movzwl 0xa(%r11,%rax),%edx"),
		rt("gc load field f32", func(a *Assembler) { a.MovF(S32, X3, obj(RBX, 12)) }, "movss 0xc(%r11,%rbx),%xmm3"),
		rt("gc store field f64", func(a *Assembler) { a.MovF(S64, obj(R10, 16), X9) }, "movsd %xmm9,0x10(%r11,%r10)"),
		rt("gc store field i8", func(a *Assembler) { a.Mov(S8, obj(RAX, 8), RSI) }, "mov %sil,0x8(%r11,%rax)"),
		rt("gc store field i16", func(a *Assembler) { a.Mov(S16, obj(RAX, 10), RCX) }, "mov %cx,0xa(%r11,%rax)"),
		rt("gc element index", func(a *Assembler) { a.Mov(S64, RAX, BaseIndex(scratchGP, R12, 8, 16)) }, "mov 0x10(%r11,%r12,8),%rax"),
		rt("gc element f32", func(a *Assembler) { a.MovF(S32, BaseIndex(scratchGP, RCX, 4, 12), X0) }, "movss %xmm0,0xc(%r11,%rcx,4)"),
		rt("gc add ref to base", func(a *Assembler) { a.ALU(Add, S64, scratchGP, R13) }, "add %r13,%r11"),
		rt("gc array len", func(a *Assembler) { a.Mov(S32, RDX, obj(R8, abi.ArrayLenOffset)) }, "mov 0x8(%r11,%r8),%edx"),
		rt("gc bounds check", func(a *Assembler) { a.ALU(Cmp, S32, RBX, obj(R10, abi.ArrayLenOffset)) }, "cmp 0x8(%r11,%r10),%ebx"),
		rt("gc bounds check const", func(a *Assembler) { a.ALU(Cmp, S32, obj(R10, abi.ArrayLenOffset), Imm(5)) }, "cmpl $0x5,0x8(%r11,%r10)"),
		rt("gc fill step", func(a *Assembler) { a.ALU(Sub, S32, R13, Imm(1)) }, "sub $0x1,%r13d"),

		rt("gc maxlen compare", func(a *Assembler) { a.ALU(Cmp, S32, R10, Imm(abi.LayoutArray(abi.StorageI32).MaxLen)) }, "cmp $0xffffffd,%r10d"),
		rt("gc size shift", func(a *Assembler) { a.Shift(Shl, S64, R10, Imm(3)) }, "shl $0x3,%r10"),
		rt("gc size round", func(a *Assembler) { a.ALU(And, S64, R10, Imm(-abi.ObjectAlign)) }, "and $-0x8,%r10"),
		rt("gc alloc ptr", func(a *Assembler) { a.Mov(S64, R12, Base(execCtx, abi.ExecCtxGCAllocPtr)) }, "mov 0xa8(%r15),%r12"),
		rt("gc alloc end", func(a *Assembler) { a.Lea(S64, R10, Base(R12, 24)) }, "lea 0x18(%r12,%riz),%r10"),
		rt("gc alloc limit", func(a *Assembler) { a.ALU(Cmp, S64, R10, Base(execCtx, abi.ExecCtxGCAllocLimit)) }, "cmp 0xb0(%r15),%r10"),
		rt("gc alloc bump", func(a *Assembler) { a.Mov(S64, Base(execCtx, abi.ExecCtxGCAllocPtr), R10) }, "mov %r10,0xa8(%r15)"),
		rt("gc header word", func(a *Assembler) { a.Mov(S32, obj(R12, abi.HeaderKindOffset), Imm(codegen.ArrayHeaderWord)) }, "movl $-0x58000000,(%r11,%r12)"),
		rt("gc type id", func(a *Assembler) { a.Mov(S32, R10, vm(0x54)) }, "mov 0x54(%r14),%r10d"),
		rt("gc store type id", func(a *Assembler) { a.Mov(S32, obj(R12, abi.HeaderTypeOffset), R10) }, "mov %r10d,0x4(%r11,%r12)"),
		rt("gc store length imm", func(a *Assembler) { a.Mov(S32, obj(R12, abi.ArrayLenOffset), Imm(4000)) }, "movl $0xfa0,0x8(%r11,%r12)"),
		rt("gc slow length", func(a *Assembler) { a.Mov(S64, Base(execCtx, abi.ExecCtxScratch+8), Imm(0)) }, "movq $0x0,0x40(%r15)"),
		rt("gc slow result", func(a *Assembler) { a.Mov(S32, R12, Base(execCtx, abi.ExecCtxScratch)) }, "mov 0x38(%r15),%r12d"),

		rt("gc ref.i31", func(a *Assembler) { a.Lea(S32, RDX, BaseIndex(RCX, RCX, 1, abi.RefI31Tag)) }, "lea 0x1(%rcx,%rcx),%edx"),
		rt("gc i31.get_s", func(a *Assembler) { a.Shift(Sar, S32, RAX, Imm(1)) }, "sar %eax"),
		rt("gc i31.get_u", func(a *Assembler) { a.Shift(Shr, S32, R9, Imm(1)) }, "shr %r9d"),
		rt("gc tag test", func(a *Assembler) { a.Test(S8, RDI, Imm(abi.RefTagMask)) }, "test $0x3,%dil"),
		rt("gc tag test r8", func(a *Assembler) { a.Test(S8, R8, Imm(abi.RefI31Tag)) }, "test $0x1,%r8b"),
		rt("gc header kind", func(a *Assembler) { a.Mov(S32, scratchGP, obj(RAX, abi.HeaderKindOffset)) }, "mov (%r11,%rax),%r11d"),
		rt("gc kind mask", func(a *Assembler) { a.ALU(And, S32, scratchGP, Imm(uint32(abi.KindStruct)<<abi.KindShift)) }, "and $-0x50000000,%r11d"),
		rt("gc kind compare", func(a *Assembler) { a.ALU(Cmp, S32, scratchGP, Imm(uint32(abi.KindArray)<<abi.KindShift)) }, "cmp $-0x58000000,%r11d"),
		rt("gc funcref type id", func(a *Assembler) { a.Mov(S32, scratchGP, Base(RBX, abi.VMFuncRefTypeID)) }, "mov 0x10(%rbx),%r11d"),
		rt("gc type record", func(a *Assembler) { a.Shift(Shl, S64, scratchGP, Imm(typeInfoShift)) }, "shl $0x6,%r11"),
		rt("gc type table", func(a *Assembler) { a.ALU(Add, S64, scratchGP, Base(execCtx, abi.ExecCtxTypeTable)) }, "add 0xb8(%r15),%r11"),
		rt("gc display entry", func(a *Assembler) { a.Mov(S32, scratchGP, Base(scratchGP, abi.VMTypeInfoDisplay+4*3)) }, "mov 0x14(%r11),%r11d"),
		rt("gc expected id", func(a *Assembler) { a.ALU(Cmp, S32, scratchGP, vm(0x60)) }, "cmp 0x60(%r14),%r11d"),
		rt("gc no supertype", func(a *Assembler) { a.ALU(Cmp, S32, scratchGP, Imm(abi.NoTypeID)) }, "cmp $-0x1,%r11d"),
	}
}
