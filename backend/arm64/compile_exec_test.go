//go:build arm64 && linux

package arm64

import (
	"testing"

	"github.com/sablewasm/sable/backend/internal/backendtest"
	"github.com/sablewasm/sable/wasm"
)

// native is this back end compiling for the machine the tests run on.
var native = backendtest.Backend{
	Compile: CompileModule,
	HostTrampoline: func(*wasm.FuncType) ([]byte, error) {
		return nil, unsupported("host trampolines")
	},
}

func TestExecutePrograms(t *testing.T) { backendtest.Programs(t, native) }

// TestSpecNative runs the spec scripts natively (backendtest.Spec).
func TestSpecNative(t *testing.T) { backendtest.Spec(t, native) }
