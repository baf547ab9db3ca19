package wasi

import (
	"fmt"
	"net"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// Sockets. preview1 cannot create sockets, only use those the embedder
// pre-opens (Config.Listeners) and the connections accepted on them.
// Both work on the host descriptor through syscall.RawConn, so that
// MSG_PEEK, MSG_WAITALL and non-blocking mode mean what they mean to the
// host, while a blocking call still waits in Go's network poller rather
// than in a system call.

// socketFile is what listeners and connections have in common: their
// type, and a blocking mode of their own (the host descriptor is always
// non-blocking; a blocking call waits in Go's poller).
type socketFile struct {
	noFile
	raw      syscall.RawConn
	nonblock bool
}

func (s *socketFile) fileType() uint8 { return fileTypeSocketStream }

func (s *socketFile) stat() (filestat, Errno) {
	return filestat{typ: fileTypeSocketStream, nlink: 1}, ErrnoSuccess
}

func (s *socketFile) setFlags(flags uint16) Errno {
	if flags&^fdflagNonblock != 0 {
		return ErrnoNotSup
	}
	s.nonblock = flags&fdflagNonblock != 0
	return ErrnoSuccess
}

func (s *socketFile) pollFD() (int, bool) {
	fd := -1
	if s.raw.Control(func(d uintptr) { fd = int(d) }) != nil {
		return -1, false
	}
	return fd, true
}

// listenerFile is a pre-opened listening socket.
type listenerFile struct {
	socketFile
	l net.Listener
}

func newListener(l net.Listener) (*listenerFile, error) {
	sc, ok := l.(syscall.Conn)
	if !ok {
		return nil, fmt.Errorf("wasi: listener %T has no host descriptor (syscall.Conn)", l)
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return nil, err
	}
	return &listenerFile{socketFile: socketFile{raw: raw}, l: l}, nil
}

func (s *listenerFile) close() Errno { return errnoOf(s.l.Close()) }

// accept takes the next connection. A blocking accept waits in the
// listener's Accept (a listener's RawConn cannot wait for readiness); a
// non-blocking one (the listener's fdflags) calls accept4 on the host
// descriptor, which fails with EAGAIN when no connection is pending.
// The new socket is non-blocking if flags say so.
func (s *listenerFile) accept(flags uint16) (*connFile, Errno) {
	if !s.nonblock {
		c, err := s.l.Accept()
		if err != nil {
			return nil, errnoOf(err)
		}
		return newConn(c, flags&fdflagNonblock != 0)
	}
	nfd, aerr := -1, error(nil)
	if err := s.raw.Control(func(fd uintptr) {
		nfd, _, aerr = unix.Accept4(int(fd), unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK)
	}); err != nil {
		return nil, errnoOf(err)
	}
	if aerr != nil {
		return nil, errnoOf(aerr)
	}
	f := os.NewFile(uintptr(nfd), "accepted")
	c, err := net.FileConn(f) // duplicates the descriptor
	f.Close()
	if err != nil {
		return nil, errnoOf(err)
	}
	return newConn(c, flags&fdflagNonblock != 0)
}

// connFile is a connected stream socket.
type connFile struct {
	socketFile
	c net.Conn
}

func newConn(c net.Conn, nonblock bool) (*connFile, Errno) {
	sc, ok := c.(syscall.Conn)
	if !ok {
		c.Close()
		return nil, ErrnoNotSock
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		c.Close()
		return nil, errnoOf(err)
	}
	return &connFile{socketFile: socketFile{raw: raw, nonblock: nonblock}, c: c}, ErrnoSuccess
}

func (s *connFile) read(p []byte) (int, Errno) {
	n, _, e := s.recv([][]byte{p}, 0)
	return n, e
}

func (s *connFile) write(p []byte) (int, Errno) { return s.send([][]byte{p}) }

// recv reads into bufs; riflagRecvPeek leaves the data queued and
// riflagRecvWaitall waits until every buffer is full (or the peer shuts
// down).
func (s *connFile) recv(bufs [][]byte, riflags uint16) (int, uint16, Errno) {
	flags := 0
	if riflags&riflagRecvPeek != 0 {
		flags |= unix.MSG_PEEK
	}
	if riflags&riflagRecvWaitall != 0 {
		flags |= unix.MSG_WAITALL
	}
	var n, rflags int
	var rerr error
	err := s.raw.Read(func(fd uintptr) bool {
		n, _, rflags, _, rerr = unix.RecvmsgBuffers(int(fd), bufs, nil, flags)
		return rerr != unix.EAGAIN || s.nonblock
	})
	if err == nil {
		err = rerr
	}
	if err != nil {
		return 0, 0, errnoOf(err)
	}
	var ro uint16
	if rflags&unix.MSG_TRUNC != 0 {
		ro |= roflagRecvDataTruncated
	}
	return n, ro, ErrnoSuccess
}

func (s *connFile) send(bufs [][]byte) (int, Errno) {
	var n int
	var werr error
	err := s.raw.Write(func(fd uintptr) bool {
		n, werr = unix.SendmsgBuffers(int(fd), bufs, nil, nil, unix.MSG_NOSIGNAL)
		return werr != unix.EAGAIN || s.nonblock
	})
	if err == nil {
		err = werr
	}
	if err != nil {
		return 0, errnoOf(err)
	}
	return n, ErrnoSuccess
}

func (s *connFile) shutdown(how uint8) Errno {
	var mode int
	switch how {
	case sdflagRd:
		mode = unix.SHUT_RD
	case sdflagWr:
		mode = unix.SHUT_WR
	case sdflagRd | sdflagWr:
		mode = unix.SHUT_RDWR
	default:
		return ErrnoInval
	}
	var serr error
	if err := s.raw.Control(func(fd uintptr) { serr = unix.Shutdown(int(fd), mode) }); err != nil {
		return errnoOf(err)
	}
	return errnoOf(serr)
}

func (s *connFile) close() Errno { return errnoOf(s.c.Close()) }
