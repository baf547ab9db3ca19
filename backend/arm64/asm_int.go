package arm64

import (
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// ALUOp is a two-source integer operation.
type ALUOp uint8

// The ALU operations. Adds, Subs and Ands also set the flags.
const (
	Add ALUOp = iota
	Sub
	Adds
	Subs
	And
	Orr
	Eor
	Ands
	Bic // n AND NOT m
	Orn // n OR NOT m
)

var aluNames = [...]string{"add", "sub", "adds", "subs", "and", "orr", "eor", "ands", "bic", "orn"}

func (op ALUOp) String() string {
	if int(op) < len(aluNames) {
		return aluNames[op]
	}
	return "ALUOp(?)"
}

// aluOps are golang-asm's mnemonics, 32-bit then 64-bit.
var aluOps = [...][2]obj.As{
	Add:  {arm64.AADDW, arm64.AADD},
	Sub:  {arm64.ASUBW, arm64.ASUB},
	Adds: {arm64.AADDSW, arm64.AADDS},
	Subs: {arm64.ASUBSW, arm64.ASUBS},
	And:  {arm64.AANDW, arm64.AAND},
	Orr:  {arm64.AORRW, arm64.AORR},
	Eor:  {arm64.AEORW, arm64.AEOR},
	Ands: {arm64.AANDSW, arm64.AANDS},
	Bic:  {arm64.ABICW, arm64.ABIC},
	Orn:  {arm64.AORNW, arm64.AORN},
}

func (op ALUOp) as(s Size) obj.As {
	if s == S32 {
		return aluOps[op][0]
	}
	return aluOps[op][1]
}

func (op ALUOp) arith() bool { return op <= Subs }

// ALU emits dst = n op m at the given width.
//
// Add and Sub take SP as dst and n (stack pointer arithmetic); the other
// operations read and write ZR for register 31. An immediate m is encoded
// directly when it fits (add/sub: 12 bits, optionally shifted by 12, with
// a negative value flipping add and sub; logical operations: a bitmask
// immediate); Add and Sub split a 24-bit value into two instructions;
// anything else is first materialized in Scratch (so n must not be
// Scratch). Bic and Orn take a register only.
func (a *Assembler) ALU(op ALUOp, size Size, dst, n Reg, m Operand) {
	if !a.ok() || !a.wx(size) {
		return
	}
	if int(op) >= len(aluOps) {
		a.failf("invalid ALU operation %d", op)
		return
	}
	// Register 31 is SP for add/sub with an immediate, and in the
	// extended-register form golang-asm picks when SP is an operand;
	// otherwise it is ZR. The flag-setting forms never write SP.
	dUse, nUse := useGP, useGP
	_, isImm := m.(Imm)
	if op.arith() && (isImm || dst == SP || n == SP) {
		dUse, nUse = useSP, useSP
		if op == Adds || op == Subs {
			dUse = useGP
		}
	}
	d, ok1 := a.gp(dst, dUse)
	r, ok2 := a.gp(n, nUse)
	if !ok1 || !ok2 {
		return
	}
	switch m := m.(type) {
	case Reg:
		a.aluReg(op, size, d, r, m)
	case Imm:
		a.aluImm(op, size, n, d, r, m)
	default:
		a.failf("%v: missing operand", op)
	}
}

func (a *Assembler) aluReg(op ALUOp, size Size, d, r int16, m Reg) {
	// With SP as dst or n, golang-asm picks the extended-register form
	// (add sp, sp, x1, uxtx), where register 31 in m would mean xzr
	// anyway; SP itself is never a valid m.
	if src, ok := a.gp(m, useGP); ok {
		a.op3(op, size, regAddr(src), r, d)
	}
}

// flagOps are the comparisons golang-asm wants for the flag-setting
// operations into ZR: it rejects SUBS $imm, R, ZR.
var flagOps = map[ALUOp][2]obj.As{
	Subs: {arm64.ACMPW, arm64.ACMP},
	Adds: {arm64.ACMNW, arm64.ACMN},
	Ands: {arm64.ATSTW, arm64.ATST},
}

// op3 emits d = r op src, or the flag-only form when d is ZR.
func (a *Assembler) op3(op ALUOp, size Size, src obj.Addr, r, d int16) {
	if f, ok := flagOps[op]; ok && d == arm64.REGZERO {
		a.emit3(pick(size, f[0], f[1]), src, r, obj.Addr{})
		return
	}
	a.emit3(op.as(size), src, r, regAddr(d))
}

func (a *Assembler) aluImm(op ALUOp, size Size, n Reg, d, r int16, m Imm) {
	v := int64(m)
	if size == S32 {
		v = int64(int32(v)) // uint32 constants work for 32-bit operations
	}
	if op.arith() {
		if v == 0 && n != SP && d != arm64.REGSP {
			// golang-asm assembles CMP $0, R as cmp r, w0 (register 0):
			// use the zero register, which means the same.
			a.aluReg(op, size, d, r, ZR)
			return
		}
		if v < 0 && v != -v && addImm(-v) {
			op ^= 1 // Add<->Sub, Adds<->Subs: the values are adjacent
			v = -v
		}
		if addImm(v) {
			a.op3(op, size, constAddr(v), r, d)
			return
		}
		if (op == Add || op == Sub) && v > 0 && v < 1<<24 {
			// Two instructions: the high 12 bits, then the low 12 into
			// dst, which keeps SP 16-byte aligned throughout when both
			// parts are multiples of 16.
			a.emit3(op.as(size), constAddr(v&^0xfff), r, regAddr(d))
			a.emit3(op.as(size), constAddr(v&0xfff), d, regAddr(d))
			return
		}
	} else if op != Bic && op != Orn {
		if v == 0 {
			a.aluReg(op, size, d, r, ZR)
			return
		}
		if logicalImm(uint64(v), size) {
			// Encoded here (logicalImmFields). Rd 31 is SP for
			// and/orr/eor and ZR for ands; d is never SP here (the
			// operands were checked with useGP), so ZR as the
			// destination of a non-flag-setting form is left to
			// golang-asm, which knows no such instruction either.
			opc := map[ALUOp]uint32{And: 0, Orr: 1, Eor: 2, Ands: 3}[op]
			if d != arm64.REGZERO || op == Ands {
				sf := uint32(0)
				if size == S64 {
					sf = 1 << 31
				}
				rd := uint32(d-arm64.REG_R0) & 31
				rn := uint32(r-arm64.REG_R0) & 31
				a.word(sf | opc<<29 | 0x12000000 | logicalImmFields(uint64(v), size) | rn<<5 | rd)
				return
			}
			if size == S32 {
				v = int64(uint32(v))
			}
			a.op3(op, size, constAddr(v), r, d)
			return
		}
	} else {
		a.failf("%v takes a register operand", op)
		return
	}
	if n == Scratch {
		a.failf("%v: immediate %#x needs the scratch register, which is the source", op, int64(m))
		return
	}
	a.MovImm(size, Scratch, int64(m))
	a.aluReg(op, size, d, r, Scratch)
}

// Cmp sets the flags for n - m. An immediate that does not fit is
// materialized in Scratch.
func (a *Assembler) Cmp(size Size, n Reg, m Operand) { a.ALU(Subs, size, ZR, n, m) }

// Cmn sets the flags for n + m.
func (a *Assembler) Cmn(size Size, n Reg, m Operand) { a.ALU(Adds, size, ZR, n, m) }

// Tst sets the flags for n AND m.
func (a *Assembler) Tst(size Size, n Reg, m Operand) { a.ALU(Ands, size, ZR, n, m) }

// Neg emits dst = -src.
func (a *Assembler) Neg(size Size, dst, src Reg) { a.ALU(Sub, size, dst, ZR, src) }

// Mvn emits dst = NOT src.
func (a *Assembler) Mvn(size Size, dst, src Reg) { a.ALU(Orn, size, dst, ZR, src) }

// rrr emits a three-register instruction dst = n op m with no SP forms.
func (a *Assembler) rrr(size Size, w, x obj.As, dst, n, m Reg) {
	if !a.ok() || !a.wx(size) {
		return
	}
	d, ok1 := a.gp(dst, useGP)
	r, ok2 := a.gp(n, useGP)
	s, ok3 := a.gp(m, useGP)
	if ok1 && ok2 && ok3 {
		a.emit3(pick(size, w, x), regAddr(s), r, regAddr(d))
	}
}

// Mul emits dst = n * m (the low half).
func (a *Assembler) Mul(size Size, dst, n, m Reg) { a.rrr(size, arm64.AMULW, arm64.AMUL, dst, n, m) }

// SDiv emits dst = n / m, signed, rounding toward zero. The hardware
// returns 0 for a zero divisor and MinInt for MinInt / -1 instead of
// trapping, so Wasm's traps are explicit checks before it.
func (a *Assembler) SDiv(size Size, dst, n, m Reg) {
	a.rrr(size, arm64.ASDIVW, arm64.ASDIV, dst, n, m)
}

// UDiv emits dst = n / m, unsigned.
func (a *Assembler) UDiv(size Size, dst, n, m Reg) {
	a.rrr(size, arm64.AUDIVW, arm64.AUDIV, dst, n, m)
}

// MAdd emits dst = acc + n*m.
func (a *Assembler) MAdd(size Size, dst, n, m, acc Reg) {
	a.mulAcc(pick(size, arm64.AMADDW, arm64.AMADD), size, dst, n, m, acc)
}

// MSub emits dst = acc - n*m: with a quotient q = n/m, MSub(r, q, m, n)
// is the remainder.
func (a *Assembler) MSub(size Size, dst, n, m, acc Reg) {
	a.mulAcc(pick(size, arm64.AMSUBW, arm64.AMSUB), size, dst, n, m, acc)
}

func (a *Assembler) mulAcc(as obj.As, size Size, dst, n, m, acc Reg) {
	if !a.ok() || !a.wx(size) {
		return
	}
	d, ok1 := a.gp(dst, useGP)
	rn, ok2 := a.gp(n, useGP)
	rm, ok3 := a.gp(m, useGP)
	ra, ok4 := a.gp(acc, useGP)
	if ok1 && ok2 && ok3 && ok4 {
		// golang-asm: MADD Rm, Ra, Rn, Rd, with Ra in Reg and Rn third.
		p := a.emit3(as, regAddr(rm), ra, regAddr(d))
		p.SetFrom3(regAddr(rn))
	}
}

// ShiftOp is a shift or rotate.
type ShiftOp uint8

// The shifts.
const (
	Lsl ShiftOp = iota
	Lsr
	Asr
	Ror
)

var shiftOps = [...][2]obj.As{
	Lsl: {arm64.ALSLW, arm64.ALSL},
	Lsr: {arm64.ALSRW, arm64.ALSR},
	Asr: {arm64.AASRW, arm64.AASR},
	Ror: {arm64.ARORW, arm64.AROR},
}

// Shift emits dst = n shifted by amt, a register or an immediate. Both
// forms take the amount modulo the width, as Wasm does: the hardware does
// that for a register, and this method for an immediate.
func (a *Assembler) Shift(op ShiftOp, size Size, dst, n Reg, amt Operand) {
	if !a.ok() || !a.wx(size) {
		return
	}
	if int(op) >= len(shiftOps) {
		a.failf("invalid shift %d", op)
		return
	}
	as := pick(size, shiftOps[op][0], shiftOps[op][1])
	d, ok1 := a.gp(dst, useGP)
	r, ok2 := a.gp(n, useGP)
	if !ok1 || !ok2 {
		return
	}
	switch amt := amt.(type) {
	case Reg:
		if s, ok := a.gp(amt, useGP); ok {
			a.emit3(as, regAddr(s), r, regAddr(d))
		}
	case Imm:
		k := int64(amt) & int64(size.bits()-1)
		if k == 0 {
			a.Mov(size, dst, n)
			return
		}
		a.emit3(as, constAddr(k), r, regAddr(d))
	default:
		a.failf("shift: missing amount")
	}
}

// rr emits a two-register instruction dst = op(src) with no SP forms.
func (a *Assembler) rr(size Size, w, x obj.As, dst, src Reg) {
	if !a.ok() || !a.wx(size) {
		return
	}
	d, ok1 := a.gp(dst, useGP)
	s, ok2 := a.gp(src, useGP)
	if ok1 && ok2 {
		a.emit(pick(size, w, x), regAddr(s), regAddr(d))
	}
}

// Clz emits dst = the number of leading zero bits of src.
func (a *Assembler) Clz(size Size, dst, src Reg) { a.rr(size, arm64.ACLZW, arm64.ACLZ, dst, src) }

// Rbit emits dst = src with its bits reversed; clz of that is ctz.
func (a *Assembler) Rbit(size Size, dst, src Reg) { a.rr(size, arm64.ARBITW, arm64.ARBIT, dst, src) }

// Rev emits dst = src with its bytes reversed.
func (a *Assembler) Rev(size Size, dst, src Reg) { a.rr(size, arm64.AREVW, arm64.AREV, dst, src) }

// Popcnt emits dst = the number of one bits of src, through NEON (the
// base ISA has no popcount): move to tmp, count per byte, add the bytes.
//
//	fmov d<tmp>, x<src>      (fmov s<tmp>, w<src> for 32 bits)
//	cnt  v<tmp>.8b, v<tmp>.8b
//	uaddlv h<tmp>, v<tmp>.8b
//	fmov w<dst>, s<tmp>
func (a *Assembler) Popcnt(size Size, dst, src Reg, tmp VReg) {
	if !a.ok() || !a.wx(size) {
		return
	}
	a.FMovFromGP(size, tmp, src)
	if !a.ok() {
		return
	}
	b8 := arrangement(tmp, arm64.ARNG_8B)
	a.emit(arm64.AVCNT, b8, b8)
	a.emit(arm64.AVUADDLV, b8, regAddr(arm64.REG_V0+int16(tmp)))
	a.FMovToGP(S32, dst, tmp)
}

// arrangement is golang-asm's operand for Vn.<T>.
func arrangement(v VReg, arng int16) obj.Addr {
	return regAddr(arm64.REG_ARNG + (arng&15)<<5 + int16(v)&31)
}

// CSet emits dst = 1 if c holds, else 0 (64 bits).
func (a *Assembler) CSet(dst Reg, c Cond) {
	if !a.ok() {
		return
	}
	cond, ok1 := a.cond(c, true)
	d, ok2 := a.gp(dst, useGP)
	if ok1 && ok2 {
		a.emit(arm64.ACSET, cond, regAddr(d))
	}
}

// CSel emits dst = c ? n : m.
func (a *Assembler) CSel(size Size, dst, n, m Reg, c Cond) {
	if !a.ok() || !a.wx(size) {
		return
	}
	cond, ok0 := a.cond(c, false)
	d, ok1 := a.gp(dst, useGP)
	rn, ok2 := a.gp(n, useGP)
	rm, ok3 := a.gp(m, useGP)
	if ok0 && ok1 && ok2 && ok3 {
		p := a.emit3(pick(size, arm64.ACSELW, arm64.ACSEL), cond, rn, regAddr(d))
		p.SetFrom3(regAddr(rm))
	}
}

// ExtOp is a sign or zero extension of the low bits of a register.
type ExtOp uint8

// The extensions.
const (
	Sxtb ExtOp = iota
	Sxth
	Sxtw // 64-bit only
	Uxtb
	Uxth
	Uxtw // 64-bit only: a 32-bit mov, which clears the upper half
)

var extOps = [...][2]obj.As{
	Sxtb: {arm64.ASXTBW, arm64.ASXTB},
	Sxth: {arm64.ASXTHW, arm64.ASXTH},
	Sxtw: {0, arm64.ASXTW},
	Uxtb: {arm64.AUXTBW, arm64.AUXTB},
	Uxth: {arm64.AUXTHW, arm64.AUXTH},
}

// Extend emits dst = src's low bits extended to size.
func (a *Assembler) Extend(op ExtOp, size Size, dst, src Reg) {
	if !a.ok() || !a.wx(size) {
		return
	}
	switch {
	case int(op) > int(Uxtw):
		a.failf("invalid extension %d", op)
	case op == Uxtw:
		// mov w, w zero-extends: there is no uxtw instruction.
		a.Mov(S32, dst, src)
	case op == Sxtw && size == S32:
		a.failf("sxtw extends to 64 bits only")
	case (op == Uxtb || op == Uxth) && size == S64:
		// uxtb/uxth exist in the W form only (an alias of ubfm), which
		// clears the upper half anyway.
		a.rr(S32, extOps[op][0], extOps[op][0], dst, src)
	default:
		a.rr(size, extOps[op][0], extOps[op][1], dst, src)
	}
}
