package wasi

import (
	"strings"
	"testing"
)

// TestBadArguments calls every function with arguments a module may get
// wrong — pointers past the end of memory, huge lengths, every bit set —
// and requires an errno back: never a Go panic, a runtime error or a
// write outside the memory.
func TestBadArguments(t *testing.T) {
	h := newHarness(t, Config{
		Stdin:    strings.NewReader("some input"),
		Preopens: []Preopen{{Path: "/", FS: DirFS(t.TempDir())}},
	})
	memLen := uint64(len(h.mem.Bytes()))
	patterns := map[string]func(i int) uint64{
		"zeros":        func(int) uint64 { return 0 },
		"ones":         func(int) uint64 { return ^uint64(0) },
		"end":          func(int) uint64 { return memLen - 2 },
		"dir and ends": func(i int) uint64 { return map[bool]uint64{true: 3, false: memLen - 4}[i == 0] },
		"stdin, huge":  func(i int) uint64 { return map[bool]uint64{true: 0, false: 1 << 31}[i == 0] },
	}
	for _, name := range FunctionNames() {
		if name == "proc_exit" {
			continue
		}
		f := h.inst.Func("w_" + name)
		for pname, pat := range patterns {
			args := make([]uint64, len(f.Type().Params))
			for i := range args {
				args[i] = pat(i)
			}
			if name == "poll_oneoff" && pname == "zeros" {
				continue // zero subscriptions: EINVAL, covered elsewhere
			}
			if _, err := h.callErr(name, args...); err != nil {
				t.Errorf("%s with %s: %v", name, pname, err)
			}
		}
	}
	// The plain EFAULT cases, in a fresh System (the calls above closed
	// and renumbered descriptors).
	h = newHarness(t, Config{Preopens: []Preopen{{Path: "/", FS: DirFS(t.TempDir())}}})
	h.want(ErrnoFault, "args_sizes_get", memLen, 0)
	h.want(ErrnoFault, "clock_time_get", clockRealtime, 0, memLen-7)
	h.want(ErrnoFault, "fd_write", 1, memLen-4, 1, 0)
	iov, cnt := h.iov([2]uint64{memLen - 1, 2})
	h.want(ErrnoFault, "fd_write", 1, iov, cnt, 0)
	h.want(ErrnoFault, "fd_write", 1, 0, 1<<29+1, 0) // iovs_len*8 wraps in 32 bits
	h.want(ErrnoFault, "random_get", memLen-1, 2)
	h.want(ErrnoFault, "path_open", 3, 0, memLen-1, 2, 0, 0, 0, 0, 0)
	for path, want := range map[string]Errno{"\xff\xfe": ErrnoIlseq, "a\x00b": ErrnoInval} {
		p, n := h.str(path)
		h.want(want, "path_open", 3, 0, p, n, 0, 0, 0, 0, h.alloc(4))
	}
}
