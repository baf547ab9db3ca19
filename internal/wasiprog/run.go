package wasiprog

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasi"
)

// Result is how a run ended: what it printed and its exit code.
type Result struct {
	Stdout, Stderr string
	ExitCode       uint32
}

// Secret is the content of the file beside the data directory that a
// program must never be able to read.
const Secret = "the host's secret\n"

// Setup creates p's data directory in parent (which should be empty)
// and returns it: parent/data holds p.Files, parent/secret.txt is the
// file outside it.
func Setup(p Program, parent string) (string, error) {
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte(Secret), 0o644); err != nil {
		return "", err
	}
	dir := filepath.Join(parent, "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return "", err
	}
	for name, content := range p.Files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// Check compares a run with what p must do, and the data directory
// with p.FilesAfter; the error lists every difference.
func (p Program) Check(r Result, dataDir string) error {
	var diffs []string
	if r.Stdout != p.Stdout {
		diffs = append(diffs, fmt.Sprintf("stdout:\n%s\nwant:\n%s", r.Stdout, p.Stdout))
	}
	if r.Stderr != p.Stderr {
		diffs = append(diffs, fmt.Sprintf("stderr %q, want %q", r.Stderr, p.Stderr))
	}
	if r.ExitCode != p.ExitCode {
		diffs = append(diffs, fmt.Sprintf("exit code %d, want %d", r.ExitCode, p.ExitCode))
	}
	if p.FilesAfter != nil {
		got := map[string]string{}
		filepath.WalkDir(dataDir, func(path string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				b, _ := os.ReadFile(path)
				rel, _ := filepath.Rel(dataDir, path)
				got[rel] = string(b)
			}
			return nil
		})
		if fmt.Sprint(got) != fmt.Sprint(p.FilesAfter) {
			diffs = append(diffs, fmt.Sprintf("files afterwards %q, want %q", got, p.FilesAfter))
		}
	}
	if b, err := os.ReadFile(filepath.Join(filepath.Dir(dataDir), "secret.txt")); err != nil || string(b) != Secret {
		diffs = append(diffs, "the file outside the data directory was changed")
	}
	if diffs != nil {
		return fmt.Errorf("%s:\n%s", p.Name, strings.Join(diffs, "\n"))
	}
	return nil
}

// RunSable runs p, built as bin, under Sable with its data directory
// dataDir pre-opened as DataDir.
func RunSable(ctx context.Context, p Program, bin []byte, dataDir string) (Result, error) {
	eng := runtime.NewEngine(runtime.Config{})
	mod, err := eng.Compile(bin)
	if err != nil {
		return Result{}, err
	}
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	defer st.Close()
	var stdout, stderr bytes.Buffer
	sys, err := wasi.New(wasi.Config{
		Args:     append([]string{p.Name}, p.Args...),
		Env:      p.Env,
		Stdin:    strings.NewReader(p.Stdin),
		Stdout:   &stdout,
		Stderr:   &stderr,
		Preopens: []wasi.Preopen{{Path: DataDir, FS: wasi.DirFS(dataDir)}},
	})
	if err != nil {
		return Result{}, err
	}
	defer sys.Close()
	var imports runtime.Imports
	if err := sys.Define(&imports); err != nil {
		return Result{}, err
	}
	inst, err := st.Instantiate(ctx, mod, &imports)
	if err != nil {
		return Result{}, err
	}
	code, err := wasi.Run(ctx, inst)
	return Result{Stdout: stdout.String(), Stderr: stderr.String(), ExitCode: code}, err
}
