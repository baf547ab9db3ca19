package amd64

import (
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// Scalar SSE instructions. Size S32 selects the single-precision form (ss),
// S64 the double-precision one (sd). Only SSE2 is assumed, plus SSE4.1 for
// Round (Features.SSE41).

// fsize returns 0 for S32 and 1 for S64.
func (a *Assembler) fsize(size Size) (int, bool) {
	switch size {
	case S32:
		return 0, true
	case S64:
		return 1, true
	}
	a.failf("%v float operand not supported", size)
	return 0, false
}

// xop emits a reg <- xmm/mem instruction picked by float width.
func (a *Assembler) xop(ops [2]obj.As, size Size, dst XReg, src XM) {
	if !a.ok() {
		return
	}
	i, ok := a.fsize(size)
	if !ok {
		return
	}
	d, ok1 := a.xreg(dst)
	s, ok2 := a.xm(src)
	if ok1 && ok2 {
		a.emit(ops[i], s, d)
	}
}

// MovF emits movss/movsd: a load (dst a register, src memory), a store
// (dst memory) or a register move. A register-to-register movss/movsd
// merges into dst's upper lanes and so depends on dst's old value; copy
// registers with MovAPS instead.
func (a *Assembler) MovF(size Size, dst, src XM) {
	if !a.ok() {
		return
	}
	i, ok := a.fsize(size)
	if !ok {
		return
	}
	_, dmem := dst.(Mem)
	_, smem := src.(Mem)
	if dmem && smem {
		a.failf("two memory operands")
		return
	}
	d, ok1 := a.xm(dst)
	s, ok2 := a.xm(src)
	if ok1 && ok2 {
		a.emit([2]obj.As{x86.AMOVSS, x86.AMOVSD}[i], s, d)
	}
}

// MovAPS emits movaps dst, src, the register copy without a dependency on
// dst.
func (a *Assembler) MovAPS(dst, src XReg) {
	a.packed(x86.AMOVAPS, dst, src)
}

// FloatOp is a scalar SSE arithmetic instruction.
type FloatOp uint8

// The scalar float operations. FMin and FMax are the raw instructions, not
// Wasm's min/max: they return the second operand when either is NaN and
// when comparing zeros of opposite sign, so the instruction selector wraps
// them with ucomis and the bitwise ops.
const (
	FAdd FloatOp = iota
	FSub
	FMul
	FDiv
	FMin
	FMax
	FSqrt
)

var floatOps = [...][2]obj.As{
	FAdd:  {x86.AADDSS, x86.AADDSD},
	FSub:  {x86.ASUBSS, x86.ASUBSD},
	FMul:  {x86.AMULSS, x86.AMULSD},
	FDiv:  {x86.ADIVSS, x86.ADIVSD},
	FMin:  {x86.AMINSS, x86.AMINSD},
	FMax:  {x86.AMAXSS, x86.AMAXSD},
	FSqrt: {x86.ASQRTSS, x86.ASQRTSD},
}

// Float emits op dst, src (dst = dst op src; FSqrt: dst = sqrt(src)).
func (a *Assembler) Float(op FloatOp, size Size, dst XReg, src XM) {
	if int(op) >= len(floatOps) {
		a.failf("invalid float op %d", op)
		return
	}
	a.xop(floatOps[op], size, dst, src)
}

// Ucomis emits ucomiss/ucomisd x, y: ZF, PF, CF as for an unsigned compare
// of x with y, and PF set when unordered (either is NaN). So after it, A
// means x > y and ordered, AE x >= y, and B / BE / E also hold when
// unordered: test P first.
func (a *Assembler) Ucomis(size Size, x XReg, y XM) {
	a.xop([2]obj.As{x86.AUCOMISS, x86.AUCOMISD}, size, x, y)
}

// RoundMode is the rounding immediate of roundss/roundsd.
type RoundMode uint8

// The rounding modes, for f32/f64 nearest, floor, ceil and trunc. Bit 2 of
// the immediate stays clear so the mode comes from the immediate, not from
// MXCSR.
const (
	RoundNearest RoundMode = 0
	RoundFloor   RoundMode = 1
	RoundCeil    RoundMode = 2
	RoundTrunc   RoundMode = 3
)

// Round emits roundss/roundsd dst, src, mode (SSE4.1).
func (a *Assembler) Round(size Size, mode RoundMode, dst XReg, src XM) {
	if !a.ok() {
		return
	}
	if mode > RoundTrunc {
		a.failf("invalid rounding mode %d", mode)
		return
	}
	i, ok := a.fsize(size)
	if !ok {
		return
	}
	d, ok1 := a.xreg(dst)
	s, ok2 := a.xm(src)
	if ok1 && ok2 {
		a.emit([2]obj.As{x86.AROUNDSS, x86.AROUNDSD}[i], constAddr(int64(mode)), d).SetFrom3(s)
	}
}

// PackedOp is a 128-bit bitwise SSE operation, used on scalars for abs
// (and with a mask), neg (xor with the sign bit), copysign and zeroing.
// The ps forms are used for both widths: they are a byte shorter than the
// pd ones and all run in the same domain on current cores.
type PackedOp uint8

// The packed bitwise operations. AndNot computes dst = ^dst & src.
const (
	AndPS PackedOp = iota
	AndNotPS
	OrPS
	XorPS
)

var packedOps = [...]obj.As{AndPS: x86.AANDPS, AndNotPS: x86.AANDNPS, OrPS: x86.AORPS, XorPS: x86.AXORPS}

// Packed emits op dst, src. A memory src must be 16-byte aligned, as Const128 is.
func (a *Assembler) Packed(op PackedOp, dst XReg, src XM) {
	if int(op) >= len(packedOps) {
		a.failf("invalid packed op %d", op)
		return
	}
	a.packed(packedOps[op], dst, src)
}

func (a *Assembler) packed(as obj.As, dst XReg, src XM) {
	if !a.ok() {
		return
	}
	d, ok1 := a.xreg(dst)
	s, ok2 := a.xm(src)
	if ok1 && ok2 {
		a.emit(as, s, d)
	}
}

// CvtIntToFloat emits cvtsi2ss/cvtsi2sd: dst = float(src), src a signed
// isize-bit integer. The instruction writes only dst's low lane, so it
// depends on dst's old value; the caller breaks that dependency with
// XorPS dst, dst when dst is not otherwise live. Unsigned 64-bit sources
// need the usual halving sequence around it.
func (a *Assembler) CvtIntToFloat(fsize, isize Size, dst XReg, src RM) {
	if !a.ok() {
		return
	}
	ops := map[[2]Size]obj.As{
		{S32, S32}: x86.ACVTSL2SS, {S32, S64}: x86.ACVTSQ2SS,
		{S64, S32}: x86.ACVTSL2SD, {S64, S64}: x86.ACVTSQ2SD,
	}
	as, ok := ops[[2]Size{fsize, isize}]
	if !ok {
		a.failf("no conversion from %v integer to %v float", isize, fsize)
		return
	}
	d, ok1 := a.xreg(dst)
	s, ok2 := a.rmi(src, isize, false)
	if ok1 && ok2 {
		a.emit(as, s, d)
	}
}

// CvtFloatToInt emits cvttss2si/cvttsd2si: dst = src truncated toward zero
// to a signed isize-bit integer; NaN and out-of-range inputs give the
// "integer indefinite" value (MinInt), which the caller checks for to trap
// or saturate.
func (a *Assembler) CvtFloatToInt(isize, fsize Size, dst Reg, src XM) {
	if !a.ok() {
		return
	}
	ops := map[[2]Size]obj.As{
		{S32, S32}: x86.ACVTTSS2SL, {S64, S32}: x86.ACVTTSS2SQ,
		{S32, S64}: x86.ACVTTSD2SL, {S64, S64}: x86.ACVTTSD2SQ,
	}
	as, ok := ops[[2]Size{isize, fsize}]
	if !ok {
		a.failf("no conversion from %v float to %v integer", fsize, isize)
		return
	}
	d, ok1 := a.reg(dst, isize)
	s, ok2 := a.xm(src)
	if ok1 && ok2 {
		a.emit(as, s, d)
	}
}

// CvtFloat emits cvtss2sd (to S64) or cvtsd2ss (to S32): dst = src
// converted to the other precision. Like CvtIntToFloat it merges into dst.
func (a *Assembler) CvtFloat(to Size, dst XReg, src XM) {
	a.xop([2]obj.As{x86.ACVTSD2SS, x86.ACVTSS2SD}, to, dst, src)
}

// MovToX emits movd/movq dst, src: the bits of a 32- or 64-bit integer
// into the low lane of dst, upper lanes zeroed (reinterpret, and float
// constants built in a GP register).
func (a *Assembler) MovToX(size Size, dst XReg, src RM) {
	if !a.ok() {
		return
	}
	i, ok := a.fsize(size)
	if !ok {
		return
	}
	d, ok1 := a.xreg(dst)
	s, ok2 := a.rmi(src, size, false)
	if ok1 && ok2 {
		a.emit([2]obj.As{x86.AMOVL, x86.AMOVQ}[i], s, d)
	}
}

// MovFromX emits movd/movq dst, src: the low 32 or 64 bits of src into an
// integer register or memory (a 32-bit register result is zero-extended).
func (a *Assembler) MovFromX(size Size, dst RM, src XReg) {
	if !a.ok() {
		return
	}
	i, ok := a.fsize(size)
	if !ok {
		return
	}
	d, ok1 := a.rmi(dst, size, false)
	s, ok2 := a.xreg(src)
	if ok1 && ok2 {
		a.emit([2]obj.As{x86.AMOVL, x86.AMOVQ}[i], s, d)
	}
}
