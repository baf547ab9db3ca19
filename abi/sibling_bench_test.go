package abi

import (
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkSibling reproduces the measurement of DESIGN §3: a machine-code
// loop of about a second runs while another goroutine allocates as fast as
// it can. With the goroutine in syscall state (Call) the collector runs
// beside the loop; with a plain call into the same trampoline every
// stop-the-world waits for the loop to end. Reported per loop:
//
//	loop-s          the loop's wall time
//	slowdown        loop-s relative to the loop running with no sibling
//	sibling-allocs/s  allocations the sibling completed per second of loop
//	gc-cycles       GC cycles completed during the loop
//	max-stw-stop-ms longest time a stop-the-world took to stop everything
//
// Run it alone on a quiet machine: go test -run - -bench Sibling -benchtime 3x ./abi
func BenchmarkSibling(b *testing.B) {
	ctx, _ := newTestContext(b, testStackSize)
	pc := loadCode(b, kernelCountdown(b))
	n := uint64(countdownRate(b, ctx, pc))
	loop := func(plain bool) time.Duration {
		sp, ok := ctx.PushEntry()
		if !ok {
			b.Fatal("PushEntry")
		}
		defer ctx.PopEntry()
		ctx.Scratch[0] = n
		start := time.Now()
		var code ExitCode
		if plain {
			enter(ctx, pc, sp)
			code = ctx.ExitCode
		} else {
			code = Call(ctx, pc, sp)
		}
		if code != ExitReturn {
			b.Fatalf("exit %v", code)
		}
		return time.Since(start)
	}
	var alone float64 // mean loop seconds with no sibling; "alone" runs first

	for _, mode := range []string{"alone", "syscall", "plain"} {
		b.Run(mode, func(b *testing.B) {
			var loopTime time.Duration
			var allocs, cycles uint64
			var maxStop float64
			for b.Loop() {
				var stop atomic.Bool
				var count atomic.Uint64
				done := make(chan struct{})
				if mode != "alone" {
					running := make(chan struct{})
					go func() {
						defer close(done)
						close(running)
						for !stop.Load() {
							allocSink = make([]byte, 8<<10)
							count.Add(1)
						}
					}()
					<-running
				} else {
					close(done)
				}
				before := readGCMetrics()
				allocs0 := count.Load()
				loopTime += loop(mode == "plain")
				allocs += count.Load() - allocs0
				after := readGCMetrics()
				stop.Store(true)
				<-done
				cycles += after.cycles - before.cycles
				maxStop = max(maxStop, after.maxStopSince(before))
			}
			mean := loopTime.Seconds() / float64(b.N)
			if mode == "alone" {
				alone = mean
			}
			b.ReportMetric(mean, "loop-s")
			b.ReportMetric(mean/alone, "slowdown")
			b.ReportMetric(float64(allocs)/loopTime.Seconds(), "sibling-allocs/s")
			b.ReportMetric(float64(cycles)/float64(b.N), "gc-cycles")
			b.ReportMetric(maxStop*1e3, "max-stw-stop-ms")
		})
	}
}

var allocSink []byte

type gcMetrics struct {
	cycles uint64
	stops  *metrics.Float64Histogram
}

func readGCMetrics() gcMetrics {
	s := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/sched/pauses/stopping/gc:seconds"},
	}
	metrics.Read(s)
	return gcMetrics{cycles: s[0].Value.Uint64(), stops: s[1].Value.Float64Histogram()}
}

// maxStopSince is the upper bound of the highest histogram bucket that
// gained samples since before.
func (m gcMetrics) maxStopSince(before gcMetrics) float64 {
	for i := len(m.stops.Counts) - 1; i >= 0; i-- {
		if m.stops.Counts[i] > before.stops.Counts[i] {
			return m.stops.Buckets[i+1]
		}
	}
	return 0
}

// BenchmarkCall is the cost of one entry that returns at once:
// PushEntry, Call (with entersyscall/exitsyscall), PopEntry.
func BenchmarkCall(b *testing.B) {
	ctx, _ := newTestContext(b, testStackSize)
	pc := loadCode(b, kernelSum(b))
	for b.Loop() {
		run(b, ctx, pc, 0, nil)
	}
}

// BenchmarkHostCall is the cost of one exit to Go and back: the exit
// sequence, a no-op host function and Resume.
func BenchmarkHostCall(b *testing.B) {
	ctx, _ := newTestContext(b, testStackSize)
	pc := loadCode(b, kernelHostCalls(b))
	b.ResetTimer()
	if code, _ := run(b, ctx, pc, uint64(b.N), func() {}); code != ExitReturn {
		b.Fatalf("exit %v", code)
	}
}
