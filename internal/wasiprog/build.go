package wasiprog

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"sort"
	"strings"
	"sync"
)

// CacheEnv names the environment variable that overrides where built
// programs are cached (default: the user's cache directory, under
// sable-wasiprog).
const CacheEnv = "SABLE_WASIPROG_CACHE"

// ErrNoToolchain is wrapped by Build's error when the toolchain a
// program needs is not installed; tests skip then, saying so.
var ErrNoToolchain = errors.New("toolchain not installed")

// RepoRoot is the repository's root directory: this package's sources
// are at internal/wasiprog below it.
func RepoRoot() (string, error) {
	_, file, _, ok := goruntime.Caller(0)
	if !ok {
		return "", errors.New("wasiprog: cannot locate its own source")
	}
	return filepath.Dir(filepath.Dir(filepath.Dir(file))), nil
}

var buildMu sync.Mutex // one build at a time: the machine is small

// Build builds p (or finds it in the cache) and returns the module's
// bytes. The cache key covers the sources, the compiler flags and the
// toolchain's version, so an edit or an upgrade rebuilds.
func Build(p Program) ([]byte, error) {
	root, err := RepoRoot()
	if err != nil {
		return nil, err
	}
	src := filepath.Join(root, p.Source)
	var tool []string
	var version string
	switch p.Lang {
	case "go":
		goTool := filepath.Join(goruntime.GOROOT(), "bin", "go")
		if _, err := os.Stat(goTool); err != nil {
			return nil, fmt.Errorf("%w: go: %v", ErrNoToolchain, err)
		}
		tool, version = []string{goTool, "build", "-trimpath", "-o"}, goruntime.Version()
	case "c":
		clang, err := findClang()
		if err != nil {
			return nil, err
		}
		tool = []string{clang, "--target=wasm32-wasi", "-O2", "-Wall", "-Werror"}
		out, err := exec.Command(clang, "--version").Output()
		if err != nil {
			return nil, fmt.Errorf("%w: %s --version: %v", ErrNoToolchain, clang, err)
		}
		version = string(out)
	default:
		return nil, fmt.Errorf("wasiprog: %s: unknown language %q", p.Name, p.Lang)
	}
	key, err := sourceKey(src, strings.Join(tool, " ")+"\n"+version)
	if err != nil {
		return nil, err
	}
	dir, err := cacheDir()
	if err != nil {
		return nil, err
	}
	out := filepath.Join(dir, strings.ReplaceAll(p.Name, "/", "-")+"-"+key[:16]+".wasm")
	if b, err := os.ReadFile(out); err == nil {
		return b, nil
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	tmp := out + ".tmp"
	var cmd *exec.Cmd
	if p.Lang == "go" {
		cmd = exec.Command(tool[0], append(tool[1:], tmp, ".")...)
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "GOFLAGS=", "CGO_ENABLED=0")
	} else {
		cmd = exec.Command(tool[0], append(tool[1:], "-o", tmp, src, "-lm")...)
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("wasiprog: building %s: %v\n%s", p.Name, err, msg)
	}
	if err := os.Rename(tmp, out); err != nil {
		return nil, err
	}
	return os.ReadFile(out)
}

// findClang finds a clang that can build for wasm32-wasi with
// wasi-libc: Debian's clang, lld, wasi-libc and libclang-rt-dev-wasm32.
func findClang() (string, error) {
	for _, name := range []string{"clang", "clang-14", "clang-15", "clang-16"} {
		if p, err := exec.LookPath(name); err == nil {
			if _, err := os.Stat("/usr/include/wasm32-wasi/stdio.h"); err != nil {
				return "", fmt.Errorf("%w: wasi-libc (apt-get install wasi-libc libclang-rt-dev-wasm32 lld)", ErrNoToolchain)
			}
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: clang (apt-get install clang lld wasi-libc libclang-rt-dev-wasm32)", ErrNoToolchain)
}

// sourceKey hashes the files of src (a file, or a directory's files)
// and extra.
func sourceKey(src, extra string) (string, error) {
	h := sha256.New()
	h.Write([]byte(extra))
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(f), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func cacheDir() (string, error) {
	dir := os.Getenv(CacheEnv)
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "sable-wasiprog")
	}
	return dir, os.MkdirAll(dir, 0o755)
}
