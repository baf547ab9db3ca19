package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The tools a full run needs, and how to install each on Debian. Node 26
// is installed with npm into .tools/ (gitignored), not system-wide.
const (
	nodeDir     = ".tools"
	nodeVersion = "26"
)

var nodeBin = filepath.Join(nodeDir, "node_modules", ".bin", "node")

type tool struct {
	name    string // what to look for
	ok      func() bool
	install []string // shell commands that install it
}

func onPath(name string) func() bool {
	return func() bool { _, err := exec.LookPath(name); return err == nil }
}

func nodeOK() bool {
	out, err := exec.Command(nodeBin, "--version").Output()
	return err == nil && strings.HasPrefix(strings.TrimSpace(string(out)), "v"+nodeVersion+".")
}

func requiredTools(needV8 bool) []tool {
	apt := []string{"apt-get update", "apt-get install -y clang lld gcc"}
	ts := []tool{
		{"clang (wasm32 target)", onPath("clang"), apt},
		{"wasm-ld (lld)", onPath("wasm-ld"), apt},
		{"gcc", onPath("gcc"), apt},
	}
	if needV8 {
		ts = append(ts, tool{"node " + nodeVersion + " in bench/" + nodeDir, nodeOK,
			[]string{"npm install --no-audit --no-fund --prefix " + nodeDir + " node@" + nodeVersion}})
	}
	return ts
}

// checkTools reports what is missing and the exact commands that install
// it; with install set it runs them (apt-get needs root).
func checkTools(needV8, install bool) error {
	var missing []string
	var cmds []string
	seen := map[string]bool{}
	for _, t := range requiredTools(needV8) {
		if t.ok() {
			continue
		}
		missing = append(missing, t.name)
		for _, c := range t.install {
			if !seen[c] {
				seen[c] = true
				cmds = append(cmds, c)
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if !install {
		return fmt.Errorf("missing: %s\ninstall with (from bench/):\n  %s\nor run: go run . -setup",
			strings.Join(missing, ", "), strings.Join(cmds, "\n  "))
	}
	for _, c := range cmds {
		fmt.Fprintln(os.Stderr, "+", c)
		cmd := exec.Command("sh", "-c", c)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %w", c, err)
		}
	}
	return checkTools(needV8, false)
}

// buildAll builds the C kernels (kernels/build.sh) and the large Go
// module of the compile benchmark.
func buildAll() error {
	cmd := exec.Command("sh", "kernels/build.sh")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("kernels/build.sh: %w", err)
	}
	return buildGoWasm()
}

// goWasmPath is the GOOS=wasip1 GOARCH=wasm build of gowasm/, a real Go
// program (go/parser, go/format, encoding/json, regexp, text/template,
// compress/flate, crypto/sha256), the large module of the compile
// benchmark.
var goWasmPath = filepath.Join("build", "gowasm.wasm")

func buildGoWasm() error {
	goCmd := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	if _, err := os.Stat(goCmd); err != nil {
		goCmd = "go"
	}
	cmd := exec.Command(goCmd, "build", "-o", goWasmPath, "./gowasm")
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("GOOS=wasip1 GOARCH=wasm go build ./gowasm: %w", err)
	}
	return nil
}

func toolVersion(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "not found"
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}
