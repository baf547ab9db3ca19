package wasi

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// pathCall calls a path_* function whose arguments are (fd, path, ...rest).
func (h *harness) pathCall(name string, fd uint64, path string, rest ...uint64) Errno {
	h.t.Helper()
	p, n := h.str(path)
	return h.call(name, append([]uint64{fd, p, n}, rest...)...)
}

func TestPathOperations(t *testing.T) {
	h, dir := tempHarness(t)
	if e := h.pathCall("path_create_directory", 3, "a"); e != ErrnoSuccess {
		t.Fatal(e)
	}
	if e := h.pathCall("path_create_directory", 3, "a"); e != ErrnoExist {
		t.Errorf("mkdir of an existing directory: %v", e)
	}
	if e := h.pathCall("path_create_directory", 3, "missing/b"); e != ErrnoNoent {
		t.Errorf("mkdir below a missing directory: %v", e)
	}
	// A directory descriptor resolves paths below it, and only there.
	dfd, e := h.open(3, "a", uint64(oflagDirectory), rightsRO&^rightFdRead, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	f, e := h.open(dfd, "x.txt", uint64(oflagCreat), rightsRW, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	h.write(f, "xyz")
	h.ok("fd_close", f)
	if b, _ := os.ReadFile(filepath.Join(dir, "a", "x.txt")); string(b) != "xyz" {
		t.Errorf("a/x.txt holds %q", b)
	}
	if f, e := h.open(dfd, "./x.txt", 0, rightsRO, 0); e != ErrnoSuccess {
		t.Errorf("open ./x.txt below a: %v", e)
	} else {
		h.ok("fd_close", f)
	}
	// Like a capability-based directory handle, a subdirectory's
	// descriptor does not reach its parent, even inside the preopen.
	if _, e := h.open(dfd, "../a/x.txt", 0, rightsRO, 0); e != ErrnoNotCapable {
		t.Errorf("open ../a/x.txt below a: %v", e)
	}
	if _, e := h.open(3, "a/x.txt", uint64(oflagDirectory), rightsRO, 0); e != ErrnoNotDir {
		t.Errorf("O_DIRECTORY on a file: %v", e)
	}
	if _, e := h.open(3, "a/x.txt/", 0, rightsRO, 0); e != ErrnoNotDir {
		t.Errorf("a file with a trailing slash: %v", e)
	}
	if _, e := h.open(3, "a", 0, rightsRW, 0); e != ErrnoIsDir {
		t.Errorf("a directory opened for writing: %v", e)
	}
	if _, e := h.open(3, "nope", 0, rightsRO, 0); e != ErrnoNoent {
		t.Errorf("open of a missing file: %v", e)
	}
	if _, e := h.open(3, "", 0, rightsRO, 0); e != ErrnoNoent {
		t.Errorf("open of the empty path: %v", e)
	}

	// rename, link, symlink, readlink, unlink, rmdir.
	p, n := h.str("a/x.txt")
	q, m := h.str("a/y.txt")
	h.ok("path_rename", 3, p, n, 3, q, m)
	h.ok("path_link", 3, 0, q, m, dfd, p+2, n-2) // a/y.txt -> (a/)x.txt
	st := h.alloc(filestatSize)
	h.ok("path_filestat_get", 3, 0, q, m, st)
	if h.u64(st+24) != 2 {
		t.Errorf("nlink after path_link: %d", h.u64(st+24))
	}
	target, tn := h.str("y.txt")
	ln, lnn := h.str("a/ln")
	h.ok("path_symlink", target, tn, 3, ln, lnn)
	buf, used := h.alloc(64), h.alloc(4)
	h.ok("path_readlink", 3, ln, lnn, buf, 64, used)
	if got := string(h.bytes(buf, uint64(h.u32(used)))); got != "y.txt" {
		t.Errorf("readlink: %q", got)
	}
	h.ok("path_readlink", 3, ln, lnn, buf, 2, used) // truncated, as readlink(2)
	if h.u32(used) != 2 {
		t.Errorf("readlink into 2 bytes used %d", h.u32(used))
	}
	h.want(ErrnoInval, "path_readlink", 3, q, m, buf, 64, used) // not a link
	h.ok("path_filestat_get", 3, 0, ln, lnn, st)
	if h.mem.Bytes()[st+16] != fileTypeSymbolicLink {
		t.Errorf("lstat of a link: type %d", h.mem.Bytes()[st+16])
	}
	h.ok("path_filestat_get", 3, uint64(lookupSymlinkFollow), ln, lnn, st)
	if h.mem.Bytes()[st+16] != fileTypeRegularFile || h.u64(st+32) != 3 {
		t.Errorf("stat through a link: type %d size %d", h.mem.Bytes()[st+16], h.u64(st+32))
	}
	// Without LOOKUP_SYMLINK_FOLLOW a link is not opened.
	out := h.alloc(4)
	h.want(ErrnoLoop, "path_open", 3, 0, ln, lnn, 0, rightsRO, 0, 0, out)
	// path_link with LOOKUP_SYMLINK_FOLLOW links the target.
	hl, hln := h.str("hard")
	h.ok("path_link", 3, uint64(lookupSymlinkFollow), ln, lnn, 3, hl, hln)
	h.ok("path_filestat_get", 3, 0, hl, hln, st)
	if h.mem.Bytes()[st+16] != fileTypeRegularFile {
		t.Errorf("link through a symlink made type %d", h.mem.Bytes()[st+16])
	}

	h.want(ErrnoNotEmpty, "path_remove_directory", 3, p, 1)                                // "a"
	h.want(ErrnoIsDir, "path_unlink_file", 3, p, 1)                                        // "a"
	h.want(ErrnoNotDir, "path_remove_directory", 3, q, m)                                  // a/y.txt
	h.want(ErrnoInval, "path_remove_directory", append([]uint64{3}, h.strs(".")...)...)    // the preopen itself
	h.want(ErrnoNoent, "path_unlink_file", append([]uint64{3}, h.strs("a/none")...)...)    // missing
	h.want(ErrnoNotDir, "path_unlink_file", append([]uint64{3}, h.strs("a/y.txt/")...)...) // a file with a slash
	for _, f := range []string{"a/ln", "a/y.txt", "a/x.txt", "hard"} {
		if e := h.pathCall("path_unlink_file", 3, f); e != ErrnoSuccess {
			t.Errorf("unlink %s: %v", f, e)
		}
	}
	h.ok("path_remove_directory", 3, p, 1)
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("left in the directory: %v", ents)
	}
}

// strs puts s in memory and returns its address and length as arguments.
func (h *harness) strs(s string) []uint64 {
	p, n := h.str(s)
	return []uint64{p, n}
}

func TestPrestat(t *testing.T) {
	h := newHarness(t, Config{Preopens: []Preopen{
		{Path: "/", FS: ReadOnlyFS(fstest.MapFS{})},
		{Path: "/data/sub", FS: DirFS(t.TempDir())},
	}})
	ps := h.alloc(prestatSize)
	h.ok("fd_prestat_get", 4, ps)
	if h.mem.Bytes()[ps] != preopenTypeDir || h.u32(ps+4) != uint32(len("/data/sub")) {
		t.Errorf("prestat: tag %d, length %d", h.mem.Bytes()[ps], h.u32(ps+4))
	}
	name := h.alloc(16)
	h.ok("fd_prestat_dir_name", 4, name, 9)
	if got := string(h.bytes(name, 9)); got != "/data/sub" {
		t.Errorf("prestat name %q", got)
	}
	h.want(ErrnoNameTooLong, "fd_prestat_dir_name", 4, name, 3)
	h.want(ErrnoBadf, "fd_prestat_get", 5, ps) // the end of the preopens
	h.want(ErrnoBadf, "fd_prestat_get", 1, ps) // not a preopen
	if _, err := New(Config{Preopens: []Preopen{{Path: "/x", FS: DirFS(filepath.Join(t.TempDir(), "missing"))}}}); err == nil {
		t.Error("New mounted a missing directory")
	}
}

func TestReadOnlyDirFS(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("ro"), 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	h := newHarness(t, Config{Preopens: []Preopen{{Path: "/ro", FS: ReadOnlyDirFS(dir)}}})
	st := h.alloc(fdstatSize)
	h.ok("fd_fdstat_get", 3, st)
	if r := h.u64(st+fdstatRightsBase) | h.u64(st+fdstatRightsInherited); r&rightsMutating != 0 {
		t.Errorf("read-only preopen has mutating rights %#x", r&rightsMutating)
	}
	fd, e := h.open(3, "f", 0, rightsRO, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	if got := h.read(fd, 10); got != "ro" {
		t.Errorf("read %q", got)
	}
	h.ok("fd_fdstat_get", fd, st)
	if r := h.u64(st + fdstatRightsBase); r&rightsMutating != 0 || r&rightFdRead == 0 {
		t.Errorf("file of a read-only preopen has rights %#x", r)
	}
	if _, e := h.open(3, "f", 0, rightsRW, 0); e != ErrnoRofs {
		t.Errorf("open for writing: %v", e)
	}
	if _, e := h.open(3, "new", uint64(oflagCreat), rightsRO, 0); e != ErrnoNotCapable {
		t.Errorf("create without PATH_CREATE_FILE: %v", e)
	}
	for _, c := range []struct {
		name string
		args []uint64
	}{
		{"path_create_directory", h.strs("x")},
		{"path_remove_directory", h.strs("d")},
		{"path_unlink_file", h.strs("f")},
	} {
		if e := h.call(c.name, append([]uint64{3}, c.args...)...); e != ErrnoNotCapable {
			t.Errorf("%s on a read-only preopen: %v", c.name, e)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("the read-only directory changed: %v", ents)
	}
}

func TestReadOnlyFS(t *testing.T) {
	fsys := fstest.MapFS{
		"hello.txt":     {Data: []byte("hello, fs.FS")},
		"dir/inner.txt": {Data: []byte("inner")},
	}
	h := newHarness(t, Config{Preopens: []Preopen{{Path: "/", FS: ReadOnlyFS(fsys)}}})
	fd, e := h.open(3, "dir/../hello.txt", 0, rightsRO, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	if got := h.read(fd, 5); got != "hello" {
		t.Errorf("read %q", got)
	}
	out := h.alloc(8)
	h.ok("fd_seek", fd, 7, whenceSet, out)
	if got := h.read(fd, 100); got != "fs.FS" {
		t.Errorf("read after seek %q", got)
	}
	buf := h.alloc(5)
	iov, cnt := h.iov([2]uint64{buf, 5})
	h.ok("fd_pread", fd, iov, cnt, 0, out)
	if got := string(h.bytes(buf, 5)); got != "hello" {
		t.Errorf("pread %q", got)
	}
	st := h.alloc(filestatSize)
	h.ok("fd_filestat_get", fd, st)
	if h.u64(st+32) != 12 || h.mem.Bytes()[st+16] != fileTypeRegularFile || h.u64(st+8) == 0 {
		t.Errorf("filestat: size %d type %d ino %d", h.u64(st+32), h.mem.Bytes()[st+16], h.u64(st+8))
	}
	p, n := h.str("hello.txt")
	h.want(ErrnoBadf, "fd_write", fd, iov, cnt, out) // not open for writing
	h.want(ErrnoNotCapable, "path_unlink_file", 3, p, n)
	if _, e := h.open(3, "../hello.txt", 0, rightsRO, 0); e != ErrnoNotCapable {
		t.Errorf("../ above an fs.FS root: %v", e)
	}
	if _, e := h.open(3, "missing", uint64(oflagCreat), rightsRO, 0); e != ErrnoNotCapable {
		t.Errorf("create in an fs.FS: %v", e)
	}
	d, e := h.open(3, "dir", uint64(oflagDirectory), rightsRO, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	rd, used := h.alloc(256), h.alloc(4)
	h.ok("fd_readdir", d, rd, 256, 0, used)
	b := h.bytes(rd, uint64(h.u32(used)))
	var names []string
	for len(b) >= direntSize {
		nl := le.Uint32(b[16:])
		names = append(names, string(b[direntSize:direntSize+nl]))
		b = b[direntSize+nl:]
	}
	if len(names) != 3 || names[2] != "inner.txt" {
		t.Errorf("readdir of dir: %q", names)
	}
	if _, e := h.open(d, "../../hello.txt", 0, rightsRO, 0); e != ErrnoNotCapable {
		t.Errorf("../../ from a subdirectory of an fs.FS: %v", e)
	}
	if _, e := h.open(d, "../hello.txt", 0, rightsRO, 0); e != ErrnoNotCapable {
		t.Errorf("../ from a subdirectory, inside the fs.FS: %v", e)
	}
	if f, e := h.open(d, "./inner.txt", 0, rightsRO, 0); e != ErrnoSuccess || h.read(f, 10) != "inner" {
		t.Errorf("inner.txt in the subdirectory: %v", e)
	}
}

// A directory descriptor keeps referring to its directory when that is
// renamed, and rename and link work between two directory descriptors,
// also of two host directories (the kernel says EXDEV if they are on
// different file systems), not into an fs.FS.
func TestDirectoryDescriptors(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	h := newHarness(t, Config{Preopens: []Preopen{{Path: "/a", FS: DirFS(dir)}, {Path: "/b", FS: DirFS(other)},
		{Path: "/c", FS: ReadOnlyFS(fstest.MapFS{})}}})
	os.MkdirAll(filepath.Join(dir, "p", "q"), 0o755)
	os.WriteFile(filepath.Join(dir, "p", "q", "f"), []byte("in q"), 0o644)
	q, e := h.open(3, "p/q", uint64(oflagDirectory), rightsRO, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	p, e := h.open(3, "p", uint64(oflagDirectory), rightsRO, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	if err := os.Rename(filepath.Join(dir, "p"), filepath.Join(dir, "renamed")); err != nil {
		t.Fatal(err)
	}
	if f, e := h.open(q, "f", 0, rightsRO, 0); e != ErrnoSuccess || h.read(f, 10) != "in q" {
		t.Errorf("a file below a renamed directory's descriptor: %v", e)
	}
	// From q to p, two descriptors of the same mount.
	from, fn := h.str("f")
	to, tn := h.str("moved")
	h.ok("path_rename", q, from, fn, p, to, tn)
	h.ok("path_link", p, 0, to, tn, q, from, fn)
	if b, err := os.ReadFile(filepath.Join(dir, "renamed", "q", "f")); err != nil || string(b) != "in q" {
		t.Errorf("after rename and link back: %q, %v", b, err)
	}
	h.ok("path_rename", p, to, tn, 4, to, tn)
	if _, err := os.Stat(filepath.Join(other, "moved")); err != nil {
		t.Errorf("renamed from /a to /b: %v", err)
	}
	h.want(ErrnoNotCapable, "path_rename", 4, to, tn, 5, to, tn) // an fs.FS grants no RENAME_TARGET
	h.want(ErrnoNotCapable, "path_link", 4, 0, to, tn, 5, to, tn)
}
