package amd64

import (
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// Nop emits n bytes of no-ops, using the multi-byte nop forms Intel
// recommends (SDM vol. 2B, NOP) so padding decodes as few instructions.
func (a *Assembler) Nop(n int) {
	if !a.ok() {
		return
	}
	if n < 0 {
		a.failf("negative nop length %d", n)
		return
	}
	a.progs = a.appendNops(a.progs, n)
}

var nops = [...][]byte{
	1: {0x90},
	2: {0x66, 0x90},
	3: {0x0f, 0x1f, 0x00},
	4: {0x0f, 0x1f, 0x40, 0x00},
	5: {0x0f, 0x1f, 0x44, 0x00, 0x00},
	6: {0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
	7: {0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00},
	8: {0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
	9: {0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
}

// appendNops appends n bytes of nops as BYTE directives: golang-asm has no
// multi-byte NOP mnemonic.
func (a *Assembler) appendNops(progs []*obj.Prog, n int) []*obj.Prog {
	for n > 0 {
		k := min(n, len(nops)-1)
		for _, b := range nops[k] {
			p := a.newProg()
			p.As, p.From = x86.ABYTE, constAddr(int64(b))
			progs = append(progs, p)
		}
		n -= k
	}
	return progs
}

// alignPoint asks for progs[at] to start at a multiple of n.
type alignPoint struct {
	at, n int
}

// Align pads with nops so that the next instruction starts at a multiple
// of n bytes (a power of two up to 64), for loop headers. The function's
// own placement must be at least as aligned for this to hold in memory.
func (a *Assembler) Align(n int) {
	if !a.ok() {
		return
	}
	if n <= 0 || n > 64 || n&(n-1) != 0 {
		a.failf("alignment %d is not a power of two up to 64", n)
		return
	}
	// Padding for two requests at one position would add up: keep the
	// stricter one.
	if k := len(a.aligns) - 1; k >= 0 && a.aligns[k].at == len(a.progs) {
		a.aligns[k].n = max(a.aligns[k].n, n)
		return
	}
	a.aligns = append(a.aligns, alignPoint{at: len(a.progs), n: n})
}

// maxAlignPasses bounds the assemblies Finish runs to place alignment
// padding. golang-asm (Go 1.15's assembler) has no PCALIGN for x86, and
// where an instruction lands is only known after branch relaxation, so
// Finish assembles, measures each aligned position, adjusts its padding and
// assembles again. Padding changes can flip a branch between its rel8 and
// rel32 forms, which moves later code, hence a few passes. If they do not
// settle, the code of the last pass is still correct, only a loop header
// is misaligned.
const maxAlignPasses = 4
