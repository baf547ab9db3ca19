package tests

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sablewasm/sable/internal/testsuite"
	"github.com/sablewasm/sable/tests/spectest"
)

// BenchmarkFrontEndLargestSpecFile runs the whole front end — script
// parsing, every module's text parsing, encoding, decoding and validation —
// over the largest file of the spec suite. MB/s is per byte of .wast source.
func BenchmarkFrontEndLargestSpecFile(b *testing.B) {
	path := filepath.Join(testsuite.Require(b), "core", "simd", "simd_f32x4_pmin_pmax.wast")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range spectest.Run(path, src, nil) {
			if r.Status == spectest.Fail {
				b.Fatalf("%d: %s: %s", r.Line, r.Kind, r.Reason)
			}
		}
	}
}
