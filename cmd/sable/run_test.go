//go:build amd64

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README's commands, on the files in examples/.
func TestRunExamples(t *testing.T) {
	code, out, errOut := runCLI(t, "run", "--invoke", "fib", "../../examples/fib.wat", "20")
	if code != exitOK || out != "6765\n" {
		t.Errorf("fib 20: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, _ = runCLI(t, "run", "--invoke", "fib64", "../../examples/fib.wat", "90")
	if code != exitOK || out != "2880067194370816120\n" {
		t.Errorf("fib64 90: code %d, stdout %q", code, out)
	}
	code, _, errOut = runCLI(t, "run", "--invoke", "average", "../../examples/trap.wat", "10", "0")
	if code != exitFail || !strings.Contains(errOut, "trap: integer divide by zero") ||
		!strings.Contains(errOut, "trap!div @ 0x") || !strings.Contains(errOut, "trap!average") {
		t.Errorf("trap: code %d, stderr %q", code, errOut)
	}
	code, out, errOut = runCLI(t, "run", "--invoke", "sum", "../../examples/gc.wat", "100")
	if code != exitOK || out != "5050\n" {
		t.Errorf("gc sum 100: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	// The seed of DESIGN §5: array.new of 536,870,911 structrefs.
	code, _, errOut = runCLI(t, "run", "--invoke", "seed", "../../examples/gc.wat")
	if code != exitFail || !strings.Contains(errOut, "trap: allocation size too large") || !strings.Contains(errOut, "seed @ 0x") {
		t.Errorf("gc seed: code %d, stderr %q", code, errOut)
	}
}

func TestRunArgsAndResults(t *testing.T) {
	p := writeFile(t, "m.wat", `(module
	  (func (export "_start"))
	  (func (export "mix") (param i32 i64 f32 f64) (result i32 i64 f32 f64)
	    (local.get 0) (local.get 1) (local.get 2) (local.get 3)))`)
	code, out, errOut := runCLI(t, "run", "--invoke", "mix", p, "4294967295", "-9", "1.5", "-inf")
	if code != exitOK || out != "-1\n-9\n1.5\n-Inf\n" {
		t.Errorf("mix: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "run", p); code != exitOK || out != "" {
		t.Errorf("_start: code %d, stdout %q", code, out)
	}
	for _, args := range [][]string{
		{"run", "--invoke", "mix", p, "1"},                         // too few arguments
		{"run", "--invoke", "mix", p, "x", "1", "1", "1"},          // not a number
		{"run", "--invoke", "mix", p, "4294967296", "1", "1", "1"}, // out of range
		{"run", "--invoke", "nope", p},
		{"run"},
	} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: code %d, want %d", args, code, exitUsage)
		}
	}
}

func TestObjdump(t *testing.T) {
	code, out, errOut := runCLI(t, "objdump", "../../examples/fib.wat", "--func", "0")
	if code != exitOK || !strings.HasPrefix(out, "func[0] $fib:\n") || !strings.Contains(out, "push %rbp") ||
		strings.Contains(out, "func[1]") {
		t.Errorf("objdump --func 0: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "objdump", "../../examples/fib.wat"); code != exitOK || !strings.Contains(out, "func[1] $fib64:") {
		t.Errorf("objdump: code %d, stdout %q", code, out)
	}
	if code, _, _ := runCLI(t, "objdump", "--func", "7", "../../examples/fib.wat"); code != exitUsage {
		t.Errorf("objdump of a missing function: code %d", code)
	}
	// arm64 code, on any host.
	code, out, errOut = runCLI(t, "objdump", "--arch", "arm64", "--func", "0", "../../examples/fib.wat")
	if code != exitOK || !strings.HasPrefix(out, "func[0] $fib:\n") || !strings.Contains(out, "stp x29, x30, [sp,#-16]!") ||
		!strings.Contains(out, "bl .-0x") || strings.Contains(out, "func[1]") {
		t.Errorf("objdump --arch arm64: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	for _, args := range [][]string{{"--arch", "mips"}, {"--arch", "arm64", "--host"}} {
		if code, _, _ := runCLI(t, append(append([]string{"objdump"}, args...), "../../examples/fib.wat")...); code != exitUsage {
			t.Errorf("objdump %v: code %d, want a usage error", args, code)
		}
	}
}

// wasiEcho prints its arguments and then its environment, each string
// on a line, creates the file "made" in its first preopen (if any), and
// exits with its argument count.
const wasiEcho = `(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $env_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open
    (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "made")
  ;; print writes the n NUL-terminated strings at buf (size bytes) with
  ;; each NUL turned into a newline.
  (func $print (param $buf i32) (param $size i32)
    (local $i i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $size)))
      (if (i32.eqz (i32.load8_u (i32.add (local.get $buf) (local.get $i))))
        (then (i32.store8 (i32.add (local.get $buf) (local.get $i)) (i32.const 10))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (i32.store (i32.const 16) (local.get $buf))
    (i32.store (i32.const 20) (local.get $size))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))
  (func (export "_start")
    (local $argc i32)
    (drop (call $args_sizes (i32.const 0) (i32.const 4)))
    (local.set $argc (i32.load (i32.const 0)))
    (drop (call $args_get (i32.const 1024) (i32.const 4096)))
    (call $print (i32.const 4096) (i32.load (i32.const 4)))
    (drop (call $env_sizes (i32.const 0) (i32.const 4)))
    (drop (call $env_get (i32.const 1024) (i32.const 8192)))
    (call $print (i32.const 8192) (i32.load (i32.const 4)))
    (drop (call $path_open (i32.const 3) (i32.const 1) (i32.const 64) (i32.const 4)
      (i32.const 1) (i64.const 0x40) (i64.const 0) (i32.const 0) (i32.const 32)))
    (call $exit (local.get $argc))))`

func TestRunWASI(t *testing.T) {
	p := writeFile(t, "echo.wat", wasiEcho)
	dir := t.TempDir()
	t.Setenv("SABLE_TEST_HOST_VAR", "from host")
	code, out, errOut := runCLI(t, "run", "--dir", dir+"::/sandbox", "--env", "A=1", "--env", "SABLE_TEST_HOST_VAR",
		p, "x", "--not-a-sable-flag", "y z")
	want := p + "\nx\n--not-a-sable-flag\ny z\nA=1\nSABLE_TEST_HOST_VAR=from host\n"
	if code != 4 || out != want || errOut != "" {
		t.Errorf("sable run: code %d, stdout %q, stderr %q\nwant code 4, stdout %q", code, out, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "made")); err != nil {
		t.Errorf("the file the module creates in its preopen: %v", err)
	}
	// --inherit-env passes the whole host environment.
	code, out, _ = runCLI(t, "run", "--inherit-env", p)
	if code != 1 || !strings.Contains(out, "\nSABLE_TEST_HOST_VAR=from host\n") {
		t.Errorf("--inherit-env: code %d, stdout %q", code, out)
	}
	// Without --dir there is no descriptor 3: path_open fails, nothing breaks.
	if code, _, errOut := runCLI(t, "run", p, "a"); code != 2 || errOut != "" {
		t.Errorf("no preopen: code %d, stderr %q", code, errOut)
	}
	for _, args := range [][]string{
		{"run", "--dir", "::/x", p},
		{"run", "--dir", filepath.Join(dir, "missing"), p},
		{"run", "--env", "A=1", "../../examples/fib.wat"}, // not a WASI module
	} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: code %d, want %d", args, code, exitUsage)
		}
	}
}

// A WASI module called with --invoke gets no program arguments, and its
// exit code still becomes sable's.
func TestRunWASIInvoke(t *testing.T) {
	p := writeFile(t, "lib.wat", `(module
	  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
	  (memory (export "memory") 1)
	  (global $init (mut i32) (i32.const 0))
	  (func (export "_initialize") (global.set $init (i32.const 40)))
	  (func (export "add") (param i32) (result i32) (i32.add (global.get $init) (local.get 0)))
	  (func (export "quit") (param i32) (call $exit (local.get 0))))`)
	if code, out, errOut := runCLI(t, "run", "--invoke", "add", p, "2"); code != exitOK || out != "42\n" {
		t.Errorf("--invoke add: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "run", "--invoke", "quit", p, "5"); code != 5 || errOut != "" {
		t.Errorf("--invoke quit 5: code %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "run", p); code != exitUsage || !strings.Contains(errOut, "no _start") {
		t.Errorf("no _start: code %d, stderr %q", code, errOut)
	}
}

func TestRunMaxWasmStack(t *testing.T) {
	p := writeFile(t, "deep.wat", `(module
	  (func $down (export "down") (param i32) (result i32)
	    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
	      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`)
	if code, out, errOut := runCLI(t, "run", "--invoke", "down", p, "20000"); code != exitOK || out != "20000\n" {
		t.Errorf("default stack: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut := runCLI(t, "run", "--max-wasm-stack", "65536", "--invoke", "down", p, "20000")
	if code != exitFail || !strings.Contains(errOut, "call stack exhausted") {
		t.Errorf("64 KiB stack: code %d, stderr %q", code, errOut)
	}
}
