package arm64

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/sablewasm/sable/abi"
)

// roundTrip is one instruction pattern: what the instruction selector
// calls, and what arm64asm (GNU syntax) must decode from the bytes, one
// string per instruction.
type roundTrip struct {
	name string
	emit func(a *Assembler)
	want []string
}

func rt(name string, emit func(a *Assembler), want ...string) roundTrip {
	return roundTrip{name, emit, want}
}

// disasm assembles emit's instructions and returns their text.
func disasm(t *testing.T, emit func(a *Assembler)) []string {
	t.Helper()
	a := New()
	emit(a)
	c, err := a.Finish()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range Disassemble(c.Bytes[:c.TextLen], 0) {
		got = append(got, l.Text)
	}
	return got
}

func checkPatterns(t *testing.T, ts []roundTrip) {
	t.Helper()
	for _, tc := range ts {
		t.Run(tc.name, func(t *testing.T) {
			if got := disasm(t, tc.emit); !slices.Equal(got, tc.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

func intPatterns() []roundTrip {
	return []roundTrip{
		rt("add64 rr", func(a *Assembler) { a.ALU(Add, S64, X0, X1, X2) }, "add x0, x1, x2"),
		rt("add32 rr", func(a *Assembler) { a.ALU(Add, S32, X3, X4, X27) }, "add w3, w4, w27"),
		rt("add64 imm", func(a *Assembler) { a.ALU(Add, S64, X0, X1, Imm(4095)) }, "add x0, x1, #0xfff"),
		rt("add64 imm lsl12", func(a *Assembler) { a.ALU(Add, S64, X0, X1, Imm(0x7000)) }, "add x0, x1, #0x7, lsl #12"),
		rt("add64 imm negative", func(a *Assembler) { a.ALU(Add, S64, X0, X1, Imm(-16)) }, "sub x0, x1, #0x10"),
		rt("add64 imm 24-bit", func(a *Assembler) { a.ALU(Add, S64, X0, X1, Imm(0x12345)) }, "add x0, x1, #0x12, lsl #12", "add x0, x0, #0x345"),
		rt("add64 imm large", func(a *Assembler) { a.ALU(Add, S64, X0, X1, Imm(0x123456789)) },
			"mov x16, #0x6789", "movk x16, #0x2345, lsl #16", "movk x16, #0x1, lsl #32", "add x0, x1, x16"),
		rt("add32 imm uint32", func(a *Assembler) { a.ALU(Add, S32, X0, X1, Imm(0xffffffff)) }, "sub w0, w1, #0x1"),
		rt("sub64 rr", func(a *Assembler) { a.ALU(Sub, S64, X5, X6, X7) }, "sub x5, x6, x7"),
		rt("sub32 imm", func(a *Assembler) { a.ALU(Sub, S32, X5, X6, Imm(1)) }, "sub w5, w6, #0x1"),
		rt("sub sp frame", func(a *Assembler) { a.ALU(Sub, S64, SP, SP, Imm(64)) }, "sub sp, sp, #0x40"),
		rt("add sp big frame", func(a *Assembler) { a.ALU(Add, S64, SP, SP, Imm(0x10010)) }, "add sp, sp, #0x10, lsl #12", "add sp, sp, #0x10"),
		rt("sub sp huge frame", func(a *Assembler) { a.ALU(Sub, S64, SP, SP, Imm(0x1000010)) },
			"mov x16, #0x10", "movk x16, #0x100, lsl #16", "sub sp, sp, x16"),
		rt("add sp reg", func(a *Assembler) { a.ALU(Add, S64, X0, SP, X1) }, "add x0, sp, x1"),
		rt("adds64", func(a *Assembler) { a.ALU(Adds, S64, X0, X1, X2) }, "adds x0, x1, x2"),
		rt("subs32 imm", func(a *Assembler) { a.ALU(Subs, S32, X0, X1, Imm(3)) }, "subs w0, w1, #0x3"),
		rt("and64 rr", func(a *Assembler) { a.ALU(And, S64, X0, X1, X2) }, "and x0, x1, x2"),
		rt("and64 bitmask", func(a *Assembler) { a.ALU(And, S64, X0, X1, Imm(0xff)) }, "and x0, x1, #0xff"),
		rt("and32 bitmask", func(a *Assembler) { a.ALU(And, S32, X0, X1, Imm(0x7fffffff)) }, "and w0, w1, #0x7fffffff"),
		rt("and64 not bitmask", func(a *Assembler) { a.ALU(And, S64, X0, X1, Imm(0x1234)) }, "mov x16, #0x1234", "and x0, x1, x16"),
		rt("orr64 bitmask", func(a *Assembler) { a.ALU(Orr, S64, X2, X3, Imm(0x5555555555555555)) }, "orr x2, x3, #0x5555555555555555"),
		rt("orr32 rr", func(a *Assembler) { a.ALU(Orr, S32, X2, X3, X4) }, "orr w2, w3, w4"),
		rt("eor64 rr", func(a *Assembler) { a.ALU(Eor, S64, X2, X3, X4) }, "eor x2, x3, x4"),
		rt("eor32 bitmask", func(a *Assembler) { a.ALU(Eor, S32, X2, X3, Imm(0x80000000)) }, "eor w2, w3, #0x80000000"),
		rt("eor64 zero", func(a *Assembler) { a.ALU(Eor, S64, X2, X3, Imm(0)) }, "eor x2, x3, xzr"),
		rt("ands64", func(a *Assembler) { a.ALU(Ands, S64, X2, X3, X4) }, "ands x2, x3, x4"),
		rt("bic64", func(a *Assembler) { a.ALU(Bic, S64, X2, X3, X4) }, "bic x2, x3, x4"),
		rt("orn32", func(a *Assembler) { a.ALU(Orn, S32, X2, X3, X4) }, "orn w2, w3, w4"),
		rt("cmp64 rr", func(a *Assembler) { a.Cmp(S64, X1, X2) }, "cmp x1, x2"),
		rt("cmp32 imm", func(a *Assembler) { a.Cmp(S32, X1, Imm(10)) }, "cmp w1, #0xa"),
		rt("cmp64 negative imm", func(a *Assembler) { a.Cmp(S64, X1, Imm(-1)) }, "cmn x1, #0x1"),
		rt("cmp64 sp", func(a *Assembler) { a.Cmp(S64, SP, X16) }, "cmp sp, x16"),
		rt("cmp64 large imm", func(a *Assembler) { a.Cmp(S64, X1, Imm(0x10001)) }, "mov x16, #0x1", "movk x16, #0x1, lsl #16", "cmp x1, x16"),
		rt("cmn32 rr", func(a *Assembler) { a.Cmn(S32, X1, X2) }, "cmn w1, w2"),
		rt("tst64 imm", func(a *Assembler) { a.Tst(S64, X1, Imm(1)) }, "tst x1, #0x1"),
		rt("tst32 rr", func(a *Assembler) { a.Tst(S32, X1, X2) }, "tst w1, w2"),
		rt("neg64", func(a *Assembler) { a.Neg(S64, X1, X2) }, "neg x1, x2"),
		rt("mvn32", func(a *Assembler) { a.Mvn(S32, X1, X2) }, "mvn w1, w2"),
		rt("mul64", func(a *Assembler) { a.Mul(S64, X0, X1, X2) }, "mul x0, x1, x2"),
		rt("mul32", func(a *Assembler) { a.Mul(S32, X0, X1, X2) }, "mul w0, w1, w2"),
		rt("madd64", func(a *Assembler) { a.MAdd(S64, X0, X1, X2, X3) }, "madd x0, x1, x2, x3"),
		rt("msub32", func(a *Assembler) { a.MSub(S32, X0, X1, X2, X3) }, "msub w0, w1, w2, w3"),
		rt("sdiv64", func(a *Assembler) { a.SDiv(S64, X0, X1, X2) }, "sdiv x0, x1, x2"),
		rt("udiv32", func(a *Assembler) { a.UDiv(S32, X0, X1, X2) }, "udiv w0, w1, w2"),
		rt("lsl64 reg", func(a *Assembler) { a.Shift(Lsl, S64, X0, X1, X2) }, "lsl x0, x1, x2"),
		rt("lsr32 reg", func(a *Assembler) { a.Shift(Lsr, S32, X0, X1, X2) }, "lsr w0, w1, w2"),
		rt("asr64 reg", func(a *Assembler) { a.Shift(Asr, S64, X0, X1, X2) }, "asr x0, x1, x2"),
		rt("ror32 reg", func(a *Assembler) { a.Shift(Ror, S32, X0, X1, X2) }, "ror w0, w1, w2"),
		rt("lsl64 imm", func(a *Assembler) { a.Shift(Lsl, S64, X0, X1, Imm(3)) }, "lsl x0, x1, #3"),
		rt("lsl32 imm", func(a *Assembler) { a.Shift(Lsl, S32, X0, X1, Imm(31)) }, "lsl w0, w1, #31"),
		rt("lsr64 imm", func(a *Assembler) { a.Shift(Lsr, S64, X0, X1, Imm(63)) }, "lsr x0, x1, #63"),
		rt("asr32 imm", func(a *Assembler) { a.Shift(Asr, S32, X0, X1, Imm(5)) }, "asr w0, w1, #5"),
		rt("ror64 imm", func(a *Assembler) { a.Shift(Ror, S64, X0, X1, Imm(13)) }, "ror x0, x1, #13"),
		rt("ror32 imm", func(a *Assembler) { a.Shift(Ror, S32, X0, X1, Imm(7)) }, "ror w0, w1, #7"),
		rt("shift imm modulo", func(a *Assembler) { a.Shift(Lsl, S32, X0, X1, Imm(33)) }, "lsl w0, w1, #1"),
		rt("clz64", func(a *Assembler) { a.Clz(S64, X0, X1) }, "clz x0, x1"),
		rt("clz32", func(a *Assembler) { a.Clz(S32, X0, X1) }, "clz w0, w1"),
		rt("rbit64", func(a *Assembler) { a.Rbit(S64, X0, X1) }, "rbit x0, x1"),
		rt("rbit32", func(a *Assembler) { a.Rbit(S32, X0, X1) }, "rbit w0, w1"),
		rt("rev64", func(a *Assembler) { a.Rev(S64, X0, X1) }, "rev x0, x1"),
		rt("popcnt64", func(a *Assembler) { a.Popcnt(S64, X0, X1, V7) },
			"fmov d7, x1", "cnt v7.8b, v7.8b", "uaddlv h7, v7.8b", "fmov w0, s7"),
		rt("popcnt32", func(a *Assembler) { a.Popcnt(S32, X0, X1, V7) },
			"fmov s7, w1", "cnt v7.8b, v7.8b", "uaddlv h7, v7.8b", "fmov w0, s7"),
		rt("cset", func(a *Assembler) { a.CSet(X0, LT) }, "cset x0, lt"),
		rt("cset hs", func(a *Assembler) { a.CSet(X9, HS) }, "cset x9, cs"),
		rt("csel64", func(a *Assembler) { a.CSel(S64, X0, X1, X2, NE) }, "csel x0, x1, x2, ne"),
		rt("csel32", func(a *Assembler) { a.CSel(S32, X0, X1, ZR, HI) }, "csel w0, w1, wzr, hi"),
		rt("sxtb32", func(a *Assembler) { a.Extend(Sxtb, S32, X0, X1) }, "sxtb w0, w1"),
		rt("sxtb64", func(a *Assembler) { a.Extend(Sxtb, S64, X0, X1) }, "sxtb x0, w1"),
		rt("sxth64", func(a *Assembler) { a.Extend(Sxth, S64, X0, X1) }, "sxth x0, w1"),
		rt("sxtw", func(a *Assembler) { a.Extend(Sxtw, S64, X0, X1) }, "sxtw x0, w1"),
		rt("uxtb", func(a *Assembler) { a.Extend(Uxtb, S64, X0, X1) }, "uxtb w0, w1"),
		rt("uxth", func(a *Assembler) { a.Extend(Uxth, S32, X0, X1) }, "uxth w0, w1"),
		rt("uxtw", func(a *Assembler) { a.Extend(Uxtw, S64, X0, X1) }, "mov w0, w1"),
		rt("mov64", func(a *Assembler) { a.Mov(S64, X0, X1) }, "mov x0, x1"),
		rt("mov32", func(a *Assembler) { a.Mov(S32, X0, X27) }, "mov w0, w27"),
		rt("mov from sp", func(a *Assembler) { a.Mov(S64, X29, SP) }, "mov x29, sp"),
		rt("mov to sp", func(a *Assembler) { a.Mov(S64, SP, X0) }, "mov sp, x0"),
		rt("mov zr", func(a *Assembler) { a.Mov(S64, X0, ZR) }, "mov x0, xzr"),
	}
}

func movPatterns() []roundTrip {
	return []roundTrip{
		rt("movimm 0", func(a *Assembler) { a.MovImm(S64, X0, 0) }, "mov x0, #0x0"),
		rt("movimm small", func(a *Assembler) { a.MovImm(S64, X0, 42) }, "mov x0, #0x2a"),
		rt("movimm halfword 1", func(a *Assembler) { a.MovImm(S64, X0, 0xbeef0000) }, "mov x0, #0xbeef0000"),
		rt("movimm -1", func(a *Assembler) { a.MovImm(S64, X0, -1) }, "mov x0, #0xffffffffffffffff"),
		rt("movimm movn", func(a *Assembler) { a.MovImm(S64, X0, -0x10000) }, "mov x0, #0xffffffffffff0000"),
		rt("movimm movn+movk", func(a *Assembler) { a.MovImm(S64, X0, -0x12345) }, "mov x0, #0xffffffffffffdcbb", "movk x0, #0xfffe, lsl #16"),
		rt("movimm bitmask", func(a *Assembler) { a.MovImm(S64, X0, 0x00ff00ff00ff00ff) }, "mov x0, #0xff00ff00ff00ff"),
		rt("movimm 4 parts", func(a *Assembler) { a.MovImm(S64, X1, 0x123456789abcdef0) },
			"mov x1, #0xdef0", "movk x1, #0x9abc, lsl #16", "movk x1, #0x5678, lsl #32", "movk x1, #0x1234, lsl #48"),
		rt("movimm sparse", func(a *Assembler) { a.MovImm(S64, X1, 0x1234000000005678) }, "mov x1, #0x5678", "movk x1, #0x1234, lsl #48"),
		rt("movimm32", func(a *Assembler) { a.MovImm(S32, X2, 0x12345678) }, "mov w2, #0x5678", "movk w2, #0x1234, lsl #16"),
		rt("movimm32 -1", func(a *Assembler) { a.MovImm(S32, X2, -1) }, "mov w2, #0xffffffff"),
		rt("movimm32 movn", func(a *Assembler) { a.MovImm(S32, X2, 0xfffffffe) }, "mov w2, #0xfffffffe"),
		rt("movimm32 high", func(a *Assembler) { a.MovImm(S32, X2, 0x80000000) }, "mov w2, #0x80000000"),
	}
}

func memPatterns() []roundTrip {
	return []roundTrip{
		rt("ldr x uimm", func(a *Assembler) { a.Load(S64, X0, Base(X1, 8)) }, "ldr x0, [x1,#8]"),
		rt("ldr x zero", func(a *Assembler) { a.Load(S64, X0, Base(SP, 0)) }, "ldr x0, [sp]"),
		rt("ldr x max uimm", func(a *Assembler) { a.Load(S64, X0, Base(X1, 32760)) }, "ldr x0, [x1,#32760]"),
		rt("ldur x negative", func(a *Assembler) { a.Load(S64, X0, Base(X29, -16)) }, "ldur x0, [x29,#-16]"),
		rt("ldur x unaligned", func(a *Assembler) { a.Load(S64, X0, Base(X1, 3)) }, "ldur x0, [x1,#3]"),
		rt("ldr x far", func(a *Assembler) { a.Load(S64, X0, Base(X1, 0x123456)) },
			"mov x16, #0x3456", "movk x16, #0x12, lsl #16", "ldr x0, [x1,x16]"),
		rt("ldr x far negative", func(a *Assembler) { a.Load(S64, X0, Base(X1, -4096)) },
			"mov x16, #0xfffffffffffff000", "ldr x0, [x1,x16]"),
		rt("ldr w", func(a *Assembler) { a.Load(S32, X0, Base(X19, 0x40)) }, "ldr w0, [x19,#64]"),
		rt("ldrh", func(a *Assembler) { a.Load(S16, X0, Base(X1, 2)) }, "ldrh w0, [x1,#2]"),
		rt("ldrb", func(a *Assembler) { a.Load(S8, X0, Base(X1, 4095)) }, "ldrb w0, [x1,#4095]"),
		rt("ldrsb x", func(a *Assembler) { a.LoadSigned(S8, S64, X0, Base(X1, 1)) }, "ldrsb x0, [x1,#1]"),
		rt("ldrsb w", func(a *Assembler) { a.LoadSigned(S8, S32, X0, Base(X1, 1)) }, "ldrsb w0, [x1,#1]"),
		rt("ldrsh x", func(a *Assembler) { a.LoadSigned(S16, S64, X0, Base(X1, 2)) }, "ldrsh x0, [x1,#2]"),
		rt("ldrsh w", func(a *Assembler) { a.LoadSigned(S16, S32, X0, Base(X1, -2)) }, "ldursh w0, [x1,#-2]"),
		rt("ldrsw", func(a *Assembler) { a.LoadSigned(S32, S64, X0, Base(X1, 4)) }, "ldrsw x0, [x1,#4]"),
		rt("ldr x reg", func(a *Assembler) { a.Load(S64, X0, BaseIndex(X1, X2, IndexLSL, false)) }, "ldr x0, [x1,x2]"),
		rt("ldr x reg scaled", func(a *Assembler) { a.Load(S64, X0, BaseIndex(X1, X2, IndexLSL, true)) }, "ldr x0, [x1,x2,lsl #3]"),
		rt("ldr w reg uxtw", func(a *Assembler) { a.Load(S32, X0, BaseIndex(X1, X2, IndexUXTW, false)) }, "ldr w0, [x1,w2,uxtw]"),
		rt("ldrb reg uxtw", func(a *Assembler) { a.Load(S8, X0, BaseIndex(X1, X2, IndexUXTW, false)) }, "ldrb w0, [x1,w2,uxtw]"),
		rt("ldrsh reg sxtw scaled", func(a *Assembler) { a.LoadSigned(S16, S64, X0, BaseIndex(X1, X2, IndexSXTW, true)) }, "ldrsh x0, [x1,w2,sxtw #1]"),
		rt("str x", func(a *Assembler) { a.Store(S64, X0, Base(SP, 16)) }, "str x0, [sp,#16]"),
		rt("str xzr", func(a *Assembler) { a.Store(S64, ZR, Base(X1, 0)) }, "str xzr, [x1]"),
		rt("str w", func(a *Assembler) { a.Store(S32, X0, Base(X19, 4)) }, "str w0, [x19,#4]"),
		rt("strh", func(a *Assembler) { a.Store(S16, X0, Base(X1, 6)) }, "strh w0, [x1,#6]"),
		rt("strb reg", func(a *Assembler) { a.Store(S8, X0, BaseIndex(X1, X2, IndexUXTW, false)) }, "strb w0, [x1,w2,uxtw]"),
		rt("stur w", func(a *Assembler) { a.Store(S32, X0, Base(X1, -4)) }, "stur w0, [x1,#-4]"),
		rt("ldr d", func(a *Assembler) { a.FLoad(S64, V1, Base(X1, 8)) }, "ldr d1, [x1,#8]"),
		rt("ldr s reg", func(a *Assembler) { a.FLoad(S32, V1, BaseIndex(X1, X2, IndexUXTW, false)) }, "ldr s1, [x1,w2,uxtw]"),
		rt("str d", func(a *Assembler) { a.FStore(S64, V31, Base(SP, 24)) }, "str d31, [sp,#24]"),
		rt("stur s", func(a *Assembler) { a.FStore(S32, V3, Base(X1, -1)) }, "stur s3, [x1,#-1]"),
		rt("stp frame record", func(a *Assembler) { a.StorePair(FP, LR, SP, -16, PairPreIndex) }, "stp x29, x30, [sp,#-16]!"),
		rt("ldp frame record", func(a *Assembler) { a.LoadPair(FP, LR, SP, 16, PairPostIndex) }, "ldp x29, x30, [sp],#16"),
		rt("stp offset", func(a *Assembler) { a.StorePair(X19, X20, SP, 32, PairOffset) }, "stp x19, x20, [sp,#32]"),
		rt("ldp offset", func(a *Assembler) { a.LoadPair(X0, X1, X2, -512, PairOffset) }, "ldp x0, x1, [x2,#-512]"),
	}
}

func floatPatterns() []roundTrip {
	return []roundTrip{
		rt("fadd d", func(a *Assembler) { a.Float(FAdd, S64, V0, V1, V2) }, "fadd d0, d1, d2"),
		rt("fadd s", func(a *Assembler) { a.Float(FAdd, S32, V0, V1, V2) }, "fadd s0, s1, s2"),
		rt("fsub d", func(a *Assembler) { a.Float(FSub, S64, V0, V1, V2) }, "fsub d0, d1, d2"),
		rt("fmul s", func(a *Assembler) { a.Float(FMul, S32, V0, V1, V2) }, "fmul s0, s1, s2"),
		rt("fdiv d", func(a *Assembler) { a.Float(FDiv, S64, V0, V1, V2) }, "fdiv d0, d1, d2"),
		rt("fmin d", func(a *Assembler) { a.Float(FMin, S64, V0, V1, V2) }, "fmin d0, d1, d2"),
		rt("fmax s", func(a *Assembler) { a.Float(FMax, S32, V0, V1, V2) }, "fmax s0, s1, s2"),
		rt("fmov d", func(a *Assembler) { a.FUnary(FMov, S64, V0, V1) }, "fmov d0, d1"),
		rt("fabs s", func(a *Assembler) { a.FUnary(FAbs, S32, V0, V1) }, "fabs s0, s1"),
		rt("fneg d", func(a *Assembler) { a.FUnary(FNeg, S64, V0, V1) }, "fneg d0, d1"),
		rt("fsqrt d", func(a *Assembler) { a.FUnary(FSqrt, S64, V0, V1) }, "fsqrt d0, d1"),
		rt("frintp d", func(a *Assembler) { a.FUnary(FRintP, S64, V0, V1) }, "frintp d0, d1"),
		rt("frintm s", func(a *Assembler) { a.FUnary(FRintM, S32, V0, V1) }, "frintm s0, s1"),
		rt("frintz d", func(a *Assembler) { a.FUnary(FRintZ, S64, V0, V1) }, "frintz d0, d1"),
		rt("frintn s", func(a *Assembler) { a.FUnary(FRintN, S32, V0, V1) }, "frintn s0, s1"),
		rt("fcmp d", func(a *Assembler) { a.FCmp(S64, V1, V2) }, "fcmp d1, d2"),
		rt("fcmp s", func(a *Assembler) { a.FCmp(S32, V1, V2) }, "fcmp s1, s2"),
		rt("fcsel d", func(a *Assembler) { a.FCSel(S64, V0, V1, V2, MI) }, "fcsel d0, d1, d2, mi"),
		rt("fcsel s", func(a *Assembler) { a.FCSel(S32, V0, V1, V2, GT) }, "fcsel s0, s1, s2, gt"),
		rt("fcvtzs w d", func(a *Assembler) { a.FCvtToInt(true, S32, S64, X0, V1) }, "fcvtzs w0, d1"),
		rt("fcvtzs x s", func(a *Assembler) { a.FCvtToInt(true, S64, S32, X0, V1) }, "fcvtzs x0, s1"),
		rt("fcvtzu x d", func(a *Assembler) { a.FCvtToInt(false, S64, S64, X0, V1) }, "fcvtzu x0, d1"),
		rt("fcvtzu w s", func(a *Assembler) { a.FCvtToInt(false, S32, S32, X0, V1) }, "fcvtzu w0, s1"),
		rt("scvtf d x", func(a *Assembler) { a.IntToFloat(true, S64, S64, V0, X1) }, "scvtf d0, x1"),
		rt("scvtf s w", func(a *Assembler) { a.IntToFloat(true, S32, S32, V0, X1) }, "scvtf s0, w1"),
		rt("ucvtf d w", func(a *Assembler) { a.IntToFloat(false, S64, S32, V0, X1) }, "ucvtf d0, w1"),
		rt("ucvtf s x", func(a *Assembler) { a.IntToFloat(false, S32, S64, V0, X1) }, "ucvtf s0, x1"),
		rt("fcvt promote", func(a *Assembler) { a.FCvt(S64, V0, V1) }, "fcvt d0, s1"),
		rt("fcvt demote", func(a *Assembler) { a.FCvt(S32, V0, V1) }, "fcvt s0, d1"),
		rt("fmov d from x", func(a *Assembler) { a.FMovFromGP(S64, V0, X1) }, "fmov d0, x1"),
		rt("fmov s from w", func(a *Assembler) { a.FMovFromGP(S32, V0, X1) }, "fmov s0, w1"),
		rt("fmov x from d", func(a *Assembler) { a.FMovToGP(S64, X0, V1) }, "fmov x0, d1"),
		rt("fmov w from s", func(a *Assembler) { a.FMovToGP(S32, X0, V1) }, "fmov w0, s1"),
		rt("fmov const zero", func(a *Assembler) { a.FMovConst(S64, V0, 0) }, "fmov d0, xzr"),
		rt("fmov const imm d", func(a *Assembler) { a.FMovConst(S64, V0, math.Float64bits(1)) }, "fmov d0, #1.000000000000000000e+00"),
		rt("fmov const imm s", func(a *Assembler) { a.FMovConst(S32, V2, uint64(math.Float32bits(-0.5))) }, "fmov s2, #-5.000000000000000000e-01"),
		rt("fmov const imm 31", func(a *Assembler) { a.FMovConst(S64, V2, math.Float64bits(31)) }, "fmov d2, #3.100000000000000000e+01"),
		rt("fmov const literal", func(a *Assembler) { a.FMovConst(S64, V3, math.Float64bits(0.1)) }, "ldr d3, .+0x10"),
	}
}

func controlPatterns() []roundTrip {
	return []roundTrip{
		rt("b forward", func(a *Assembler) {
			l := a.NewLabel()
			a.B(l)
			a.Nop(4)
			a.Bind(l)
			a.Ret()
		}, "b .+0x8", "nop", "ret"),
		rt("b backward", func(a *Assembler) {
			l := a.NewLabel()
			a.Bind(l)
			a.Nop(4)
			a.B(l)
		}, "nop", "b .-0x4"),
		rt("b.cond", func(a *Assembler) {
			l := a.NewLabel()
			a.BCond(NE, l)
			a.Bind(l)
		}, "b.ne .+0x4"),
		rt("b.al", func(a *Assembler) {
			l := a.NewLabel()
			a.Bind(l)
			a.BCond(AL, l)
		}, "b .+0x0"),
		rt("cbz w", func(a *Assembler) {
			l := a.NewLabel()
			a.Cbz(S32, X3, l)
			a.Bind(l)
		}, "cbz w3, .+0x4"),
		rt("cbnz x", func(a *Assembler) {
			l := a.NewLabel()
			a.Cbnz(S64, X3, l)
			a.Bind(l)
		}, "cbnz x3, .+0x4"),
		rt("tbz", func(a *Assembler) {
			l := a.NewLabel()
			a.Tbz(X3, 63, l)
			a.Bind(l)
		}, "tbz x3, #63, .+0x4"),
		rt("tbnz low bit", func(a *Assembler) {
			l := a.NewLabel()
			a.Tbnz(X3, 0, l)
			a.Bind(l)
		}, "tbnz w3, #0, .+0x4"),
		rt("bl", func(a *Assembler) { a.CallFunc(7) }, "bl .+0x0"),
		rt("b func", func(a *Assembler) { a.JmpFunc(7) }, "b .+0x0"),
		rt("bl label", func(a *Assembler) {
			l := a.NewLabel()
			a.CallLabel(l)
			a.Brk(0)
			a.Bind(l)
			a.Ret()
		}, "bl .+0x8", "brk #0x0", "ret"),
		rt("blr", func(a *Assembler) { a.Blr(X9) }, "blr x9"),
		rt("br", func(a *Assembler) { a.Br(X9) }, "br x9"),
		rt("ret", func(a *Assembler) { a.Ret() }, "ret"),
		rt("brk", func(a *Assembler) { a.Brk(0x3e8) }, "brk #0x3e8"),
		rt("nop", func(a *Assembler) { a.Nop(8) }, "nop", "nop"),
		rt("align", func(a *Assembler) {
			a.Nop(4)
			a.Align(16)
			a.Ret()
		}, "nop", "nop", "nop", "nop", "ret"),
		rt("adr", func(a *Assembler) {
			l := a.NewLabel()
			a.Adr(X0, l)
			a.Nop(4)
			a.Bind(l)
		}, "adr x0, .+0x8", "nop"),
		rt("adr backward", func(a *Assembler) {
			l := a.NewLabel()
			a.Bind(l)
			a.Nop(4)
			a.Adr(X1, l)
		}, "nop", "adr x1, .-0x4"),
		rt("jump table", func(a *Assembler) {
			l0, l1 := a.NewLabel(), a.NewLabel()
			a.JumpTable(X0, X1, []Label{l0, l1})
			a.Bind(l0)
			a.Bind(l1)
		}, "adr x1, .+0x10", "ldrsw x0, [x1,w0,uxtw #2]", "add x1, x1, x0", "br x1"),
	}
}

// allPatterns is every round-trip pattern of this package.
func allPatterns() []roundTrip {
	return slices.Concat(intPatterns(), movPatterns(), memPatterns(), floatPatterns(), controlPatterns(), codegenPatterns())
}

func TestRoundTrip(t *testing.T) {
	all := allPatterns()
	checkPatterns(t, all)
	t.Logf("%d patterns", len(all))
}

// TestFarBranches checks the relaxation of short branches whose target is
// beyond their reach: each becomes the inverted branch over a b.
func TestFarBranches(t *testing.T) {
	a := New()
	far := a.NewLabel()
	near := a.NewLabel()
	a.BCond(EQ, far)  // needs > 1 MiB
	a.Tbz(X3, 5, far) // needs > 32 KiB
	a.Cbnz(S32, X4, far)
	a.Tbnz(X5, 40, near) // in reach: stays short
	a.Bind(near)
	a.Nop(1 << 20)
	a.Bind(far)
	a.Ret()
	c, err := a.Finish()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range Disassemble(c.Bytes[:36], 0) {
		got = append(got, l.Text)
	}
	// 7 instructions before the nops; far is at 28 + 1 MiB.
	want := []string{
		"b.ne .+0x8", fmt.Sprintf("b .+%#x", 28+1<<20-4),
		"tbnz w3, #5, .+0x8", fmt.Sprintf("b .+%#x", 28+1<<20-12),
		"cbz w4, .+0x8", fmt.Sprintf("b .+%#x", 28+1<<20-20),
		"tbnz x5, #40, .+0x4", "nop", "nop",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	if l := Disassemble(c.Bytes[28+1<<20:c.TextLen], 0); len(l) != 1 || l[0].Text != "ret" {
		t.Errorf("end of function: %v", l)
	}
}

// TestFarData checks references into the data tail of a function longer
// than ±1 MiB: the literal load and the jump table's adr become the far
// forms (adr of themselves, then the distance added from movz/movk).
func TestFarData(t *testing.T) {
	a := New()
	a.FMovConst(S64, V0, math.Float64bits(3.3)) // not an fmov immediate
	targets := []Label{a.NewLabel(), a.NewLabel()}
	a.JumpTable(X1, X2, targets)
	for _, l := range targets {
		a.Bind(l)
	}
	a.Nop(1 << 20)
	a.Ret()
	c, err := a.Finish()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range Disassemble(c.Bytes[:40], 0) {
		got = append(got, l.Text)
	}
	// The literal (8 bytes, first in the tail) starts at the 16-byte
	// aligned end of the instructions, the table after it.
	text := (int64(c.TextLen) + 15) &^ 15
	lit, table := text, text+8-16 // from the adr of each: at 0 and 16
	want := []string{
		"adr x16, .+0x0", fmt.Sprintf("mov x17, #%#x", lit&0xffff), fmt.Sprintf("movk x17, #%#x, lsl #16", lit>>16),
		"ldr d0, [x16,x17]",
		"adr x2, .+0x0", fmt.Sprintf("mov x16, #%#x", table&0xffff), fmt.Sprintf("movk x16, #%#x, lsl #16", table>>16),
		"add x2, x2, x16", "ldrsw x1, [x2,w1,uxtw #2]", "add x2, x2, x1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	if f := math.Float64frombits(binary.LittleEndian.Uint64(c.Bytes[lit:])); f != 3.3 {
		t.Errorf("literal at %#x is %v", lit, f)
	}
}

// codegenPatterns are the forms the code generator's own sequences use
// (lower*.go, compile_entry.go, host.go) beyond the assembler-level ones
// above, named after where they come from. TestEmittedPatternsCovered
// keeps the list complete.
func codegenPatterns() []roundTrip {
	ctx := func(off int) Mem { return Base(Ctx, int64(off)) }
	return []roundTrip{
		// Frames, the stack check and calls.
		rt("stack check", func(a *Assembler) { a.ALU(Sub, S64, X15, SP, Imm(0x210)) }, "sub x15, sp, #0x210"),
		rt("stack check big frame", func(a *Assembler) { a.ALU(Sub, S64, X15, SP, Imm(0x2000)) }, "sub x15, sp, #0x2, lsl #12"),
		rt("frame big", func(a *Assembler) { a.ALU(Sub, S64, SP, SP, Imm(0x2000)) }, "sub sp, sp, #0x2, lsl #12"),
		rt("save vmctx", func(a *Assembler) { a.Store(S64, X20, Base(FP, -8)) }, "stur x20, [x29,#-8]"),
		rt("stack limit", func(a *Assembler) { a.Load(S64, X16, ctx(abi.ExecCtxStackLimit)) }, "ldr x16, [x19,#120]"),
		rt("exit store", func(a *Assembler) { a.Store(S64, X15, ctx(abi.ExecCtxContPC)) }, "str x15, [x19,#40]"),
		rt("load scratch base", func(a *Assembler) { a.Load(S64, X15, Base(X19, 0)) }, "ldr x15, [x19]"),
		rt("outgoing arg", func(a *Assembler) { a.Store(S64, X9, Base(SP, 0)) }, "str x9, [sp]"),
		rt("outgoing float arg", func(a *Assembler) { a.FStore(S64, V8, Base(SP, 0)) }, "str d8, [sp]"),
		rt("stack result", func(a *Assembler) { a.Load(S64, X7, Base(SP, 168)) }, "ldr x7, [sp,#168]"),
		rt("stack float result", func(a *Assembler) { a.FLoad(S64, V7, Base(SP, 416)) }, "ldr d7, [sp,#416]"),
		rt("far spill", func(a *Assembler) { a.Store(S64, X6, Base(FP, -0x2010)) },
			"mov x16, #0xffffffffffffdff0", "str x6, [x29,x16]"),
		rt("tail call sp", func(a *Assembler) { a.ALU(Add, S64, SP, FP, Imm(16)) }, "add sp, x29, #0x10"),
		rt("tail call sp down", func(a *Assembler) { a.ALU(Add, S64, SP, FP, Imm(-16)) }, "sub sp, x29, #0x10"),
		rt("tail call fp", func(a *Assembler) { a.Mov(S64, FP, Scratch2) }, "mov x29, x17"),
		rt("tail call lr", func(a *Assembler) { a.Load(S64, LR, Base(FP, 8)) }, "ldr x30, [x29,#8]"),
		rt("tail call record", func(a *Assembler) { a.Load(S64, Scratch2, Base(FP, 0)) }, "ldr x17, [x29]"),
		// Entry preambles and host trampolines.
		rt("entry load i32", func(a *Assembler) { a.Load(S32, X0, Base(X9, 0)) }, "ldr w0, [x9]"),
		rt("entry load f32", func(a *Assembler) { a.FLoad(S32, V0, Base(X9, 0)) }, "ldr s0, [x9]"),
		rt("entry load f32 second", func(a *Assembler) { a.FLoad(S32, V0, Base(X9, 8)) }, "ldr s0, [x9,#8]"),
		rt("entry load f64", func(a *Assembler) { a.FLoad(S64, V0, Base(X9, 0)) }, "ldr d0, [x9]"),
		rt("host result i32", func(a *Assembler) { a.Load(S32, X0, Base(SP, 0)) }, "ldr w0, [sp]"),
		rt("host result i32 second", func(a *Assembler) { a.Load(S32, X1, Base(SP, 8)) }, "ldr w1, [sp,#8]"),
		rt("host result f32", func(a *Assembler) { a.FLoad(S32, V0, Base(SP, 0)) }, "ldr s0, [sp]"),
		rt("host result f32 second", func(a *Assembler) { a.FLoad(S32, V0, Base(SP, 8)) }, "ldr s0, [sp,#8]"),
		rt("host result f64", func(a *Assembler) { a.FLoad(S64, V0, Base(SP, 0)) }, "ldr d0, [sp]"),
		// Linear memory: [base + zext(i32 address)] and [base + i64 address].
		rt("mem load i32", func(a *Assembler) { a.Load(S32, X0, BaseIndex(X15, X9, IndexLSL, false)) }, "ldr w0, [x15,x9]"),
		rt("mem load i64 uxtw", func(a *Assembler) { a.Load(S64, X6, BaseIndex(X15, X6, IndexUXTW, false)) }, "ldr x6, [x15,w6,uxtw]"),
		rt("mem load u8 i64", func(a *Assembler) { a.Load(S8, X9, BaseIndex(X15, X0, IndexLSL, false)) }, "ldrb w9, [x15,x0]"),
		rt("mem load u16 uxtw", func(a *Assembler) { a.Load(S16, X1, BaseIndex(X15, X9, IndexUXTW, false)) }, "ldrh w1, [x15,w9,uxtw]"),
		rt("mem load s16 uxtw", func(a *Assembler) { a.LoadSigned(S16, S32, X0, BaseIndex(X15, X9, IndexUXTW, false)) }, "ldrsh w0, [x15,w9,uxtw]"),
		rt("mem load f64 uxtw", func(a *Assembler) { a.FLoad(S64, V8, BaseIndex(X15, X0, IndexUXTW, false)) }, "ldr d8, [x15,w0,uxtw]"),
		rt("mem load f64 i64", func(a *Assembler) { a.FLoad(S64, V8, BaseIndex(X15, X0, IndexLSL, false)) }, "ldr d8, [x15,x0]"),
		rt("mem store i32 uxtw", func(a *Assembler) { a.Store(S32, X1, BaseIndex(X15, X0, IndexUXTW, false)) }, "str w1, [x15,w0,uxtw]"),
		rt("mem store i32 i64", func(a *Assembler) { a.Store(S32, X1, BaseIndex(X15, X0, IndexLSL, false)) }, "str w1, [x15,x0]"),
		rt("mem store i64 uxtw", func(a *Assembler) { a.Store(S64, X1, BaseIndex(X15, X0, IndexUXTW, false)) }, "str x1, [x15,w0,uxtw]"),
		rt("mem store i16 uxtw", func(a *Assembler) { a.Store(S16, X0, BaseIndex(X15, X9, IndexUXTW, false)) }, "strh w0, [x15,w9,uxtw]"),
		rt("mem store f32 uxtw", func(a *Assembler) { a.FStore(S32, V8, BaseIndex(X15, X9, IndexUXTW, false)) }, "str s8, [x15,w9,uxtw]"),
		rt("mem store f64 uxtw", func(a *Assembler) { a.FStore(S64, V0, BaseIndex(X15, X9, IndexUXTW, false)) }, "str d0, [x15,w9,uxtw]"),
		rt("mem store f64 i64", func(a *Assembler) { a.FStore(S64, V0, BaseIndex(X15, X9, IndexLSL, false)) }, "str d0, [x15,x9]"),
		rt("bounds extent", func(a *Assembler) { a.ALU(Subs, S64, X9, X9, Imm(8)) }, "subs x9, x9, #0x8"),
		rt("bounds extent large", func(a *Assembler) { a.ALU(Subs, S64, X9, X9, Imm(0x100000000)) },
			"mov x16, #0x100000000", "subs x9, x9, x16"),
		rt("bounds check 64", func(a *Assembler) { a.Cmp(S64, X0, Imm(1)) }, "cmp x0, #0x1"),
		// Tables and the GC: elements scaled by their size.
		rt("table get", func(a *Assembler) { a.Load(S64, X9, BaseIndex(X15, X9, IndexUXTW, true)) }, "ldr x9, [x15,w9,uxtw #3]"),
		rt("gc header", func(a *Assembler) { a.Store(S32, X16, Base(X15, 0)) }, "str w16, [x15]"),
		rt("gc alloc limit", func(a *Assembler) { a.Cmp(S32, X15, X16) }, "cmp w15, w16"),
		rt("ref.i31", func(a *Assembler) { a.ALU(Add, S32, X9, X9, Imm(1)) }, "add w9, w9, #0x1"),
		rt("fill count", func(a *Assembler) { a.ALU(Adds, S64, X10, X10, Imm(1)) }, "adds x10, x10, #0x1"),
		rt("cast null x", func(a *Assembler) {
			l := a.NewLabel()
			a.Bind(l)
			a.Cbz(S64, X9, l)
		}, "cbz x9, .+0x0"),
		rt("interrupt poll", func(a *Assembler) {
			l := a.NewLabel()
			a.Bind(l)
			a.Cbnz(S32, X15, l)
		}, "cbnz w15, .+0x0"),
		// Numerics.
		rt("fmax d", func(a *Assembler) { a.Float(FMax, S64, V0, V0, V1) }, "fmax d0, d0, d1"),
		rt("frintn d", func(a *Assembler) { a.FUnary(FRintN, S64, V0, V0) }, "frintn d0, d0"),
		rt("fmov const imm s 10", func(a *Assembler) { a.FMovConst(S32, V8, uint64(math.Float32bits(10))) }, "fmov s8, #1.000000000000000000e+01"),
		rt("copysign merge", func(a *Assembler) { a.ALU(Orr, S64, X15, X15, X16) }, "orr x15, x15, x16"),
		rt("i64 compare", func(a *Assembler) { a.ALU(Subs, S64, X9, X9, X16) }, "subs x9, x9, x16"),
		// The other width or precision of forms listed above.
		rt("and32 rr", func(a *Assembler) { a.ALU(And, S32, X15, X15, X16) }, "and w15, w15, w16"),
		rt("eor32 rr", func(a *Assembler) { a.ALU(Eor, S32, X0, X0, X1) }, "eor w0, w0, w1"),
		rt("sub32 rr", func(a *Assembler) { a.ALU(Sub, S32, X0, X10, X9) }, "sub w0, w10, w9"),
		rt("orr32 imm", func(a *Assembler) { a.ALU(Orr, S32, X9, X9, Imm(1)) }, "orr w9, w9, #0x1"),
		rt("cmn32 imm", func(a *Assembler) { a.Cmn(S32, X1, Imm(1)) }, "cmn w1, #0x1"),
		rt("neg32", func(a *Assembler) { a.Neg(S32, X15, X1) }, "neg w15, w1"),
		rt("lsl32 reg", func(a *Assembler) { a.Shift(Lsl, S32, X0, X0, X1) }, "lsl w0, w0, w1"),
		rt("asr32 reg", func(a *Assembler) { a.Shift(Asr, S32, X0, X0, X1) }, "asr w0, w0, w1"),
		rt("lsr64 reg", func(a *Assembler) { a.Shift(Lsr, S64, X0, X0, X1) }, "lsr x0, x0, x1"),
		rt("ror64 reg", func(a *Assembler) { a.Shift(Ror, S64, X0, X0, X1) }, "ror x0, x0, x1"),
		rt("asr64 imm", func(a *Assembler) { a.Shift(Asr, S64, X9, X0, Imm(1)) }, "asr x9, x0, #1"),
		rt("lsr32 imm", func(a *Assembler) { a.Shift(Lsr, S32, X1, X10, Imm(1)) }, "lsr w1, w10, #1"),
		rt("sdiv32", func(a *Assembler) { a.SDiv(S32, X15, X0, X1) }, "sdiv w15, w0, w1"),
		rt("udiv64", func(a *Assembler) { a.UDiv(S64, X15, X0, X1) }, "udiv x15, x0, x1"),
		rt("msub64", func(a *Assembler) { a.MSub(S64, X0, X15, X1, X0) }, "msub x0, x15, x1, x0"),
		rt("sxth32", func(a *Assembler) { a.Extend(Sxth, S32, X0, X0) }, "sxth w0, w0"),
		rt("tbz w", func(a *Assembler) {
			l := a.NewLabel()
			a.Bind(l)
			a.Tbz(X10, 0, l)
		}, "tbz w10, #0, .+0x0"),
		rt("fabs d", func(a *Assembler) { a.FUnary(FAbs, S64, V0, V0) }, "fabs d0, d0"),
		rt("fneg s", func(a *Assembler) { a.FUnary(FNeg, S32, V0, V0) }, "fneg s0, s0"),
		rt("fsqrt s", func(a *Assembler) { a.FUnary(FSqrt, S32, V0, V0) }, "fsqrt s0, s0"),
		rt("frintm d", func(a *Assembler) { a.FUnary(FRintM, S64, V0, V0) }, "frintm d0, d0"),
		rt("frintp s", func(a *Assembler) { a.FUnary(FRintP, S32, V0, V0) }, "frintp s0, s0"),
		rt("frintz s", func(a *Assembler) { a.FUnary(FRintZ, S32, V0, V0) }, "frintz s0, s0"),
		rt("fsub s", func(a *Assembler) { a.Float(FSub, S32, V9, V8, V9) }, "fsub s9, s8, s9"),
		rt("fdiv s", func(a *Assembler) { a.Float(FDiv, S32, V8, V8, V0) }, "fdiv s8, s8, s0"),
		rt("fmul d", func(a *Assembler) { a.Float(FMul, S64, V8, V8, V0) }, "fmul d8, d8, d0"),
		rt("fmin s", func(a *Assembler) { a.Float(FMin, S32, V0, V0, V1) }, "fmin s0, s0, s1"),
		rt("fcvtzs w s", func(a *Assembler) { a.FCvtToInt(true, S32, S32, X9, V0) }, "fcvtzs w9, s0"),
		rt("fcvtzs x d", func(a *Assembler) { a.FCvtToInt(true, S64, S64, X0, V8) }, "fcvtzs x0, d8"),
		rt("fcvtzu w d", func(a *Assembler) { a.FCvtToInt(false, S32, S64, X9, V0) }, "fcvtzu w9, d0"),
		rt("fcvtzu x s", func(a *Assembler) { a.FCvtToInt(false, S64, S32, X9, V0) }, "fcvtzu x9, s0"),
		rt("scvtf d w", func(a *Assembler) { a.IntToFloat(true, S64, S32, V0, X9) }, "scvtf d0, w9"),
		rt("scvtf s x", func(a *Assembler) { a.IntToFloat(true, S32, S64, V0, X9) }, "scvtf s0, x9"),
		rt("ucvtf d x", func(a *Assembler) { a.IntToFloat(false, S64, S64, V8, X0) }, "ucvtf d8, x0"),
		rt("ucvtf s w", func(a *Assembler) { a.IntToFloat(false, S32, S32, V0, X9) }, "ucvtf s0, w9"),
		rt("fmov const literal s", func(a *Assembler) { a.FMovConst(S32, V31, uint64(math.Float32bits(-2147483904))) },
			"ldr s31, .+0x10"),
		// Loads and stores of every width through every addressing mode
		// memories (uxtw for i32 addresses, lsl for i64), tables and GC
		// elements (scaled) use.
		rt("mem load f32 i64", func(a *Assembler) { a.FLoad(S32, V8, BaseIndex(X15, X0, IndexLSL, false)) }, "ldr s8, [x15,x0]"),
		rt("mem load u16 i64", func(a *Assembler) { a.Load(S16, X9, BaseIndex(X15, X0, IndexLSL, false)) }, "ldrh w9, [x15,x0]"),
		rt("mem load s8 i32", func(a *Assembler) { a.LoadSigned(S8, S32, X9, BaseIndex(X15, X0, IndexUXTW, false)) }, "ldrsb w9, [x15,w0,uxtw]"),
		rt("mem load s8 i32 i64", func(a *Assembler) { a.LoadSigned(S8, S32, X0, BaseIndex(X15, X9, IndexLSL, false)) }, "ldrsb w0, [x15,x9]"),
		rt("mem load s8 x", func(a *Assembler) { a.LoadSigned(S8, S64, X9, BaseIndex(X15, X0, IndexUXTW, false)) }, "ldrsb x9, [x15,w0,uxtw]"),
		rt("mem load s8 x i64", func(a *Assembler) { a.LoadSigned(S8, S64, X9, BaseIndex(X15, X9, IndexLSL, false)) }, "ldrsb x9, [x15,x9]"),
		rt("mem load s16 i64", func(a *Assembler) { a.LoadSigned(S16, S32, X9, BaseIndex(X15, X0, IndexLSL, false)) }, "ldrsh w9, [x15,x0]"),
		rt("mem load s16 x", func(a *Assembler) { a.LoadSigned(S16, S64, X9, BaseIndex(X15, X0, IndexUXTW, false)) }, "ldrsh x9, [x15,w0,uxtw]"),
		rt("mem load s16 x i64", func(a *Assembler) { a.LoadSigned(S16, S64, X9, BaseIndex(X15, X0, IndexLSL, false)) }, "ldrsh x9, [x15,x0]"),
		rt("mem load s32 x", func(a *Assembler) { a.LoadSigned(S32, S64, X9, BaseIndex(X15, X0, IndexUXTW, false)) }, "ldrsw x9, [x15,w0,uxtw]"),
		rt("mem load s32 x i64", func(a *Assembler) { a.LoadSigned(S32, S64, X9, BaseIndex(X15, X0, IndexLSL, false)) }, "ldrsw x9, [x15,x0]"),
		rt("mem store f32 i64", func(a *Assembler) { a.FStore(S32, V0, BaseIndex(X15, X0, IndexLSL, false)) }, "str s0, [x15,x0]"),
		rt("mem store i8 i64", func(a *Assembler) { a.Store(S8, X10, BaseIndex(X15, X9, IndexLSL, false)) }, "strb w10, [x15,x9]"),
		rt("mem store i16 i64", func(a *Assembler) { a.Store(S16, X9, BaseIndex(X15, X10, IndexLSL, false)) }, "strh w9, [x15,x10]"),
		rt("table set i64", func(a *Assembler) { a.Store(S64, X9, BaseIndex(X15, X10, IndexLSL, true)) }, "str x9, [x15,x10,lsl #3]"),
		rt("table set", func(a *Assembler) { a.Store(S64, X9, BaseIndex(X15, X10, IndexUXTW, true)) }, "str x9, [x15,w10,uxtw #3]"),
		rt("gc element u8", func(a *Assembler) { a.Load(S8, X0, BaseIndex(X15, X1, IndexUXTW, true)) }, "ldrb w0, [x15,w1,uxtw #0]"),
		rt("gc element s8", func(a *Assembler) { a.LoadSigned(S8, S32, X0, BaseIndex(X15, X0, IndexUXTW, true)) }, "ldrsb w0, [x15,w0,uxtw #0]"),
		rt("gc element u16", func(a *Assembler) { a.Load(S16, X0, BaseIndex(X15, X0, IndexUXTW, true)) }, "ldrh w0, [x15,w0,uxtw #1]"),
		rt("gc element i32", func(a *Assembler) { a.Load(S32, X9, BaseIndex(X15, X0, IndexUXTW, true)) }, "ldr w9, [x15,w0,uxtw #2]"),
		rt("gc element f32", func(a *Assembler) { a.FLoad(S32, V0, BaseIndex(X15, X0, IndexUXTW, true)) }, "ldr s0, [x15,w0,uxtw #2]"),
		rt("gc element f64", func(a *Assembler) { a.FLoad(S64, V8, BaseIndex(X15, X0, IndexUXTW, true)) }, "ldr d8, [x15,w0,uxtw #3]"),
		rt("gc set element i8", func(a *Assembler) { a.Store(S8, X2, BaseIndex(X15, X0, IndexUXTW, true)) }, "strb w2, [x15,w0,uxtw #0]"),
		rt("gc set element i32", func(a *Assembler) { a.Store(S32, X9, BaseIndex(X15, X0, IndexUXTW, true)) }, "str w9, [x15,w0,uxtw #2]"),
		rt("gc set element f32", func(a *Assembler) { a.FStore(S32, V0, BaseIndex(X15, X0, IndexUXTW, true)) }, "str s0, [x15,w0,uxtw #2]"),
		rt("gc set element i64", func(a *Assembler) { a.Store(S64, X9, BaseIndex(X15, X10, IndexUXTW, true)) }, "str x9, [x15,w10,uxtw #3]"),
		rt("gc fill i8", func(a *Assembler) { a.Store(S8, X10, Base(X15, 0)) }, "strb w10, [x15]"),
		rt("gc fill i16", func(a *Assembler) { a.Store(S16, X10, Base(X15, 0)) }, "strh w10, [x15]"),
		rt("gc fill f32", func(a *Assembler) { a.FStore(S32, V0, Base(X15, 0)) }, "str s0, [x15]"),
		rt("global set f64", func(a *Assembler) { a.FStore(S64, V0, Base(X20, 40)) }, "str d0, [x20,#40]"),
		rt("global set f32", func(a *Assembler) { a.FStore(S32, V0, Base(X20, 96)) }, "str s0, [x20,#96]"),
		rt("stack arg f64", func(a *Assembler) { a.FLoad(S64, V0, Base(FP, -16)) }, "ldur d0, [x29,#-16]"),
		rt("spill f64", func(a *Assembler) { a.FStore(S64, V8, Base(FP, -16)) }, "stur d8, [x29,#-16]"),
	}
}
