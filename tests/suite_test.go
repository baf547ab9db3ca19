// Package tests runs the official WebAssembly spec test scripts through
// Sable's front end.
package tests

import (
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/sablewasm/sable/internal/testsuite"
	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/tests/spectest"
)

// maxReported bounds the failures listed per file, so that one broken
// feature does not bury the rest of the log.
const maxReported = 20

// TestSpecSuite runs every .wast file of the spec test suite. Each file is
// a subtest (run one with -run 'TestSpecSuite/files/core/i32.wast'); per-folder
// counts are logged at the end, and any failed command fails the test.
func TestSpecSuite(t *testing.T) {
	runSuite(t, func(string) bool { return true }, runtime.Config{})
}

// TestSpecSuiteGCStress runs the scripts that exercise GC references again
// with the GC in stress mode: a collection at every allocation, compiled
// code taking the slow path for every object, evacuated space poisoned
// (see package gc). Setting SABLE_GC_STRESS=1 runs TestSpecSuite, and
// everything else, that way too.
func TestSpecSuiteGCStress(t *testing.T) {
	runSuite(t, usesGC, runtime.Config{GCStress: true})
}

// usesGC selects the GC proposal's scripts and those about typed and GC
// references.
func usesGC(rel string) bool {
	name := path.Base(rel)
	return strings.HasPrefix(rel, "core/gc/") || path.Dir(rel) == "core" &&
		(strings.HasPrefix(name, "type-") || strings.HasPrefix(name, "ref") || strings.HasPrefix(name, "br_on_") ||
			name == "call_ref.wast" || name == "local_init.wast")
}

func runSuite(t *testing.T, want func(rel string) bool, cfg runtime.Config) {
	dir := testsuite.Require(t)
	files, err := spectest.SuiteFiles(dir)
	if err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	perFolder := map[string]*spectest.Counts{}
	t.Run("files", func(t *testing.T) {
		for _, rel := range files {
			if !want(rel) {
				continue
			}
			t.Run(rel, func(t *testing.T) {
				t.Parallel()
				eng, err := spectest.NewSableEngineWith(cfg)
				if err != nil {
					t.Fatal(err)
				}
				defer eng.Close()
				results := spectest.RunFile(filepath.Join(dir, filepath.FromSlash(rel)), eng)
				counts := spectest.Tally(results)
				mu.Lock()
				folder := path.Dir(rel)
				if perFolder[folder] == nil {
					perFolder[folder] = &spectest.Counts{}
				}
				perFolder[folder].AddCounts(counts)
				mu.Unlock()
				reportFailures(t, rel, results)
				t.Logf("%s: %s", rel, counts)
			})
		}
	})

	folders := make([]string, 0, len(perFolder))
	for f := range perFolder {
		folders = append(folders, f)
	}
	sort.Strings(folders)
	var total spectest.Counts
	for _, f := range folders {
		t.Logf("%-36s %s", f+"/", perFolder[f])
		total.AddCounts(*perFolder[f])
	}
	t.Logf("%-36s %s", "total", total)
}

func reportFailures(t *testing.T, rel string, results []spectest.Result) {
	t.Helper()
	n := 0
	for _, r := range results {
		if r.Status != spectest.Fail {
			continue
		}
		if n++; n <= maxReported {
			t.Errorf("%s:%d: %s: %s", rel, r.Line, r.Kind, r.Reason)
		}
	}
	if n > maxReported {
		t.Errorf("%s: ... and %d more failures", rel, n-maxReported)
	}
}
