package wasi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// The harness calls WASI functions the way a module does: from compiled
// Wasm code, with pointers into the module's memory. Its module imports
// every function of wasi_snapshot_preview1 and exports a wrapper for
// each ("w_fd_write", ...) that passes its parameters on, so a test can
// set up memory from Go, call, and inspect memory and the errno.

var (
	harnessOnce sync.Once
	harnessEng  *runtime.Engine
	harnessMod  *runtime.Module
	harnessErr  error
)

// harnessModule compiles the wrapper module once per test process.
func harnessModule() (*runtime.Engine, *runtime.Module, error) {
	harnessOnce.Do(func() {
		sys, err := New(Config{})
		if err != nil {
			harnessErr = err
			return
		}
		defer sys.Close()
		var im runtime.Imports
		if harnessErr = sys.Define(&im); harnessErr != nil {
			return
		}
		var src strings.Builder
		src.WriteString("(module\n")
		for _, name := range FunctionNames() {
			ft := im.Lookup(ModuleName, name).(*runtime.Func).Type()
			fmt.Fprintf(&src, "(import %q %q (func $%s %s))\n", ModuleName, name, name, sig(ft))
		}
		src.WriteString("(memory (export \"memory\") 4)\n")
		for _, name := range FunctionNames() {
			ft := im.Lookup(ModuleName, name).(*runtime.Func).Type()
			fmt.Fprintf(&src, "(func (export \"w_%s\") %s", name, sig(ft))
			for i := range ft.Params {
				fmt.Fprintf(&src, " (local.get %d)", i)
			}
			fmt.Fprintf(&src, " (call $%s))\n", name)
		}
		src.WriteString(")")
		m, err := wat.ParseModule([]byte(src.String()))
		if err != nil {
			harnessErr = err
			return
		}
		harnessEng = runtime.NewEngine(runtime.Config{})
		harnessMod, harnessErr = harnessEng.Compile(wasm.Encode(m))
	})
	return harnessEng, harnessMod, harnessErr
}

func sig(ft *runtime.FuncType) string {
	var b strings.Builder
	for _, p := range ft.Params {
		fmt.Fprintf(&b, " (param %v)", p)
	}
	for _, r := range ft.Results {
		fmt.Fprintf(&b, " (result %v)", r)
	}
	return b.String()
}

type harness struct {
	t    *testing.T
	ctx  context.Context
	sys  *System
	inst *runtime.Instance
	mem  *runtime.Memory
	next uint32 // bump allocator for scratch memory

	stdout, stderr bytes.Buffer
}

// requireCompiled skips a test on an architecture whose back end cannot
// compile mod yet, with the back end's reason.
func requireCompiled(t testing.TB, mod *runtime.Module) {
	t.Helper()
	if err := mod.Compiled(); err != nil {
		t.Skip(err)
	}
}

// newHarness instantiates the wrapper module with a System made from
// cfg; a nil Stdout or Stderr in cfg is the harness's buffer.
func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	eng, mod, err := harnessModule()
	if err != nil {
		t.Fatal(err)
	}
	requireCompiled(t, mod)
	h := &harness{t: t, ctx: context.Background(), next: 1024}
	if cfg.Stdout == nil {
		cfg.Stdout = &h.stdout
	}
	if cfg.Stderr == nil {
		cfg.Stderr = &h.stderr
	}
	h.sys, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := h.sys.Close(); err != nil {
			t.Errorf("System.Close: %v", err)
		}
	})
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	t.Cleanup(func() { st.Close() })
	var im runtime.Imports
	if err := h.sys.Define(&im); err != nil {
		t.Fatal(err)
	}
	h.inst, err = st.Instantiate(h.ctx, mod, &im)
	if err != nil {
		t.Fatal(err)
	}
	h.mem = h.inst.Memory("memory")
	return h
}

