//go:build amd64 && linux

package amd64

import (
	"math"
	"testing"

	"github.com/sablewasm/sable/backend/internal/backendtest"
	"github.com/sablewasm/sable/compiler"
)

// native is this back end compiling for this machine's CPU.
var native = backendtest.Backend{
	Compile: func(mi *compiler.ModuleInfo) (*Module, error) {
		return CompileModule(mi, Options{Features: HostFeatures(), GC: true})
	},
	HostTrampoline: HostTrampoline,
}

func TestExecutePrograms(t *testing.T)  { backendtest.Programs(t, native) }
func TestExecuteVM(t *testing.T)        { backendtest.VM(t, native) }
func TestExecuteMemory64(t *testing.T)  { backendtest.Memory64(t, native) }
func TestExecuteTailCalls(t *testing.T) { backendtest.TailCalls(t, native) }

// The GC: every instruction against the evaluator (also on a stress heap),
// the allocation size boundary, and the seed module.
func TestExecuteGC(t *testing.T)            { backendtest.GCPrograms(t, native) }
func TestAllocationBoundaries(t *testing.T) { backendtest.AllocationBoundaries(t, native) }
func TestSeedModule(t *testing.T)           { backendtest.SeedModule(t, native) }

// TestExecuteGCRandom runs random GC programs on a stress heap against
// the evaluator (more of them without -short).
func TestExecuteGCRandom(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 40
	}
	backendtest.GCRandomPrograms(t, native, n)
}

// TestSpecNative runs the spec scripts natively (backendtest.Spec).
func TestSpecNative(t *testing.T) { backendtest.Spec(t, native) }

// TestExecuteBaselineFallbacks runs clz, ctz and popcnt compiled for a CPU
// without LZCNT, BMI1 and POPCNT (the bsr/bsf/SWAR sequences) against the
// evaluator.
func TestExecuteBaselineFallbacks(t *testing.T) {
	const src = `(module
	  (func (export "clz32") (param i32) (result i32) (i32.clz (local.get 0)))
	  (func (export "ctz32") (param i32) (result i32) (i32.ctz (local.get 0)))
	  (func (export "pop32") (param i32) (result i32) (i32.popcnt (local.get 0)))
	  (func (export "clz64") (param i64) (result i64) (i64.clz (local.get 0)))
	  (func (export "ctz64") (param i64) (result i64) (i64.ctz (local.get 0)))
	  (func (export "pop64") (param i64) (result i64) (i64.popcnt (local.get 0))))`
	m, err := backendtest.ParseValidate([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	// A CPU with SSE4.1 only.
	b := backendtest.Backend{
		Compile: func(mi *compiler.ModuleInfo) (*Module, error) {
			return CompileModule(mi, Options{Features: Features{SSE41: true}})
		},
		HostTrampoline: HostTrampoline,
	}
	mc, err := backendtest.NewMachine(t, b, m, 1<<16)
	if err != nil {
		t.Fatal(err)
	}
	ev := backendtest.Evaluator(t, mc.MI)
	vals := []uint64{0, 1, 2, 3, 0x80, 0xffff, 0x80000000, 0xffffffff, 0x12345678,
		1 << 32, 1 << 63, math.MaxUint64, 0x0123456789abcdef, 0xf0f0f0f0f0f0f0f0}
	for _, e := range m.Exports {
		for _, v := range vals {
			if e.Name[len(e.Name)-2:] == "32" {
				v &= 0xffffffff
			}
			got, gerr := mc.Call(e.Index, []uint64{v})
			want, werr := ev.Call(e.Index, []uint64{v})
			if gerr != nil || werr != nil || got[0] != want[0] {
				t.Errorf("%s(%#x) = %v, %v; evaluator %v, %v", e.Name, v, got, gerr, want, werr)
			}
		}
	}
}
