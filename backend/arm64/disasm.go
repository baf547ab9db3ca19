package arm64

import (
	"encoding/binary"
	"fmt"
	"strings"

	"golang.org/x/arch/arm64/arm64asm"
)

// Line is one disassembled instruction.
type Line struct {
	PC    uint64 // address of the instruction
	Bytes []byte // its encoding, aliasing the input
	Text  string // GNU syntax; ".word 0x..." for words that do not decode
}

func (l Line) String() string {
	var enc string
	if len(l.Bytes) == 4 {
		enc = fmt.Sprintf("%08x", binary.LittleEndian.Uint32(l.Bytes))
	} else {
		enc = fmt.Sprintf("% x", l.Bytes)
	}
	return fmt.Sprintf("%8x:\t%-11s\t%s", l.PC, enc, l.Text)
}

// Disassemble decodes code, placed at address pc, into one Line per
// 4-byte word, in GNU syntax, the syntax of `objdump -d`, which is what
// people compare Sable's output with. With pc != 0 branch and adr targets
// are printed as absolute addresses; with pc 0 relative to the instruction
// (".+0x10", ".-0x8"). Words that do not decode (such as the data
// tail after Code.TextLen) come out as ".word"; a trailing partial word as
// its bytes. It never fails.
func Disassemble(code []byte, pc uint64) []Line {
	var lines []Line
	for off := 0; off < len(code); off += 4 {
		at := pc + uint64(off)
		if len(code)-off < 4 {
			lines = append(lines, Line{PC: at, Bytes: code[off:], Text: "(bad)"})
			break
		}
		b := code[off : off+4]
		text := fmt.Sprintf(".word 0x%08x", binary.LittleEndian.Uint32(b))
		if inst, err := arm64asm.Decode(b); err == nil {
			text = strings.TrimSpace(arm64asm.GNUSyntax(inst)) // "nop "
			if pc != 0 {
				text = absolute(text, inst, at)
			} else {
				text = signedRelative(text, inst)
			}
		}
		lines = append(lines, Line{PC: at, Bytes: b, Text: text})
	}
	return lines
}

// signedRelative rewrites a negative PC-relative operand, which arm64asm
// prints as a 64-bit unsigned offset (".+0xffffffffffffffc4"), as ".-0x3c".
func signedRelative(text string, inst arm64asm.Inst) string {
	for _, arg := range inst.Args {
		if r, ok := arg.(arm64asm.PCRel); ok && r < 0 {
			return strings.Replace(text, r.String(), fmt.Sprintf(".-%#x", -int64(r)), 1)
		}
	}
	return text
}

// absolute rewrites the PC-relative operand of inst in text as the
// address it refers to.
func absolute(text string, inst arm64asm.Inst, at uint64) string {
	for _, arg := range inst.Args {
		if r, ok := arg.(arm64asm.PCRel); ok {
			return strings.Replace(text, r.String(), fmt.Sprintf("0x%x", at+uint64(r)), 1)
		}
	}
	return text
}
