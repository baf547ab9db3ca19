package arm64

import (
	"fmt"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// IndexExt says how the index register of a BaseIndex operand is used.
type IndexExt uint8

// The index forms.
const (
	IndexLSL  IndexExt = iota // the 64-bit index
	IndexUXTW                 // the index's low 32 bits, zero-extended: a Wasm i32 address
	IndexSXTW                 // the index's low 32 bits, sign-extended
)

// Mem is a memory operand: [base + off] or [base + index (extended,
// optionally scaled by the access size)]. The zero Mem is not valid;
// build one with Base or BaseIndex.
type Mem struct {
	base, index Reg
	hasIndex    bool
	ext         IndexExt
	scaled      bool
	off         int64
	valid       bool
}

// Base is the operand [base + off]. Any offset is accepted: one that no
// addressing mode of the access encodes is materialized in Scratch.
func Base(base Reg, off int64) Mem {
	return Mem{base: base, off: off, valid: base <= SP}
}

// BaseIndex is the operand [base + ext(index) << (scaled ? log2(size) : 0)].
func BaseIndex(base, index Reg, ext IndexExt, scaled bool) Mem {
	return Mem{base: base, index: index, hasIndex: true, ext: ext, scaled: scaled,
		valid: base <= SP && index <= ZR && ext <= IndexSXTW}
}

var extNames = [...]string{"lsl", "uxtw", "sxtw"}

func (m Mem) String() string {
	switch {
	case !m.valid:
		return "invalid memory operand"
	case m.hasIndex:
		return fmt.Sprintf("[%v, %v, %s scaled=%v]", m.base, m.index, extNames[m.ext], m.scaled)
	}
	return fmt.Sprintf("[%v, #%d]", m.base, m.off)
}

// ldst is a load/store kind: the opc field of the encoding.
type ldst uint32

const (
	opStore   ldst = 0
	opLoad    ldst = 1 // zero-extending
	opLoadS64 ldst = 2 // sign-extending to 64 bits
	opLoadS32 ldst = 3 // sign-extending to 32 bits
)

// log2 of the access size: the size field of the encoding.
func sizeLog(s Size) (uint32, bool) {
	switch s {
	case S8:
		return 0, true
	case S16:
		return 1, true
	case S32:
		return 2, true
	case S64:
		return 3, true
	}
	return 0, false
}

// Load emits a zero-extending load of size bytes into dst: ldrb, ldrh,
// ldr w (all of which clear the upper bits) or ldr x.
func (a *Assembler) Load(size Size, dst Reg, m Mem) { a.loadStore(opLoad, size, dst, m) }

// LoadSigned emits a sign-extending load of size bytes into dst, extended
// to 32 (the upper half cleared) or 64 bits: ldrsb, ldrsh, ldrsw.
func (a *Assembler) LoadSigned(size, to Size, dst Reg, m Mem) {
	switch {
	case to == S64 && size < S64:
		a.loadStore(opLoadS64, size, dst, m)
	case to == S32 && size < S32:
		a.loadStore(opLoadS32, size, dst, m)
	default:
		a.failf("no sign-extending load of %v to %v", size, to)
	}
}

// Store emits a store of the low size bytes of src (ZR stores zeros).
func (a *Assembler) Store(size Size, src Reg, m Mem) { a.loadStore(opStore, size, src, m) }

// FLoad loads an f32 (S32) or f64 (S64) into dst.
func (a *Assembler) FLoad(size Size, dst VReg, m Mem) { a.floadStore(opLoad, size, dst, m) }

// FStore stores the f32 (S32) or f64 (S64) in src.
func (a *Assembler) FStore(size Size, src VReg, m Mem) { a.floadStore(opStore, size, src, m) }

// Loads and stores are encoded here rather than by golang-asm: it has no
// sign-extending loads into W registers, covers register-offset modes
// unevenly, and turns offsets it cannot encode into sequences through
// R27. The three forms, for GP registers (V registers set bit 26):
//
//	unsigned offset  size 111 0 01 opc imm12      Rn Rt
//	unscaled (ldur)  size 111 0 00 opc 0 imm9 00  Rn Rt
//	register         size 111 0 00 opc 1 Rm option S 10 Rn Rt
const (
	encLdSt       = 0x38000000
	encLdStUImm   = 1 << 24
	encLdStReg    = 1<<21 | 2<<10
	encLdStVector = 1 << 26
)

func (a *Assembler) loadStore(op ldst, size Size, rt Reg, m Mem) {
	if !a.ok() {
		return
	}
	lg, ok := sizeLog(size)
	if !ok {
		a.failf("invalid access size %v", size)
		return
	}
	if !a.check(rt, useGP) {
		return
	}
	a.memOp(encLdSt|lg<<30|uint32(op)<<22, lg, rt.hw(), m)
}

func (a *Assembler) floadStore(op ldst, size Size, v VReg, m Mem) {
	if !a.ok() {
		return
	}
	if size != S32 && size != S64 {
		a.failf("float access needs S32 or S64, not %v", size)
		return
	}
	if v >= NumVRegs {
		a.failf("invalid register %v", v)
		return
	}
	lg, _ := sizeLog(size)
	a.memOp(encLdSt|encLdStVector|lg<<30|uint32(op)<<22, lg, v.hw(), m)
}

// memOp completes the encoding base (size, opc, vector bit) with the
// addressing mode of m and the transfer register rt.
func (a *Assembler) memOp(enc, lg, rt uint32, m Mem) {
	if !m.valid {
		a.failf("%v", m)
		return
	}
	if !a.check(m.base, useSP) {
		return
	}
	rn := m.base.hw()
	if m.hasIndex {
		if !a.check(m.index, useGP) {
			return
		}
		option := uint32(3) // lsl (uxtx)
		switch m.ext {
		case IndexUXTW:
			option = 2
		case IndexSXTW:
			option = 6
		}
		s := uint32(0)
		if m.scaled {
			s = 1
		}
		a.word(enc | encLdStReg | m.index.hw()<<16 | option<<13 | s<<12 | rn<<5 | rt)
		return
	}
	switch off := m.off; {
	case off >= 0 && off&(1<<lg-1) == 0 && off>>lg < 1<<12:
		a.word(enc | encLdStUImm | uint32(off>>lg)<<10 | rn<<5 | rt)
	case off >= -256 && off < 256:
		a.word(enc | uint32(off&0x1ff)<<12 | rn<<5 | rt)
	default:
		if m.base == Scratch {
			a.failf("offset %#x out of range and the base is the scratch register", off)
			return
		}
		a.MovImm(S64, Scratch, off)
		a.word(enc | encLdStReg | Scratch.hw()<<16 | 3<<13 | rn<<5 | rt)
	}
}

// PairMode is the addressing mode of StorePair and LoadPair.
type PairMode uint8

// The pair addressing modes.
const (
	PairOffset    PairMode = iota // [base, #off]
	PairPreIndex                  // [base, #off]!: base += off, then access
	PairPostIndex                 // [base], #off: access, then base += off
)

// StorePair emits stp r1, r2 at base+off (64-bit registers): with
// (FP, LR, SP, -16, PairPreIndex) it pushes a frame record. off is a
// multiple of 8 in [-512, 504].
func (a *Assembler) StorePair(r1, r2, base Reg, off int64, mode PairMode) {
	a.pair(arm64.ASTP, r1, r2, base, off, mode, true)
}

// LoadPair emits ldp r1, r2 from base+off; with (FP, LR, SP, 16,
// PairPostIndex) it pops a frame record.
func (a *Assembler) LoadPair(r1, r2, base Reg, off int64, mode PairMode) {
	a.pair(arm64.ALDP, r1, r2, base, off, mode, false)
}

func (a *Assembler) pair(as obj.As, r1, r2, base Reg, off int64, mode PairMode, store bool) {
	if !a.ok() {
		return
	}
	x1, ok1 := a.gp(r1, useGP)
	x2, ok2 := a.gp(r2, useGP)
	b, ok3 := a.gp(base, useSP)
	if !ok1 || !ok2 || !ok3 {
		return
	}
	switch {
	case off&7 != 0 || off < -512 || off > 504:
		a.failf("pair offset %d is not a multiple of 8 in [-512, 504]", off)
		return
	case mode > PairPostIndex:
		a.failf("invalid pair mode %d", mode)
		return
	case !store && r1 == r2:
		a.failf("ldp with the same register twice is unpredictable")
		return
	case mode != PairOffset && (r1 == base || r2 == base):
		a.failf("writeback pair with the base as a transfer register is unpredictable")
		return
	}
	pair := obj.Addr{Type: obj.TYPE_REGREG, Reg: x1, Offset: int64(x2)}
	mem := obj.Addr{Type: obj.TYPE_MEM, Reg: b, Offset: off}
	var p *obj.Prog
	if store {
		p = a.emit(as, pair, mem)
	} else {
		p = a.emit(as, mem, pair)
	}
	switch mode {
	case PairPreIndex:
		p.Scond = arm64.C_XPRE
	case PairPostIndex:
		p.Scond = arm64.C_XPOST
	}
}
