package wasi

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// Config describes the world a module sees: its arguments and
// environment, its standard streams, and the only files and sockets it
// can reach.
type Config struct {
	// Args are the program's arguments, Args[0] its name.
	Args []string
	// Env is the environment, "KEY=value" strings. Nothing of the host's
	// environment is visible unless it is copied here.
	Env []string
	// Stdin, Stdout and Stderr are descriptors 0, 1 and 2. A nil Stdin
	// reads as empty; a nil Stdout or Stderr discards what is written.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Preopens are the directories the module may use, descriptors 3,
	// 4, ... in order. Everything else of the file system is out of its
	// reach.
	Preopens []Preopen
	// Listeners are listening sockets (descriptors after the preopens)
	// the module can accept connections on with sock_accept. Each must
	// have a host descriptor (syscall.Conn), as *net.TCPListener and
	// *net.UnixListener do.
	Listeners []net.Listener
	// Rand is the source of random_get; nil is crypto/rand.
	Rand io.Reader
}

// Preopen is a directory given to a module: FS, under the name Path.
type Preopen struct {
	// Path is the module's name for the directory: "/", "/data", ".",
	// ... (wasi-libc and Go resolve paths against the longest preopen
	// name that prefixes them).
	Path string
	FS   FS
}

// System is the state of one run of a WASI program: its arguments and
// environment, its descriptor table, its mounts. Define adds its host
// functions to a runtime.Imports; a System serves one instance, from one
// goroutine at a time (the goroutine of its Store).
type System struct {
	args, env []string
	rand      io.Reader
	fds       []*descriptor // indexed by descriptor number; nil is free
	mem       memoryCache
	closed    bool
}

// descriptor is one entry of the descriptor table.
type descriptor struct {
	f                  file
	typ                uint8
	rights, inheriting uint64
	fdflags            uint16
	// dir is set for directories: the directory as a tree, for path_*
	// calls. The descriptor owns it.
	dir tree
	// preopen is a pre-opened directory's name for fd_prestat_*.
	preopen string
	// listing is fd_readdir's snapshot of the directory, taken when a
	// listing starts at cookie 0, so cookies stay valid while it is
	// read.
	listing []dirEntry
}

// close closes the descriptor's file and, for a directory, its tree.
func (d *descriptor) close() Errno {
	e := d.f.close()
	if d.dir != nil {
		if err := d.dir.close(); err != nil && e == ErrnoSuccess {
			e = errnoOf(err)
		}
	}
	return e
}

// New creates a System from cfg, mounting its preopens. Close releases
// them, and every descriptor the module opened.
func New(cfg Config) (*System, error) {
	s := &System{args: cfg.Args, env: cfg.Env, rand: cfg.Rand}
	if s.rand == nil {
		s.rand = rand.Reader
	}
	for _, kv := range cfg.Env {
		if !strings.Contains(kv, "=") {
			return nil, fmt.Errorf("wasi: environment entry %q is not KEY=value", kv)
		}
	}
	for _, a := range append(append([]string(nil), cfg.Args...), cfg.Env...) {
		if strings.IndexByte(a, 0) >= 0 {
			return nil, fmt.Errorf("wasi: argument or environment entry %q contains a NUL byte", a)
		}
	}
	stdin := cfg.Stdin
	if stdin == nil {
		stdin = emptyReader{}
	}
	stdout, stderr := cfg.Stdout, cfg.Stderr
	if stdout == nil {
		stdout = io.Discard
	}
	if stderr == nil {
		stderr = io.Discard
	}
	s.addStream(newStream(stdin, nil), rightFdRead)
	s.addStream(newStream(nil, stdout), rightFdWrite)
	s.addStream(newStream(nil, stderr), rightFdWrite)
	for _, p := range cfg.Preopens {
		if err := s.preopen(p); err != nil {
			s.Close()
			return nil, err
		}
	}
	for _, l := range cfg.Listeners {
		lf, err := newListener(l)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.add(&descriptor{f: lf, typ: fileTypeSocketStream, rights: rightsListenerBase, inheriting: rightsSocketBase})
	}
	return s, nil
}

