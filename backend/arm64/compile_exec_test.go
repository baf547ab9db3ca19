//go:build arm64 && linux

package arm64

import (
	"testing"

	"github.com/sablewasm/sable/backend/internal/backendtest"
)

// native is this back end compiling for the machine the tests run on.
var native = backendtest.Backend{Compile: CompileModule, HostTrampoline: HostTrampoline}

func TestExecutePrograms(t *testing.T)  { backendtest.Programs(t, native) }
func TestExecuteVM(t *testing.T)        { backendtest.VM(t, native) }
func TestExecuteMemory64(t *testing.T)  { backendtest.Memory64(t, native) }
func TestExecuteTailCalls(t *testing.T) { backendtest.TailCalls(t, native) }

// TestSpecNative runs the spec scripts natively (backendtest.Spec).
func TestSpecNative(t *testing.T) { backendtest.Spec(t, native) }
