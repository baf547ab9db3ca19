package offheap

import (
	"testing"
	"unsafe"
)

func TestArena(t *testing.T) {
	var a Arena
	defer a.Free()
	seen := map[uintptr]bool{}
	for i := range 10000 { // spans several chunks
		p, err := New[[24]byte](&a)
		if err != nil {
			t.Fatal(err)
		}
		addr := uintptr(unsafe.Pointer(p))
		if addr%16 != 0 || seen[addr] {
			t.Fatalf("allocation %d at %#x: misaligned or reused", i, addr)
		}
		seen[addr] = true
		if *p != [24]byte{} {
			t.Fatal("allocation not zeroed")
		}
		p[23] = 1
	}
	if len(a.chunks) < 2 {
		t.Errorf("expected several chunks, got %d", len(a.chunks))
	}
	if _, err := a.alloc(chunkSize + 1); err == nil {
		t.Error("oversized allocation accepted")
	}
}
