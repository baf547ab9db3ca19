package arm64

import (
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// Nop emits n bytes of nops, n a multiple of 4.
func (a *Assembler) Nop(n int) {
	if !a.ok() {
		return
	}
	if n < 0 || n%4 != 0 {
		a.failf("nop length %d is not a non-negative multiple of 4", n)
		return
	}
	for range n / 4 {
		a.emit(arm64.ANOOP, obj.Addr{}, obj.Addr{})
	}
}

// Align pads with nops so that the next instruction starts at a multiple
// of n bytes (a power of two up to 2048), for loop headers. The function's
// own placement must be at least as aligned for this to hold in memory.
// Unlike x86, golang-asm's arm64 back end has PCALIGN, which pads after
// branch layout; every instruction is 4-byte aligned already.
func (a *Assembler) Align(n int) {
	if !a.ok() {
		return
	}
	if n <= 0 || n > 2048 || n&(n-1) != 0 {
		a.failf("alignment %d is not a power of two up to 2048", n)
		return
	}
	if n > 4 {
		a.emit(obj.APCALIGN, constAddr(int64(n)), obj.Addr{})
	}
}
