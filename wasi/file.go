package wasi

import (
	"io/fs"
	"syscall"
)

// A file is what a descriptor refers to: an open regular file or
// directory of a mounted tree, a standard stream, a socket. Each kind
// implements what it can; the rest comes from noFile, whose answers are
// the errors POSIX gives for an operation a descriptor does not support.
type file interface {
	fileType() uint8
	read(p []byte) (int, Errno)
	write(p []byte) (int, Errno)
	pread(p []byte, off int64) (int, Errno)
	pwrite(p []byte, off int64) (int, Errno)
	seek(off int64, whence int) (int64, Errno)
	stat() (filestat, Errno)
	// readdir lists a directory from its start, without "." and "..".
	readdir() ([]dirEntry, Errno)
	sync(dataOnly bool) Errno
	truncate(size int64) Errno
	setTimes(t setTimes) Errno
	// setFlags changes the fdflags a descriptor can change after opening
	// (append, nonblock); the others are fixed at open.
	setFlags(flags uint16) Errno
	advise(off, n int64, advice int) Errno
	allocate(off, n int64) Errno
	// pollFD is the host descriptor poll(2) can wait on for readiness,
	// if there is one; a file without one is always ready.
	pollFD() (int, bool)
	close() Errno
}

// noFile answers every operation the way POSIX does for a descriptor
// that cannot perform it. Kinds of file embed it and override what they
// support.
type noFile struct{}

func (noFile) read([]byte) (int, Errno)          { return 0, ErrnoBadf }
func (noFile) write([]byte) (int, Errno)         { return 0, ErrnoBadf }
func (noFile) pread([]byte, int64) (int, Errno)  { return 0, ErrnoSpipe }
func (noFile) pwrite([]byte, int64) (int, Errno) { return 0, ErrnoSpipe }
func (noFile) seek(int64, int) (int64, Errno)    { return 0, ErrnoSpipe }
func (noFile) readdir() ([]dirEntry, Errno)      { return nil, ErrnoNotDir }
func (noFile) sync(bool) Errno                   { return ErrnoInval }
func (noFile) truncate(int64) Errno              { return ErrnoInval }
func (noFile) setTimes(setTimes) Errno           { return ErrnoNotSup }
func (noFile) setFlags(uint16) Errno             { return ErrnoNotSup }
func (noFile) allocate(int64, int64) Errno       { return ErrnoNotSup }
func (noFile) pollFD() (int, bool)               { return -1, false }
func (noFile) close() Errno                      { return ErrnoSuccess }

// advise accepts any advice: advice is a hint, and ignoring it is a
// correct implementation.
func (noFile) advise(int64, int64, int) Errno { return ErrnoSuccess }

// filestat is the WASI filestat structure.
type filestat struct {
	dev, ino, nlink, size uint64
	typ                   uint8
	atim, mtim, ctim      uint64 // nanoseconds since the Unix epoch
}

// dirEntry is one entry of a directory listing.
type dirEntry struct {
	name string
	typ  uint8
	ino  uint64
}

// setTimes is the request of fd_filestat_set_times and
// path_filestat_set_times: which times to set, to what.
type setTimes struct {
	atim, mtim int64 // nanoseconds since the Unix epoch
	flags      uint16
}

// fileTypeOf is the WASI file type of a file mode.
func fileTypeOf(m fs.FileMode) uint8 {
	switch m.Type() {
	case 0:
		return fileTypeRegularFile
	case fs.ModeDir:
		return fileTypeDirectory
	case fs.ModeSymlink:
		return fileTypeSymbolicLink
	case fs.ModeDevice:
		return fileTypeBlockDevice
	case fs.ModeDevice | fs.ModeCharDevice:
		return fileTypeCharacterDevice
	case fs.ModeSocket:
		return fileTypeSocketStream
	}
	return fileTypeUnknown
}

// statOf converts a FileInfo. The host's stat structure, when the
// FileInfo carries one, gives the device, inode, link count and all
// three times; otherwise (an fs.FS that is not the OS) the inode is left
// 0 for the caller to synthesize, and every time is the modification
// time.
func statOf(fi fs.FileInfo) filestat {
	st := filestat{
		typ:   fileTypeOf(fi.Mode()),
		size:  uint64(fi.Size()),
		nlink: 1,
		mtim:  uint64(fi.ModTime().UnixNano()),
	}
	if sys, ok := fi.Sys().(*syscall.Stat_t); ok {
		st.dev, st.ino, st.nlink = uint64(sys.Dev), sys.Ino, uint64(sys.Nlink)
		st.atim = uint64(sys.Atim.Nano())
		st.mtim = uint64(sys.Mtim.Nano())
		st.ctim = uint64(sys.Ctim.Nano())
		return st
	}
	st.atim, st.ctim = st.mtim, st.mtim
	return st
}
