package bench

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
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
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
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
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
// cache: a fresh Sable Engine per iteration; for wazero, one runtime whose
// compiled module is closed (dropped from its cache) every iteration.
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
			bin := wasmBinary(b, w.module)
			for _, e := range engines {
				b.Run(e.name, func(b *testing.B) {
					_, done := setup(b, e, w.module, w.fn, w.want, w.arg)
					done()
					b.SetBytes(int64(len(bin)))
					for b.Loop() {
						if err := e.compile(bin); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
