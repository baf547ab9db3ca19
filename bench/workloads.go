package main

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sablewasm/sable/bench/internal/engines"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// workload is one exported function of one module, run with one argument
// and checked against a pinned checksum.
type workload struct {
	name string
	file string // kernels/NAME.c, gc/NAME.wat or testdata/NAME.wat
	what string // one line for the report
	arg  uint64 // the timed call is run(arg)
	// want is the checksum of run(arg). Every engine must return it: a
	// different answer, even from all of them at once, fails the run.
	want uint64
	// quickArg/quickWant are a small call for -quick runs.
	quickArg, quickWant uint64
}

// The CPU kernels: freestanding C, clang --target=wasm32 -O2 and gcc -O2
// (kernels/build.sh). The checksums are the native build's, which V8
// agreed with when they were pinned.
var cpuWorkloads = []workload{
	{"calls", "kernels/calls.c", "fib + tak recursion, indirect calls through a function-pointer table", 28, 11480402778068577495, 20, 8844876119521090095},
	{"collatz", "kernels/collatz.c", "integer loops: Collatz step counts, Euclid's gcd (div/rem)", 1000000, 3599885792287227788, 10000, 6748387093368375803},
	{"nbody", "kernels/nbody.c", "f64 math: five-body simulation (mul, add, div, sqrt)", 1000000, 13818632028968921729, 1000, 13818632080152731561},
	{"matmul", "kernels/matmul.c", "f64 dense matrix product, 512x512, i-k-j loops over linear memory", 512, 4663565370498403043, 64, 13872615843470937911},
	{"stream", "kernels/stream.c", "memory-bound: triad/copy over 12 MiB, dependent random walk", 8, 3528688238355538511, 1, 11524846773519300436},
	{"sha256", "kernels/sha256.c", "hashing: SHA-256 compression over a 64 KiB buffer", 400, 16828918547583481841, 2, 5199476673008915514},
	{"sort", "kernels/sort.c", "sorting: quicksort then heapsort of u32 keys", 1000000, 17119583991974609115, 10000, 4464147781797077708},
	{"hashmap", "kernels/hashmap.c", "hash table: open addressing, 2^21 slots, inserts and lookups", 1000000, 16031642256960947946, 10000, 8724059019027762969},
	{"bits", "kernels/bits.c", "bit manipulation: popcount/clz/ctz/rotate/bswap, n-queens bitboards", 200, 392985104028416545, 2, 11936888425035628147},
}

// The GC workloads: WAT parsed by Sable's own wat package. Their checksums
// are V8's.
var gcWorkloads = []workload{
	{"binary_trees", "gc/binary_trees.wat", "binary trees of structs, allocate/walk/drop, one long-lived tree", 16, 14592731909135, 8, 24240073231},
	{"linked", "gc/linked.wat", "singly linked list reversal, doubly linked ring splicing", 1000000, 11316342125545610890, 1000, 16120184308647564639},
	{"arrays", "gc/arrays.wat", "f64 and i8 arrays: stencil, array.fill, array.copy (overlapping)", 3000, 11321664648534498271, 10, 12838486531914839868},
	{"dispatch", "gc/dispatch.wat", "subtype dispatch: br_on_cast chains, ref.test + ref.cast", 30000, 4758627791119661056, 10, 4706762163312611584},
	{"i31", "gc/i31.wat", "i31ref boxing/unboxing beside struct boxes in an anyref array", 20000000, 1888395537181796137, 10000, 16927397237646947671},
	{"live_heap", "gc/live_heap.wat", "allocation beside a 25 MiB live heap: collection, not just allocation", 4000000, 17337502550234510112, 10000, 6416236819817024866},
}

//go:embed gc/*.wat testdata/*.wat
var watFiles embed.FS

// loadModule returns w's module for the engines: a kernel's clang build
// (and its native build), or a WAT file parsed, validated and encoded by
// Sable, written under build/ for the child-process engines.
func loadModule(w workload) (*engines.Module, error) {
	switch filepath.Ext(w.file) {
	case ".c":
		name := w.name
		path := filepath.Join("build", "wasm", name+".wasm")
		bin, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w (kernels/build.sh builds it)", w.name, err)
		}
		return engines.NewModule(name, bin, path, filepath.Join("build", "native", name))
	case ".wat":
		bin, err := watToWasm(w.file)
		if err != nil {
			return nil, err
		}
		path := filepath.Join("build", filepath.Dir(w.file), w.name+".wasm")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, bin, 0o644); err != nil {
			return nil, err
		}
		return engines.NewModule(w.name, bin, path, "")
	}
	return nil, fmt.Errorf("%s: unknown source %s", w.name, w.file)
}

// watToWasm parses file with Sable's text parser, validates it with Sable's
// validator and encodes it: every engine gets the same bytes.
func watToWasm(file string) ([]byte, error) {
	src, err := watFiles.ReadFile(file)
	if err != nil {
		return nil, err
	}
	m, err := wat.ParseModule(src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if err := wasm.Validate(m); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return wasm.Encode(m), nil
}
