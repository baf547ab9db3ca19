package wasi

import (
	"io/fs"
	"strings"
)

// FS is a directory tree a module can be given: DirFS (a directory of
// the host, writable), ReadOnlyDirFS, or ReadOnlyFS (any fs.FS). Each
// System mounts its own view of it when it is created.
type FS interface {
	mount() (tree, error)
}

// A tree is a directory a descriptor refers to, as a capability: every
// name is relative to it, never absolute, and no name — through "..",
// symbolic links or anything else — may reach outside it. Names may
// contain ".." that stays inside; the tree resolves them. A preopen is
// a tree, and so is every directory opened in one (sub): like a
// capability-based directory handle (cap-std's Dir, which wasmtime
// uses), a subdirectory's descriptor cannot reach its parent, and it
// keeps referring to the same directory when that is renamed.
type tree interface {
	open(name string, o openOptions) (file, Errno)
	// sub opens the directory name as a tree of its own.
	sub(name string) (tree, Errno)
	stat(name string, follow bool) (filestat, Errno)
	setTimes(name string, follow bool, t setTimes) Errno
	mkdir(name string) Errno
	rmdir(name string) Errno
	unlink(name string) Errno
	// rename and link may name a target in another tree; only host
	// directories can be changed, so any other pairing is EROFS.
	rename(from string, dst tree, to string) Errno
	link(from string, dst tree, to string, follow bool) Errno
	symlink(target, name string) Errno
	readlink(name string) (string, Errno)
	// readOnly reports whether the tree refuses every change; then no
	// descriptor of it has a right that changes anything.
	readOnly() bool
	close() error
}

// openOptions are path_open's arguments as a tree needs them.
type openOptions struct {
	follow      bool   // follow a symbolic link in the last component
	oflags      uint16 // creat, directory, excl, trunc
	read, write bool   // access mode, from the requested rights
	fdflags     uint16 // append, sync, ...
}

// DirFS is the host directory dir, mounted read-write: the module may
// create, change and delete files below it, and nothing else. Symbolic
// links are followed only while they stay inside dir (os.Root enforces
// it, at every step of every path).
func DirFS(dir string) FS { return dirFS{dir: dir} }

// ReadOnlyDirFS is the host directory dir, mounted read-only: changes
// fail with EROFS.
func ReadOnlyDirFS(dir string) FS { return dirFS{dir: dir, ro: true} }

// ReadOnlyFS mounts fsys read-only. fs.FS names cannot contain "..", so
// the module's paths are resolved lexically and one that climbs above
// the root fails with ENOTCAPABLE. fsys itself decides what its names
// reach: for a host directory prefer ReadOnlyDirFS, since os.DirFS
// follows symbolic links out of its directory.
func ReadOnlyFS(fsys fs.FS) FS { return ioFS{fsys: fsys} }

// joinPath appends a relative path to a directory's path, without
// cleaning it: the tree resolves "..", so that "a/link/.." means what the
// file system says, not what the text says.
func joinPath(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

// cleanPath resolves name lexically, for trees that have no symbolic
// links of their own to consult (fs.FS). It returns an fs.ValidPath
// name, or ENOTCAPABLE if the path climbs above the root.
func cleanPath(name string) (string, Errno) {
	var parts []string
	for _, p := range strings.Split(name, "/") {
		switch p {
		case "", ".":
		case "..":
			if len(parts) == 0 {
				return "", ErrnoNotCapable
			}
			parts = parts[:len(parts)-1]
		default:
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return ".", ErrnoSuccess
	}
	return strings.Join(parts, "/"), ErrnoSuccess
}

// splitBase splits a path into its directory and last component, for
// the *at system calls that act on the last component itself. A
// trailing slash stays on the base (the kernel gives it its meaning).
func splitBase(name string) (dir, base string) {
	trimmed := strings.TrimRight(name, "/")
	i := strings.LastIndexByte(trimmed, '/')
	if i < 0 {
		return ".", name
	}
	return strings.TrimRight(trimmed[:i], "/"), name[i+1:]
}
