package wasi

import (
	"errors"
	"hash/fnv"
	"io"
	"io/fs"
	"path"
)

// ioFS is ReadOnlyFS.
type ioFS struct{ fsys fs.FS }

func (f ioFS) mount() (tree, error) { return &ioTree{fsys: f.fsys, dir: "."}, nil }

// ioTree is a directory of a read-only fs.FS: dir, its fs.ValidPath name
// in fsys. Names are cleaned lexically (fs.FS has no ".."), may not
// climb above dir, and every change fails with EROFS.
type ioTree struct {
	fsys fs.FS
	dir  string
}

func (t *ioTree) readOnly() bool { return true }
func (t *ioTree) close() error   { return nil }

// resolve turns a name relative to t into an fs.ValidPath name.
func (t *ioTree) resolve(name string) (string, Errno) {
	clean, e := cleanPath(name)
	if e != ErrnoSuccess {
		return "", e
	}
	if t.dir == "." {
		return clean, ErrnoSuccess
	}
	if clean == "." {
		return t.dir, ErrnoSuccess
	}
	return t.dir + "/" + clean, ErrnoSuccess
}

// inode synthesizes an inode number from a file's name in fsys, so that
// distinct files have distinct inodes (Go's os.SameFile compares them).
func inode(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64() | 1
}

func (t *ioTree) open(name string, o openOptions) (file, Errno) {
	full, e := t.resolve(name)
	if e != ErrnoSuccess {
		return nil, e
	}
	if o.write || o.oflags&oflagTrunc != 0 {
		return nil, ErrnoRofs
	}
	f, err := t.fsys.Open(full)
	if err != nil {
		if o.oflags&oflagCreat != 0 && errors.Is(err, fs.ErrNotExist) {
			return nil, ErrnoRofs
		}
		return nil, errnoOf(err)
	}
	fi, err := f.Stat()
	var fail Errno
	switch {
	case err != nil:
		fail = errnoOf(err)
	case o.oflags&(oflagCreat|oflagExcl) == oflagCreat|oflagExcl:
		fail = ErrnoExist
	case (o.oflags&oflagDirectory != 0 || hasTrailingSlash(name)) && !fi.IsDir():
		fail = ErrnoNotDir
	}
	if fail != ErrnoSuccess {
		f.Close()
		return nil, fail
	}
	return &ioFile{t: t, f: f, name: full, typ: fileTypeOf(fi.Mode())}, ErrnoSuccess
}

func (t *ioTree) sub(name string) (tree, Errno) {
	full, e := t.resolve(name)
	if e != ErrnoSuccess {
		return nil, e
	}
	fi, err := fs.Stat(t.fsys, full)
	if err != nil {
		return nil, errnoOf(err)
	}
	if !fi.IsDir() {
		return nil, ErrnoNotDir
	}
	return &ioTree{fsys: t.fsys, dir: full}, ErrnoSuccess
}

func hasTrailingSlash(s string) bool { return len(s) > 0 && s[len(s)-1] == '/' }

func (t *ioTree) stat(name string, _ bool) (filestat, Errno) {
	full, e := t.resolve(name)
	if e != ErrnoSuccess {
		return filestat{}, e
	}
	fi, err := fs.Stat(t.fsys, full)
	if err != nil {
		return filestat{}, errnoOf(err)
	}
	if hasTrailingSlash(name) && !fi.IsDir() {
		return filestat{}, ErrnoNotDir
	}
	st := statOf(fi)
	st.ino = inode(full)
	return st, ErrnoSuccess
}

// readlink: an fs.FS shows no links (it follows them itself), so there
// is never one to read.
func (t *ioTree) readlink(name string) (string, Errno) {
	if _, e := t.stat(name, false); e != ErrnoSuccess {
		return "", e
	}
	return "", ErrnoInval
}

func (t *ioTree) setTimes(string, bool, setTimes) Errno { return ErrnoRofs }
func (t *ioTree) mkdir(string) Errno                    { return ErrnoRofs }
func (t *ioTree) rmdir(string) Errno                    { return ErrnoRofs }
func (t *ioTree) unlink(string) Errno                   { return ErrnoRofs }
func (t *ioTree) rename(string, tree, string) Errno     { return ErrnoRofs }
func (t *ioTree) link(string, tree, string, bool) Errno { return ErrnoRofs }
func (t *ioTree) symlink(string, string) Errno          { return ErrnoRofs }

// ioFile is an open file or directory of an ioTree. Reads at an offset
// and seeks need the fs.File to implement io.ReaderAt and io.Seeker (as
// os.File, embed.FS and fstest.MapFS files do).
type ioFile struct {
	noFile
	t    *ioTree
	f    fs.File
	name string // in t.fsys
	typ  uint8
}

func (f *ioFile) fileType() uint8 { return f.typ }

func (f *ioFile) read(p []byte) (int, Errno) {
	if f.typ == fileTypeDirectory {
		return 0, ErrnoIsDir
	}
	return ioResult(f.f.Read(p))
}

func (f *ioFile) pread(p []byte, off int64) (int, Errno) {
	if f.typ == fileTypeDirectory {
		return 0, ErrnoIsDir
	}
	ra, ok := f.f.(io.ReaderAt)
	if !ok {
		return 0, ErrnoSpipe
	}
	return ioResult(ra.ReadAt(p, off))
}

func (f *ioFile) seek(off int64, whence int) (int64, Errno) {
	s, ok := f.f.(io.Seeker)
	if !ok {
		return 0, ErrnoSpipe
	}
	n, err := s.Seek(off, whence)
	if err != nil {
		return 0, errnoOf(err)
	}
	return n, ErrnoSuccess
}

func (f *ioFile) stat() (filestat, Errno) {
	fi, err := f.f.Stat()
	if err != nil {
		return filestat{}, errnoOf(err)
	}
	st := statOf(fi)
	st.ino = inode(f.name)
	return st, ErrnoSuccess
}

// readdir lists the directory afresh by its name: an fs.ReadDirFile
// cannot be rewound.
func (f *ioFile) readdir() ([]dirEntry, Errno) {
	if f.typ != fileTypeDirectory {
		return nil, ErrnoNotDir
	}
	ents, err := fs.ReadDir(f.t.fsys, f.name)
	if err != nil {
		return nil, errnoOf(err)
	}
	out := make([]dirEntry, 0, len(ents))
	for _, de := range ents {
		out = append(out, dirEntry{name: de.Name(), typ: fileTypeOf(de.Type()), ino: inode(path.Join(f.name, de.Name()))})
	}
	return out, ErrnoSuccess
}

// sync of a file nobody can write has nothing to do.
func (f *ioFile) sync(bool) Errno { return ErrnoSuccess }

func (f *ioFile) truncate(int64) Errno        { return ErrnoRofs }
func (f *ioFile) setTimes(setTimes) Errno     { return ErrnoRofs }
func (f *ioFile) allocate(int64, int64) Errno { return ErrnoRofs }
func (f *ioFile) close() Errno                { return errnoOf(f.f.Close()) }

func isEOF(err error) bool { return errors.Is(err, io.EOF) }
