package amd64

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// roundTrip is one instruction pattern: what the instruction selector
// calls, and what x86asm (GNU syntax) must decode from the bytes, one
// string per instruction.
type roundTrip struct {
	name string
	emit func(a *Assembler)
	want []string
}

func rt(name string, emit func(a *Assembler), want ...string) roundTrip {
	return roundTrip{name, emit, want}
}

var (
	mBase  = Base(RAX, 0x10)
	mR12   = Base(R12, 0) // needs a SIB byte
	mR13   = Base(R13, 0) // needs a zero disp8
	mIndex = BaseIndex(RDI, R9, 8, -8)
	mSP    = Base(RSP, 0x20)
)

func intPatterns() []roundTrip {
	ts := []roundTrip{
		rt("add64 rr", func(a *Assembler) { a.ALU(Add, S64, RAX, RCX) }, "add %rcx,%rax"),
		rt("add32 rr high", func(a *Assembler) { a.ALU(Add, S32, R8, R15) }, "add %r15d,%r8d"),
		rt("add64 ri8", func(a *Assembler) { a.ALU(Add, S64, RDX, Imm(1)) }, "add $0x1,%rdx"),
		rt("add64 ri32", func(a *Assembler) { a.ALU(Add, S64, RDX, Imm(0x12345)) }, "add $0x12345,%rdx"),
		rt("add32 ri uint32", func(a *Assembler) { a.ALU(Add, S32, RBX, Imm(0xffffffff)) }, "add $-0x1,%ebx"),
		rt("add64 rm", func(a *Assembler) { a.ALU(Add, S64, RAX, mBase) }, "add 0x10(%rax),%rax"),
		rt("add32 mr", func(a *Assembler) { a.ALU(Add, S32, mIndex, RSI) }, "add %esi,-0x8(%rdi,%r9,8)"),
		rt("add64 mi", func(a *Assembler) { a.ALU(Add, S64, mSP, Imm(-5)) }, "addq $-0x5,0x20(%rsp)"),
		rt("sub64 rr", func(a *Assembler) { a.ALU(Sub, S64, R11, R12) }, "sub %r12,%r11"),
		rt("sub rsp frame", func(a *Assembler) { a.ALU(Sub, S64, RSP, Imm(0x40)) }, "sub $0x40,%rsp"),
		rt("add rsp frame", func(a *Assembler) { a.ALU(Add, S64, RSP, Imm(0x1000)) }, "add $0x1000,%rsp"),
		rt("sub32 rm r12", func(a *Assembler) { a.ALU(Sub, S32, RCX, mR12) }, "sub (%r12,%riz),%ecx"),
		rt("and32 ri", func(a *Assembler) { a.ALU(And, S32, RAX, Imm(0xff)) }, "and $0xff,%eax"),
		rt("and64 rr", func(a *Assembler) { a.ALU(And, S64, R9, RDI) }, "and %rdi,%r9"),
		rt("or64 rm r13", func(a *Assembler) { a.ALU(Or, S64, RSI, mR13) }, "or (%r13),%rsi"),
		rt("or16 ri", func(a *Assembler) { a.ALU(Or, S16, RAX, Imm(0x1234)) }, "or $0x1234,%ax"),
		rt("xor32 zero", func(a *Assembler) { a.ALU(Xor, S32, RAX, RAX) }, "xor %eax,%eax"),
		rt("xor8 rr rex", func(a *Assembler) { a.ALU(Xor, S8, RSI, RDI) }, "xor %dil,%sil"),
		rt("add8 mi", func(a *Assembler) { a.ALU(Add, S8, mBase, Imm(0xff)) }, "addb $0xff,0x10(%rax)"),
		rt("cmp64 rr", func(a *Assembler) { a.ALU(Cmp, S64, RAX, RBX) }, "cmp %rbx,%rax"),
		rt("cmp32 ri", func(a *Assembler) { a.ALU(Cmp, S32, RDX, Imm(10)) }, "cmp $0xa,%edx"),
		rt("cmp64 rm", func(a *Assembler) { a.ALU(Cmp, S64, RAX, Base(R15, 0x78)) }, "cmp 0x78(%r15),%rax"),
		rt("cmp32 mi", func(a *Assembler) { a.ALU(Cmp, S32, Base(R15, 0x80), Imm(0)) }, "cmpl $0x0,0x80(%r15)"),
		rt("test64 rr", func(a *Assembler) { a.Test(S64, RCX, RCX) }, "test %rcx,%rcx"),
		rt("test32 ri", func(a *Assembler) { a.Test(S32, RAX, Imm(0x80)) }, "test $0x80,%eax"),
		rt("test8 mi", func(a *Assembler) { a.Test(S8, mBase, Imm(1)) }, "testb $0x1,0x10(%rax)"),

		rt("mov64 rr", func(a *Assembler) { a.Mov(S64, RBP, RSP) }, "mov %rsp,%rbp"),
		rt("mov32 rr", func(a *Assembler) { a.Mov(S32, RAX, R10) }, "mov %r10d,%eax"),
		rt("mov64 ri small", func(a *Assembler) { a.Mov(S64, RAX, Imm(42)) }, "mov $0x2a,%eax"),
		rt("mov64 ri uint32", func(a *Assembler) { a.Mov(S64, R9, Imm(0xffffffff)) }, "mov $-0x1,%r9d"),
		rt("mov64 ri negative", func(a *Assembler) { a.Mov(S64, RAX, Imm(-1)) }, "mov $-0x1,%rax"),
		rt("mov64 ri movabs", func(a *Assembler) { a.Mov(S64, RDX, Imm(0x123456789)) }, "mov $0x123456789,%rdx"),
		rt("mov32 ri", func(a *Assembler) { a.Mov(S32, RCX, Imm(-1)) }, "mov $-0x1,%ecx"),
		rt("load64", func(a *Assembler) { a.Mov(S64, RAX, mIndex) }, "mov -0x8(%rdi,%r9,8),%rax"),
		rt("load32", func(a *Assembler) { a.Mov(S32, R14, BaseIndex(RBX, RCX, 1, 0)) }, "mov (%rbx,%rcx),%r14d"),
		rt("store64", func(a *Assembler) { a.Mov(S64, mSP, RDX) }, "mov %rdx,0x20(%rsp)"),
		rt("store32", func(a *Assembler) { a.Mov(S32, BaseIndex(R8, RAX, 1, 4), RCX) }, "mov %ecx,0x4(%r8,%rax)"),
		rt("store16", func(a *Assembler) { a.Mov(S16, mBase, RCX) }, "mov %cx,0x10(%rax)"),
		rt("store8", func(a *Assembler) { a.Mov(S8, mBase, RSI) }, "mov %sil,0x10(%rax)"),
		rt("store64 imm", func(a *Assembler) { a.Mov(S64, mSP, Imm(-2)) }, "movq $-0x2,0x20(%rsp)"),
		rt("store32 imm", func(a *Assembler) { a.Mov(S32, Base(R15, 0x30), Imm(7)) }, "movl $0x7,0x30(%r15)"),
		rt("store8 imm", func(a *Assembler) { a.Mov(S8, mBase, Imm(0x80)) }, "movb $0x80,0x10(%rax)"),

		rt("movzx 8->32 load", func(a *Assembler) { a.MovZX(S8, S32, RAX, mBase) }, "movzbl 0x10(%rax),%eax"),
		rt("movzx 8->64 reg", func(a *Assembler) { a.MovZX(S8, S64, RAX, RDI) }, "movzbq %dil,%rax"),
		rt("movzx 16->32 load", func(a *Assembler) { a.MovZX(S16, S32, R9, mIndex) }, "movzwl -0x8(%rdi,%r9,8),%r9d"),
		rt("movzx 16->64 reg", func(a *Assembler) { a.MovZX(S16, S64, RCX, RDX) }, "movzwq %dx,%rcx"),
		rt("movzx 32->64 reg", func(a *Assembler) { a.MovZX(S32, S64, RAX, RAX) }, "mov %eax,%eax"),
		rt("movzx 32->64 load", func(a *Assembler) { a.MovZX(S32, S64, RAX, mBase) }, "mov 0x10(%rax),%eax"),
		rt("movsx 8->32 load", func(a *Assembler) { a.MovSX(S8, S32, RAX, mBase) }, "movsbl 0x10(%rax),%eax"),
		rt("movsx 8->64 reg", func(a *Assembler) { a.MovSX(S8, S64, R12, R13) }, "movsbq %r13b,%r12"),
		rt("movsx 16->32 reg", func(a *Assembler) { a.MovSX(S16, S32, RAX, RBX) }, "movswl %bx,%eax"),
		rt("movsx 16->64 load", func(a *Assembler) { a.MovSX(S16, S64, RAX, mR12) }, "movswq (%r12,%riz),%rax"),
		rt("movsxd 32->64 reg", func(a *Assembler) { a.MovSX(S32, S64, RAX, RCX) }, "movsxd %ecx,%rax"),
		rt("movsxd 32->64 load", func(a *Assembler) { a.MovSX(S32, S64, R8, mSP) }, "movsxd 0x20(%rsp),%r8"),

		rt("lea64 base index", func(a *Assembler) { a.Lea(S64, RAX, BaseIndex(RCX, RDX, 4, 8)) }, "lea 0x8(%rcx,%rdx,4),%rax"),
		rt("lea32 add", func(a *Assembler) { a.Lea(S32, R10, BaseIndex(R11, R12, 1, 0)) }, "lea (%r11,%r12),%r10d"),
		rt("lea64 sp", func(a *Assembler) { a.Lea(S64, RAX, Base(RSP, -0x30)) }, "lea -0x30(%rsp),%rax"),
		rt("neg64", func(a *Assembler) { a.Unary(Neg, S64, RAX) }, "neg %rax"),
		rt("neg32 mem", func(a *Assembler) { a.Unary(Neg, S32, mBase) }, "negl 0x10(%rax)"),
		rt("not32", func(a *Assembler) { a.Unary(Not, S32, R9) }, "not %r9d"),
		rt("not64", func(a *Assembler) { a.Unary(Not, S64, RSI) }, "not %rsi"),
		rt("imul64 rr", func(a *Assembler) { a.Imul(S64, RAX, RCX) }, "imul %rcx,%rax"),
		rt("imul32 rm", func(a *Assembler) { a.Imul(S32, R8, mBase) }, "imul 0x10(%rax),%r8d"),
		rt("imul3 64 imm8", func(a *Assembler) { a.Imul3(S64, RAX, RCX, 7) }, "imul $0x7,%rcx,%rax"),
		rt("imul3 32 imm32", func(a *Assembler) { a.Imul3(S32, RDX, mSP, 1000) }, "imul $0x3e8,0x20(%rsp),%edx"),

		rt("shl64 cl", func(a *Assembler) { a.Shift(Shl, S64, RAX, RCX) }, "shl %cl,%rax"),
		rt("shr32 cl", func(a *Assembler) { a.Shift(Shr, S32, RDX, RCX) }, "shr %cl,%edx"),
		rt("sar64 cl", func(a *Assembler) { a.Shift(Sar, S64, R11, RCX) }, "sar %cl,%r11"),
		rt("rol32 cl", func(a *Assembler) { a.Shift(Rol, S32, RAX, RCX) }, "rol %cl,%eax"),
		rt("ror64 cl", func(a *Assembler) { a.Shift(Ror, S64, RBX, RCX) }, "ror %cl,%rbx"),
		rt("shl32 imm", func(a *Assembler) { a.Shift(Shl, S32, RAX, Imm(3)) }, "shl $0x3,%eax"),
		rt("shl64 imm1", func(a *Assembler) { a.Shift(Shl, S64, RAX, Imm(1)) }, "shl %rax"),
		rt("shr64 imm", func(a *Assembler) { a.Shift(Shr, S64, R15, Imm(63)) }, "shr $0x3f,%r15"),
		rt("sar32 imm", func(a *Assembler) { a.Shift(Sar, S32, RSI, Imm(31)) }, "sar $0x1f,%esi"),
		rt("rol64 imm", func(a *Assembler) { a.Shift(Rol, S64, RDI, Imm(13)) }, "rol $0xd,%rdi"),
		rt("ror32 imm", func(a *Assembler) { a.Shift(Ror, S32, R8, Imm(7)) }, "ror $0x7,%r8d"),
		rt("shl32 mem cl", func(a *Assembler) { a.Shift(Shl, S32, mBase, RCX) }, "shll %cl,0x10(%rax)"),

		rt("cdq", func(a *Assembler) { a.SignExtendAX(S32) }, "cltd"),
		rt("cqo", func(a *Assembler) { a.SignExtendAX(S64) }, "cqto"),
		rt("div32", func(a *Assembler) { a.Div(S32, RCX) }, "div %ecx"),
		rt("div64", func(a *Assembler) { a.Div(S64, R9) }, "div %r9"),
		rt("idiv32", func(a *Assembler) { a.IDiv(S32, RBX) }, "idiv %ebx"),
		rt("idiv64 mem", func(a *Assembler) { a.IDiv(S64, mSP) }, "idivq 0x20(%rsp)"),

		rt("lzcnt32", func(a *Assembler) { a.BitCount(Lzcnt, S32, RAX, RCX) }, "lzcnt %ecx,%eax"),
		rt("lzcnt64", func(a *Assembler) { a.BitCount(Lzcnt, S64, R8, R9) }, "lzcnt %r9,%r8"),
		rt("tzcnt32", func(a *Assembler) { a.BitCount(Tzcnt, S32, RDX, mBase) }, "tzcnt 0x10(%rax),%edx"),
		rt("tzcnt64", func(a *Assembler) { a.BitCount(Tzcnt, S64, RAX, RAX) }, "tzcnt %rax,%rax"),
		rt("popcnt32", func(a *Assembler) { a.BitCount(Popcnt, S32, RAX, RBX) }, "popcnt %ebx,%eax"),
		rt("popcnt64", func(a *Assembler) { a.BitCount(Popcnt, S64, R10, R11) }, "popcnt %r11,%r10"),
		rt("bsr32", func(a *Assembler) { a.BitCount(Bsr, S32, RAX, RCX) }, "bsr %ecx,%eax"),
		rt("bsr64", func(a *Assembler) { a.BitCount(Bsr, S64, RAX, RCX) }, "bsr %rcx,%rax"),
		rt("bsf32", func(a *Assembler) { a.BitCount(Bsf, S32, RSI, RDI) }, "bsf %edi,%esi"),
		rt("bsf64", func(a *Assembler) { a.BitCount(Bsf, S64, R14, mR13) }, "bsf (%r13),%r14"),

		rt("push", func(a *Assembler) { a.Push(RBP) }, "push %rbp"),
		rt("push r12", func(a *Assembler) { a.Push(R12) }, "push %r12"),
		rt("pop", func(a *Assembler) { a.Pop(RBP) }, "pop %rbp"),
		rt("pop r15", func(a *Assembler) { a.Pop(R15) }, "pop %r15"),
		rt("setcc mem", func(a *Assembler) { a.Setcc(E, mBase) }, "sete 0x10(%rax)"),
		rt("cmov32 mem", func(a *Assembler) { a.Cmov(LT, S32, RAX, mBase) }, "cmovl 0x10(%rax),%eax"),
		rt("cmov64 mem", func(a *Assembler) { a.Cmov(A, S64, R8, mIndex) }, "cmova -0x8(%rdi,%r9,8),%r8"),
		rt("not8 mem", func(a *Assembler) { a.Unary(Not, S8, mBase) }, "notb 0x10(%rax)"),
		rt("neg16", func(a *Assembler) { a.Unary(Neg, S16, RCX) }, "neg %cx"),
		rt("shr8 imm", func(a *Assembler) { a.Shift(Shr, S8, RDI, Imm(2)) }, "shr $0x2,%dil"),
		rt("sar16 cl", func(a *Assembler) { a.Shift(Sar, S16, RAX, RCX) }, "sar %cl,%ax"),
		rt("sub16 mr", func(a *Assembler) { a.ALU(Sub, S16, mBase, RDX) }, "sub %dx,0x10(%rax)"),
		rt("cmp8 rr", func(a *Assembler) { a.ALU(Cmp, S8, RBP, R10) }, "cmp %r10b,%bpl"),
		rt("test16 ri", func(a *Assembler) { a.Test(S16, RBX, Imm(0x8000)) }, "test $-0x8000,%bx"),
		rt("store16 imm", func(a *Assembler) { a.Mov(S16, mIndex, Imm(0xbeef)) }, "movw $-0x4111,-0x8(%rdi,%r9,8)"),
		rt("load8", func(a *Assembler) { a.Mov(S8, RBX, mBase) }, "mov 0x10(%rax),%bl"),
		rt("movzx 8->32 sil", func(a *Assembler) { a.MovZX(S8, S32, RAX, RSI) }, "movzbl %sil,%eax"),
		rt("div32 mem", func(a *Assembler) { a.Div(S32, mBase) }, "divl 0x10(%rax)"),
		rt("lea literal", func(a *Assembler) { a.Lea(S64, RSI, a.Const64(1)) }, "lea 0x9(%rip),%rsi"),
	}
	// Every condition code, in each of its three instructions. GNU
	// spells them with these suffixes.
	gnu := [...]string{O: "o", NO: "no", B: "b", AE: "ae", E: "e", NE: "ne", BE: "be", A: "a",
		S: "s", NS: "ns", P: "p", NP: "np", LT: "l", GE: "ge", LE: "le", GT: "g"}
	for c := O; c <= GT; c++ {
		ts = append(ts,
			rt("set"+c.String(), func(a *Assembler) { a.Setcc(c, R9) }, "set"+gnu[c]+" %r9b"),
			rt("cmov64 "+c.String(), func(a *Assembler) { a.Cmov(c, S64, RDX, R8) }, "cmov"+gnu[c]+" %r8,%rdx"),
			rt("cmov32 "+c.String(), func(a *Assembler) { a.Cmov(c, S32, RAX, RSI) }, "cmov"+gnu[c]+" %esi,%eax"),
			// A backward jump to itself: rel8 with displacement -2.
			rt("j"+c.String(), func(a *Assembler) { l := a.NewLabel(); a.Bind(l); a.Jcc(c, l) }, "j"+gnu[c]+" 0x1000"),
		)
	}
	return ts
}

