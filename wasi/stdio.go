package wasi

import (
	"io"
	"os"
)

// streamFile is a standard stream: an io.Reader (stdin) or io.Writer
// (stdout, stderr) of the embedder. Closing it closes only the
// descriptor, never the embedder's stream. Its blocking mode cannot be
// changed: the stream may be the host process's own (os.Stdin), which
// must not be left non-blocking.
type streamFile struct {
	noFile
	r   io.Reader
	w   io.Writer
	typ uint8
	os  *os.File // the stream, when it is a host file
}

func newStream(r io.Reader, w io.Writer) *streamFile {
	s := &streamFile{r: r, w: w, typ: fileTypeUnknown}
	var x any = w
	if r != nil {
		x = r
	}
	if f, ok := x.(*os.File); ok {
		s.os = f
		if fi, err := f.Stat(); err == nil {
			// A terminal is a character device (wasi-libc's isatty
			// asks for that type), a redirected file a regular file;
			// a pipe has no WASI type.
			switch t := fileTypeOf(fi.Mode()); t {
			case fileTypeCharacterDevice, fileTypeRegularFile:
				s.typ = t
			}
		}
	}
	return s
}

func (s *streamFile) fileType() uint8 { return s.typ }

func (s *streamFile) read(p []byte) (int, Errno) {
	if s.r == nil {
		return 0, ErrnoBadf
	}
	return ioResult(s.r.Read(p))
}

func (s *streamFile) write(p []byte) (int, Errno) {
	if s.w == nil {
		return 0, ErrnoBadf
	}
	return ioResult(s.w.Write(p))
}

func (s *streamFile) stat() (filestat, Errno) {
	if s.os != nil {
		if fi, err := s.os.Stat(); err == nil {
			st := statOf(fi)
			st.typ = s.typ
			return st, ErrnoSuccess
		}
	}
	return filestat{typ: s.typ, nlink: 1}, ErrnoSuccess
}

// pollFD lets poll_oneoff wait for a host stream (a terminal, a pipe).
func (s *streamFile) pollFD() (int, bool) {
	if s.os == nil {
		return -1, false
	}
	var fd int
	if withFD(s.os, func(d int) error { fd = d; return nil }) != nil {
		return -1, false
	}
	return fd, true
}

// emptyReader is the stdin of a System configured without one.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, io.EOF }
