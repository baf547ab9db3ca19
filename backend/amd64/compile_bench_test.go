//go:build amd64 && linux

package amd64

import (
	"testing"

	"github.com/sablewasm/sable/backend/internal/backendtest"
	"github.com/sablewasm/sable/compiler"
)

// BenchmarkCompileModule measures the whole pipeline from validated module
// to linked code (frontend, passes, selection, allocation, assembly).
func BenchmarkCompileModule(b *testing.B) {
	m, err := backendtest.ParseValidate([]byte(backendtest.ProgramsWAT))
	if err != nil {
		b.Fatal(err)
	}
	mi, err := compiler.NewModuleInfo(m, nil)
	if err != nil {
		b.Fatal(err)
	}
	var size int
	for b.Loop() {
		mod, err := CompileModule(mi, Options{Features: HostFeatures()})
		if err != nil {
			b.Fatal(err)
		}
		size = len(mod.Code)
	}
	b.ReportMetric(float64(size), "code-bytes")
	b.ReportMetric(float64(len(m.Funcs))*float64(b.N)/b.Elapsed().Seconds(), "funcs/s")
}
