package wasi

import (
	"context"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// subscribe writes subscriptions to memory: clocks are {userdata,
// relative timeout}, fds are {userdata, type, fd}.
type sub struct {
	userdata uint64
	typ      uint8
	fd       uint32        // fd_read, fd_write
	timeout  time.Duration // clock
	abs      bool
	clock    uint32
}

func (h *harness) poll(subs ...sub) []struct {
	userdata uint64
	errno    Errno
	typ      uint8
} {
	h.t.Helper()
	in := h.alloc(uint32(len(subs) * subscriptionSize))
	outp := h.alloc(uint32(len(subs) * eventSize))
	m := h.mem.Bytes()
	for i, s := range subs {
		b := m[in+uint64(i*subscriptionSize):]
		clear(b[:subscriptionSize])
		le.PutUint64(b, s.userdata)
		b[8] = s.typ
		if s.typ == eventTypeClock {
			le.PutUint32(b[16:], s.clock)
			le.PutUint64(b[24:], uint64(s.timeout))
			if s.abs {
				le.PutUint16(b[40:], subclockAbstime)
			}
		} else {
			le.PutUint32(b[16:], s.fd)
		}
	}
	nev := h.alloc(4)
	h.ok("poll_oneoff", in, outp, uint64(len(subs)), nev)
	var evs []struct {
		userdata uint64
		errno    Errno
		typ      uint8
	}
	for i := range h.u32(nev) {
		e := m[outp+uint64(i)*eventSize:]
		evs = append(evs, struct {
			userdata uint64
			errno    Errno
			typ      uint8
		}{le.Uint64(e), Errno(le.Uint16(e[8:])), e[10]})
	}
	return evs
}

func TestPollClock(t *testing.T) {
	h := newHarness(t, Config{})
	start := time.Now()
	evs := h.poll(sub{userdata: 7, typ: eventTypeClock, timeout: 20 * time.Millisecond, clock: clockMonotonic})
	if d := time.Since(start); d < 20*time.Millisecond || len(evs) != 1 || evs[0].userdata != 7 || evs[0].typ != eventTypeClock {
		t.Errorf("after %v: %+v", d, evs)
	}
	// The earliest of two clocks wakes the poll, and only it is reported.
	start = time.Now()
	evs = h.poll(sub{userdata: 1, typ: eventTypeClock, timeout: time.Hour, clock: clockRealtime},
		sub{userdata: 2, typ: eventTypeClock, timeout: 5 * time.Millisecond, clock: clockMonotonic})
	if d := time.Since(start); d > 10*time.Second || len(evs) != 1 || evs[0].userdata != 2 {
		t.Errorf("after %v: %+v", d, evs)
	}
	// An absolute deadline in the past fires at once.
	evs = h.poll(sub{userdata: 3, typ: eventTypeClock, timeout: time.Duration(time.Now().Add(-time.Second).UnixNano()), abs: true, clock: clockRealtime})
	if len(evs) != 1 || evs[0].userdata != 3 {
		t.Errorf("past deadline: %+v", evs)
	}
	// A bad clock and a bad descriptor are events with errors.
	evs = h.poll(sub{userdata: 4, typ: eventTypeClock, clock: 9, timeout: time.Hour},
		sub{userdata: 5, typ: eventTypeFdRead, fd: 99})
	if len(evs) != 2 || evs[0].errno != ErrnoInval || evs[1].errno != ErrnoBadf {
		t.Errorf("bad clock and descriptor: %+v", evs)
	}
	h.want(ErrnoInval, "poll_oneoff", h.alloc(48), h.alloc(32), 0, h.alloc(4))
}

func TestPollCancelled(t *testing.T) {
	h := newHarness(t, Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	h.ctx = ctx
	in := h.alloc(subscriptionSize)
	le.PutUint64(h.mem.Bytes()[in+24:], uint64(time.Hour))
	start := time.Now()
	e, err := h.callErr("poll_oneoff", in, h.alloc(eventSize), 1, h.alloc(4))
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("a cancelled poll returned after %v", d)
	}
	// poll_oneoff returns EINTR; the runtime's interrupt then ends the
	// call at the module's next check, if it has one before returning.
	if err == nil && e != ErrnoIntr {
		t.Errorf("poll_oneoff under a cancelled context: %v, %v", e, err)
	}
}

func TestPollDescriptors(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	h := newHarness(t, Config{Stdin: r, Preopens: []Preopen{{Path: "/", FS: DirFS(t.TempDir())}}})
	// An empty pipe is not readable: the clock wins.
	evs := h.poll(sub{userdata: 1, typ: eventTypeFdRead, fd: 0},
		sub{userdata: 2, typ: eventTypeClock, timeout: 10 * time.Millisecond, clock: clockMonotonic})
	if len(evs) != 1 || evs[0].userdata != 2 {
		t.Errorf("empty pipe: %+v", evs)
	}
	go func() {
		time.Sleep(10 * time.Millisecond)
		io.WriteString(w, "data")
	}()
	evs = h.poll(sub{userdata: 1, typ: eventTypeFdRead, fd: 0},
		sub{userdata: 2, typ: eventTypeClock, timeout: time.Minute, clock: clockMonotonic})
	if len(evs) != 1 || evs[0].userdata != 1 || evs[0].typ != eventTypeFdRead {
		t.Errorf("pipe with data: %+v", evs)
	}
	if got := h.read(0, 10); got != "data" {
		t.Errorf("read %q", got)
	}
	// Streams without a host descriptor, and directories, are always ready.
	evs = h.poll(sub{userdata: 3, typ: eventTypeFdWrite, fd: 1}, sub{userdata: 4, typ: eventTypeFdRead, fd: 3})
	if len(evs) != 2 {
		t.Errorf("always-ready descriptors: %+v", evs)
	}
}

func TestSockets(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	h := newHarness(t, Config{Listeners: []net.Listener{l}}) // descriptor 3
	st := h.alloc(fdstatSize)
	h.ok("fd_fdstat_get", 3, st)
	if h.mem.Bytes()[st] != fileTypeSocketStream {
		t.Errorf("listener filetype %d", h.mem.Bytes()[st])
	}
	out := h.alloc(4)
	h.ok("fd_fdstat_set_flags", 3, uint64(fdflagNonblock))
	h.want(ErrnoAgain, "sock_accept", 3, 0, out)

	conn, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	evs := h.poll(sub{userdata: 1, typ: eventTypeFdRead, fd: 3},
		sub{userdata: 2, typ: eventTypeClock, timeout: time.Minute, clock: clockMonotonic})
	if len(evs) != 1 || evs[0].userdata != 1 {
		t.Fatalf("poll for a connection: %+v", evs)
	}
	h.ok("sock_accept", 3, 0, out)
	fd := uint64(h.u32(out))
	h.want(ErrnoNotSock, "sock_accept", fd, 0, out)
	h.want(ErrnoNotConn, "sock_recv", 3, 0, 0, 0, out, out)

	if _, err := conn.Write([]byte("ping")); err != nil {
		t.Fatal(err)
	}
	buf := h.alloc(16)
	iov, cnt := h.iov([2]uint64{buf, 16})
	flags := h.alloc(2)
	h.ok("sock_recv", fd, iov, cnt, uint64(riflagRecvPeek), out, flags) // peek, then read
	h.ok("sock_recv", fd, iov, cnt, 0, out, flags)
	if got := string(h.bytes(buf, uint64(h.u32(out)))); got != "ping" {
		t.Errorf("sock_recv: %q", got)
	}
	p, n := h.str("pong")
	siov, scnt := h.iov([2]uint64{p, n})
	h.ok("sock_send", fd, siov, scnt, 0, out)
	h.want(ErrnoInval, "sock_send", fd, siov, scnt, 1, out)
	reply := make([]byte, 4)
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.ReadFull(conn, reply); err != nil || string(reply) != "pong" {
		t.Errorf("peer read %q, %v", reply, err)
	}
	h.write(fd, "+fd_write")
	h.ok("sock_shutdown", fd, uint64(sdflagWr))
	rest, err := io.ReadAll(conn)
	if err != nil || string(rest) != "+fd_write" {
		t.Errorf("after shutdown the peer read %q, %v", rest, err)
	}
	h.want(ErrnoInval, "sock_shutdown", fd, 0)
	conn.Write([]byte("bye"))
	conn.Close()
	if got := h.read(fd, 16); got != "bye" {
		t.Errorf("fd_read from the socket: %q", got)
	}
	if got := h.read(fd, 16); got != "" {
		t.Errorf("after the peer closed: %q", got)
	}
	h.want(ErrnoNotSock, "sock_send", 1, siov, scnt, 0, out)
	if _, err := New(Config{Listeners: []net.Listener{fakeListener{}}}); err == nil || !strings.Contains(err.Error(), "syscall.Conn") {
		t.Errorf("a listener without a host descriptor: %v", err)
	}
}

type fakeListener struct{ net.Listener }
