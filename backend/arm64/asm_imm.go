package arm64

import "math/bits"

// The immediate forms of arm64, decided here so that golang-asm is only
// ever given values it encodes in one instruction: for anything else it
// would silently load the value into R27 (its REGTMP) or a literal pool
// inside the code, neither of which generated code can afford.

// addImm reports whether v is an add/sub immediate: 12 bits, optionally
// shifted left by 12.
func addImm(v int64) bool {
	return v >= 0 && (v < 1<<12 || (v&0xfff == 0 && v < 1<<24))
}

// logicalImm reports whether v, truncated to size, is a logical (bitmask)
// immediate: a power-of-two sized element, replicated, that is a rotated
// run of ones. 0 and all-ones are not.
func logicalImm(v uint64, size Size) bool {
	if size == S32 {
		v = uint64(uint32(v))
		v |= v << 32 // a W pattern is valid iff its replication is
	}
	if v == 0 || v == ^uint64(0) {
		return false
	}
	for e := uint(2); e <= 64; e *= 2 {
		mask := ^uint64(0) >> (64 - e)
		p := v & mask
		if !replicates(v, p, e) {
			continue
		}
		// A circular pattern of ones and zeros is one run of ones iff it
		// changes value exactly twice going round.
		rot := (p>>1 | p<<(e-1)) & mask
		return bits.OnesCount64(p^rot) == 2
	}
	return false
}

func replicates(v, p uint64, e uint) bool {
	for s := e; s < 64; s += e {
		if v>>s&(^uint64(0)>>(64-e)) != p {
			return false
		}
	}
	return true
}

// fpImm8 returns the 8-bit encoding of FMOV (immediate) for the float
// with the given bits (f32 bits for S32), if it has one: ±(16..31)/16 ×
// 2^(-3..4), which covers the small constants such as 0.5, 1, 2, 10.
func fpImm8(v uint64, size Size) (uint32, bool) {
	if size == S32 {
		// a:NOT(b):bbbbb:cdefgh:0^19
		w := uint32(v)
		if w&(1<<19-1) != 0 {
			return 0, false
		}
		b := w >> 29 & 1
		if w>>30&1 == b || (w>>25&0x1f) != b*0x1f {
			return 0, false
		}
		return w>>31<<7 | b<<6 | w>>19&0x3f, true
	}
	// a:NOT(b):bbbbbbbb:cdefgh:0^48
	if v&(1<<48-1) != 0 {
		return 0, false
	}
	b := uint32(v >> 61 & 1)
	if uint32(v>>62&1) == b || uint32(v>>54&0xff) != b*0xff {
		return 0, false
	}
	return uint32(v>>63)<<7 | b<<6 | uint32(v>>48&0x3f), true
}

// logicalImmFields encodes v, which logicalImm accepted for size, as the
// N:immr:imms fields of a logical-immediate instruction (bits 22-10).
// golang-asm mis-sizes some W patterns (such as 0x80000001), so these
// instructions are encoded here.
func logicalImmFields(v uint64, size Size) uint32 {
	if size == S32 {
		v = uint64(uint32(v))
		v |= v << 32
	}
	e := uint(64)
	for e > 2 {
		h := e / 2
		mask := ^uint64(0) >> (64 - h)
		if !replicates(v, v&mask, h) {
			break
		}
		e = h
	}
	mask := ^uint64(0) >> (64 - e)
	p := v & mask
	ones := uint(bits.OnesCount64(p))
	low := uint64(1)<<ones - 1
	var immr uint
	for r := uint(0); r < e; r++ {
		if (low>>r|low<<(e-r))&mask == p {
			immr = r
			break
		}
	}
	n := uint32(0)
	if e == 64 {
		n = 1
	}
	imms := (^uint32(e-1)<<1 | uint32(ones-1)) & 0x3f
	return n<<22 | uint32(immr)<<16 | imms<<10
}
