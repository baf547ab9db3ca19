package wasi

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// escapeTree builds, in a fresh directory:
//
//	secret.txt                 outside the preopen: must stay unreachable
//	box/                       the preopen "/box"
//	box/inside.txt
//	box/sub/up -> ..           a link that stays inside
//	box/in -> inside.txt       likewise
//	box/abs -> <root>/secret.txt
//	box/rel -> ../secret.txt
//	box/dirout -> ..           a directory link out
//	box/chain -> sub/next, box/sub/next -> ../../secret.txt
//	box/dangling -> ../created.txt (does not exist)
func escapeTree(t *testing.T) (root string) {
	root = t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(root, "secret.txt"), []byte("SECRET"), 0o644))
	box := filepath.Join(root, "box")
	must(os.MkdirAll(filepath.Join(box, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(box, "inside.txt"), []byte("inside"), 0o644))
	for link, target := range map[string]string{
		"sub/up":   "..",
		"in":       "inside.txt",
		"abs":      filepath.Join(root, "secret.txt"),
		"rel":      "../secret.txt",
		"dirout":   "..",
		"chain":    "sub/next",
		"sub/next": "../../secret.txt",
		"dangling": "../created.txt",
	} {
		must(os.Symlink(target, filepath.Join(box, link)))
	}
	old := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	must(os.Chtimes(filepath.Join(root, "secret.txt"), old, old))
	return root
}

// checkOutsideUntouched fails the test if anything outside box changed.
func checkOutsideUntouched(t *testing.T, root string) {
	t.Helper()
	ents, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) != 2 || names[0] != "box" || names[1] != "secret.txt" {
		t.Errorf("outside the preopen now: %v", names)
	}
	fi, err := os.Stat(filepath.Join(root, "secret.txt"))
	b, _ := os.ReadFile(filepath.Join(root, "secret.txt"))
	if err != nil || string(b) != "SECRET" || fi.ModTime().Year() != 2000 || fi.Mode().Perm() != 0o644 {
		t.Errorf("secret.txt changed: %q, %v, %v", b, fi.ModTime(), err)
	}
}

// TestNoEscape tries every path function on paths that lead outside the
// preopen — "..", absolute paths, paths through symbolic links that lead
// out (to a directory, through a chain) — and requires each to fail with
// ENOTCAPABLE without touching anything outside.
func TestNoEscape(t *testing.T) {
	root := escapeTree(t)
	h := newHarness(t, Config{Preopens: []Preopen{{Path: "/box", FS: DirFS(filepath.Join(root, "box"))}}})
	through := []string{
		"../secret.txt", "sub/../../secret.txt", "sub/up/../secret.txt", "./../secret.txt", "..",
		"dirout/secret.txt", "dirout/box/../secret.txt", "sub/up/dirout/secret.txt", "dirout/new",
		"/etc/passwd", "/box/inside.txt", "//secret.txt", filepath.Join(root, "secret.txt"),
	}
	in, inn := h.str("inside.txt")
	buf, used := h.alloc(256), h.alloc(4)
	out := h.alloc(filestatSize)
	for _, path := range through {
		p, n := h.str(path)
		type attempt struct {
			name string
			args []uint64
		}
		var attempts []attempt
		for _, follow := range []uint64{0, uint64(lookupSymlinkFollow)} {
			for _, oflags := range []uint64{0, uint64(oflagCreat), uint64(oflagCreat | oflagTrunc), uint64(oflagDirectory)} {
				attempts = append(attempts, attempt{"path_open", []uint64{3, follow, p, n, oflags, rightsRW, rightsAll, 0, out}})
			}
			attempts = append(attempts,
				attempt{"path_filestat_get", []uint64{3, follow, p, n, out}},
				attempt{"path_filestat_set_times", []uint64{3, follow, p, n, 0, 0, uint64(fstflagAtimNow | fstflagMtimNow)}},
				attempt{"path_link", []uint64{3, follow, p, n, 3, in, inn}},
				attempt{"path_link", []uint64{3, follow, in, inn, 3, p, n}})
		}
		attempts = append(attempts,
			attempt{"path_create_directory", []uint64{3, p, n}},
			attempt{"path_remove_directory", []uint64{3, p, n}},
			attempt{"path_unlink_file", []uint64{3, p, n}},
			attempt{"path_readlink", []uint64{3, p, n, buf, 256, used}},
			attempt{"path_rename", []uint64{3, p, n, 3, in, inn}},
			attempt{"path_rename", []uint64{3, in, inn, 3, p, n}},
			attempt{"path_symlink", []uint64{in, inn, 3, p, n}})
		for _, a := range attempts {
			if e := h.call(a.name, a.args...); e != ErrnoNotCapable {
				t.Errorf("%s%v with %q: %v, want ENOTCAPABLE", a.name, a.args, path, e)
				if a.name == "path_open" && e == ErrnoSuccess {
					t.Errorf("... and it read %q", h.read(uint64(h.u32(out)), 100))
				}
			}
		}
	}

	// The box's own links to outside: reading them as links is fine (they
	// are in the box), following them is not, nor is creating a file
	// through the dangling one.
	for _, link := range []string{"abs", "rel", "chain", "sub/next", "dangling"} {
		p, n := h.str(link)
		h.want(ErrnoLoop, "path_open", 3, 0, p, n, 0, rightsRO, rightsAll, 0, out)
		h.ok("path_filestat_get", 3, 0, p, n, out)
		h.ok("path_readlink", 3, p, n, buf, 256, used)
		for _, oflags := range []uint64{0, uint64(oflagCreat), uint64(oflagCreat | oflagTrunc)} {
			h.want(ErrnoNotCapable, "path_open", 3, uint64(lookupSymlinkFollow), p, n, oflags, rightsRW, rightsAll, 0, out)
		}
		h.want(ErrnoNotCapable, "path_filestat_get", 3, uint64(lookupSymlinkFollow), p, n, out)
		h.want(ErrnoNotCapable, "path_filestat_set_times", 3, uint64(lookupSymlinkFollow), p, n, 0, 0, uint64(fstflagMtimNow))
		dst, dn := h.str("hard")
		h.want(ErrnoNotCapable, "path_link", 3, uint64(lookupSymlinkFollow), p, n, 3, dst, dn)
	}

	// A descriptor that is no directory of the module's: EBADF.
	p, n := h.str("etc/passwd")
	for _, fd := range []uint64{0xffffffff, 100, 4} {
		h.want(ErrnoBadf, "path_open", fd, uint64(lookupSymlinkFollow), p, n, 0, rightsRO, rightsAll, 0, out)
	}
	h.want(ErrnoNotDir, "path_open", 1, uint64(lookupSymlinkFollow), p, n, 0, rightsRO, rightsAll, 0, out)
	// Creating a symbolic link to an absolute host path is refused.
	tgt, tn := h.str(filepath.Join(root, "secret.txt"))
	ln, lnn := h.str("newlink")
	h.want(ErrnoPerm, "path_symlink", tgt, tn, 3, ln, lnn)
	checkOutsideUntouched(t, root)

	// Meanwhile the links that stay inside work.
	if fd, e := h.open(3, "sub/up/in", 0, rightsRO, 0); e != ErrnoSuccess || h.read(fd, 100) != "inside" {
		t.Errorf("sub/up/in: %v", e)
	}
}
