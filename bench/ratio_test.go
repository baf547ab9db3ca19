package main

import (
	"testing"
	"time"
)

// BenchmarkRatio runs the hot workloads on both engines alternately, call
// by call, in one loop, and reports the median time per call of each and
// the median of the per-pair ratios. On a small noisy machine, load that
// comes and goes hits both engines alike, so the ratio is steadier than
// two separate benchmarks' ns/op.
//
//	sable-ms, wazero-ms   median time of one call
//	sable/wazero-x        median over pairs of (Sable time / wazero time)
func BenchmarkRatio(b *testing.B) {
	workloads := []struct {
		name, module, fn string
		arg, want        uint64
	}{
		{"fib30", "fib", "fib", fibN, fibWant},
		{"sieve", "sieve", "sieve", sieveN, sieveWant},
	}
	for _, w := range workloads {
		b.Run(w.name, func(b *testing.B) {
			var calls [2]caller
			for i, e := range testEngines {
				c, done := setup(b, e, w.module, w.fn, w.want, w.arg)
				defer done()
				calls[i] = c
			}
			timeCall := func(c caller) float64 {
				t0 := time.Now()
				got, err := c(w.arg)
				d := time.Since(t0)
				if err != nil || got != w.want {
					b.Fatalf("%s(%d) = %d, %v; want %d", w.fn, w.arg, got, err, w.want)
				}
				return float64(d) / 1e6
			}
			var ts, tw, r []float64
			for i := 0; b.Loop(); i++ {
				var s, z float64
				if i%2 == 0 { // alternate which engine goes first
					s, z = timeCall(calls[0]), timeCall(calls[1])
				} else {
					z, s = timeCall(calls[1]), timeCall(calls[0])
				}
				ts, tw, r = append(ts, s), append(tw, z), append(r, s/z)
			}
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(median(ts), testEngines[0].Name()+"-ms")
			b.ReportMetric(median(tw), testEngines[1].Name()+"-ms")
			b.ReportMetric(median(r), testEngines[0].Name()+"/"+testEngines[1].Name()+"-x")
		})
	}
}
