//go:build amd64

package main

import (
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
}
