package main

import (
	goruntime "runtime"
	"runtime/metrics"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// The sibling benchmark of issue "Execute Wasm on amd64" (DESIGN §3).
//
// Go cannot preempt machine code. When a goroutine runs generated code
// and a GC cycle wants to stop the world, Go keeps signalling that thread
// (SIGURG) and every other goroutine waits at the stop until the call
// returns. Sable runs machine code the way cgo runs C (the goroutine is
// "in a system call"), so the GC does not need to stop it at all.
//
// Each iteration, for one engine and one long-running call (>= 1 s):
//
//  1. alone:    the Wasm call with nothing else running;
//  2. baseline: the allocating sibling goroutine alone, for as long as (1) took;
//  3. together: the sibling running, the same Wasm call; the window in
//     which the sibling's progress and the GC cycles are counted is
//     exactly the call.
//
// Reported (medians over the iterations):
//
//	wasm-alone-s          duration of the call alone
//	wasm-with-sibling-s   duration of the call beside the sibling
//	slowdown-x            (3) / (1)
//	sibling-allocs/s      sibling's allocations per second during the call
//	baseline-allocs/s     sibling's allocations per second with no Wasm running
//	sibling-progress-%    sibling-allocs/s as a percentage of baseline-allocs/s
//	gc-cycles             GC cycles completed during the call (the NumGC
//	                      delta, read through runtime/metrics so the read
//	                      itself never waits for a stalled cycle)
//	baseline-gc-cycles    GC cycles completed during the baseline window
//	sibling-max-stall-ms  longest gap between two of the sibling's allocations
//	                      during the call (how long it was stopped)
//	baseline-max-stall-ms the same, with no Wasm running
//
// There is deliberately no GC-pause metric: MemStats.PauseNs misses the
// stall (under wazero the sibling waited for the whole call while the
// recorded pauses stayed under 1 ms: the wait is not all inside a
// stop-the-world that PauseNs times). The sibling's own longest stall is
// what a Go program beside the Wasm call feels.
//
// Run it with: go test -run XXX -bench Sibling -benchtime 3x

const (
	// spin(700e6) runs about 1.3 s under wazero v1.12 on the 2-core dev
	// machine (xorshift64 rounds, ~1.8 ns each).
	spinN    = 700_000_000
	spinWant = 0x1fb26aadf9c97653 // spinGo(spinN), checked by TestSpinWant

	// fib(42) = 267914296: 866,988,873 calls, about 1.4 s under wazero.
	fibLongN    = 42
	fibLongWant = 267914296

	siblingAllocSize = 8 << 10
)

// spinGo is spin.wat in Go: the reference for spinWant.
func spinGo(n uint64) uint64 {
	x := uint64(88172645463325252)
	for i := uint64(0); i < n; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

func TestSpinWant(t *testing.T) {
	if testing.Short() {
		t.Skip("1 s of Go arithmetic")
	}
	if got := spinGo(spinN); got != spinWant {
		t.Fatalf("spinGo(%d) = %#x, spinWant = %#x", spinN, got, uint64(spinWant))
	}
}

// sink keeps the sibling's last allocations reachable (they escape to the
// heap, and there is always some live data for the GC to mark).
var sink [64][]byte

// sibling is an allocation-heavy goroutine: it allocates 8 KiB buffers in
// a tight loop (a GC cycle every few hundred allocations with the default
// GOGC and a small heap) and records the longest gap between two
// consecutive allocations.
type sibling struct {
	allocs  atomic.Int64
	maxGap  atomic.Int64 // ns
	last    atomic.Int64 // time of the last allocation, ns since epoch (time.Time.UnixNano)
	stop    atomic.Bool
	started chan struct{}
	done    chan struct{}
}

func startSibling() *sibling {
	s := &sibling{started: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		last := time.Now()
		for i := 0; !s.stop.Load(); i++ {
			sink[i&63] = make([]byte, siblingAllocSize)
			s.allocs.Add(1)
			now := time.Now()
			if gap := int64(now.Sub(last)); gap > s.maxGap.Load() {
				s.maxGap.Store(gap)
			}
			last = now
			s.last.Store(now.UnixNano())
			if i == 0 {
				close(s.started)
			}
		}
	}()
	<-s.started
	return s
}

func (s *sibling) halt() {
	s.stop.Store(true)
	<-s.done
}

// window is what happened between open and close.
type window struct {
	start   time.Time
	allocs0 int64
	gc0     uint32
	elapsed time.Duration
	allocs  int64
	gcs     uint32
	maxGap  time.Duration
}

// gcCycles reads the number of completed GC cycles without stopping the
// world (runtime.ReadMemStats would wait for a stalled cycle).
func gcCycles() uint32 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return uint32(s[0].Value.Uint64())
}

func (s *sibling) open() *window {
	w := &window{gc0: gcCycles(), allocs0: s.allocs.Load()}
	s.maxGap.Store(0)
	w.start = time.Now()
	return w
}

// close ends the window: it must be called right after the Wasm call
// returns, before anything that could wait for a GC cycle.
func (s *sibling) close(w *window) {
	now := time.Now()
	w.elapsed = now.Sub(w.start)
	w.gcs = gcCycles() - w.gc0
	w.allocs = s.allocs.Load() - w.allocs0
	// The longest gap so far, or the one the sibling is still in (a
	// sibling stopped until the call returned has not recorded it yet).
	w.maxGap = time.Duration(max(s.maxGap.Load(), now.UnixNano()-s.last.Load()))
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func BenchmarkSibling(b *testing.B) {
	workloads := []struct {
		name, module, fn string
		arg, want        uint64
	}{
		{"loop", "spin", "spin", spinN, spinWant},
		{"fib42", "fib", "fib", fibLongN, fibLongWant},
	}
	for _, w := range workloads {
		b.Run(w.name, func(b *testing.B) {
			for _, e := range testEngines {
				b.Run(e.Name(), func(b *testing.B) {
					call, done := setup(b, e, w.module, w.fn, w.want, w.arg)
					defer done()
					run := func() time.Duration {
						t0 := time.Now()
						got, err := call(w.arg)
						d := time.Since(t0)
						if err != nil || got != w.want {
							b.Fatalf("%s(%d) = %d, %v; want %d", w.fn, w.arg, got, err, w.want)
						}
						return d
					}
					var alone, with, slow, rate, baseRate, progress, gcs, baseGCs, stall, baseStall []float64
					for i := 0; i < b.N; i++ {
						goruntime.GC()
						a := run()

						s := startSibling()
						bw := s.open()
						time.Sleep(a)
						s.close(bw)
						s.halt()

						goruntime.GC()
						s = startSibling()
						ww := s.open()
						t := run()
						s.close(ww)
						s.halt()

						alone = append(alone, a.Seconds())
						with = append(with, t.Seconds())
						slow = append(slow, t.Seconds()/a.Seconds())
						r := float64(ww.allocs) / ww.elapsed.Seconds()
						br := float64(bw.allocs) / bw.elapsed.Seconds()
						rate = append(rate, r)
						baseRate = append(baseRate, br)
						progress = append(progress, 100*r/br)
						gcs = append(gcs, float64(ww.gcs))
						baseGCs = append(baseGCs, float64(bw.gcs))
						stall = append(stall, float64(ww.maxGap)/1e6)
						baseStall = append(baseStall, float64(bw.maxGap)/1e6)
					}
					b.ReportMetric(0, "ns/op")
					b.ReportMetric(median(alone), "wasm-alone-s")
					b.ReportMetric(median(with), "wasm-with-sibling-s")
					b.ReportMetric(median(slow), "slowdown-x")
					b.ReportMetric(median(rate), "sibling-allocs/s")
					b.ReportMetric(median(baseRate), "baseline-allocs/s")
					b.ReportMetric(median(progress), "sibling-progress-%")
					b.ReportMetric(median(gcs), "gc-cycles")
					b.ReportMetric(median(baseGCs), "baseline-gc-cycles")
					b.ReportMetric(median(stall), "sibling-max-stall-ms")
					b.ReportMetric(median(baseStall), "baseline-max-stall-ms")
				})
			}
		})
	}
}
