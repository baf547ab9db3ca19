package wasi

import (
	"time"

	"golang.org/x/sys/unix"
)

// poll_oneoff waits until one of its subscriptions is ready: a clock
// reaches its time, a descriptor can be read or written. Descriptors
// with a host descriptor (sockets, terminals, pipes) are waited for with
// ppoll(2); every other descriptor (a regular file, a Go io.Reader) is
// always ready, as regular files are to poll(2).

// maxPollSlice bounds one host wait, so that a cancelled context ends a
// poll_oneoff that waits on host descriptors soon.
const maxPollSlice = 50 * time.Millisecond

type subscription struct {
	userdata uint64
	typ      uint8
	// A clock's deadline; a descriptor's host descriptor, or -1.
	deadline time.Time
	hostFD   int
	// An event known before waiting: a bad descriptor, a bad clock, a
	// descriptor that is always ready.
	ready, hangup bool
	err           Errno
}

func (c *call) pollOneoff(a args) Errno {
	in, out, n := a.u32(0), a.u32(1), a.u32(2)
	if n == 0 {
		return ErrnoInval
	}
	if uint64(n)*subscriptionSize > uint64(len(c.mem)) {
		return ErrnoFault
	}
	src, ok := c.mem.slice(in, n*subscriptionSize)
	if !ok {
		return ErrnoFault
	}
	dst, ok := c.mem.slice(out, n*eventSize)
	if !ok {
		return ErrnoFault
	}
	start := time.Now()
	subs := make([]subscription, n)
	for i := range subs {
		subs[i] = c.subscription(src[i*subscriptionSize:], start)
	}
	waitPoll(c, subs)
	nevents := 0
	for _, s := range subs {
		if !s.ready {
			continue
		}
		ev := dst[nevents*eventSize : (nevents+1)*eventSize]
		clear(ev)
		le.PutUint64(ev[0:], s.userdata)
		le.PutUint16(ev[8:], uint16(s.err))
		ev[10] = s.typ
		if s.hangup {
			le.PutUint16(ev[24:], eventFdReadwriteHangup)
		}
		nevents++
	}
	if !c.mem.putU32(a.u32(3), uint32(nevents)) {
		return ErrnoFault
	}
	if nevents == 0 && c.ctx.Err() != nil {
		// Cancelled: the interrupt the runtime raised ends the call
		// as soon as the module runs on.
		return ErrnoIntr
	}
	return ErrnoSuccess
}

// subscription decodes one subscription record.
func (c *call) subscription(b []byte, now time.Time) subscription {
	s := subscription{userdata: le.Uint64(b[0:]), typ: b[8], hostFD: -1}
	switch s.typ {
	case eventTypeClock:
		id, timeout, flags := le.Uint32(b[16:]), le.Uint64(b[24:]), le.Uint16(b[40:])
		var d time.Duration
		if timeout > uint64(1<<63-1) {
			d = 1<<63 - 1
		} else {
			d = time.Duration(timeout)
		}
		switch {
		case id != clockRealtime && id != clockMonotonic:
			s.ready, s.err = true, ErrnoInval
		case flags&subclockAbstime == 0:
			s.deadline = now.Add(d)
		case id == clockRealtime:
			s.deadline = time.Unix(0, int64(d))
		default:
			s.deadline = monotonicBase.Add(d)
		}
	case eventTypeFdRead, eventTypeFdWrite:
		d, e := c.get(le.Uint32(b[16:]), 0)
		switch {
		case e != ErrnoSuccess:
			s.ready, s.err = true, e
		default:
			if fd, ok := d.f.pollFD(); ok {
				s.hostFD = fd
			} else {
				s.ready = true
			}
		}
	default:
		s.ready, s.err = true, ErrnoInval
	}
	return s
}

// waitPoll marks the subscriptions that are ready: at once if any
// already is, else after waiting for the earliest clock or a host
// descriptor, whichever comes first.
func waitPoll(c *call, subs []subscription) {
	var fds []unix.PollFd
	var fdSub []int // index in subs of each fds entry
	var deadline time.Time
	readyNow := false
	for i, s := range subs {
		switch {
		case s.ready:
			readyNow = true
		case s.typ == eventTypeClock:
			if deadline.IsZero() || s.deadline.Before(deadline) {
				deadline = s.deadline
			}
		default:
			ev := int16(unix.POLLIN)
			if s.typ == eventTypeFdWrite {
				ev = unix.POLLOUT
			}
			fds = append(fds, unix.PollFd{Fd: int32(s.hostFD), Events: ev})
			fdSub = append(fdSub, i)
		}
	}
	for {
		now := time.Now()
		var wait time.Duration = -1 // forever
		if readyNow {
			wait = 0
		} else if !deadline.IsZero() {
			wait = max(deadline.Sub(now), 0)
		}
		if len(fds) == 0 {
			if wait > 0 {
				sleep(c, wait)
			}
		} else {
			slice := maxPollSlice
			if wait >= 0 && wait < slice {
				slice = wait
			}
			ts := unix.NsecToTimespec(int64(slice))
			n, err := unix.Ppoll(fds, &ts, nil)
			if err == nil && n > 0 {
				for j, p := range fds {
					if p.Revents != 0 {
						s := &subs[fdSub[j]]
						s.ready, s.hangup = true, p.Revents&unix.POLLHUP != 0
						readyNow = true
					}
				}
			}
		}
		now = time.Now()
		for i := range subs {
			if subs[i].typ == eventTypeClock && !subs[i].ready && subs[i].err == ErrnoSuccess &&
				!subs[i].deadline.After(now) {
				subs[i].ready = true
				readyNow = true
			}
		}
		if readyNow || c.ctx.Err() != nil {
			return
		}
	}
}

// sleep waits for d or until the call's context is done.
func sleep(c *call, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-c.ctx.Done():
	}
}
