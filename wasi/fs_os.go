package wasi

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// dirFS is DirFS and ReadOnlyDirFS.
type dirFS struct {
	dir string
	ro  bool
}

func (d dirFS) mount() (tree, error) {
	r, err := os.OpenRoot(d.dir)
	if err != nil {
		return nil, err
	}
	return &osTree{root: r, ro: d.ro}, nil
}

// osTree is a host directory. Every path goes through os.Root, which
// resolves it one component at a time below the root's descriptor and
// refuses any step — "..", a symbolic link, an absolute link target —
// that would leave it. Operations os.Root does not offer (those on a
// last component that must not be followed) open the parent directory
// through the Root and apply the *at system call to the last component
// alone, which cannot leave the parent.
type osTree struct {
	root *os.Root
	ro   bool
}

func (t *osTree) readOnly() bool { return t.ro }
func (t *osTree) close() error   { return t.root.Close() }

// rootErrno is errnoOf for errors of os.Root, which raises an error of
// its own, with no errno, when a path would leave the root.
func rootErrno(err error) Errno {
	e := errnoOf(err)
	var pe *fs.PathError
	var se syscall.Errno
	if e == ErrnoIO && errors.As(err, &pe) && !errors.As(err, &se) {
		return ErrnoNotCapable
	}
	return e
}

func (t *osTree) open(name string, o openOptions) (file, Errno) {
	if t.ro {
		if o.write || o.oflags&oflagTrunc != 0 {
			return nil, ErrnoRofs
		}
		if o.oflags&oflagCreat != 0 {
			// O_CREAT opens an existing file on a read-only file
			// system; only creating one is refused.
			if _, e := t.stat(name, false); e != ErrnoSuccess {
				return nil, ErrnoRofs
			}
			if o.oflags&oflagExcl != 0 {
				return nil, ErrnoExist
			}
			o.oflags &^= oflagCreat
		}
	}
	if !o.follow {
		// os.Root always follows a symbolic link in the last
		// component; without LOOKUP_SYMLINK_FOLLOW such a link is an
		// error, as O_NOFOLLOW makes it (O_CREAT|O_EXCL fails on any
		// existing name anyway).
		if st, e := t.stat(name, false); e == ErrnoSuccess && st.typ == fileTypeSymbolicLink {
			if o.oflags&(oflagCreat|oflagExcl) == oflagCreat|oflagExcl {
				return nil, ErrnoExist
			}
			return nil, ErrnoLoop
		}
	}
	flag := os.O_RDONLY
	switch {
	case o.read && o.write:
		flag = os.O_RDWR
	case o.write:
		flag = os.O_WRONLY
	}
	if o.oflags&oflagCreat != 0 {
		flag |= os.O_CREATE
	}
	if o.oflags&oflagExcl != 0 {
		flag |= os.O_EXCL
	}
	if o.oflags&oflagTrunc != 0 {
		flag |= os.O_TRUNC
	}
	if o.oflags&oflagDirectory != 0 {
		flag |= syscall.O_DIRECTORY
	}
	if o.fdflags&fdflagAppend != 0 {
		flag |= os.O_APPEND
	}
	if o.fdflags&(fdflagSync|fdflagRsync) != 0 {
		flag |= os.O_SYNC
	}
	if o.fdflags&fdflagDsync != 0 {
		flag |= syscall.O_DSYNC
	}
	if o.fdflags&fdflagNonblock != 0 {
		flag |= syscall.O_NONBLOCK
	}
	f, err := t.root.OpenFile(name, flag, 0o666)
	if err != nil {
		return nil, rootErrno(err)
	}
	return &osFile{f: f, append: o.fdflags&fdflagAppend != 0}, ErrnoSuccess
}

func (t *osTree) sub(name string) (tree, Errno) {
	r, err := t.root.OpenRoot(name)
	if err != nil {
		return nil, rootErrno(err)
	}
	return &osTree{root: r, ro: t.ro}, ErrnoSuccess
}

func (t *osTree) stat(name string, follow bool) (filestat, Errno) {
	var fi fs.FileInfo
	var err error
	if follow {
		fi, err = t.root.Stat(name)
	} else {
		fi, err = t.root.Lstat(name)
	}
	if err != nil {
		return filestat{}, rootErrno(err)
	}
	return statOf(fi), ErrnoSuccess
}

// atParent runs fn with a descriptor of name's parent directory, opened
// through the Root, and name's last component. A last component of "."
// or ".." names a directory by its relation to another, which the
// operations that use atParent cannot act on: they fail with dotErr —
// or ENOTCAPABLE if the directory it names is outside the tree.
func (t *osTree) atParent(name string, dotErr Errno, fn func(dirfd int, base string) error) Errno {
	dir, base := splitBase(name)
	switch trimSlashes(base) {
	case ".", "..":
		if _, err := t.root.Lstat(name); err != nil {
			return rootErrno(err)
		}
		return dotErr
	}
	d, err := t.root.OpenFile(dir, os.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return rootErrno(err)
	}
	defer d.Close()
	return errnoOf(withFD(d, func(fd int) error { return fn(fd, base) }))
}

func trimSlashes(s string) string {
	for len(s) > 1 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}

// withFD runs fn with f's host descriptor, kept open meanwhile. Unlike
// File.Fd it does not change the descriptor's blocking mode.
func withFD(f *os.File, fn func(fd int) error) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) { ferr = fn(int(fd)) }); err != nil {
		return err
	}
	return ferr
}

