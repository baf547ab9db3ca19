package arm64

import (
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// fsize checks a float width and returns golang-asm's single (S32) or
// double (S64) mnemonic.
func (a *Assembler) fsize(size Size, s, d obj.As) (obj.As, bool) {
	switch size {
	case S32:
		return s, true
	case S64:
		return d, true
	}
	a.failf("float instruction needs S32 or S64, not %v", size)
	return 0, false
}

// FloatOp is a two-source scalar float operation.
type FloatOp uint8

// The float operations. FMin and FMax are IEEE 754-2019 minimum and
// maximum, as Wasm wants: a NaN operand gives NaN, and -0 < +0.
const (
	FAdd FloatOp = iota
	FSub
	FMul
	FDiv
	FMin
	FMax
)

var floatOps = [...][2]obj.As{
	FAdd: {arm64.AFADDS, arm64.AFADDD},
	FSub: {arm64.AFSUBS, arm64.AFSUBD},
	FMul: {arm64.AFMULS, arm64.AFMULD},
	FDiv: {arm64.AFDIVS, arm64.AFDIVD},
	FMin: {arm64.AFMINS, arm64.AFMIND},
	FMax: {arm64.AFMAXS, arm64.AFMAXD},
}

// Float emits dst = n op m.
func (a *Assembler) Float(op FloatOp, size Size, dst, n, m VReg) {
	if !a.ok() {
		return
	}
	if int(op) >= len(floatOps) {
		a.failf("invalid float operation %d", op)
		return
	}
	as, ok0 := a.fsize(size, floatOps[op][0], floatOps[op][1])
	d, ok1 := a.fpReg(dst)
	rn, ok2 := a.fpReg(n)
	rm, ok3 := a.fpReg(m)
	if ok0 && ok1 && ok2 && ok3 {
		a.emit3(as, regAddr(rm), rn, regAddr(d))
	}
}

// FUnaryOp is a one-source scalar float operation.
type FUnaryOp uint8

// The unary float operations. The roundings are Wasm's ceil, floor,
// trunc and nearest (ties to even).
const (
	FMov FUnaryOp = iota
	FAbs
	FNeg
	FSqrt
	FRintP // toward +inf: ceil
	FRintM // toward -inf: floor
	FRintZ // toward zero: trunc
	FRintN // to nearest, ties to even: nearest
)

var funaryOps = [...][2]obj.As{
	FMov:   {arm64.AFMOVS, arm64.AFMOVD},
	FAbs:   {arm64.AFABSS, arm64.AFABSD},
	FNeg:   {arm64.AFNEGS, arm64.AFNEGD},
	FSqrt:  {arm64.AFSQRTS, arm64.AFSQRTD},
	FRintP: {arm64.AFRINTPS, arm64.AFRINTPD},
	FRintM: {arm64.AFRINTMS, arm64.AFRINTMD},
	FRintZ: {arm64.AFRINTZS, arm64.AFRINTZD},
	FRintN: {arm64.AFRINTNS, arm64.AFRINTND},
}

// FUnary emits dst = op(src).
func (a *Assembler) FUnary(op FUnaryOp, size Size, dst, src VReg) {
	if !a.ok() {
		return
	}
	if int(op) >= len(funaryOps) {
		a.failf("invalid float operation %d", op)
		return
	}
	as, ok0 := a.fsize(size, funaryOps[op][0], funaryOps[op][1])
	d, ok1 := a.fpReg(dst)
	s, ok2 := a.fpReg(src)
	if ok0 && ok1 && ok2 {
		a.emit(as, regAddr(s), regAddr(d))
	}
}

// FCmp compares n with m and sets the flags (see Cond for reading them).
func (a *Assembler) FCmp(size Size, n, m VReg) {
	if !a.ok() {
		return
	}
	as, ok0 := a.fsize(size, arm64.AFCMPS, arm64.AFCMPD)
	rn, ok1 := a.fpReg(n)
	rm, ok2 := a.fpReg(m)
	if ok0 && ok1 && ok2 {
		// golang-asm: FCMPD Fm, Fn is fcmp dn, dm.
		a.emit3(as, regAddr(rm), rn, obj.Addr{})
	}
}

// FCSel emits dst = c ? n : m.
func (a *Assembler) FCSel(size Size, dst, n, m VReg, c Cond) {
	if !a.ok() {
		return
	}
	as, ok0 := a.fsize(size, arm64.AFCSELS, arm64.AFCSELD)
	cond, ok1 := a.cond(c, false)
	d, ok2 := a.fpReg(dst)
	rn, ok3 := a.fpReg(n)
	rm, ok4 := a.fpReg(m)
	if ok0 && ok1 && ok2 && ok3 && ok4 {
		p := a.emit3(as, cond, rn, regAddr(d))
		p.SetFrom3(regAddr(rm))
	}
}

// fcvtzOps are golang-asm's float-to-int conversions, indexed by
// [unsigned][float is f64][int is i64].
var fcvtzOps = [2][2][2]obj.As{
	{{arm64.AFCVTZSSW, arm64.AFCVTZSS}, {arm64.AFCVTZSDW, arm64.AFCVTZSD}},
	{{arm64.AFCVTZUSW, arm64.AFCVTZUS}, {arm64.AFCVTZUDW, arm64.AFCVTZUD}},
}

// cvtfOps are the int-to-float conversions, [unsigned][f64][i64].
var cvtfOps = [2][2][2]obj.As{
	{{arm64.ASCVTFWS, arm64.ASCVTFS}, {arm64.ASCVTFWD, arm64.ASCVTFD}},
	{{arm64.AUCVTFWS, arm64.AUCVTFS}, {arm64.AUCVTFWD, arm64.AUCVTFD}},
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// FCvtToInt emits dst (intSize) = src (fSize) converted toward zero,
// signed or unsigned. The hardware saturates and turns NaN into 0, which
// is Wasm's trunc_sat; the trapping truncations check the range first.
func (a *Assembler) FCvtToInt(signed bool, intSize, fSize Size, dst Reg, src VReg) {
	if !a.ok() || !a.wx(intSize) {
		return
	}
	if _, ok := a.fsize(fSize, 0, 0); !ok {
		return
	}
	d, ok1 := a.gp(dst, useGP)
	s, ok2 := a.fpReg(src)
	if ok1 && ok2 {
		a.emit(fcvtzOps[b2i(!signed)][b2i(fSize == S64)][b2i(intSize == S64)], regAddr(s), regAddr(d))
	}
}

// IntToFloat emits dst (fSize) = src (intSize), signed or unsigned, with
// the current rounding mode (to nearest).
func (a *Assembler) IntToFloat(signed bool, fSize, intSize Size, dst VReg, src Reg) {
	if !a.ok() || !a.wx(intSize) {
		return
	}
	if _, ok := a.fsize(fSize, 0, 0); !ok {
		return
	}
	d, ok1 := a.fpReg(dst)
	s, ok2 := a.gp(src, useGP)
	if ok1 && ok2 {
		a.emit(cvtfOps[b2i(!signed)][b2i(fSize == S64)][b2i(intSize == S64)], regAddr(s), regAddr(d))
	}
}

// FCvt converts src to the precision to: S64 promotes an f32, S32
// demotes an f64.
func (a *Assembler) FCvt(to Size, dst, src VReg) {
	if !a.ok() {
		return
	}
	as, ok0 := a.fsize(to, arm64.AFCVTDS, arm64.AFCVTSD)
	d, ok1 := a.fpReg(dst)
	s, ok2 := a.fpReg(src)
	if ok0 && ok1 && ok2 {
		a.emit(as, regAddr(s), regAddr(d))
	}
}

// FMovFromGP emits fmov: dst's low size bytes = src's, the rest of dst
// cleared (a bit copy, f32/f64.reinterpret).
func (a *Assembler) FMovFromGP(size Size, dst VReg, src Reg) {
	if !a.ok() {
		return
	}
	as, ok0 := a.fsize(size, arm64.AFMOVS, arm64.AFMOVD)
	d, ok1 := a.fpReg(dst)
	s, ok2 := a.gp(src, useGP)
	if ok0 && ok1 && ok2 {
		a.emit(as, regAddr(s), regAddr(d))
	}
}

// FMovToGP emits fmov: dst = the low size bytes of src, zero-extended.
func (a *Assembler) FMovToGP(size Size, dst Reg, src VReg) {
	if !a.ok() {
		return
	}
	as, ok0 := a.fsize(size, arm64.AFMOVS, arm64.AFMOVD)
	d, ok1 := a.gp(dst, useGP)
	s, ok2 := a.fpReg(src)
	if ok0 && ok1 && ok2 {
		a.emit(as, regAddr(s), regAddr(d))
	}
}

// FMovConst emits dst = the float with the given bits (f32 bits for
// S32): from xzr for +0, as an fmov immediate when the value has one,
// otherwise as a PC-relative load from the function's literal pool.
func (a *Assembler) FMovConst(size Size, dst VReg, bits uint64) {
	if !a.ok() {
		return
	}
	if _, ok := a.fsize(size, 0, 0); !ok || dst >= NumVRegs {
		if ok {
			a.failf("invalid register %v", dst)
		}
		return
	}
	if size == S32 {
		bits = uint64(uint32(bits))
	}
	if bits == 0 {
		a.FMovFromGP(size, dst, ZR)
		return
	}
	ftype := uint32(1) // the type field: 00 single, 01 double
	if size == S32 {
		ftype = 0
	}
	if imm8, ok := fpImm8(bits, size); ok {
		// fmov (scalar, immediate), encoded here: golang-asm wants a
		// float64 operand and falls back to a literal pool of its own.
		a.word(0x1e201000 | ftype<<22 | imm8<<13 | dst.hw())
		return
	}
	a.loadLiteral(size, true, dst.hw(), bits)
}
