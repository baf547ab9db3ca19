package main

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"errors"
	"strings"
	"testing"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"

	"github.com/sablewasm/sable/internal/wasiprog"
)

// TestWASIIdentical runs the real WASI programs of internal/wasiprog (Go
// built with GOOS=wasip1, C built with clang and wasi-libc) under Sable
// and under wazero v1.12, each with a fresh copy of its data directory,
// and requires byte-identical standard output and error, the same exit
// code and the same files afterwards — and both to match what the
// program must print.
func TestWASIIdentical(t *testing.T) {
	for _, p := range wasiprog.Programs {
		t.Run(p.Name, func(t *testing.T) {
			bin, err := wasiprog.Build(p)
			if errors.Is(err, wasiprog.ErrNoToolchain) {
				t.Skip(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			sableDir, err := wasiprog.Setup(p, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			sable, err := wasiprog.RunSable(ctx, p, bin, sableDir)
			if err != nil {
				t.Fatalf("sable: %v", err)
			}
			wazeroDir, err := wasiprog.Setup(p, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			wz, err := runWazeroWASI(ctx, p, bin, wazeroDir)
			if err != nil {
				t.Fatalf("wazero: %v", err)
			}
			if sable != wz {
				t.Errorf("sable and wazero differ:\nsable  %+v\nwazero %+v", sable, wz)
			} else {
				t.Logf("identical: %d bytes of stdout, %d of stderr, exit code %d", len(sable.Stdout), len(sable.Stderr), sable.ExitCode)
			}
			if err := p.Check(sable, sableDir); err != nil {
				t.Errorf("sable: %v", err)
			}
			if err := p.Check(wz, wazeroDir); err != nil {
				t.Errorf("wazero: %v", err)
			}
		})
	}
}

// runWazeroWASI runs p under wazero with what wasiprog.RunSable gives it
// under Sable: the same arguments, environment, stdin, data directory,
// and the host's real clocks and random source.
func runWazeroWASI(ctx context.Context, p wasiprog.Program, bin []byte, dataDir string) (wasiprog.Result, error) {
	r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler())
	defer r.Close(ctx)
	wasi_snapshot_preview1.MustInstantiate(ctx, r)
	var stdout, stderr bytes.Buffer
	cfg := wazero.NewModuleConfig().
		WithArgs(append([]string{p.Name}, p.Args...)...).
		WithStdin(strings.NewReader(p.Stdin)).WithStdout(&stdout).WithStderr(&stderr).
		WithFSConfig(wazero.NewFSConfig().WithDirMount(dataDir, wasiprog.DataDir)).
		WithSysWalltime().WithSysNanotime().WithSysNanosleep().WithRandSource(crand.Reader)
	for _, kv := range p.Env {
		k, v, _ := strings.Cut(kv, "=")
		cfg = cfg.WithEnv(k, v)
	}
	res := wasiprog.Result{}
	_, err := r.InstantiateWithConfig(ctx, bin, cfg) // runs _start
	var exit *sys.ExitError
	if errors.As(err, &exit) {
		res.ExitCode, err = exit.ExitCode(), nil
	}
	res.Stdout, res.Stderr = stdout.String(), stderr.String()
	return res, err
}
