package amd64

// literal is a constant in the data tail, 4, 8 or 16 bytes.
type literal struct {
	size   uint8
	lo, hi uint64
}

// Const32 returns a RIP-relative memory operand holding the 32 bits v, as
// an f32 constant for movss or an arithmetic operand. Equal constants share
// one slot.
func (a *Assembler) Const32(v uint32) Mem { return a.literal(literal{size: 4, lo: uint64(v)}) }

// Const64 returns a RIP-relative memory operand holding the 64 bits v.
func (a *Assembler) Const64(v uint64) Mem { return a.literal(literal{size: 8, lo: v}) }

// Const128 returns a 16-byte aligned RIP-relative memory operand holding lo
// in its low and hi in its high 8 bytes: the sign and abs masks of the
// packed bitwise operations, which fault on unaligned memory.
func (a *Assembler) Const128(lo, hi uint64) Mem {
	return a.literal(literal{size: 16, lo: lo, hi: hi})
}

func (a *Assembler) literal(l literal) Mem {
	i, ok := a.litIdx[l]
	if !ok {
		i = len(a.lits)
		a.lits = append(a.lits, l)
		a.litIdx[l] = i
	}
	return Mem{lit: int32(i + 1), pool: a, gen: a.gen, valid: true}
}

// layoutData appends the data tail to code: literals by decreasing size,
// each naturally aligned, then the jump tables. It returns the offset of
// every literal and table; the entries of the tables are filled by the
// caller, which knows the labels' PCs.
func (a *Assembler) layoutData(code []byte) (out []byte, litOff, tableOff []int64) {
	align := func(n int) {
		for len(code)%n != 0 {
			code = append(code, 0)
		}
	}
	litOff = make([]int64, len(a.lits))
	tableOff = make([]int64, len(a.tables))
	if len(a.lits) == 0 && len(a.tables) == 0 {
		return code, litOff, tableOff
	}
	// Pad with int3 rather than zeros: a stray jump past the end traps.
	for len(code)%16 != 0 {
		code = append(code, 0xcc)
	}
	for _, size := range []uint8{16, 8, 4} {
		align(int(size))
		for i, l := range a.lits {
			if l.size != size {
				continue
			}
			litOff[i] = int64(len(code))
			for k := range int(size) {
				w := l.lo
				if k >= 8 {
					w = l.hi
				}
				code = append(code, byte(w>>(8*(k%8))))
			}
		}
	}
	align(4)
	for i, t := range a.tables {
		tableOff[i] = int64(len(code))
		code = append(code, make([]byte, 4*len(t.targets))...)
	}
	return code, litOff, tableOff
}
