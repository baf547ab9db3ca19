package wasm_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/sablewasm/sable/wasm"
)

// goProgram is a small Go program whose wasip1 build pulls in a realistic
// amount of the standard library (several MB of Wasm).
const goProgram = `package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"text/template"
	"os"
)

func main() {
	b, _ := json.Marshal(map[string]any{"a": 1, "b": []string{"x"}})
	u, _ := url.Parse("https://example.com/a?b=c")
	re := regexp.MustCompile("a+b")
	t := template.Must(template.New("t").Parse("{{.}}\n"))
	t.Execute(os.Stdout, fmt.Sprint(string(b), u.Host, re.MatchString("aab")))
}
`

var (
	goBinaryOnce sync.Once
	goBinary     []byte
	goBinaryErr  error
)

// buildGoBinary compiles goProgram with GOOS=wasip1 GOARCH=wasm once per
// test process.
func buildGoBinary(tb testing.TB) []byte {
	goBinaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sable-gobinary")
		if err != nil {
			goBinaryErr = err
			return
		}
		defer os.RemoveAll(dir)
		src := filepath.Join(dir, "main.go")
		if goBinaryErr = os.WriteFile(src, []byte(goProgram), 0o644); goBinaryErr != nil {
			return
		}
		out := filepath.Join(dir, "prog.wasm")
		cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", out, src)
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "GOFLAGS=")
		cmd.Dir = dir
		if msg, err := cmd.CombinedOutput(); err != nil {
			goBinaryErr = err
			tb.Logf("go build: %s", msg)
			return
		}
		goBinary, goBinaryErr = os.ReadFile(out)
	})
	if goBinaryErr != nil {
		tb.Skipf("cannot build a wasip1 Go binary: %v", goBinaryErr)
	}
	return goBinary
}

// TestGoBinaryValidates checks that a real toolchain's output decodes and validates.
func TestGoBinaryValidates(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Go program; skipped in -short mode")
	}
	b := buildGoBinary(t)
	m, err := wasm.Decode(b)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if err := wasm.Validate(m); err != nil {
		t.Fatalf("validate: %v", err)
	}
	t.Logf("%d bytes, %d functions", len(b), len(m.Codes))
}

// BenchmarkDecodeValidateGoBinary measures decode+validate throughput on a
// multi-MB module produced by the Go toolchain (reported as MB/s).
func BenchmarkDecodeValidateGoBinary(b *testing.B) {
	bin := buildGoBinary(b)
	b.SetBytes(int64(len(bin)))
	b.ReportAllocs()
	for b.Loop() {
		m, err := wasm.Decode(bin)
		if err != nil {
			b.Fatal(err)
		}
		if err := wasm.Validate(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeGoBinary measures decoding alone on the same module.
func BenchmarkDecodeGoBinary(b *testing.B) {
	bin := buildGoBinary(b)
	b.SetBytes(int64(len(bin)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := wasm.Decode(bin); err != nil {
			b.Fatal(err)
		}
	}
}
