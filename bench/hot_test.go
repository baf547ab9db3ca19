package main

import "testing"

// Hot-path benchmarks: compile and instantiate outside the timer, then
// time calls only. Every call's result is checked, so a wrong answer
// fails the benchmark instead of producing a fast number.

const (
	fibN    = 30
	fibWant = 832040

	sieveN    = 10_000_000
	sieveWant = 664579 // primes below 10^7
)

func BenchmarkFib30(b *testing.B) {
	for _, e := range testEngines {
		b.Run(e.Name(), func(b *testing.B) {
			call, done := setup(b, e, "fib", "fib", fibWant, fibN)
			defer done()
			b.ResetTimer()
			for b.Loop() {
				got, err := call(fibN)
				if err != nil || got != fibWant {
					b.Fatalf("fib(%d) = %d, %v; want %d", fibN, got, err, fibWant)
				}
			}
		})
	}
}

func BenchmarkSieve(b *testing.B) {
	for _, e := range testEngines {
		b.Run(e.Name(), func(b *testing.B) {
			call, done := setup(b, e, "sieve", "sieve", sieveWant, sieveN)
			defer done()
			b.SetBytes(sieveN) // one flag byte per number: MB/s is numbers sieved per µs
			b.ResetTimer()
			for b.Loop() {
				got, err := call(sieveN)
				if err != nil || got != sieveWant {
					b.Fatalf("sieve(%d) = %d, %v; want %d", sieveN, got, err, sieveWant)
				}
			}
		})
	}
}

// BenchmarkCompile times compiling each workload module from its bytes
// (decode, validate, code generation), with no instantiation and no
// cache: a fresh Sable Engine per iteration; for wazero, a fresh runtime
// and a nonce custom section per iteration (engines.WithNonce). compile-us
// is the median of the compile alone.
//
// Sable's Engine.Compile succeeds even when its back end cannot compile a
// module (calls then return ErrNotCompiled), so each sub-benchmark first
// runs the module once on a small input: a module that did not really
// compile skips the benchmark instead of timing a partial compile.
func BenchmarkCompile(b *testing.B) {
	for _, w := range []struct {
		module, fn string
		arg, want  uint64
	}{
		{"fib", "fib", 10, 55},
		{"sieve", "sieve", 100, 25},
		{"spin", "spin", 1000, spinGo(1000)},
	} {
		b.Run(w.module, func(b *testing.B) {
			bin := testModule(b, w.module).Bytes
			for _, e := range testEngines {
				b.Run(e.Name(), func(b *testing.B) {
					_, done := setup(b, e, w.module, w.fn, w.want, w.arg)
					done()
					var us []float64
					for b.Loop() {
						d, err := e.Compile(bin)
						if err != nil {
							b.Fatal(err)
						}
						us = append(us, float64(d)/1e3)
					}
					// ns/op includes setting up and closing a fresh wazero
					// runtime per iteration; compile-us is the compile alone
					b.ReportMetric(median(us), "compile-us")
				})
			}
		})
	}
}