func (s *System) addStream(f *streamFile, rw uint64) {
	rights := rightsTTYBase&^(rightFdRead|rightFdWrite) | rw
	if f.typ == fileTypeRegularFile {
		rights |= rightFdSeek | rightFdTell
	}
	s.add(&descriptor{f: f, typ: f.typ, rights: rights})
}

func (s *System) preopen(p Preopen) error {
	if p.FS == nil || p.Path == "" {
		return errors.New("wasi: a preopen needs a Path and an FS")
	}
	t, err := p.FS.mount()
	if err != nil {
		return fmt.Errorf("wasi: preopen %q: %w", p.Path, err)
	}
	f, e := t.open(".", openOptions{follow: true, read: true, oflags: oflagDirectory})
	if e != ErrnoSuccess {
		t.close()
		return fmt.Errorf("wasi: preopen %q: %w", p.Path, e)
	}
	base, inh := rightsOf(fileTypeDirectory, t, true, false)
	s.add(&descriptor{f: f, typ: fileTypeDirectory, rights: base, inheriting: inh, dir: t, preopen: p.Path})
	return nil
}

// rightsOf is what a descriptor of type typ can do at most, in a tree t
// (nil for none), opened for reading and/or writing.
func rightsOf(typ uint8, t tree, read, write bool) (base, inheriting uint64) {
	switch typ {
	case fileTypeDirectory:
		base, inheriting = rightsDirBase, rightsDirInheriting
	case fileTypeSocketStream:
		base = rightsSocketBase
	default:
		base = rightsFileBase
		if !read {
			base &^= rightFdRead
		}
		if !write {
			base &^= rightFdWrite | rightFdAllocate | rightFdFilestatSetSize | rightFdDatasync
		}
	}
	if t != nil && t.readOnly() {
		base &^= rightsMutating
		inheriting &^= rightsMutating
	}
	return base, inheriting
}

// add puts d in the lowest free descriptor number, as POSIX does.
func (s *System) add(d *descriptor) uint32 {
	for i, x := range s.fds {
		if x == nil {
			s.fds[i] = d
			return uint32(i)
		}
	}
	s.fds = append(s.fds, d)
	return uint32(len(s.fds) - 1)
}

// get returns descriptor fd if it is open and has every right in need,
// else EBADF or ENOTCAPABLE.
func (s *System) get(fd uint32, need uint64) (*descriptor, Errno) {
	if uint64(fd) >= uint64(len(s.fds)) || s.fds[fd] == nil {
		return nil, ErrnoBadf
	}
	d := s.fds[fd]
	if d.rights&need != need {
		if need&(rightFdRead|rightFdWrite) != 0 && d.rights&need&(rightFdRead|rightFdWrite) == 0 {
			// Not open for reading (writing): EBADF, as POSIX says.
			return nil, ErrnoBadf
		}
		return nil, ErrnoNotCapable
	}
	return d, ErrnoSuccess
}

// getDir returns directory descriptor fd, checked like get.
func (s *System) getDir(fd uint32, need uint64) (*descriptor, Errno) {
	d, e := s.get(fd, 0)
	if e != ErrnoSuccess {
		return nil, e
	}
	if d.dir == nil {
		return nil, ErrnoNotDir
	}
	if d.rights&need != need {
		return nil, ErrnoNotCapable
	}
	return d, ErrnoSuccess
}

// Close closes every descriptor still open — the preopens and the
// listeners of Config.Listeners among them. The embedder's standard
// streams stay open.
func (s *System) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	var errs []error
	for i, d := range s.fds {
		if d != nil {
			if e := d.close(); e != ErrnoSuccess {
				errs = append(errs, fmt.Errorf("wasi: closing descriptor %d: %w", i, e))
			}
		}
	}
	s.fds = nil
	return errors.Join(errs...)
}

// ExitError is how a program's proc_exit ends the call that ran it: the
// call returns it (errors.As finds it through every host and Wasm frame
// in between) and the host process goes on. Code is the exit status.
type ExitError struct {
	Code uint32
}

func (e *ExitError) Error() string { return "wasi: exit status " + itoa(uint64(e.Code)) }

// monotonicBase is the origin of the monotonic clock: any fixed point
// will do, and Go's monotonic reading makes time.Since cheap.
var monotonicBase = time.Now()
