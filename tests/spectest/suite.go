package spectest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// SuiteEnv names the environment variable that overrides where the spec
// test scripts are.
const SuiteEnv = "SABLE_TESTSUITE"

// SuiteDir returns the directory of the spec test scripts: $SABLE_TESTSUITE,
// or else shared/testsuite beside the repository (../shared/testsuite from
// the directory holding go.mod, found upward from the working directory).
func SuiteDir() (string, error) {
	if dir := os.Getenv(SuiteEnv); dir != "" {
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

// SuiteFiles returns the .wast files under dir, as paths relative to dir
// in slash form, sorted.
func SuiteFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Ext(path) == ".wast" {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err == nil && len(files) == 0 {
		err = errors.New("no .wast files in " + dir)
	}
	sort.Strings(files)
	return files, err
}
