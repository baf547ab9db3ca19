package wasi_test

import (
	"context"
	"errors"
	goruntime "runtime"
	"testing"

	"github.com/sablewasm/sable/internal/wasiprog"
)

// TestPrograms runs real WASI programs — Go built with GOOS=wasip1, C
// built with clang and wasi-libc, by this machine's toolchains (see
// internal/wasiprog) — and checks their exact output, exit code and
// files. A missing toolchain skips the program, saying which.
func TestPrograms(t *testing.T) {
	if goruntime.GOARCH != "amd64" {
		t.Skipf("real programs need the %s back end, which cannot run them yet", goruntime.GOARCH)
	}
	for _, p := range wasiprog.Programs {
		t.Run(p.Name, func(t *testing.T) {
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
