package amd64

import (
	"fmt"
	"strings"

	"golang.org/x/arch/x86/x86asm"
)

// Line is one disassembled instruction.
type Line struct {
	PC    uint64 // address of the instruction
	Bytes []byte // its encoding, aliasing the input
	Text  string // GNU (AT&T) syntax; "(bad)" for bytes that do not decode
}

func (l Line) String() string {
	return fmt.Sprintf("%8x:\t%-30s\t%s", l.PC, hexBytes(l.Bytes), l.Text)
}

func hexBytes(b []byte) string {
	var sb strings.Builder
	for i, c := range b {
		if i > 0 {
			sb.WriteByte(' ')
		}
		fmt.Fprintf(&sb, "%02x", c)
	}
	return sb.String()
}

// Disassemble decodes code, placed at address pc, into one Line per
// instruction, in GNU (AT&T) syntax, the syntax of `objdump -d` and perf,
// which is what people compare Sable's output with; branch targets are
// printed as absolute addresses. Undecodable bytes (such as the data tail
// after Code.TextLen) come out one per line as "(bad)", so decoding
// resynchronizes on the next byte and never fails. With pc 0, x86asm prints
// branch targets relative to the instruction (".+0x10") instead.
func Disassemble(code []byte, pc uint64) []Line {
	var lines []Line
	for off := 0; off < len(code); {
		inst, err := x86asm.Decode(code[off:], 64)
		n, text := inst.Len, ""
		// x86asm reports some undecodable bytes, such as a lone 0x0f, as
		// an instruction without an opcode rather than as an error.
		if err != nil || n == 0 || inst.Op == 0 {
			n, text = 1, "(bad)"
		} else {
			text = x86asm.GNUSyntax(inst, pc+uint64(off), nil)
		}
		lines = append(lines, Line{PC: pc + uint64(off), Bytes: code[off : off+n], Text: text})
		off += n
	}
	return lines
}
