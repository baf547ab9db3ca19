package wasi

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The rights wasi-libc asks for: O_RDWR (every right) and O_RDONLY.
const (
	rightsRW = uint64(rightsAll)
	rightsRO = uint64(rightsAll) &^ (rightFdWrite | rightFdDatasync | rightFdAllocate | rightFdFilestatSetSize)
)

// tempHarness is a harness with a fresh host directory pre-opened as
// "/tmp" (descriptor 3).
func tempHarness(t *testing.T) (*harness, string) {
	dir := t.TempDir()
	return newHarness(t, Config{Preopens: []Preopen{{Path: "/tmp", FS: DirFS(dir)}}}), dir
}

func TestStdio(t *testing.T) {
	h := newHarness(t, Config{Stdin: strings.NewReader("input line\nmore")})
	if n := h.write(1, "to stdout"); n != 9 {
		t.Errorf("fd_write wrote %d", n)
	}
	// Two iovecs, one of them empty, in one call.
	p1, n1 := h.str("a")
	p2, n2 := h.str("bc")
	iov, cnt := h.iov([2]uint64{p1, n1}, [2]uint64{0, 0}, [2]uint64{p2, n2})
	out := h.alloc(4)
	h.ok("fd_write", 2, iov, cnt, out)
	if h.stdout.String() != "to stdout" || h.stderr.String() != "abc" || h.u32(out) != 3 {
		t.Errorf("stdout %q, stderr %q, count %d", h.stdout.String(), h.stderr.String(), h.u32(out))
	}
	if got := h.read(0, 5); got != "input" {
		t.Errorf("fd_read: %q", got)
	}
	if got := h.read(0, 100); got != " line\nmore" {
		t.Errorf("fd_read: %q", got)
	}
	if got := h.read(0, 100); got != "" {
		t.Errorf("fd_read at EOF: %q", got)
	}
	h.want(ErrnoBadf, "fd_write", 0, iov, cnt, out) // stdin is not writable
	h.want(ErrnoBadf, "fd_read", 1, iov, cnt, out)
	h.want(ErrnoNotCapable, "fd_seek", 1, 0, whenceSet, out) // a stream has no FD_SEEK right
	st := h.alloc(fdstatSize)
	h.ok("fd_fdstat_get", 1, st)
	if rights := h.u64(st + fdstatRightsBase); rights&rightFdWrite == 0 || rights&rightFdSeek != 0 {
		t.Errorf("stdout rights %#x", rights)
	}
	fs := h.alloc(filestatSize)
	h.ok("fd_filestat_get", 0, fs)
	// Changing the blocking mode of the embedder's streams is refused.
	h.want(ErrnoNotSup, "fd_fdstat_set_flags", 0, uint64(fdflagNonblock))
	h.want(ErrnoBadf, "fd_write", 99, iov, cnt, out)
	h.want(ErrnoBadf, "fd_close", 99)
	h.ok("fd_close", 2)
	h.want(ErrnoBadf, "fd_write", 2, iov, cnt, out)
}

