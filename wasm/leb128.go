package wasm

// LEB128 encoders. Every encoder writes the canonical (shortest) form; the
// decoders (see reader) accept any form up to the spec's maximum length.

// appendU32 appends v as an unsigned LEB128.
func appendU32(dst []byte, v uint32) []byte { return appendU64(dst, uint64(v)) }

// appendU64 appends v as an unsigned LEB128.
func appendU64(dst []byte, v uint64) []byte {
	for v >= 0x80 {
		dst = append(dst, byte(v)|0x80)
		v >>= 7
	}
	return append(dst, byte(v))
}

// appendS64 appends v as a signed LEB128. It also serves s32 and s33
// values, whose canonical encodings are those of the same number as an s64.
func appendS64(dst []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		// Done when the remaining bits are pure sign extension of bit 6 of c.
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(dst, c)
		}
		dst = append(dst, c|0x80)
	}
}

// leb reads a LEB128 integer of the given bit width. Signed results are
// sign-extended to 64 bits. It enforces the spec's two malformations: more
// than ceil(bits/7) bytes ("integer representation too long") and, in the
// last allowed byte, bits beyond the width that are not zero (unsigned) or
// a sign extension (signed) ("integer too large").
func (r *reader) leb(bits uint, signed bool) (uint64, error) {
	maxBytes := (bits + 6) / 7
	var result uint64
	for i := uint(0); ; i++ {
		if r.pos >= len(r.b) {
			return 0, r.eofErr()
		}
		c := r.b[r.pos]
		r.pos++
		shift := 7 * i
		if i == maxBytes-1 {
			if c&0x80 != 0 {
				return 0, r.errAt(r.pos-1, "integer representation too long")
			}
			rem := bits - shift // value bits this byte may carry: 1..7
			if signed {
				mask := byte(0x7f) >> (rem - 1) << (rem - 1) // the sign bit and above
				if c&mask != 0 && c&mask != mask {
					return 0, r.errAt(r.pos-1, "integer too large")
				}
			} else if c>>rem != 0 {
				return 0, r.errAt(r.pos-1, "integer too large")
			}
		}
		result |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			if signed && shift+7 < 64 && c&0x40 != 0 {
				result |= ^uint64(0) << (shift + 7)
			}
			return result, nil
		}
	}
}

func (r *reader) u32() (uint32, error) {
	// Fast path: most indices and counts fit in one byte.
	if r.pos < len(r.b) && r.b[r.pos] < 0x80 {
		r.pos++
		return uint32(r.b[r.pos-1]), nil
	}
	v, err := r.leb(32, false)
	return uint32(v), err
}

func (r *reader) u64() (uint64, error) { return r.leb(64, false) }

func (r *reader) s32() (int32, error) {
	v, err := r.leb(32, true)
	return int32(v), err
}

func (r *reader) s33() (int64, error) {
	v, err := r.leb(33, true)
	return int64(v), err
}

func (r *reader) s64() (int64, error) {
	v, err := r.leb(64, true)
	return int64(v), err
}
