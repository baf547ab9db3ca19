// Package testsuite locates the official spec test scripts that Sable's
// tests read from outside the repository (they are never copied into it).
package testsuite

import (
	"fmt"
	"os"
	"path/filepath"
)

// Env names the environment variable that overrides the scripts' location.
const Env = "SABLE_TESTSUITE"

// Dir returns the directory of the spec test scripts: $SABLE_TESTSUITE, or
// else shared/testsuite beside the repository (../shared/testsuite from the
// directory holding go.mod, found upward from the working directory).
func Dir() (string, error) {
	if dir := os.Getenv(Env); dir != "" {
		return checkDir(dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return checkDir(filepath.Join(dir, "..", "shared", "testsuite"))
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("no go.mod above %s", wd)
		}
	}
}

func checkDir(dir string) (string, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s is not a directory", dir)
	}
	return filepath.Clean(dir), nil
}

// Skipper is the part of testing.TB that Require uses.
type Skipper interface {
	Helper()
	Skipf(format string, args ...any)
}

// Require returns Dir(), or skips the test with a message that cannot be
// missed when the scripts are not there.
func Require(tb Skipper) string {
	tb.Helper()
	dir, err := Dir()
	if err != nil {
		tb.Skipf("\n\n*** SPEC TEST SUITE NOT FOUND — NOTHING WAS TESTED ***\n*** %v\n*** Put it at ../shared/testsuite beside the repository or set %s. ***\n\n", err, Env)
	}
	return dir
}