func floatPatterns() []roundTrip {
	return []roundTrip{
		rt("movss load", func(a *Assembler) { a.MovF(S32, X0, mBase) }, "movss 0x10(%rax),%xmm0"),
		rt("movsd load", func(a *Assembler) { a.MovF(S64, X9, mIndex) }, "movsd -0x8(%rdi,%r9,8),%xmm9"),
		rt("movss store", func(a *Assembler) { a.MovF(S32, mSP, X15) }, "movss %xmm15,0x20(%rsp)"),
		rt("movsd store", func(a *Assembler) { a.MovF(S64, mR12, X1) }, "movsd %xmm1,(%r12,%riz)"),
		rt("movsd rr", func(a *Assembler) { a.MovF(S64, X1, X2) }, "movsd %xmm2,%xmm1"),
		rt("movaps", func(a *Assembler) { a.MovAPS(X3, X12) }, "movaps %xmm12,%xmm3"),
		rt("addss", func(a *Assembler) { a.Float(FAdd, S32, X0, X1) }, "addss %xmm1,%xmm0"),
		rt("addsd", func(a *Assembler) { a.Float(FAdd, S64, X8, mBase) }, "addsd 0x10(%rax),%xmm8"),
		rt("subss", func(a *Assembler) { a.Float(FSub, S32, X2, X3) }, "subss %xmm3,%xmm2"),
		rt("subsd", func(a *Assembler) { a.Float(FSub, S64, X2, X3) }, "subsd %xmm3,%xmm2"),
		rt("mulss", func(a *Assembler) { a.Float(FMul, S32, X4, X5) }, "mulss %xmm5,%xmm4"),
		rt("mulsd", func(a *Assembler) { a.Float(FMul, S64, X4, X13) }, "mulsd %xmm13,%xmm4"),
		rt("divss", func(a *Assembler) { a.Float(FDiv, S32, X6, X7) }, "divss %xmm7,%xmm6"),
		rt("divsd", func(a *Assembler) { a.Float(FDiv, S64, X6, X7) }, "divsd %xmm7,%xmm6"),
		rt("minss", func(a *Assembler) { a.Float(FMin, S32, X0, X1) }, "minss %xmm1,%xmm0"),
		rt("minsd", func(a *Assembler) { a.Float(FMin, S64, X0, X1) }, "minsd %xmm1,%xmm0"),
		rt("maxss", func(a *Assembler) { a.Float(FMax, S32, X0, X1) }, "maxss %xmm1,%xmm0"),
		rt("maxsd", func(a *Assembler) { a.Float(FMax, S64, X10, X11) }, "maxsd %xmm11,%xmm10"),
		rt("sqrtss", func(a *Assembler) { a.Float(FSqrt, S32, X0, X0) }, "sqrtss %xmm0,%xmm0"),
		rt("sqrtsd", func(a *Assembler) { a.Float(FSqrt, S64, X1, mSP) }, "sqrtsd 0x20(%rsp),%xmm1"),
		rt("ucomiss", func(a *Assembler) { a.Ucomis(S32, X0, X1) }, "ucomiss %xmm1,%xmm0"),
		rt("ucomisd", func(a *Assembler) { a.Ucomis(S64, X2, mBase) }, "ucomisd 0x10(%rax),%xmm2"),
		rt("roundss nearest", func(a *Assembler) { a.Round(S32, RoundNearest, X0, X1) }, "roundss $0x0,%xmm1,%xmm0"),
		rt("roundss floor", func(a *Assembler) { a.Round(S32, RoundFloor, X0, X1) }, "roundss $0x1,%xmm1,%xmm0"),
		rt("roundsd ceil", func(a *Assembler) { a.Round(S64, RoundCeil, X9, X14) }, "roundsd $0x2,%xmm14,%xmm9"),
		rt("roundsd trunc mem", func(a *Assembler) { a.Round(S64, RoundTrunc, X0, mBase) }, "roundsd $0x3,0x10(%rax),%xmm0"),
		rt("andps", func(a *Assembler) { a.Packed(AndPS, X0, X1) }, "andps %xmm1,%xmm0"),
		rt("andnps", func(a *Assembler) { a.Packed(AndNotPS, X2, X8) }, "andnps %xmm8,%xmm2"),
		rt("orps", func(a *Assembler) { a.Packed(OrPS, X3, X4) }, "orps %xmm4,%xmm3"),
		rt("xorps zero", func(a *Assembler) { a.Packed(XorPS, X5, X5) }, "xorps %xmm5,%xmm5"),
		rt("cvtsi2ss 32", func(a *Assembler) { a.CvtIntToFloat(S32, S32, X0, RAX) }, "cvtsi2ss %eax,%xmm0"),
		rt("cvtsi2ss 64", func(a *Assembler) { a.CvtIntToFloat(S32, S64, X1, R9) }, "cvtsi2ss %r9,%xmm1"),
		rt("cvtsi2sd 32", func(a *Assembler) { a.CvtIntToFloat(S64, S32, X2, RCX) }, "cvtsi2sd %ecx,%xmm2"),
		rt("cvtsi2sd 64", func(a *Assembler) { a.CvtIntToFloat(S64, S64, X10, RDX) }, "cvtsi2sd %rdx,%xmm10"),
		rt("cvtsi2sdl mem", func(a *Assembler) { a.CvtIntToFloat(S64, S32, X0, mBase) }, "cvtsi2sdl 0x10(%rax),%xmm0"),
		rt("cvttss2si 32", func(a *Assembler) { a.CvtFloatToInt(S32, S32, RAX, X0) }, "cvttss2si %xmm0,%eax"),
		rt("cvttss2si 64", func(a *Assembler) { a.CvtFloatToInt(S64, S32, R8, X1) }, "cvttss2si %xmm1,%r8"),
		rt("cvttsd2si 32", func(a *Assembler) { a.CvtFloatToInt(S32, S64, RCX, X9) }, "cvttsd2si %xmm9,%ecx"),
		rt("cvttsd2si 64", func(a *Assembler) { a.CvtFloatToInt(S64, S64, RAX, X2) }, "cvttsd2si %xmm2,%rax"),
		rt("cvtss2sd", func(a *Assembler) { a.CvtFloat(S64, X0, X1) }, "cvtss2sd %xmm1,%xmm0"),
		rt("cvtsd2ss", func(a *Assembler) { a.CvtFloat(S32, X3, X11) }, "cvtsd2ss %xmm11,%xmm3"),
		rt("movd to xmm", func(a *Assembler) { a.MovToX(S32, X0, RAX) }, "movd %eax,%xmm0"),
		rt("movq to xmm", func(a *Assembler) { a.MovToX(S64, X12, R10) }, "movq %r10,%xmm12"),
		rt("movd from xmm", func(a *Assembler) { a.MovFromX(S32, R10, X0) }, "movd %xmm0,%r10d"),
		rt("movq from xmm", func(a *Assembler) { a.MovFromX(S64, RAX, X15) }, "movq %xmm15,%rax"),
		rt("movd load", func(a *Assembler) { a.MovToX(S32, X1, mBase) }, "movd 0x10(%rax),%xmm1"),
		rt("movq load", func(a *Assembler) { a.MovToX(S64, X9, mSP) }, "movq 0x20(%rsp),%xmm9"),
		rt("movd store", func(a *Assembler) { a.MovFromX(S32, mIndex, X2) }, "movd %xmm2,-0x8(%rdi,%r9,8)"),
		rt("movq store", func(a *Assembler) { a.MovFromX(S64, mBase, X10) }, "movq %xmm10,0x10(%rax)"),
		rt("cvtsi2sdq mem", func(a *Assembler) { a.CvtIntToFloat(S64, S64, X3, mSP) }, "cvtsi2sdq 0x20(%rsp),%xmm3"),
		rt("cvtsi2ssl mem", func(a *Assembler) { a.CvtIntToFloat(S32, S32, X3, mSP) }, "cvtsi2ssl 0x20(%rsp),%xmm3"),
		rt("cvttsd2si mem", func(a *Assembler) { a.CvtFloatToInt(S64, S64, RDX, mBase) }, "cvttsd2si 0x10(%rax),%rdx"),
		rt("cvtss2sd mem", func(a *Assembler) { a.CvtFloat(S64, X0, mBase) }, "cvtss2sd 0x10(%rax),%xmm0"),
		rt("ucomiss literal", func(a *Assembler) { a.Ucomis(S32, X5, a.Const32(0x7fc00000)) }, "ucomiss 0x9(%rip),%xmm5"),
		rt("movss literal", func(a *Assembler) { a.MovF(S32, X0, a.Const32(0x3f800000)) }, "movss 0x8(%rip),%xmm0"),
		rt("xorps mem", func(a *Assembler) { a.Packed(XorPS, X1, Base(R15, 0x40)) }, "xorps 0x40(%r15),%xmm1"),
	}
}

