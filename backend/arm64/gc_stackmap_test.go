package arm64

import (
	"testing"

	"github.com/sablewasm/sable/backend/internal/backendtest"
)

func TestStackMapsAtAllocations(t *testing.T) {
	fc, err := NewFuncCompiler()
	if err != nil {
		t.Fatal(err)
	}
	fc.SetGC(true)
	backendtest.StackMapsAtAllocations(t, fc)
}