func TestFileReadWriteSeek(t *testing.T) {
	h, dir := tempHarness(t)
	fd, e := h.open(3, "f.txt", uint64(oflagCreat|oflagExcl), rightsRW, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	if fd != 4 {
		t.Errorf("first open got descriptor %d, want 4 (the lowest free)", fd)
	}
	h.write(fd, "hello, world")
	out := h.alloc(8)
	h.ok("fd_tell", fd, out)
	if h.u64(out) != 12 {
		t.Errorf("fd_tell %d", h.u64(out))
	}
	h.ok("fd_seek", fd, 7, whenceSet, out)
	if got := h.read(fd, 100); got != "world" {
		t.Errorf("read after seek: %q", got)
	}
	h.ok("fd_seek", fd, ^uint64(2), whenceEnd, out) // -3
	if h.u64(out) != 9 {
		t.Errorf("seek to end-3: %d", h.u64(out))
	}
	h.want(ErrnoInval, "fd_seek", fd, 0, 3, out)
	h.want(ErrnoInval, "fd_seek", fd, ^uint64(99), whenceSet, out)

	// pwrite and pread leave the offset alone.
	p, n := h.str("HELLO")
	iov, cnt := h.iov([2]uint64{p, n})
	h.ok("fd_pwrite", fd, iov, cnt, 0, out)
	buf := h.alloc(5)
	riov, rcnt := h.iov([2]uint64{buf, 2}, [2]uint64{buf + 2, 3})
	h.ok("fd_pread", fd, riov, rcnt, 7, out)
	if got := string(h.bytes(buf, 5)); got != "world" || h.u32(out) != 5 {
		t.Errorf("fd_pread into two buffers: %q (%d)", got, h.u32(out))
	}
	h.ok("fd_tell", fd, out)
	if h.u64(out) != 9 {
		t.Errorf("offset after pread/pwrite %d, want 9", h.u64(out))
	}
	h.ok("fd_sync", fd)
	h.ok("fd_datasync", fd)
	h.ok("fd_advise", fd, 0, 100, adviceSequential)
	h.want(ErrnoInval, "fd_advise", fd, 0, 100, 6)
	h.ok("fd_allocate", fd, 0, 4096)
	h.ok("fd_close", fd)
	b, err := os.ReadFile(filepath.Join(dir, "f.txt"))
	if err != nil || len(b) != 4096 || string(b[:12]) != "HELLO, world" {
		t.Errorf("host file: %q (%d bytes), %v", b[:min(len(b), 12)], len(b), err)
	}
	h.want(ErrnoBadf, "fd_read", fd, iov, cnt, out)

	// O_EXCL on an existing file, O_TRUNC, O_APPEND.
	if _, e := h.open(3, "f.txt", uint64(oflagCreat|oflagExcl), rightsRW, 0); e != ErrnoExist {
		t.Errorf("O_EXCL on an existing file: %v", e)
	}
	fd, e = h.open(3, "f.txt", uint64(oflagTrunc), rightsRW, uint64(fdflagAppend))
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	h.write(fd, "ab")
	h.ok("fd_seek", fd, 0, whenceSet, out)
	h.write(fd, "cd") // appends, whatever the offset
	h.ok("fd_pwrite", fd, iov, cnt, 0, out)
	fst := h.alloc(fdstatSize)
	h.ok("fd_fdstat_get", fd, fst)
	if h.mem.Bytes()[fst] != fileTypeRegularFile || le.Uint16(h.mem.Bytes()[fst+fdstatFlagsOffset:]) != fdflagAppend {
		t.Errorf("fdstat: type %d, flags %#x", h.mem.Bytes()[fst], le.Uint16(h.mem.Bytes()[fst+fdstatFlagsOffset:]))
	}
	h.ok("fd_fdstat_set_flags", fd, 0)
	h.ok("fd_seek", fd, 0, whenceSet, out)
	h.write(fd, "X")
	h.want(ErrnoNotSup, "fd_fdstat_set_flags", fd, uint64(fdflagSync))
	h.ok("fd_close", fd)
	if b, _ := os.ReadFile(filepath.Join(dir, "f.txt")); string(b) != "XbcdHELLO" {
		t.Errorf("after O_TRUNC, appends and a write at 0: %q", b)
	}
}

func TestFilestat(t *testing.T) {
	h, dir := tempHarness(t)
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	fd, e := h.open(3, "f", 0, rightsRW, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	st := h.alloc(filestatSize)
	h.ok("fd_filestat_get", fd, st)
	fi, _ := os.Stat(filepath.Join(dir, "f"))
	if h.mem.Bytes()[st+16] != fileTypeRegularFile || h.u64(st+32) != 5 || h.u64(st+24) != 1 ||
		int64(h.u64(st+48)) != fi.ModTime().UnixNano() || h.u64(st+8) == 0 {
		t.Errorf("filestat: type %d size %d nlink %d mtim %d ino %d", h.mem.Bytes()[st+16], h.u64(st+32),
			h.u64(st+24), h.u64(st+48), h.u64(st+8))
	}
	h.ok("fd_filestat_set_size", fd, 2)
	h.ok("fd_filestat_get", fd, st)
	if h.u64(st+32) != 2 {
		t.Errorf("size after set_size %d", h.u64(st+32))
	}
	mtime := time.Date(2001, 2, 3, 4, 5, 6, 7, time.UTC).UnixNano()
	h.ok("fd_filestat_set_times", fd, 0, uint64(mtime), uint64(fstflagMtim))
	h.want(ErrnoInval, "fd_filestat_set_times", fd, 0, 0, uint64(fstflagMtim|fstflagMtimNow))
	fi, _ = os.Stat(filepath.Join(dir, "f"))
	if fi.ModTime().UnixNano() != mtime {
		t.Errorf("mtime %v after fd_filestat_set_times", fi.ModTime())
	}
	p, n := h.str("f")
	atime := time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	h.ok("path_filestat_set_times", 3, uint64(lookupSymlinkFollow), p, n, uint64(atime), 0, uint64(fstflagAtim|fstflagMtimNow))
	h.ok("path_filestat_get", 3, uint64(lookupSymlinkFollow), p, n, st)
	if int64(h.u64(st+40)) != atime || time.Since(time.Unix(0, int64(h.u64(st+48)))) > time.Minute {
		t.Errorf("after path_filestat_set_times: atim %d, mtim %d", h.u64(st+40), h.u64(st+48))
	}
	// The directory itself.
	h.ok("fd_filestat_get", 3, st)
	if h.mem.Bytes()[st+16] != fileTypeDirectory {
		t.Errorf("preopen filetype %d", h.mem.Bytes()[st+16])
	}
}

func TestRightsAndRenumber(t *testing.T) {
	h, dir := tempHarness(t)
	os.WriteFile(filepath.Join(dir, "f"), []byte("data"), 0o644)
	fd, e := h.open(3, "f", 0, rightsRO, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	p, n := h.str("x")
	iov, cnt := h.iov([2]uint64{p, n})
	out := h.alloc(8)
	h.want(ErrnoBadf, "fd_write", fd, iov, cnt, out) // opened read-only
	h.want(ErrnoNotCapable, "fd_filestat_set_size", fd, 0)
	st := h.alloc(fdstatSize)
	h.ok("fd_fdstat_get", fd, st)
	base := h.u64(st + fdstatRightsBase)
	if base&rightFdRead == 0 || base&rightFdWrite != 0 || base&rightPathOpen != 0 {
		t.Errorf("read-only file rights %#x", base)
	}
	// Rights can be dropped, never regained.
	h.ok("fd_fdstat_set_rights", fd, base&^rightFdSeek, 0)
	h.want(ErrnoNotCapable, "fd_seek", fd, 1, whenceSet, out)
	h.ok("fd_seek", fd, 0, whenceCur, out) // fd_tell's right remains
	h.want(ErrnoNotCapable, "fd_fdstat_set_rights", fd, base, 0)
	// Renumbering closes the target and frees the source.
	other, e := h.open(3, "f", 0, rightsRO, 0)
	if e != ErrnoSuccess {
		t.Fatal(e)
	}
	h.ok("fd_renumber", other, fd)
	h.want(ErrnoBadf, "fd_fdstat_get", other, st)
	if got := h.read(fd, 10); got != "data" {
		t.Errorf("read through the renumbered descriptor: %q", got)
	}
	h.want(ErrnoBadf, "fd_renumber", fd, 77)
	h.want(ErrnoBadf, "fd_renumber", 77, fd)
	// A directory without the right to open files in it.
	h.ok("fd_fdstat_get", 3, st)
	dirBase, dirInh := h.u64(st+fdstatRightsBase), h.u64(st+fdstatRightsInherited)
	h.ok("fd_fdstat_set_rights", 3, dirBase&^rightPathOpen, dirInh)
	if _, e := h.open(3, "f", 0, rightsRO, 0); e != ErrnoNotCapable {
		t.Errorf("path_open without PATH_OPEN: %v", e)
	}

}

func TestReaddir(t *testing.T) {
	h, dir := tempHarness(t)
	var names []string
	for i := range 40 {
		name := strings.Repeat("n", i%7+1) + string(rune('a'+i%26)) + string(rune('0'+i/26))
		names = append(names, name)
		os.WriteFile(filepath.Join(dir, name), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, "subdir"), 0o755)
	os.Symlink("aa", filepath.Join(dir, "link"))
	names = append(names, "subdir", "link", ".", "..")
	sort.Strings(names)

	// Read with a buffer too small for more than a few entries, as
	// wasi-libc does, restarting from the last whole entry's cookie.
	got := map[string]uint8{}
	var order []string
	cookie := uint64(0)
	buf := h.alloc(100)
	used := h.alloc(4)
	for range 1000 {
		h.ok("fd_readdir", 3, buf, 100, cookie, used)
		b := h.bytes(buf, uint64(h.u32(used)))
		progress := false
		for len(b) >= direntSize {
			next, namlen := le.Uint64(b), le.Uint32(b[16:])
			if len(b) < direntSize+int(namlen) {
				break // cut off: ask again from its cookie
			}
			name := string(b[direntSize : direntSize+namlen])
			got[name] = b[20]
			order = append(order, name)
			cookie, b, progress = next, b[direntSize+namlen:], true
		}
		if h.u32(used) < 100 {
			break
		}
		if !progress {
			t.Fatal("fd_readdir: a 100-byte buffer does not hold one entry")
		}
	}
	var gotNames []string
	for n := range got {
		gotNames = append(gotNames, n)
	}
	sort.Strings(gotNames)
	if strings.Join(gotNames, ",") != strings.Join(names, ",") || len(order) != len(names) {
		t.Errorf("fd_readdir listed %d entries %v\nwant %v", len(order), gotNames, names)
	}
	if order[0] != "." || order[1] != ".." {
		t.Errorf("listing starts %v", order[:2])
	}
	if got["subdir"] != fileTypeDirectory || got["link"] != fileTypeSymbolicLink || got["na0"] != fileTypeRegularFile {
		t.Errorf("types: subdir %d, link %d, na0 %d", got["subdir"], got["link"], got["na0"])
	}
	// A cookie past the end reads nothing; a file is not a directory.
	h.ok("fd_readdir", 3, buf, 100, 1000, used)
	if h.u32(used) != 0 {
		t.Errorf("past the end: %d bytes", h.u32(used))
	}
	fd, _ := h.open(3, "na0", 0, rightsRO, 0)
	h.want(ErrnoNotCapable, "fd_readdir", fd, buf, 100, 0, used)
}
