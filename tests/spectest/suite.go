package spectest

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sort"

	"github.com/sablewasm/sable/internal/testsuite"
)

// SuiteEnv names the environment variable that overrides where the spec
// test scripts are.
const SuiteEnv = testsuite.Env

// SuiteDir returns the directory of the spec test scripts (see testsuite.Dir).
func SuiteDir() (string, error) { return testsuite.Dir() }

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