func (t *osTree) setTimes(name string, follow bool, st setTimes) Errno {
	if t.ro {
		return ErrnoRofs
	}
	ts, e := st.timespecs()
	if e != ErrnoSuccess {
		return e
	}
	if follow {
		// Resolve the links inside the root first; then the last
		// component is no link, and NOFOLLOW keeps a link swapped in
		// meanwhile from being followed.
		resolved, e := t.resolveLinks(name)
		if e != ErrnoSuccess {
			return e
		}
		name = resolved
	}
	return t.atParent(name, ErrnoInval, func(dirfd int, base string) error {
		return unix.UtimesNanoAt(dirfd, base, ts, unix.AT_SYMLINK_NOFOLLOW)
	})
}

// timespecs turns the request into utimensat's two times, with
// UTIME_OMIT and UTIME_NOW for the times not given.
func (t setTimes) timespecs() ([]unix.Timespec, Errno) {
	if t.flags&(fstflagAtim|fstflagAtimNow) == fstflagAtim|fstflagAtimNow ||
		t.flags&(fstflagMtim|fstflagMtimNow) == fstflagMtim|fstflagMtimNow {
		return nil, ErrnoInval
	}
	one := func(ns int64, set, now uint16) unix.Timespec {
		switch {
		case t.flags&now != 0:
			return unix.Timespec{Nsec: unix.UTIME_NOW}
		case t.flags&set != 0:
			return unix.NsecToTimespec(ns)
		}
		return unix.Timespec{Nsec: unix.UTIME_OMIT}
	}
	return []unix.Timespec{
		one(t.atim, fstflagAtim, fstflagAtimNow),
		one(t.mtim, fstflagMtim, fstflagMtimNow),
	}, ErrnoSuccess
}

func (t *osTree) mkdir(name string) Errno {
	if t.ro {
		return ErrnoRofs
	}
	return t.atParent(name, ErrnoExist, func(dirfd int, base string) error {
		return unix.Mkdirat(dirfd, base, 0o777)
	})
}

func (t *osTree) rmdir(name string) Errno {
	if t.ro {
		return ErrnoRofs
	}
	dotErr := ErrnoInval
	if _, base := splitBase(name); trimSlashes(base) == ".." {
		dotErr = ErrnoNotEmpty
	}
	return t.atParent(name, dotErr, func(dirfd int, base string) error {
		return unix.Unlinkat(dirfd, base, unix.AT_REMOVEDIR)
	})
}

func (t *osTree) unlink(name string) Errno {
	if t.ro {
		return ErrnoRofs
	}
	return t.atParent(name, ErrnoIsDir, func(dirfd int, base string) error {
		return unix.Unlinkat(dirfd, base, 0)
	})
}

func (t *osTree) rename(from string, dst tree, to string) Errno {
	d, ok := dst.(*osTree)
	switch {
	case t.ro || !ok || d.ro:
		return ErrnoRofs
	}
	return t.atParent(from, ErrnoBusy, func(fromfd int, fromBase string) error {
		return errnoFromErrno(d.atParent(to, ErrnoBusy, func(tofd int, toBase string) error {
			return unix.Renameat(fromfd, fromBase, tofd, toBase)
		}))
	})
}

func (t *osTree) link(from string, dst tree, to string, follow bool) Errno {
	d, ok := dst.(*osTree)
	switch {
	case t.ro || !ok || d.ro:
		return ErrnoRofs
	}
	if follow {
		// The link's target, which may be a chain of links: resolve it
		// inside the root first, then link to the resolved name.
		resolved, e := t.resolveLinks(from)
		if e != ErrnoSuccess {
			return e
		}
		from = resolved
	}
	return t.atParent(from, ErrnoPerm, func(fromfd int, fromBase string) error {
		return errnoFromErrno(d.atParent(to, ErrnoExist, func(tofd int, toBase string) error {
			return unix.Linkat(fromfd, fromBase, tofd, toBase, 0)
		}))
	})
}

// resolveLinks follows symbolic links in name's last component, inside
// the root, and returns the name of what they lead to.
func (t *osTree) resolveLinks(name string) (string, Errno) {
	for range 40 { // Linux's MAXSYMLINKS
		fi, err := t.root.Lstat(name)
		if err != nil {
			return "", rootErrno(err)
		}
		if fi.Mode().Type() != fs.ModeSymlink {
			return name, ErrnoSuccess
		}
		target, err := t.root.Readlink(name)
		if err != nil {
			return "", rootErrno(err)
		}
		if len(target) > 0 && target[0] == '/' {
			return "", ErrnoNotCapable
		}
		dir, _ := splitBase(name)
		name = joinPath(dir, target)
	}
	return "", ErrnoLoop
}

func (t *osTree) symlink(target, name string) Errno {
	if t.ro {
		return ErrnoRofs
	}
	if len(target) > 0 && target[0] == '/' {
		// An absolute target means a host path, outside every mount:
		// the tree would never follow it, so it is refused up front.
		return ErrnoPerm
	}
	return t.atParent(name, ErrnoExist, func(dirfd int, base string) error {
		return unix.Symlinkat(target, dirfd, base)
	})
}

func (t *osTree) readlink(name string) (string, Errno) {
	s, err := t.root.Readlink(name)
	if err != nil {
		return "", rootErrno(err)
	}
	return s, ErrnoSuccess
}

// errnoFromErrno lets an inner atParent's Errno travel out of the outer
// one's callback as an error (nil for success).
func errnoFromErrno(e Errno) error {
	if e == ErrnoSuccess {
		return nil
	}
	return e
}
