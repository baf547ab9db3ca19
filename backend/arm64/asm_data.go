package arm64

import "github.com/twitchyliquid64/golang-asm/obj"

// literal is a constant in the data tail, 4 or 8 bytes.
type literal struct {
	size uint8
	bits uint64
}

// refKind is what a PC-relative fixup points at.
type refKind uint8

const (
	refLabel refKind = iota
	refLit
	refTable
)

// fixKind is the PC-relative field a fixup fills.
type fixKind uint8

const (
	fixADR    fixKind = iota // adr: 21-bit byte offset, ±1 MiB
	fixLDRLit                // ldr (literal): 19-bit word offset, ±1 MiB
)

// fixup is an instruction this package encoded with a zero PC-relative
// field, to fill in once the layout is known. golang-asm assembles
// ADR label with a zero offset (it looks for the target in the
// destination operand) and has no load from a local literal, so both are
// WORDs patched by Finish.
//
// A reference into the data tail (a literal or a jump table) of a
// function larger than adr's and ldr literal's ±1 MiB is made far by
// Finish (asm_relax.go): the WORD becomes adr of itself and three words
// follow that add the distance, up to 4 GiB.
type fixup struct {
	kind  fixKind
	ref   refKind
	index int       // of the label, literal or table
	prog  *obj.Prog // the WORD
	near  uint32    // its encoding, with a zero offset
	// farBase is the register the far form's adr writes, farOff the one
	// its movz/movk build the distance in, farLast the instruction that
	// uses both (ldr rt, [farBase, farOff] or add rd, rd, farOff).
	farBase, farOff Reg
	farLast         uint32
	far             bool
	extra           [3]*obj.Prog // the far form's movz, movk and last word
}

// loadLiteral emits ldr rt, =bits: a load of a 4- or 8-byte constant
// from the data tail, into a V register (vector) or a GP one. Its far
// form goes through X16 and X17, which are not live across it.
func (a *Assembler) loadLiteral(size Size, vector bool, rt uint32, bits uint64) {
	l := literal{size: uint8(size), bits: bits}
	i, ok := a.litIdx[l]
	if !ok {
		i = len(a.lits)
		a.lits = append(a.lits, l)
		a.litIdx[l] = i
	}
	enc := uint32(0x18000000) | rt
	lg, _ := sizeLog(size)
	last := encLdSt | lg<<30 | uint32(opLoad)<<22 | encLdStReg | Scratch2.hw()<<16 | 3<<13 | Scratch.hw()<<5 | rt
	if size == S64 {
		enc |= 1 << 30
	}
	if vector {
		enc |= 1 << 26
		last |= encLdStVector
	}
	a.addFixup(fixup{kind: fixLDRLit, ref: refLit, index: i, near: enc, farBase: Scratch, farOff: Scratch2, farLast: last})
}

// addFixup emits f's WORD.
func (a *Assembler) addFixup(f fixup) {
	f.prog = a.word(f.near)
	a.fixups = append(a.fixups, f)
}

// layoutData appends the data tail to code, which starts 16-byte aligned:
// literals by decreasing size, each naturally aligned, then the jump
// tables. It returns the offset of every literal and table; the entries
// of the tables are filled by the caller, which knows the labels' PCs.
func (a *Assembler) layoutData(code []byte) (out []byte, litOff, tableOff []int64) {
	litOff, tableOff, end := a.dataOffsets(int64(len(code)))
	code = append(code, make([]byte, end-int64(len(code)))...)
	for i, l := range a.lits {
		for k := range int(l.size) {
			code[litOff[i]+int64(k)] = byte(l.bits >> (8 * k))
		}
	}
	return code, litOff, tableOff
}

// dataOffsets lays out the data tail after text bytes of (16-byte
// aligned) instructions: the offset of every literal and table, and the
// end of the tail.
func (a *Assembler) dataOffsets(text int64) (litOff, tableOff []int64, end int64) {
	litOff = make([]int64, len(a.lits))
	tableOff = make([]int64, len(a.tables))
	end = text
	for _, size := range []uint8{8, 4} {
		end = (end + int64(size) - 1) &^ (int64(size) - 1)
		for i, l := range a.lits {
			if l.size == size {
				litOff[i] = end
				end += int64(size)
			}
		}
	}
	end = (end + 3) &^ 3
	for i, t := range a.tables {
		tableOff[i] = end
		end += 4 * int64(len(t.targets))
	}
	return litOff, tableOff, end
}
