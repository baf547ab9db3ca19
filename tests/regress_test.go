package tests

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/tests/spectest"
)

// TestRegress runs the regression scripts in regress/, each named after
// the bug it pins, normally and with the GC in stress mode. Every command
// must pass: a skip (something not compiled yet) is reported, not hidden.
func TestRegress(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("regress", "*.wast"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no regression scripts: %v", err)
	}
	for _, stress := range []bool{false, true} {
		for _, f := range files {
			name := filepath.Base(f)
			if stress {
				name = "stress/" + name
			}
			t.Run(name, func(t *testing.T) {
				if _, err := os.Stat(f); err != nil {
					t.Fatal(err)
				}
				eng, err := spectest.NewSableEngineWith(runtime.Config{GCStress: stress})
				if err != nil {
					t.Fatal(err)
				}
				defer eng.Close()
				results := spectest.RunFile(f, eng)
				for _, r := range results {
					switch r.Status {
					case spectest.Fail:
						t.Errorf("%s:%d: %s: %s", name, r.Line, r.Kind, r.Reason)
					case spectest.Skip:
						t.Logf("%s:%d: %s skipped: %s", name, r.Line, r.Kind, r.Reason)
					}
				}
				t.Logf("%s: %s", name, spectest.Tally(results))
			})
		}
	}
}
