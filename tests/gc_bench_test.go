package tests

import (
	"context"
	"errors"
	"flag"
	"os"
	"syscall"
	"testing"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

var binaryTreesDepth = flag.Int("binarytrees.depth", 18, "maximum tree depth of BenchmarkBinaryTrees")

// BenchmarkBinaryTrees runs testdata/binarytrees.wat (the benchmarks-game
// program on GC structs) at -binarytrees.depth, in a fresh Store per run,
// and reports the GC heap's peak (the most heap memory in use at once,
// both semispaces during a collection), its live data after the last
// collection, the collections per run, and the process's peak RSS so far
// (getrusage; the whole test binary's, so run this benchmark alone).
//
//	go test ./tests -run '^$' -bench BinaryTrees -benchtime 5x
func BenchmarkBinaryTrees(b *testing.B) {
	src, err := os.ReadFile("testdata/binarytrees.wat")
	if err != nil {
		b.Fatal(err)
	}
	m, err := wat.ParseModule(src)
	if err != nil {
		b.Fatal(err)
	}
	eng := runtime.NewEngine(runtime.Config{})
	mod, err := eng.Compile(wasm.Encode(m))
	if err != nil {
		b.Fatal(err)
	}
	depth := *binaryTreesDepth
	want := binaryTreesNodes(depth)
	var peak, live, collections, majors, promoted, gcTime float64
	ctx := context.Background()
	cpu0 := processCPU()
	for b.Loop() {
		st := runtime.NewStore(eng, runtime.StoreLimits{})
		inst, err := st.Instantiate(ctx, mod, nil)
		if err != nil {
			b.Fatal(err)
		}
		res, err := inst.Func("run").Call(ctx, runtime.I32(int32(depth)))
		if errors.Is(err, runtime.ErrNotCompiled) {
			b.Skip(err)
		}
		if err != nil {
			b.Fatal(err)
		}
		if got := res[0].I64(); got != want {
			b.Fatalf("run(%d) = %d, want %d", depth, got, want)
		}
		s := st.GCStats()
		peak = max(peak, float64(s.PeakBytes))
		live, collections, gcTime = float64(s.LiveBytes), float64(s.Collections), s.CollectTime.Seconds()
		majors, promoted = float64(s.MajorCollections), float64(s.PromotedBytes)
		st.Close()
	}
	cpu := (processCPU() - cpu0) / float64(b.N)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	b.ReportMetric(cpu, "CPU-s/op")
	b.ReportMetric(peak/(1<<20), "peak-heap-MiB")
	b.ReportMetric(live/(1<<20), "live-MiB")
	b.ReportMetric(collections, "GCs/op")
	b.ReportMetric(majors, "majorGCs/op")
	b.ReportMetric(promoted/(1<<20), "promoted-MiB/op")
	b.ReportMetric(gcTime, "GC-s/op")
	b.ReportMetric(float64(ru.Maxrss)/1024, "maxRSS-MiB")
}

// binaryTreesNodes is what run(max) returns: the nodes of every tree it
// counts (a tree of depth d has 2^(d+1) - 1).
func binaryTreesNodes(max int) int64 {
	nodes := func(d int) int64 { return 1<<(d+1) - 1 }
	sum := nodes(max+1) + nodes(max)
	for d := 4; d <= max; d += 2 {
		sum += int64(1<<(max-d+4)) * nodes(d)
	}
	return sum
}

// processCPU is the user and system CPU time of the process so far, in
// seconds: on a loaded machine, a steadier measure than the wall clock.
func processCPU() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
