package main

// The Go-benchmark entry points (go test -bench: hot_test.go, ratio_test.go,
// sibling_test.go) compare Sable with wazero v1.12 on testdata/*.wat, in the
// same process, through the engines of internal/engines that the harness
// (go run .) uses too.

import (
	"errors"
	"sync"
	"testing"

	"github.com/sablewasm/sable/bench/internal/engines"
)

var (
	binMu    sync.Mutex
	binCache = map[string]*engines.Module{}
)

// testModule parses testdata/NAME.wat with Sable's own text parser and
// encodes it with Sable's encoder: both engines get the same bytes.
func testModule(tb testing.TB, name string) *engines.Module {
	tb.Helper()
	binMu.Lock()
	defer binMu.Unlock()
	if m, ok := binCache[name]; ok {
		return m
	}
	bin, err := watToWasm("testdata/" + name + ".wat")
	if err != nil {
		tb.Fatal(err)
	}
	m, err := engines.NewModule(name, bin, "", "")
	if err != nil {
		tb.Fatal(err)
	}
	binCache[name] = m
	return m
}

// caller calls one exported function with integer arguments and returns
// its single integer result as raw bits (an i32 zero-extended).
type caller func(args ...uint64) (uint64, error)

// testEngines are the in-process engines under comparison.
var testEngines = []engines.Engine{engines.Sable{}, engines.Wazero{}}

// setup loads workload name on e and returns the caller of export fn,
// after one checked warm-up call. A Sable function that cannot run yet
// (runtime.ErrNotCompiled) skips the benchmark with that reason; any
// other failure, or a wrong result, fails it.
func setup(b *testing.B, e engines.Engine, workload, fn string, want uint64, args ...uint64) (caller, func()) {
	b.Helper()
	inst, err := e.Load(testModule(b, workload))
	if err != nil {
		if errors.Is(err, engines.ErrUnsupported) {
			b.Skipf("%s cannot run %s yet: %v", e.Name(), workload, err)
		}
		b.Fatal(err)
	}
	call := func(args ...uint64) (uint64, error) {
		r, _, err := inst.Call(fn, args...)
		return r, err
	}
	got, err := call(args...)
	if err != nil {
		inst.Close()
		if errors.Is(err, engines.ErrUnsupported) {
			b.Skipf("%s cannot run %s yet: %v", e.Name(), workload, err)
		}
		b.Fatalf("%s: %s%v: %v", e.Name(), fn, args, err)
	}
	if got != want {
		inst.Close()
		b.Fatalf("%s: %s%v = %d, want %d", e.Name(), fn, args, got, want)
	}
	return call, func() { inst.Close() }
}
