package wasi

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestCleanPath(t *testing.T) {
	for in, want := range map[string]string{
		".": ".", "": ".", "a": "a", "a/b/": "a/b", "a//b": "a/b", "./a/./b": "a/b",
		"a/..": ".", "a/b/../c": "a/c", "a/../..": "", "..": "", "../a": "", "a/../../a": "",
	} {
		got, e := cleanPath(in)
		if want == "" {
			if e != ErrnoNotCapable {
				t.Errorf("cleanPath(%q) = %q, %v; want ENOTCAPABLE", in, got, e)
			}
		} else if got != want || e != ErrnoSuccess {
			t.Errorf("cleanPath(%q) = %q, %v; want %q", in, got, e, want)
		}
	}
}

func TestSplitBase(t *testing.T) {
	for in, want := range map[string][2]string{
		"a": {".", "a"}, "a/b": {"a", "b"}, "a/b/": {"a", "b/"}, "a//b": {"a", "b"}, "x/y/z": {"x/y", "z"}, "a/..": {"a", ".."},
	} {
		if dir, base := splitBase(in); dir != want[0] || base != want[1] {
			t.Errorf("splitBase(%q) = %q, %q; want %q, %q", in, dir, base, want[0], want[1])
		}
	}
}

func TestErrnoOf(t *testing.T) {
	for _, c := range []struct {
		err  error
		want Errno
	}{
		{nil, ErrnoSuccess},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, ErrnoNoent},
		{syscall.EXDEV, ErrnoXdev},
		{syscall.Errno(0xfff), ErrnoIO},
		{fs.ErrExist, ErrnoExist},
		{os.ErrDeadlineExceeded, ErrnoAgain},
		{errors.New("other"), ErrnoIO},
		{ErrnoLoop, ErrnoLoop},
	} {
		if got := errnoOf(c.err); got != c.want {
			t.Errorf("errnoOf(%v) = %v, want %v", c.err, got, c.want)
		}
	}
	if ErrnoNotCapable.Error() != "ENOTCAPABLE" || Errno(200).Error() != "errno 200" {
		t.Errorf("Errno texts: %q, %q", ErrnoNotCapable.Error(), Errno(200).Error())
	}
}

// os.Root's escape error carries no errno; osTree maps it to
// ENOTCAPABLE. This pins that os.Root still reports it that way.
func TestRootEscapeErrno(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "box", "a"), 0o755)
	tr, err := DirFS(filepath.Join(dir, "box")).mount()
	if err != nil {
		t.Fatal(err)
	}
	defer tr.close()
	for _, name := range []string{"../x", "/etc/passwd", "a/../../x"} {
		if _, e := tr.stat(name, true); e != ErrnoNotCapable {
			t.Errorf("stat(%q): %v, want ENOTCAPABLE", name, e)
		}
	}
}

func TestFunctionNames(t *testing.T) {
	names := FunctionNames()
	// The 46 functions of wasi_snapshot_preview1.
	if len(names) != 46 {
		t.Errorf("%d functions: %v", len(names), names)
	}
}