// callErr calls w_NAME with args (each an i32 or i64 as its parameter
// type says) and returns the errno, or the call's error.
func (h *harness) callErr(name string, args ...uint64) (Errno, error) {
	h.t.Helper()
	f := h.inst.Func("w_" + name)
	if f == nil {
		h.t.Fatalf("no WASI function %s", name)
	}
	params := f.Type().Params
	if len(args) != len(params) {
		h.t.Fatalf("%s takes %d arguments, got %d", name, len(params), len(args))
	}
	vals := make([]runtime.Value, len(args))
	for i, a := range args {
		if params[i] == runtime.TypeI64 {
			vals[i] = runtime.I64(int64(a))
		} else {
			vals[i] = runtime.I32(int32(uint32(a)))
		}
	}
	res, err := f.Call(h.ctx, vals...)
	if err != nil {
		return 0, err
	}
	return Errno(res[0].I32()), nil
}

// call is callErr for calls that must return (with some errno).
func (h *harness) call(name string, args ...uint64) Errno {
	h.t.Helper()
	e, err := h.callErr(name, args...)
	if err != nil {
		if errors.Is(err, runtime.ErrNotCompiled) {
			h.t.Skip(err)
		}
		h.t.Fatalf("%s: %v", name, err)
	}
	return e
}

// ok calls and fails the test unless the errno is success.
func (h *harness) ok(name string, args ...uint64) {
	h.t.Helper()
	if e := h.call(name, args...); e != ErrnoSuccess {
		h.t.Fatalf("%s%v: %v", name, args, e)
	}
}

// want calls and fails the test unless the errno is want.
func (h *harness) want(want Errno, name string, args ...uint64) {
	h.t.Helper()
	if e := h.call(name, args...); e != want {
		h.t.Errorf("%s%v: %v, want %v", name, args, e, want)
	}
}

// alloc reserves n bytes of scratch memory, 8-aligned.
func (h *harness) alloc(n uint32) uint64 {
	p := h.next
	h.next = (h.next + n + 7) &^ 7
	if uint64(h.next) > uint64(len(h.mem.Bytes())) {
		h.t.Fatal("harness: out of scratch memory")
	}
	return uint64(p)
}

// str puts s in memory and returns its address and length.
func (h *harness) str(s string) (uint64, uint64) {
	p := h.alloc(uint32(len(s)))
	copy(h.mem.Bytes()[p:], s)
	return p, uint64(len(s))
}

// iov puts an iovec array over bufs (each given by its address and
// length) in memory and returns its address and count.
func (h *harness) iov(bufs ...[2]uint64) (uint64, uint64) {
	p := h.alloc(uint32(8 * len(bufs)))
	for i, b := range bufs {
		le.PutUint32(h.mem.Bytes()[p+8*uint64(i):], uint32(b[0]))
		le.PutUint32(h.mem.Bytes()[p+8*uint64(i)+4:], uint32(b[1]))
	}
	return p, uint64(len(bufs))
}

func (h *harness) u32(p uint64) uint32 { return le.Uint32(h.mem.Bytes()[p:]) }
func (h *harness) u64(p uint64) uint64 { return le.Uint64(h.mem.Bytes()[p:]) }
func (h *harness) bytes(p, n uint64) []byte {
	return append([]byte(nil), h.mem.Bytes()[p:p+n]...)
}

// open opens path in directory fd with rights (and every right to pass
// on, as wasi-libc and Go ask) and returns the new descriptor, or the
// errno.
func (h *harness) open(dirfd uint64, path string, oflags uint64, rights uint64, fdflags uint64) (uint64, Errno) {
	h.t.Helper()
	p, n := h.str(path)
	out := h.alloc(4)
	e := h.call("path_open", dirfd, uint64(lookupSymlinkFollow), p, n, oflags, rights, rightsAll, fdflags, out)
	return uint64(h.u32(out)), e
}

// write writes s to fd with fd_write and returns the count.
func (h *harness) write(fd uint64, s string) uint32 {
	h.t.Helper()
	p, n := h.str(s)
	iov, cnt := h.iov([2]uint64{p, n})
	out := h.alloc(4)
	h.ok("fd_write", fd, iov, cnt, out)
	return h.u32(out)
}

// read reads up to n bytes from fd with fd_read.
func (h *harness) read(fd uint64, n uint64) string {
	h.t.Helper()
	buf := h.alloc(uint32(n))
	iov, cnt := h.iov([2]uint64{buf, n})
	out := h.alloc(4)
	h.ok("fd_read", fd, iov, cnt, out)
	return string(h.bytes(buf, uint64(h.u32(out))))
}
