package main

import (
	"testing"
	"time"

	"github.com/sablewasm/sable/bench/internal/engines"
)

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
						t, err := e.Compile(bin)
						if err != nil {
							b.Fatal(err)
						}
						us = append(us, float64(t.Wall)/1e3)
					}
					// ns/op includes setting up and closing a fresh wazero
					// runtime per iteration; compile-us is the compile alone
					b.ReportMetric(median(us), "compile-us")
				})
			}
		})
	}
}

// BenchmarkCallOverhead times host/Wasm crossings, 1000 per op (calls-ns
// is per crossing): host -> Wasm, Go calls the exported nop in a loop
// (engines.Looper: no timing or argument allocation per call); Wasm ->
// host, Wasm calls the imported env.inc in a loop. The harness's call
// suite measures the same; this one is the handle for go test -cpuprofile.
func BenchmarkCallOverhead(b *testing.B) {
	const n = 1000
	for _, e := range testEngines {
		for _, dir := range []string{"host_to_wasm", "wasm_to_host"} {
			b.Run(e.Name()+"/"+dir, func(b *testing.B) {
				inst, err := e.Load(testModule(b, "hostcall"))
				if err != nil {
					b.Fatal(err)
				}
				defer inst.Close()
				t0 := time.Now()
				for b.Loop() {
					if dir == "host_to_wasm" {
						if _, err := inst.(engines.Looper).Loop("nop", n); err != nil {
							b.Fatal(err)
						}
					} else if r, _, err := inst.Call("call_host", n); err != nil || r != n {
						b.Fatalf("call_host(%d) = %d, %v", n, r, err)
					}
				}
				b.ReportMetric(float64(time.Since(t0).Nanoseconds())/float64(b.N)/n, "calls-ns")
			})
		}
	}
}
