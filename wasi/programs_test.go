package wasi_test

import (
	"context"
	"errors"
	"os"
	goruntime "runtime"
	"testing"

	"github.com/sablewasm/sable/internal/wasiprog"
)

// goProgramsEnv, when set, runs the Go programs on architectures other
// than amd64 too.
const goProgramsEnv = "SABLE_WASI_GO_PROGRAMS"

// TestPrograms runs real WASI programs — Go built with GOOS=wasip1, C
// built with clang and wasi-libc, by this machine's toolchains (see
// internal/wasiprog) — and checks their exact output, exit code and
// files. A missing toolchain skips the program, saying which.
func TestPrograms(t *testing.T) {
	for _, p := range wasiprog.Programs {
		t.Run(p.Name, func(t *testing.T) {
			if p.Lang == "go" && goruntime.GOARCH != "amd64" && os.Getenv(goProgramsEnv) == "" {
				t.Skipf("a Go program is 3 MB of Wasm, which takes minutes to compile under emulation; set %s=1 to run it", goProgramsEnv)
			}
			bin, err := wasiprog.Build(p)
			if errors.Is(err, wasiprog.ErrNoToolchain) {
				t.Skip(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			dir, err := wasiprog.Setup(p, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			r, err := wasiprog.RunSable(context.Background(), p, bin, dir)
			if err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
			if err := p.Check(r, dir); err != nil {
				t.Error(err)
			}
		})
	}
}