func controlPatterns() []roundTrip {
	return []roundTrip{
		rt("ret", func(a *Assembler) { a.Ret() }, "retq"),
		rt("jmp back", func(a *Assembler) { l := a.NewLabel(); a.Bind(l); a.Jmp(l) }, "jmp 0x1000"),
		rt("jmp forward short", func(a *Assembler) {
			l := a.NewLabel()
			a.Jmp(l)
			a.Ret()
			a.Bind(l)
			a.Ret()
		}, "jmp 0x1003", "retq", "retq"),
		rt("jcc forward long", func(a *Assembler) {
			l := a.NewLabel()
			a.Jcc(B, l)
			a.Nop(200)
			a.Bind(l)
			a.Ret()
		}, append(append([]string{"jb 0x10ce"}, nopLines(200)...), "retq")...),
		rt("jmp reg", func(a *Assembler) { a.JmpIndirect(RAX) }, "jmp *%rax"),
		rt("jmp mem", func(a *Assembler) { a.JmpIndirect(Base(R15, 8)) }, "jmpq *0x8(%r15)"),
		rt("call reg", func(a *Assembler) { a.CallIndirect(R11) }, "call *%r11"),
		rt("call mem", func(a *Assembler) { a.CallIndirect(BaseIndex(RAX, RCX, 8, 0)) }, "callq *(%rax,%rcx,8)"),
		rt("call func", func(a *Assembler) { a.CallFunc(7) }, "callq 0x1005"),
		rt("jmp func", func(a *Assembler) { a.JmpFunc(3) }, "jmpq 0x1005"),
		rt("lea label", func(a *Assembler) {
			l := a.NewLabel()
			a.LeaLabel(RAX, l)
			a.Bind(l)
			a.Ret()
		}, "lea (%rip),%rax", "retq"),
		rt("call label", func(a *Assembler) {
			l := a.NewLabel()
			a.CallLabel(l)
			a.Int3()
			a.Bind(l)
			a.Ret()
		}, "callq 0x1006", "int3", "retq"),
		rt("jump table", func(a *Assembler) {
			l0, l1 := a.NewLabel(), a.NewLabel()
			a.JumpTable(RCX, RDX, []Label{l0, l1})
			a.Bind(l0)
			a.Bind(l1)
			a.Ret()
		}, "lea 0x19(%rip),%rdx", "movsxd (%rdx,%rcx,4),%rcx", "add %rdx,%rcx", "jmp *%rcx", "retq"),
		rt("movsd literal", func(a *Assembler) { a.MovF(S64, X3, a.Const64(0x3ff0000000000000)) },
			"movsd 0x8(%rip),%xmm3"),
		rt("andps literal", func(a *Assembler) { a.Packed(AndPS, X1, a.Const128(1<<63-1, 0)) },
			"andps 0x9(%rip),%xmm1"),
		rt("roundsd literal", func(a *Assembler) { a.Round(S64, RoundCeil, X1, a.Const64(0)) },
			"roundsd $0x2,0x6(%rip),%xmm1"),
		rt("add literal", func(a *Assembler) { a.ALU(Add, S32, RAX, a.Const32(5)) }, "add 0xa(%rip),%eax"),
		rt("mark", func(a *Assembler) { a.Ret(); a.Mark(); a.Ret() }, "retq", "retq"),
		rt("align across branch", func(a *Assembler) {
			l := a.NewLabel()
			a.Jcc(E, l)
			a.Align(16)
			a.Bind(l)
			a.Ret()
		}, slices.Concat([]string{"je 0x1010"}, nopLines(14), []string{"retq"})...),
		// golang-asm would pad this jcc, which ends at a 32-byte boundary
		// (see New).
		rt("no jcc erratum padding", func(a *Assembler) { l := a.NewLabel(); a.Bind(l); a.Nop(30); a.Jcc(E, l) },
			slices.Concat(nopLines(30), []string{"je 0x1000"})...),
		rt("align already aligned", func(a *Assembler) { a.Align(16); a.Ret() }, "retq"),
		rt("align twice", func(a *Assembler) {
			a.Ret()
			a.Align(8)
			a.Align(32)
			a.Ret()
		}, slices.Concat([]string{"retq"}, nopLines(31), []string{"retq"})...),
	}
}

