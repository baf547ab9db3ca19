package wasi

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

func TestArgsAndEnviron(t *testing.T) {
	h := newHarness(t, Config{Args: []string{"prog", "", "ünï code"}, Env: []string{"A=1", "EMPTY="}})
	for _, c := range []struct {
		sizes, get string
		want       []string
	}{
		{"args_sizes_get", "args_get", []string{"prog", "", "ünï code"}},
		{"environ_sizes_get", "environ_get", []string{"A=1", "EMPTY="}},
	} {
		countP, sizeP := h.alloc(4), h.alloc(4)
		h.ok(c.sizes, countP, sizeP)
		count, size := h.u32(countP), h.u32(sizeP)
		wantSize := 0
		for _, s := range c.want {
			wantSize += len(s) + 1
		}
		if int(count) != len(c.want) || int(size) != wantSize {
			t.Fatalf("%s: %d strings of %d bytes, want %d of %d", c.sizes, count, size, len(c.want), wantSize)
		}
		ptrs, buf := h.alloc(4*count), h.alloc(size)
		h.ok(c.get, ptrs, buf)
		if got := h.bytes(buf, uint64(size)); !bytes.Equal(got, []byte(strings.Join(c.want, "\x00")+"\x00")) {
			t.Errorf("%s: buffer %q", c.get, got)
		}
		for i, s := range c.want {
			p := uint64(h.u32(ptrs + 4*uint64(i)))
			if got := string(h.bytes(p, uint64(len(s)))); got != s {
				t.Errorf("%s: string %d is %q, want %q", c.get, i, got, s)
			}
		}
	}
	if _, err := New(Config{Env: []string{"NOEQUALS"}}); err == nil {
		t.Error("New accepted an environment entry without '='")
	}
	if _, err := New(Config{Args: []string{"a\x00b"}}); err == nil {
		t.Error("New accepted an argument with a NUL byte")
	}
}

func TestClocks(t *testing.T) {
	h := newHarness(t, Config{})
	p := h.alloc(8)
	before := time.Now().UnixNano()
	h.ok("clock_time_get", clockRealtime, 1, p)
	after := time.Now().UnixNano()
	if got := int64(h.u64(p)); got < before || got > after {
		t.Errorf("realtime %d not within [%d, %d]", got, before, after)
	}
	h.ok("clock_time_get", clockMonotonic, 0, p)
	m1 := h.u64(p)
	time.Sleep(2 * time.Millisecond)
	h.ok("clock_time_get", clockMonotonic, 0, p)
	if m2 := h.u64(p); m2-m1 < uint64(2*time.Millisecond) {
		t.Errorf("monotonic clock advanced %d ns over a 2 ms sleep", m2-m1)
	}
	for _, id := range []uint64{clockRealtime, clockMonotonic, clockProcessCPUTimeID, clockThreadCPUTimeID} {
		h.ok("clock_res_get", id, p)
		if r := h.u64(p); r == 0 || r > uint64(time.Millisecond) {
			t.Errorf("clock %d: resolution %d ns", id, r)
		}
		h.ok("clock_time_get", id, 0, p)
		if h.u64(p) == 0 {
			t.Errorf("clock %d reads 0", id)
		}
	}
	h.want(ErrnoInval, "clock_time_get", 4, 0, p)
	h.want(ErrnoInval, "clock_res_get", 99, p)
}

func TestRandom(t *testing.T) {
	h := newHarness(t, Config{Rand: bytes.NewReader(bytes.Repeat([]byte{0xAB}, 64))})
	p := h.alloc(32)
	h.ok("random_get", p, 32)
	if got := h.bytes(p, 32); !bytes.Equal(got, bytes.Repeat([]byte{0xAB}, 32)) {
		t.Errorf("random_get from Config.Rand: %x", got)
	}
	h2 := newHarness(t, Config{}) // crypto/rand
	p = h2.alloc(64)
	h2.ok("random_get", p, 64)
	if bytes.Equal(h2.bytes(p, 64), make([]byte, 64)) {
		t.Error("random_get left 64 zero bytes")
	}
	h2.ok("random_get", p, 0)
}

func TestSchedYieldAndRaise(t *testing.T) {
	h := newHarness(t, Config{})
	h.ok("sched_yield")
	h.want(ErrnoNosys, "proc_raise", 6)
}

func TestProcExit(t *testing.T) {
	h := newHarness(t, Config{})
	_, err := h.callErr("proc_exit", 42)
	var exit *ExitError
	if !errors.As(err, &exit) || exit.Code != 42 {
		t.Fatalf("proc_exit(42): %v, want *ExitError with code 42", err)
	}
	if err.Error() != "wasi: exit status 42" {
		t.Errorf("message %q", err)
	}
	if code, err := ExitCode(err); code != 42 || err != nil {
		t.Errorf("ExitCode: %d, %v", code, err)
	}
	// The Store is still usable after an exit.
	h.ok("sched_yield")
}

// TestProcExitNested exits from Wasm called by a host function called by
// Wasm: the ExitError comes out of the outermost call intact.
func TestProcExitNested(t *testing.T) {
	st, mod := compileWAT(t, `(module
	  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
	  (import "env" "reenter" (func $reenter))
	  (memory (export "memory") 1)
	  (func (export "inner") (call $exit (i32.const 9)) (unreachable))
	  (func (export "_start") (call $reenter) (unreachable)))`)
	sys, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer sys.Close()
	var im runtime.Imports
	if err := sys.Define(&im); err != nil {
		t.Fatal(err)
	}
	reenter, err := runtime.NewHostFunc(func(ctx context.Context, c *runtime.Caller) error {
		_, err := c.Instance().Func("inner").Call(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	im.Define("env", "reenter", reenter)
	inst, err := st.Instantiate(context.Background(), mod, &im)
	if err != nil {
		t.Fatal(err)
	}
	code, err := Run(context.Background(), inst)
	if err != nil || code != 9 {
		t.Fatalf("Run: code %d, error %v; want 9, nil", code, err)
	}
}

func TestRunErrors(t *testing.T) {
	st, mod := compileWAT(t, `(module
	  (memory (export "memory") 1)
	  (func (export "_start") (unreachable)))`)
	inst, err := st.Instantiate(context.Background(), mod, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), inst); !errors.Is(err, runtime.ErrUnreachable) {
		t.Errorf("a trapping _start: %v, want the trap", err)
	}
}

// compileWAT compiles a module in the text format and returns it with a
// Store to instantiate it in; it skips the test if the back end cannot
// compile the module.
func compileWAT(t *testing.T, src string) (*runtime.Store, *runtime.Module) {
	t.Helper()
	m, err := wat.ParseModule([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	eng := runtime.NewEngine(runtime.Config{})
	mod, err := eng.Compile(wasm.Encode(m))
	if err != nil {
		t.Fatal(err)
	}
	requireCompiled(t, mod)
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	t.Cleanup(func() { st.Close() })
	return st, mod
}
