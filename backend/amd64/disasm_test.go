package amd64

import (
	"bytes"
	"testing"
)

func TestDisassembleBadBytes(t *testing.T) {
	// 0x06 (push es) is invalid in 64-bit mode; 0x0f alone is truncated.
	lines := Disassemble([]byte{0x90, 0x06, 0xc3, 0x0f}, 0x2000)
	var texts []string
	for _, l := range lines {
		texts = append(texts, l.Text)
	}
	want := []string{"nop", "(bad)", "retq", "(bad)"}
	if len(texts) != len(want) {
		t.Fatalf("got %q, want %q", texts, want)
	}
	for i := range want {
		if texts[i] != want[i] || lines[i].PC != 0x2000+uint64(i) {
			t.Errorf("line %d: %v, want %q at %#x", i, lines[i], want[i], 0x2000+i)
		}
	}
}

// FuzzDisassemble checks that any bytes disassemble without panicking and
// that the lines cover the input exactly.
func FuzzDisassemble(f *testing.F) {
	f.Add([]byte{0x48, 0x01, 0xc8, 0xc3})
	f.Add([]byte{0x66, 0x0f, 0x3a, 0x0b, 0xc1, 0x03, 0x0f})
	f.Fuzz(func(t *testing.T, code []byte) {
		var joined []byte
		for _, l := range Disassemble(code, 0x1000) {
			joined = append(joined, l.Bytes...)
		}
		if !bytes.Equal(joined, code) {
			t.Fatalf("lines cover % x, input % x", joined, code)
		}
	})
}
