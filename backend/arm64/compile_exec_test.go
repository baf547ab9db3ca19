//go:build arm64 && linux

package arm64

import (
	"testing"

	"github.com/sablewasm/sable/backend/internal/backendtest"
	"github.com/sablewasm/sable/compiler"
)

// native is this back end compiling for the machine the tests run on.
var native = backendtest.Backend{
	Compile:        func(mi *compiler.ModuleInfo) (*Module, error) { return CompileModule(mi, Options{GC: true}) },
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

// TestExecuteVeneers runs programs, tail calls and the GC programs linked
// with a branch reach just above their largest function: calls and tail
// calls between functions farther apart go through veneers.
func TestExecuteVeneers(t *testing.T) {
	b := backendtest.Backend{
		Compile: func(mi *compiler.ModuleInfo) (*Module, error) {
			mod, _, err := smallReach(mi)
			return mod, err
		},
		HostTrampoline: HostTrampoline,
	}
	backendtest.Programs(t, b)
	backendtest.TailCalls(t, b)
	backendtest.GCPrograms(t, b)
}

// TestSpecNative runs the spec scripts natively (backendtest.Spec).
func TestSpecNative(t *testing.T) { backendtest.Spec(t, native) }