// nopLines is what Nop(n) disassembles to.
func nopLines(n int) []string {
	names := [...]string{1: "nop", 2: "data16 nop", 3: "nopl (%rax)", 4: "nopl (%rax)",
		5: "nopl (%rax,%rax)", 6: "nopw (%rax,%rax)", 7: "nopl (%rax)",
		8: "nopl (%rax,%rax)", 9: "nopw (%rax,%rax)"}
	var out []string
	for ; n > 0; n -= min(n, 9) {
		out = append(out, names[min(n, 9)])
	}
	return out
}

func allPatterns() []roundTrip {
	var nops []roundTrip
	for n := 1; n <= 20; n++ {
		nops = append(nops, rt(fmt.Sprintf("nop%d", n), func(a *Assembler) { a.Nop(n) }, nopLines(n)...))
	}
	return slices.Concat(intPatterns(), floatPatterns(), controlPatterns(), gcPatterns(), nops)
}

func TestRoundTrip(t *testing.T) {
	ts := allPatterns()
	names := map[string]bool{}
	for _, tc := range ts {
		if names[tc.name] {
			t.Fatalf("duplicate pattern name %q", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			a := New()
			tc.emit(a)
			code, err := a.Finish()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range Disassemble(code.Bytes[:code.TextLen], 0x1000) {
				got = append(got, l.Text)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("decoded\n\t%s\nwant\n\t%s\nbytes % x", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"), code.Bytes[:code.TextLen])
			}
		})
	}
	t.Logf("%d instruction patterns", len(ts))
}

func ExampleDisassemble() {
	a := New()
	a.Push(RBP)
	a.Mov(S64, RBP, RSP)
	a.ALU(Add, S32, RAX, Imm(1))
	a.Pop(RBP)
	a.Ret()
	code, _ := a.Finish()
	for _, l := range Disassemble(code.Bytes, 0x1000) {
		fmt.Println(l)
	}
	// Output:
	//     1000:	55                            	push %rbp
	//     1001:	48 89 e5                      	mov %rsp,%rbp
	//     1004:	83 c0 01                      	add $0x1,%eax
	//     1007:	5d                            	pop %rbp
	//     1008:	c3                            	retq
}

// TestAlignManyLoops aligns many loop headers whose padding moves branches
// across the rel8/rel32 boundary, and checks that every header ends up
// aligned and every branch decodes to its label.
func TestAlignManyLoops(t *testing.T) {
	a := New()
	exit := a.NewLabel()
	var heads []Mark
	for i := range 40 {
		l := a.NewLabel()
		a.Align(16)
		heads = append(heads, a.Mark())
		a.Bind(l)
		a.Nop(100 + 3*i%40) // near the reach of a rel8 branch
		a.Jcc(NE, l)
		a.Jcc(O, exit)
	}
	a.Bind(exit)
	exitMark := a.Mark()
	a.Ret()
	code, err := a.Finish()
	if err != nil {
		t.Fatal(err)
	}
	const base = 0x10000
	targets := map[string]bool{fmt.Sprintf("jo %#x", base+code.PCs[exitMark]): true}
	for _, m := range heads {
		if code.PCs[m]%16 != 0 {
			t.Errorf("loop header at %#x is not aligned", code.PCs[m])
		}
		targets[fmt.Sprintf("jne %#x", base+code.PCs[m])] = true
	}
	branches := 0
	for _, l := range Disassemble(code.Bytes, base) {
		if strings.HasPrefix(l.Text, "j") {
			branches++
			if !targets[l.Text] {
				t.Errorf("%v: branch to no label", l)
			}
		}
	}
	if branches != 2*len(heads) {
		t.Errorf("decoded %d branches, want %d", branches, 2*len(heads))
	}
}
