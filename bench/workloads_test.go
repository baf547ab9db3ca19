package main

import (
	"os"
	"testing"
)

// Every workload's source exists, every WAT module parses and validates
// with Sable's own front end, and every checksum is pinned: a workload
// without one could never fail on a wrong answer.
func TestWorkloads(t *testing.T) {
	for _, w := range append(append([]workload{}, cpuWorkloads...), gcWorkloads...) {
		if _, err := os.Stat(w.file); err != nil {
			t.Errorf("%s: %v", w.name, err)
		}
		if w.want == 0 || w.quickWant == 0 {
			t.Errorf("%s: checksum not pinned", w.name)
		}
		if w.quickArg >= w.arg {
			t.Errorf("%s: quick argument %d is not smaller than %d", w.name, w.quickArg, w.arg)
		}
	}
	for _, dir := range []string{"gc", "testdata"} {
		files, err := watFiles.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if _, err := watToWasm(dir + "/" + f.Name()); err != nil {
				t.Error(err)
			}
		}
	}
}
