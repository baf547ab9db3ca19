// Package engines runs one WebAssembly module on each engine of the
// comparison behind one interface: Sable and wazero in this process, V8
// (Node) and the native gcc build of a kernel as child processes that
// serve requests on stdin/stdout. Every time is measured by the engine
// itself around the operation only, so a child's pipe round trip never
// counts, and the harness can interleave all engines call by call.
package engines

import (
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/sablewasm/sable/wasm"
)

// ErrUnsupported is matched by the error of an engine that cannot run a
// module yet (Sable's runtime.ErrNotCompiled, wazero without Wasm GC): the
// harness reports "not supported yet" for it instead of a number. Any other
// error, and any wrong result, fails the run.
var ErrUnsupported = errors.New("not supported yet")

// Module is one workload module as every engine needs it.
type Module struct {
	Name  string
	Bytes []byte // the binary module (the same bytes for every engine)
	Path  string // Bytes in a file, for child-process engines
	// Native is the path of the kernel's native build (runners/native.c
	// linked with it), "" for modules that have none.
	Native string
	// Params are the parameter types of each exported function, which
	// turn the harness's raw u64 arguments into typed ones.
	Params map[string][]wasm.ValType
}

// NewModule decodes bin for its exports' signatures.
func NewModule(name string, bin []byte, path, native string) (*Module, error) {
	m, err := wasm.Decode(bin)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	mod := &Module{Name: name, Bytes: bin, Path: path, Native: native, Params: map[string][]wasm.ValType{}}
	nImp := uint32(0)
	for _, im := range m.Imports {
		if im.Kind == wasm.ExternFunc {
			nImp++
		}
	}
	for _, ex := range m.Exports {
		if ex.Kind != wasm.ExternFunc {
			continue
		}
		var typeIdx uint32
		if ex.Index < nImp {
			typeIdx = importFuncType(m, ex.Index)
		} else {
			typeIdx = m.Funcs[ex.Index-nImp]
		}
		mod.Params[ex.Name] = m.Types[typeIdx].Comp.Func.Params
	}
	return mod, nil
}

func importFuncType(m *wasm.Module, idx uint32) uint32 {
	n := uint32(0)
	for _, im := range m.Imports {
		if im.Kind == wasm.ExternFunc {
			if n == idx {
				return im.Func
			}
			n++
		}
	}
	return 0
}

// Engine is one runtime of the comparison.
type Engine interface {
	Name() string
	// Version names the engine's exact version for the report.
	Version() string
	// Compile compiles bin from scratch (no cache) and discards it,
	// returning the time it took, in wall-clock and in CPU time of all the
	// process's threads (compilers run on several; see Verifier).
	Compile(bin []byte) (Timing, error)
	// Load compiles and instantiates m.
	Load(m *Module) (Instance, error)
	// Cold compiles m from scratch, instantiates it and calls fn once:
	// what a program that runs the module once pays.
	Cold(m *Module, fn string, args ...uint64) (result uint64, d time.Duration, err error)
	Close() error
}

// Instance is a module instantiated on one engine.
type Instance interface {
	// Call calls the exported function fn, whose single integer result is
	// returned as raw bits (an i32 zero-extended), with the timing of the
	// call alone.
	Call(fn string, args ...uint64) (result uint64, t Timing, err error)
	Close() error
}

// Verifier is implemented by engines whose Compile can succeed without
// compiling everything (Sable): FullyCompiles fails, matching
// ErrUnsupported, unless every function of bin gets machine code. The
// harness never times a compile that this check rejects.
type Verifier interface {
	FullyCompiles(bin []byte) error
}

// Looper is implemented by instances that can call an exported function
// n times in a loop of the embedding language, timed as a whole: the
// host -> Wasm call overhead.
type Looper interface {
	Loop(fn string, n int) (time.Duration, error)
}

// WithNonce returns bin with a custom section of random bytes appended:
// a module no engine can have in a cache, so a compile time is a real
// compile (custom sections are allowed at the end of a module).
func WithNonce(bin []byte) []byte {
	var nonce [8]byte
	rand.Read(nonce[:])
	const name = "sable-bench-nonce"
	out := append([]byte(nil), bin...)
	out = append(out, 0, byte(1+len(name)+len(nonce)), byte(len(name)))
	out = append(out, name...)
	return append(out, nonce[:]...)
}
