package amd64

import (
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// ALUOp is a two-operand integer operation with the classic x86 encodings
// (r/m, reg | reg, r/m | r/m, imm).
type ALUOp uint8

// The ALU operations. Cmp only sets flags: Cmp dst, src compares dst with
// src, so a following Jcc(LT, l) branches if dst < src.
const (
	Add ALUOp = iota
	Sub
	And
	Or
	Xor
	Cmp
)

var aluOps = [...][4]obj.As{
	Add: {x86.AADDB, x86.AADDW, x86.AADDL, x86.AADDQ},
	Sub: {x86.ASUBB, x86.ASUBW, x86.ASUBL, x86.ASUBQ},
	And: {x86.AANDB, x86.AANDW, x86.AANDL, x86.AANDQ},
	Or:  {x86.AORB, x86.AORW, x86.AORL, x86.AORQ},
	Xor: {x86.AXORB, x86.AXORW, x86.AXORL, x86.AXORQ},
	Cmp: {x86.ACMPB, x86.ACMPW, x86.ACMPL, x86.ACMPQ},
}

// size checks that the width is one of the allowed ones and returns its
// table index.
func (a *Assembler) size(s Size, allowed ...Size) (int, bool) {
	i, ok := s.index()
	if ok {
		for _, t := range allowed {
			if s == t {
				return i, true
			}
		}
	}
	a.failf("%v operand not supported here", s)
	return 0, false
}

var allSizes = []Size{S8, S16, S32, S64}

// binary emits a two-operand instruction whose destination may be memory
// and whose source may be an immediate. golang-asm writes the source first
// (reversed relative to Intel) except for CMP, which it keeps in Intel order.
func (a *Assembler) binary(ops *[4]obj.As, size Size, dst RM, src RMI, goOrder bool) {
	if !a.ok() {
		return
	}
	i, ok := a.size(size, allSizes...)
	if !ok {
		return
	}
	if _, m := dst.(Mem); m {
		if _, m := src.(Mem); m {
			a.failf("two memory operands")
			return
		}
	}
	d, ok1 := a.rmi(dst, size, false)
	s, ok2 := a.rmi(src, size, true)
	if !ok1 || !ok2 {
		return
	}
	if goOrder {
		a.emit(ops[i], s, d)
	} else {
		a.emit(ops[i], d, s)
	}
}

// ALU emits op dst, src.
func (a *Assembler) ALU(op ALUOp, size Size, dst RM, src RMI) {
	if int(op) >= len(aluOps) {
		a.failf("invalid ALU op %d", op)
		return
	}
	a.binary(&aluOps[op], size, dst, src, op != Cmp)
}

var testOps = [4]obj.As{x86.ATESTB, x86.ATESTW, x86.ATESTL, x86.ATESTQ}

// Test emits test dst, src: the flags of dst & src. src is a register or an
// immediate (x86 has no test reg, mem form distinct from test mem, reg).
func (a *Assembler) Test(size Size, dst RM, src RMI) {
	if _, m := src.(Mem); m {
		a.failf("test: source may not be memory")
		return
	}
	a.binary(&testOps, size, dst, src, true)
}

var movOps = [4]obj.As{x86.AMOVB, x86.AMOVW, x86.AMOVL, x86.AMOVQ}

// Mov emits mov dst, src: loads, stores, register copies and constants. A
// 64-bit constant into a register is encoded as compactly as x86 allows:
// mov r32, imm32 (zero-extending) when it fits 32 unsigned bits, a
// sign-extended imm32 when negative and small, movabs otherwise.
func (a *Assembler) Mov(size Size, dst RM, src RMI) {
	v, isImm := src.(Imm)
	r, isReg := dst.(Reg)
	if !isImm || !isReg || size != S64 {
		a.binary(&movOps, size, dst, src, true)
		return
	}
	if !a.ok() {
		return
	}
	if d, ok := a.reg(r, S64); ok {
		if v >= 0 && v <= 0xffffffff {
			a.emit(x86.AMOVL, constAddr(int64(int32(v))), d)
		} else {
			a.emit(x86.AMOVQ, constAddr(int64(v)), d) // golang-asm picks imm32 or movabs
		}
	}
}

// ShiftOp is a shift or rotate.
type ShiftOp uint8

// The shifts and rotates.
const (
	Shl ShiftOp = iota
	Shr         // logical
	Sar         // arithmetic
	Rol
	Ror
)

var shiftOps = [...][4]obj.As{
	Shl: {x86.ASHLB, x86.ASHLW, x86.ASHLL, x86.ASHLQ},
	Shr: {x86.ASHRB, x86.ASHRW, x86.ASHRL, x86.ASHRQ},
	Sar: {x86.ASARB, x86.ASARW, x86.ASARL, x86.ASARQ},
	Rol: {x86.AROLB, x86.AROLW, x86.AROLL, x86.AROLQ},
	Ror: {x86.ARORB, x86.ARORW, x86.ARORL, x86.ARORQ},
}

// Shift emits op dst, count, where count is an immediate (0-255; the CPU
// masks it to the width, as Wasm wants) or RCX, meaning CL.
func (a *Assembler) Shift(op ShiftOp, size Size, dst RM, count RMI) {
	if !a.ok() {
		return
	}
	if int(op) >= len(shiftOps) {
		a.failf("invalid shift op %d", op)
		return
	}
	i, ok := a.size(size, allSizes...)
	if !ok {
		return
	}
	d, ok := a.rmi(dst, size, false)
	if !ok {
		return
	}
	var c obj.Addr
	switch count := count.(type) {
	case Imm:
		if count < 0 || count > 255 {
			a.failf("shift count %d out of range", int64(count))
			return
		}
		c = constAddr(int64(count))
	case Reg:
		if count != RCX {
			a.failf("variable shift count must be in rcx, not %v", count)
			return
		}
		c = regAddr(x86.REG_CL)
	default:
		a.failf("shift count must be an immediate or rcx")
		return
	}
	a.emit(shiftOps[op][i], c, d)
}

// UnaryOp is a one-operand read-modify-write operation.
type UnaryOp uint8

// The unary operations.
const (
	Neg UnaryOp = iota
	Not
)

var unaryOps = [...][4]obj.As{
	Neg: {x86.ANEGB, x86.ANEGW, x86.ANEGL, x86.ANEGQ},
	Not: {x86.ANOTB, x86.ANOTW, x86.ANOTL, x86.ANOTQ},
}

// Unary emits op dst.
func (a *Assembler) Unary(op UnaryOp, size Size, dst RM) {
	if !a.ok() {
		return
	}
	if int(op) >= len(unaryOps) {
		a.failf("invalid unary op %d", op)
		return
	}
	i, ok := a.size(size, allSizes...)
	if !ok {
		return
	}
	if d, ok := a.rmi(dst, size, false); ok {
		a.emit(unaryOps[op][i], obj.Addr{}, d)
	}
}

// Lea emits lea dst, m: address arithmetic without touching flags. With
// S32 the result is truncated to 32 bits and zero-extended.
func (a *Assembler) Lea(size Size, dst Reg, m Mem) {
	if !a.ok() {
		return
	}
	as := x86.ALEAQ
	if size == S32 {
		as = x86.ALEAL
	} else if size != S64 {
		a.failf("lea: %v not supported", size)
		return
	}
	d, ok1 := a.reg(dst, size)
	s, ok2 := a.mem(m)
	if ok1 && ok2 {
		a.emit(as, s, d)
	}
}

// Imul emits imul dst, src (signed and unsigned multiplication agree on
// the low half, which is all Wasm needs).
func (a *Assembler) Imul(size Size, dst Reg, src RM) {
	a.twoOp(size, [4]obj.As{2: x86.AIMULL, 3: x86.AIMULQ}, dst, src)
}

// Imul3 emits imul dst, src, imm.
func (a *Assembler) Imul3(size Size, dst Reg, src RM, imm Imm) {
	if !a.ok() {
		return
	}
	i, ok := a.size(size, S32, S64)
	if !ok {
		return
	}
	d, ok1 := a.reg(dst, size)
	s, ok2 := a.rmi(src, size, false)
	c, ok3 := a.rmi(imm, size, true)
	if ok1 && ok2 && ok3 {
		a.emit([4]obj.As{2: x86.AIMUL3L, 3: x86.AIMUL3Q}[i], c, d).SetFrom3(s)
	}
}

// twoOp emits a reg <- r/m instruction of width 32 or 64, in golang-asm's
// order (source first).
func (a *Assembler) twoOp(size Size, ops [4]obj.As, dst Reg, src RM) {
	if !a.ok() {
		return
	}
	i, ok := a.size(size, S32, S64)
	if !ok {
		return
	}
	d, ok1 := a.reg(dst, size)
	s, ok2 := a.rmi(src, size, false)
	if ok1 && ok2 {
		a.emit(ops[i], s, d)
	}
}

var (
	zeroExt = map[[2]Size]obj.As{
		{S8, S32}: x86.AMOVBLZX, {S8, S64}: x86.AMOVBQZX,
		{S16, S32}: x86.AMOVWLZX, {S16, S64}: x86.AMOVWQZX,
		// Every 32-bit register write clears bits 63..32: a plain mov.
		{S32, S64}: x86.AMOVL,
	}
	signExt = map[[2]Size]obj.As{
		{S8, S32}: x86.AMOVBLSX, {S8, S64}: x86.AMOVBQSX,
		{S16, S32}: x86.AMOVWLSX, {S16, S64}: x86.AMOVWQSX,
		{S32, S64}: x86.AMOVLQSX,
	}
)

// MovZX emits a zero-extending move (movzx, or mov r32 for 32 to 64 bits)
// of a from-sized register or memory value into a to-sized register: the
// narrow loads and i64.extend_i32_u.
func (a *Assembler) MovZX(from, to Size, dst Reg, src RM) { a.extend(zeroExt, from, to, dst, src) }

// MovSX emits a sign-extending move (movsx, movsxd).
func (a *Assembler) MovSX(from, to Size, dst Reg, src RM) { a.extend(signExt, from, to, dst, src) }

func (a *Assembler) extend(ops map[[2]Size]obj.As, from, to Size, dst Reg, src RM) {
	if !a.ok() {
		return
	}
	as, ok := ops[[2]Size{from, to}]
	if !ok {
		a.failf("no extension from %v to %v", from, to)
		return
	}
	d, ok1 := a.reg(dst, to)
	s, ok2 := a.rmi(src, from, false)
	if ok1 && ok2 {
		a.emit(as, s, d)
	}
}

// Div emits div src: unsigned RDX:RAX / src, quotient in RAX, remainder in
// RDX (EDX:EAX for S32). The caller zeroes RDX first.
func (a *Assembler) Div(size Size, src RM) {
	a.divide([4]obj.As{2: x86.ADIVL, 3: x86.ADIVQ}, size, src)
}

// IDiv emits idiv src, the signed division; SignExtendAX prepares RDX. The
// caller checks for a zero divisor and for MinInt / -1, which fault.
func (a *Assembler) IDiv(size Size, src RM) {
	a.divide([4]obj.As{2: x86.AIDIVL, 3: x86.AIDIVQ}, size, src)
}

func (a *Assembler) divide(ops [4]obj.As, size Size, src RM) {
	if !a.ok() {
		return
	}
	i, ok := a.size(size, S32, S64)
	if !ok {
		return
	}
	if s, ok := a.rmi(src, size, false); ok {
		a.emit(ops[i], s, obj.Addr{})
	}
}

// SignExtendAX emits cdq (S32) or cqo (S64): RDX = the sign of RAX, the
// high half of IDiv's dividend.
func (a *Assembler) SignExtendAX(size Size) {
	if !a.ok() {
		return
	}
	if i, ok := a.size(size, S32, S64); ok {
		a.emit([4]obj.As{2: x86.ACDQ, 3: x86.ACQO}[i], obj.Addr{}, obj.Addr{})
	}
}

// BitOp is a bit-counting instruction.
type BitOp uint8

// The bit-counting instructions. Lzcnt needs Features.LZCNT, Tzcnt needs
// Features.BMI1 and Popcnt Features.POPCNT: without them the CPU executes
// lzcnt and tzcnt as bsr and bsf (a rep prefix is ignored), which give
// different results, so the caller must choose per Features. Bsr and Bsf
// leave the destination undefined for a zero source (ZF set).
const (
	Lzcnt BitOp = iota
	Tzcnt
	Popcnt
	Bsr
	Bsf
)

var bitOps = [...][4]obj.As{
	Lzcnt:  {2: x86.ALZCNTL, 3: x86.ALZCNTQ},
	Tzcnt:  {2: x86.ATZCNTL, 3: x86.ATZCNTQ},
	Popcnt: {2: x86.APOPCNTL, 3: x86.APOPCNTQ},
	Bsr:    {2: x86.ABSRL, 3: x86.ABSRQ},
	Bsf:    {2: x86.ABSFL, 3: x86.ABSFQ},
}

// BitCount emits op dst, src.
func (a *Assembler) BitCount(op BitOp, size Size, dst Reg, src RM) {
	if int(op) >= len(bitOps) {
		a.failf("invalid bit op %d", op)
		return
	}
	a.twoOp(size, bitOps[op], dst, src)
}

// Condition-code variants of jcc, setcc and cmovcc, indexed by Cond.
var (
	jccOps = [...]obj.As{
		O: x86.AJOS, NO: x86.AJOC, B: x86.AJCS, AE: x86.AJCC, E: x86.AJEQ, NE: x86.AJNE,
		BE: x86.AJLS, A: x86.AJHI, S: x86.AJMI, NS: x86.AJPL, P: x86.AJPS, NP: x86.AJPC,
		LT: x86.AJLT, GE: x86.AJGE, LE: x86.AJLE, GT: x86.AJGT,
	}
	setccOps = [...]obj.As{
		O: x86.ASETOS, NO: x86.ASETOC, B: x86.ASETCS, AE: x86.ASETCC, E: x86.ASETEQ, NE: x86.ASETNE,
		BE: x86.ASETLS, A: x86.ASETHI, S: x86.ASETMI, NS: x86.ASETPL, P: x86.ASETPS, NP: x86.ASETPC,
		LT: x86.ASETLT, GE: x86.ASETGE, LE: x86.ASETLE, GT: x86.ASETGT,
	}
	cmovOps = [...][4]obj.As{
		O: {2: x86.ACMOVLOS, 3: x86.ACMOVQOS}, NO: {2: x86.ACMOVLOC, 3: x86.ACMOVQOC},
		B: {2: x86.ACMOVLCS, 3: x86.ACMOVQCS}, AE: {2: x86.ACMOVLCC, 3: x86.ACMOVQCC},
		E: {2: x86.ACMOVLEQ, 3: x86.ACMOVQEQ}, NE: {2: x86.ACMOVLNE, 3: x86.ACMOVQNE},
		BE: {2: x86.ACMOVLLS, 3: x86.ACMOVQLS}, A: {2: x86.ACMOVLHI, 3: x86.ACMOVQHI},
		S: {2: x86.ACMOVLMI, 3: x86.ACMOVQMI}, NS: {2: x86.ACMOVLPL, 3: x86.ACMOVQPL},
		P: {2: x86.ACMOVLPS, 3: x86.ACMOVQPS}, NP: {2: x86.ACMOVLPC, 3: x86.ACMOVQPC},
		LT: {2: x86.ACMOVLLT, 3: x86.ACMOVQLT}, GE: {2: x86.ACMOVLGE, 3: x86.ACMOVQGE},
		LE: {2: x86.ACMOVLLE, 3: x86.ACMOVQLE}, GT: {2: x86.ACMOVLGT, 3: x86.ACMOVQGT},
	}
)

func (a *Assembler) cond(c Cond) bool {
	if int(c) >= len(jccOps) {
		a.failf("invalid condition %v", c)
		return false
	}
	return true
}

// Setcc emits setcc dst: the low byte of dst (or the byte at dst) becomes
// 1 or 0. It writes only that byte, so the caller zero-extends it, or better
// zeroes the register with xor before the instruction that sets the flags.
func (a *Assembler) Setcc(c Cond, dst RM) {
	if !a.ok() || !a.cond(c) {
		return
	}
	if d, ok := a.rmi(dst, S8, false); ok {
		a.emit(setccOps[c], obj.Addr{}, d)
	}
}

// Cmov emits cmovcc dst, src. A 32-bit cmov zero-extends dst even when the
// condition is false.
func (a *Assembler) Cmov(c Cond, size Size, dst Reg, src RM) {
	if !a.ok() || !a.cond(c) {
		return
	}
	a.twoOp(size, cmovOps[c], dst, src)
}

// Push emits push r (8 bytes).
func (a *Assembler) Push(r Reg) {
	if !a.ok() {
		return
	}
	if s, ok := a.reg(r, S64); ok {
		a.emit(x86.APUSHQ, s, obj.Addr{})
	}
}

// Pop emits pop r.
func (a *Assembler) Pop(r Reg) {
	if !a.ok() {
		return
	}
	if d, ok := a.reg(r, S64); ok {
		a.emit(x86.APOPQ, obj.Addr{}, d)
	}
}
