package arm64

import (
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// Mov emits dst = src. A move to or from SP is add dst, src, #0 (the
// only instruction that reads SP as a source register); every other one
// is orr dst, zr, src. A 32-bit move clears the upper half of dst.
func (a *Assembler) Mov(size Size, dst, src Reg) {
	if !a.ok() || !a.wx(size) {
		return
	}
	if dst == SP || src == SP {
		d, ok1 := a.gp(dst, useSP)
		s, ok2 := a.gp(src, useSP)
		switch {
		case size != S64:
			a.failf("32-bit move to or from sp")
		case ok1 && ok2:
			// golang-asm's MOVD with RSP is add #0; an explicit
			// ADD $0 is taken for the extended-register form.
			a.emit(arm64.AMOVD, regAddr(s), regAddr(d))
		}
		return
	}
	d, ok1 := a.gp(dst, useGP)
	s, ok2 := a.gp(src, useGP)
	if ok1 && ok2 {
		// Not golang-asm's MOVW R, R, which is sxtw.
		a.emit3(pick(size, arm64.AORRW, arm64.AORR), regAddr(s), arm64.REGZERO, regAddr(d))
	}
}

// MovImm emits dst = v (truncated to size) in as few instructions as it
// can: one movz or movn when a single halfword differs from all-zeros or
// all-ones, one orr when v is a bitmask immediate, otherwise a movz (or
// movn, whichever leaves fewer halfwords to fix) followed by a movk per
// remaining halfword: at most four instructions for any 64-bit value.
func (a *Assembler) MovImm(size Size, dst Reg, v int64) {
	if !a.ok() || !a.wx(size) {
		return
	}
	_, ok := a.gp(dst, useGP)
	if !ok {
		return
	}
	if dst == ZR {
		return // writing the zero register: nothing to do
	}
	u := uint64(v)
	halves := 4
	if size == S32 {
		u, halves = uint64(uint32(v)), 2
	}
	var zeros, ones int
	for i := range halves {
		switch u >> (16 * i) & 0xffff {
		case 0:
			zeros++
		case 0xffff:
			ones++
		}
	}
	if zeros < halves-1 && ones < halves-1 && logicalImm(u, size) {
		sf := uint32(0)
		if size == S64 {
			sf = 1 << 31
		}
		// orr dst, zr, #u, encoded here (see logicalImmFields).
		a.word(sf | 1<<29 | 0x12000000 | logicalImmFields(u, size) | 31<<5 | dst.hw())
		return
	}
	// With movn the halfwords to fix with movk are the ones that are not
	// all ones; movn itself writes the complement of its halfword.
	inverted := ones > zeros
	skip := uint64(0)
	if inverted {
		skip = 0xffff
	}
	var parts []int // the halfwords to write
	for i := range halves {
		if u>>(16*i)&0xffff != skip {
			parts = append(parts, i)
		}
	}
	if len(parts) == 0 {
		parts = []int{0} // 0 or all ones: movz/movn of a zero halfword
	}
	// The move-wide instructions are encoded here: golang-asm rejects a
	// MOVK of the top halfword when its high bit is set (it checks the
	// operand with an arithmetic shift of the sign-extended value).
	sf := uint32(0)
	if size == S64 {
		sf = 1 << 31
	}
	for k, i := range parts {
		h := uint32(u >> (16 * i) & 0xffff)
		enc := uint32(0x72800000) // movk
		switch {
		case k == 0 && inverted:
			enc, h = 0x12800000, h^0xffff // movn writes NOT(h << 16*i)
		case k == 0:
			enc = 0x52800000 // movz
		}
		a.word(sf | enc | uint32(i)<<21 | h<<5 | dst.hw())
	}
}
