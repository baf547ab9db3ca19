package wasi

import (
	"errors"
	"io"
	"io/fs"
)

// ioFS is ReadOnlyFS.
type ioFS struct{ fsys fs.FS }

func (f ioFS) mount() (tree, error) { return &ioTree{fsys: f.fsys}, nil }

// ioTree is a read-only fs.FS. Names are cleaned lexically (fs.FS has no
// "..") and every change fails with EROFS.
type ioTree struct{ fsys fs.FS }

func (t *ioTree) readOnly() bool { return true }
func (t *ioTree) close() error   { return nil }

func (t *ioTree) open(name string, o openOptions) (file, Errno) {
	clean, e := cleanPath(name)
	if e != ErrnoSuccess {
		return nil, e
	}
	if o.write || o.oflags&oflagTrunc != 0 {
		return nil, ErrnoRofs
	}
	f, err := t.fsys.Open(clean)
	if err != nil {
		if o.oflags&oflagCreat != 0 && errors.Is(err, fs.ErrNotExist) {
			return nil, ErrnoRofs
		}
		return nil, errnoOf(err)
	}
	if o.oflags&(oflagCreat|oflagExcl) == oflagCreat|oflagExcl {
		f.Close()
		return nil, ErrnoExist
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, errnoOf(err)
	}
	if o.oflags&oflagDirectory != 0 && !fi.IsDir() {
		f.Close()
		return nil, ErrnoNotDir
	}
	if hasTrailingSlash(name) && !fi.IsDir() {
		f.Close()
		return nil, ErrnoNotDir
	}
	return &ioFile{t: t, f: f, path: clean, typ: fileTypeOf(fi.Mode())}, ErrnoSuccess
}

func hasTrailingSlash(s string) bool { return len(s) > 0 && s[len(s)-1] == '/' }

func (t *ioTree) stat(name string, _ bool) (filestat, Errno) {
	clean, e := cleanPath(name)
	if e != ErrnoSuccess {
		return filestat{}, e
	}
	fi, err := fs.Stat(t.fsys, clean)
	if err != nil {
		return filestat{}, errnoOf(err)
	}
	if hasTrailingSlash(name) && !fi.IsDir() {
		return filestat{}, ErrnoNotDir
	}
	return statOf(fi, clean), ErrnoSuccess
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
func (t *ioTree) rename(string, string) Errno           { return ErrnoRofs }
func (t *ioTree) link(string, string, bool) Errno       { return ErrnoRofs }
func (t *ioTree) symlink(string, string) Errno          { return ErrnoRofs }

// ioFile is an open file or directory of an ioTree. Reads at an offset
// and seeks need the fs.File to implement io.ReaderAt and io.Seeker (as
// os.File, embed.FS and fstest.MapFS files do).
type ioFile struct {
	noFile
	t    *ioTree
	f    fs.File
	path string
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
	return statOf(fi, f.path), ErrnoSuccess
}

// readdir lists the directory afresh by its name: an fs.ReadDirFile
// cannot be rewound.
func (f *ioFile) readdir() ([]dirEntry, Errno) {
	if f.typ != fileTypeDirectory {
		return nil, ErrnoNotDir
	}
	ents, err := fs.ReadDir(f.t.fsys, f.path)
	if err != nil {
		return nil, errnoOf(err)
	}
	out := make([]dirEntry, 0, len(ents))
	for _, de := range ents {
		name := joinPath(f.path, de.Name())
		d := dirEntry{name: de.Name(), typ: fileTypeOf(de.Type())}
		if fi, err := de.Info(); err == nil {
			d.ino = statOf(fi, name).ino
		}
		out = append(out, d)
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
