package arm64

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestLogicalImmFields checks the logical-immediate encoder against the
// disassembler for every bitmask immediate pattern found by sampling
// rotated runs of ones at each element size, in both widths.
func TestLogicalImmFields(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	n := 0
	for _, size := range []Size{S32, S64} {
		for e := uint(2); e <= size.bits(); e *= 2 {
			for range 200 {
				ones := 1 + uint(rng.Intn(int(e-1)))
				rot := uint(rng.Intn(int(e)))
				mask := ^uint64(0) >> (64 - e)
				p := uint64(1)<<ones - 1
				p = (p>>rot | p<<(e-rot)) & mask
				v := uint64(0)
				for s := uint(0); s < 64; s += e {
					v |= p << s
				}
				if size == S32 {
					v = uint64(uint32(v))
				}
				if !logicalImm(v, size) {
					t.Fatalf("%#x (%v) rejected", v, size)
				}
				sf := uint32(0)
				reg := "w"
				if size == S64 {
					sf, reg = 1<<31, "x"
				}
				w := sf | 1<<29 | 0x12000000 | logicalImmFields(v, size) | 1<<5 | 0
				b := []byte{byte(w), byte(w >> 8), byte(w >> 16), byte(w >> 24)}
				got := Disassemble(b, 0)[0].Text
				want := fmt.Sprintf("orr %s0, %s1, #%#x", reg, reg, v)
				if !strings.EqualFold(got, want) {
					t.Fatalf("%#x (%v): %q, want %q", v, size, got, want)
				}
				n++
			}
		}
	}
	t.Logf("%d patterns", n)
}
