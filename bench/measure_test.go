package main

import (
	"math"
	"testing"
	"time"

	"github.com/sablewasm/sable/bench/internal/engines"
	"github.com/sablewasm/sable/wasm"
)

func TestPairRatioAndGeomean(t *testing.T) {
	ms := func(xs ...int) *outcome {
		o := &outcome{}
		for _, x := range xs {
			o.Samples = append(o.Samples, time.Duration(x)*time.Millisecond)
		}
		return o
	}
	// per-round ratios 0.5, 2, 1 -> median 1, although the medians of
	// the samples (20 vs 20) say nothing of the pairing
	if r := pairRatio(ms(10, 40, 20), ms(20, 20, 20)); r != 1 {
		t.Errorf("pairRatio = %v, want 1", r)
	}
	if r := pairRatio(ms(10), &outcome{Unsupported: "no"}); !math.IsNaN(r) {
		t.Errorf("pairRatio with an unsupported engine = %v, want NaN", r)
	}
	if g := geomean([]float64{0.5, 2, math.NaN()}); math.Abs(g-1) > 1e-12 {
		t.Errorf("geomean = %v, want 1 (NaN left out)", g)
	}
	if m := ms(3, 1, 2, 4).median(); m != 2500*time.Microsecond {
		t.Errorf("median = %v", m)
	}
}

// A nonce'd module is still a valid module (the custom section at the
// end), and two nonces differ.
func TestWithNonce(t *testing.T) {
	bin, err := watToWasm("testdata/fib.wat")
	if err != nil {
		t.Fatal(err)
	}
	a, b := engines.WithNonce(bin), engines.WithNonce(bin)
	if string(a) == string(b) {
		t.Error("two nonces are equal")
	}
	m, err := wasm.Decode(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := wasm.Validate(m); err != nil {
		t.Fatal(err)
	}
}
