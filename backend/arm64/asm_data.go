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
type fixup struct {
	kind  fixKind
	ref   refKind
	index int       // of the label, literal or table
	prog  *obj.Prog // the WORD
}

// loadLiteral emits ldr rt, =bits: a load of a 4- or 8-byte constant
// from the data tail, into a V register (vector) or a GP one.
func (a *Assembler) loadLiteral(size Size, vector bool, rt uint32, bits uint64) {
	l := literal{size: uint8(size), bits: bits}
	i, ok := a.litIdx[l]
	if !ok {
		i = len(a.lits)
		a.lits = append(a.lits, l)
		a.litIdx[l] = i
	}
	enc := uint32(0x18000000) | rt
	if size == S64 {
		enc |= 1 << 30
	}
	if vector {
		enc |= 1 << 26
	}
	a.fixups = append(a.fixups, fixup{kind: fixLDRLit, ref: refLit, index: i, prog: a.word(enc)})
}

// layoutData appends the data tail to code, which starts 16-byte aligned:
// literals by decreasing size, each naturally aligned, then the jump
// tables. It returns the offset of every literal and table; the entries
// of the tables are filled by the caller, which knows the labels' PCs.
func (a *Assembler) layoutData(code []byte) (out []byte, litOff, tableOff []int64) {
	litOff = make([]int64, len(a.lits))
	tableOff = make([]int64, len(a.tables))
	for _, size := range []uint8{8, 4} {
		for len(code)%int(size) != 0 {
			code = append(code, 0)
		}
		for i, l := range a.lits {
			if l.size != size {
				continue
			}
			litOff[i] = int64(len(code))
			for k := range int(size) {
				code = append(code, byte(l.bits>>(8*k)))
			}
		}
	}
	for len(code)%4 != 0 {
		code = append(code, 0)
	}
	for i, t := range a.tables {
		tableOff[i] = int64(len(code))
		code = append(code, make([]byte, 4*len(t.targets))...)
	}
	return code, litOff, tableOff
}
