package wasi

import (
	"errors"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// osFile is an open file or directory of an osTree.
type osFile struct {
	noFile
	f      *os.File
	append bool
}

func (f *osFile) fileType() uint8 {
	st, e := f.stat()
	if e != ErrnoSuccess {
		return fileTypeUnknown
	}
	return st.typ
}

// ioResult turns a read or write into WASI's terms: a short count with
// an error is still a success of that count, except that a read at end
// of file is a success of zero.
func ioResult(n int, err error) (int, Errno) {
	if n > 0 || err == nil || isEOF(err) {
		return n, ErrnoSuccess
	}
	return 0, errnoOf(err)
}

func (f *osFile) read(p []byte) (int, Errno)  { return ioResult(f.f.Read(p)) }
func (f *osFile) write(p []byte) (int, Errno) { return ioResult(f.f.Write(p)) }

func (f *osFile) pread(p []byte, off int64) (int, Errno) {
	return ioResult(f.f.ReadAt(p, off))
}

// pwrite writes at off. os.File.WriteAt refuses a file opened with
// O_APPEND; POSIX pwrite on one appends on Linux, so do the same with
// the system call.
func (f *osFile) pwrite(p []byte, off int64) (int, Errno) {
	if !f.append {
		return ioResult(f.f.WriteAt(p, off))
	}
	var n int
	err := withFD(f.f, func(fd int) (err error) {
		n, err = unix.Pwrite(fd, p, off)
		return err
	})
	return ioResult(n, err)
}

func (f *osFile) seek(off int64, whence int) (int64, Errno) {
	n, err := f.f.Seek(off, whence)
	if err != nil {
		return 0, errnoOf(err)
	}
	return n, ErrnoSuccess
}

func (f *osFile) stat() (filestat, Errno) {
	fi, err := f.f.Stat()
	if err != nil {
		return filestat{}, errnoOf(err)
	}
	return statOf(fi), ErrnoSuccess
}

func (f *osFile) readdir() ([]dirEntry, Errno) {
	if _, err := f.f.Seek(0, 0); err != nil {
		return nil, errnoOf(err)
	}
	ents, err := f.f.ReadDir(-1)
	if err != nil {
		return nil, errnoOf(err)
	}
	out := make([]dirEntry, 0, len(ents))
	for _, de := range ents {
		d := dirEntry{name: de.Name(), typ: fileTypeOf(de.Type())}
		if fi, err := de.Info(); err == nil {
			d.ino = statOf(fi).ino
		}
		out = append(out, d)
	}
	return out, ErrnoSuccess
}

func (f *osFile) sync(dataOnly bool) Errno {
	if dataOnly {
		return errnoOf(withFD(f.f, unix.Fdatasync))
	}
	return errnoOf(f.f.Sync())
}

func (f *osFile) truncate(size int64) Errno {
	if size < 0 {
		return ErrnoInval
	}
	return errnoOf(f.f.Truncate(size))
}

func (f *osFile) setTimes(st setTimes) Errno {
	ts, e := st.timespecs()
	if e != ErrnoSuccess {
		return e
	}
	return errnoOf(withFD(f.f, func(fd int) error {
		return unix.UtimesNanoAt(fd, "", ts, unix.AT_EMPTY_PATH)
	}))
}

func (f *osFile) setFlags(flags uint16) Errno {
	if flags&^(fdflagAppend|fdflagNonblock) != 0 {
		return ErrnoNotSup
	}
	err := withFD(f.f, func(fd int) error {
		fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
		if err != nil {
			return err
		}
		fl &^= unix.O_APPEND | unix.O_NONBLOCK
		if flags&fdflagAppend != 0 {
			fl |= unix.O_APPEND
		}
		if flags&fdflagNonblock != 0 {
			fl |= unix.O_NONBLOCK
		}
		_, err = unix.FcntlInt(uintptr(fd), unix.F_SETFL, fl)
		return err
	})
	if err == nil {
		f.append = flags&fdflagAppend != 0
	}
	return errnoOf(err)
}

// fadvise maps WASI's advice to posix_fadvise's, which orders
// sequential and random the other way round.
var fadvise = [...]int{
	adviceNormal:     unix.FADV_NORMAL,
	adviceSequential: unix.FADV_SEQUENTIAL,
	adviceRandom:     unix.FADV_RANDOM,
	adviceWillNeed:   unix.FADV_WILLNEED,
	adviceDontNeed:   unix.FADV_DONTNEED,
	adviceNoReuse:    unix.FADV_NOREUSE,
}

func (f *osFile) advise(off, n int64, advice int) Errno {
	if advice < 0 || advice >= len(fadvise) {
		return ErrnoInval
	}
	return errnoOf(withFD(f.f, func(fd int) error { return unix.Fadvise(fd, off, n, fadvise[advice]) }))
}

// allocate makes sure [off, off+n) is allocated, growing the file if it
// ends before; a file system without fallocate(2) still gets the size.
func (f *osFile) allocate(off, n int64) Errno {
	if off < 0 || n <= 0 {
		return ErrnoInval
	}
	err := withFD(f.f, func(fd int) error { return unix.Fallocate(fd, 0, off, n) })
	if errors.Is(err, syscall.EOPNOTSUPP) {
		fi, serr := f.f.Stat()
		if serr != nil {
			return errnoOf(serr)
		}
		if fi.Size() < off+n {
			err = f.f.Truncate(off + n)
		} else {
			err = nil
		}
	}
	return errnoOf(err)
}

func (f *osFile) pollFD() (int, bool) {
	var fd int
	if withFD(f.f, func(d int) error { fd = d; return nil }) != nil {
		return -1, false
	}
	return fd, true
}

func (f *osFile) close() Errno { return errnoOf(f.f.Close()) }
