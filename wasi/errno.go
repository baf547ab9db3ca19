package wasi

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"syscall"
)

var errnoNames = map[Errno]string{
	ErrnoSuccess: "success", Errno2Big: "E2BIG", ErrnoAcces: "EACCES", ErrnoAddrInUse: "EADDRINUSE",
	ErrnoAddrNotAvail: "EADDRNOTAVAIL", ErrnoAgain: "EAGAIN", ErrnoAlready: "EALREADY", ErrnoBadf: "EBADF",
	ErrnoBusy: "EBUSY", ErrnoConnAborted: "ECONNABORTED", ErrnoConnRefused: "ECONNREFUSED",
	ErrnoConnReset: "ECONNRESET", ErrnoDeadlk: "EDEADLK", ErrnoDquot: "EDQUOT", ErrnoExist: "EEXIST",
	ErrnoFault: "EFAULT", ErrnoFbig: "EFBIG", ErrnoIlseq: "EILSEQ", ErrnoIntr: "EINTR", ErrnoInval: "EINVAL",
	ErrnoIO: "EIO", ErrnoIsConn: "EISCONN", ErrnoIsDir: "EISDIR", ErrnoLoop: "ELOOP", ErrnoMfile: "EMFILE",
	ErrnoMlink: "EMLINK", ErrnoNameTooLong: "ENAMETOOLONG", ErrnoNfile: "ENFILE", ErrnoNoBufs: "ENOBUFS",
	ErrnoNoDev: "ENODEV", ErrnoNoent: "ENOENT", ErrnoNoMem: "ENOMEM", ErrnoNoSpc: "ENOSPC",
	ErrnoNosys: "ENOSYS", ErrnoNotConn: "ENOTCONN", ErrnoNotDir: "ENOTDIR", ErrnoNotEmpty: "ENOTEMPTY",
	ErrnoNotSock: "ENOTSOCK", ErrnoNotSup: "ENOTSUP", ErrnoNotTTY: "ENOTTY", ErrnoNxio: "ENXIO",
	ErrnoOverflow: "EOVERFLOW", ErrnoPerm: "EPERM", ErrnoPipe: "EPIPE", ErrnoRange: "ERANGE",
	ErrnoRofs: "EROFS", ErrnoSpipe: "ESPIPE", ErrnoTimedOut: "ETIMEDOUT", ErrnoTxtBsy: "ETXTBSY",
	ErrnoXdev: "EXDEV", ErrnoNotCapable: "ENOTCAPABLE",
}

// Error makes an Errno an error; its text is the POSIX name (EBADF, ...).
func (e Errno) Error() string {
	if s, ok := errnoNames[e]; ok {
		return s
	}
	return "errno " + itoa(uint64(e))
}

func itoa(v uint64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		if v /= 10; v == 0 {
			return string(b[i:])
		}
	}
}

// hostErrnos maps the host's errors to WASI's. Host errnos without a
// WASI counterpart become EIO.
var hostErrnos = map[syscall.Errno]Errno{
	syscall.E2BIG: Errno2Big, syscall.EACCES: ErrnoAcces, syscall.EADDRINUSE: ErrnoAddrInUse,
	syscall.EADDRNOTAVAIL: ErrnoAddrNotAvail, syscall.EAGAIN: ErrnoAgain, syscall.EALREADY: ErrnoAlready,
	syscall.EBADF: ErrnoBadf, syscall.EBUSY: ErrnoBusy, syscall.ECONNABORTED: ErrnoConnAborted,
	syscall.ECONNREFUSED: ErrnoConnRefused, syscall.ECONNRESET: ErrnoConnReset, syscall.EDEADLK: ErrnoDeadlk,
	syscall.EDQUOT: ErrnoDquot, syscall.EEXIST: ErrnoExist, syscall.EFAULT: ErrnoFault,
	syscall.EFBIG: ErrnoFbig, syscall.EILSEQ: ErrnoIlseq, syscall.EINTR: ErrnoIntr, syscall.EINVAL: ErrnoInval,
	syscall.EIO: ErrnoIO, syscall.EISCONN: ErrnoIsConn, syscall.EISDIR: ErrnoIsDir, syscall.ELOOP: ErrnoLoop,
	syscall.EMFILE: ErrnoMfile, syscall.EMLINK: ErrnoMlink, syscall.ENAMETOOLONG: ErrnoNameTooLong,
	syscall.ENFILE: ErrnoNfile, syscall.ENOBUFS: ErrnoNoBufs, syscall.ENODEV: ErrnoNoDev,
	syscall.ENOENT: ErrnoNoent, syscall.ENOMEM: ErrnoNoMem, syscall.ENOSPC: ErrnoNoSpc,
	syscall.ENOSYS: ErrnoNosys, syscall.ENOTCONN: ErrnoNotConn, syscall.ENOTDIR: ErrnoNotDir,
	syscall.ENOTEMPTY: ErrnoNotEmpty, syscall.ENOTSOCK: ErrnoNotSock, syscall.ENOTSUP: ErrnoNotSup,
	syscall.ENOTTY: ErrnoNotTTY, syscall.ENXIO: ErrnoNxio, syscall.EOVERFLOW: ErrnoOverflow,
	syscall.EPERM: ErrnoPerm, syscall.EPIPE: ErrnoPipe, syscall.ERANGE: ErrnoRange, syscall.EROFS: ErrnoRofs,
	syscall.ESPIPE: ErrnoSpipe, syscall.ETIMEDOUT: ErrnoTimedOut, syscall.ETXTBSY: ErrnoTxtBsy,
	syscall.EXDEV: ErrnoXdev,
}

// errnoOf translates an error of the host file system or network into a
// WASI errno. nil is success. An error that carries no host errno is
// classified by what it means (the fs sentinels, a closed connection, a
// timeout); anything else is EIO.
func errnoOf(err error) Errno {
	if err == nil {
		return ErrnoSuccess
	}
	var e Errno
	if errors.As(err, &e) {
		return e
	}
	var se syscall.Errno
	if errors.As(err, &se) {
		if e, ok := hostErrnos[se]; ok {
			return e
		}
		return ErrnoIO
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ErrnoNoent
	case errors.Is(err, fs.ErrExist):
		return ErrnoExist
	case errors.Is(err, fs.ErrPermission):
		return ErrnoPerm
	case errors.Is(err, fs.ErrInvalid):
		return ErrnoInval
	case errors.Is(err, os.ErrDeadlineExceeded):
		return ErrnoAgain
	case errors.Is(err, net.ErrClosed), errors.Is(err, fs.ErrClosed):
		return ErrnoBadf
	case errors.Is(err, io.ErrClosedPipe):
		return ErrnoPipe
	case errors.Is(err, errors.ErrUnsupported):
		return ErrnoNotSup
	}
	return ErrnoIO
}
