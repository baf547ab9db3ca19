package wasi

import (
	"io"
	goruntime "runtime"
	"time"

	"golang.org/x/sys/unix"
)

// Arguments, environment, clocks, randomness and the scheduler.

func (c *call) argsSizesGet(a args) Errno    { return c.stringsSizes(c.args, a.u32(0), a.u32(1)) }
func (c *call) argsGet(a args) Errno         { return c.stringsGet(c.args, a.u32(0), a.u32(1)) }
func (c *call) environSizesGet(a args) Errno { return c.stringsSizes(c.env, a.u32(0), a.u32(1)) }
func (c *call) environGet(a args) Errno      { return c.stringsGet(c.env, a.u32(0), a.u32(1)) }

// stringsSizes stores the count of list and the bytes its
// NUL-terminated strings take.
func (c *call) stringsSizes(list []string, countPtr, sizePtr uint32) Errno {
	size := 0
	for _, s := range list {
		size += len(s) + 1
	}
	if !c.mem.putU32(countPtr, uint32(len(list))) || !c.mem.putU32(sizePtr, uint32(size)) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

// stringsGet stores list's strings, NUL-terminated, one after the other
// at buf, and a pointer to each at ptrs.
func (c *call) stringsGet(list []string, ptrs, buf uint32) Errno {
	for i, s := range list {
		if !c.mem.putU32(ptrs+4*uint32(i), buf) {
			return ErrnoFault
		}
		dst, ok := c.mem.slice(buf, uint32(len(s)+1))
		if !ok {
			return ErrnoFault
		}
		copy(dst, s)
		dst[len(s)] = 0
		buf += uint32(len(s) + 1)
	}
	return ErrnoSuccess
}

func (c *call) clockResGet(a args) Errno {
	var res uint64
	switch a.u32(0) {
	case clockRealtime, clockMonotonic:
		res = 1
	case clockProcessCPUTimeID, clockThreadCPUTimeID:
		var ts unix.Timespec
		if err := unix.ClockGetres(cpuClock(a.u32(0)), &ts); err != nil {
			return errnoOf(err)
		}
		res = uint64(ts.Nano())
	default:
		return ErrnoInval
	}
	if !c.mem.putU64(a.u32(1), res) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

// clockTimeGet reads a clock; the precision argument is a hint that
// every clock here meets.
func (c *call) clockTimeGet(a args) Errno {
	t, e := now(a.u32(0))
	if e != ErrnoSuccess {
		return e
	}
	if !c.mem.putU64(a.u32(2), t) {
		return ErrnoFault
	}
	return ErrnoSuccess
}

// now reads clock id in nanoseconds. The monotonic clock counts from an
// arbitrary origin, as WASI allows; the CPU-time clocks are the host
// process's and the current thread's.
func now(id uint32) (uint64, Errno) {
	switch id {
	case clockRealtime:
		return uint64(time.Now().UnixNano()), ErrnoSuccess
	case clockMonotonic:
		return uint64(time.Since(monotonicBase)), ErrnoSuccess
	case clockProcessCPUTimeID, clockThreadCPUTimeID:
		var ts unix.Timespec
		if err := unix.ClockGettime(cpuClock(id), &ts); err != nil {
			return 0, errnoOf(err)
		}
		return uint64(ts.Nano()), ErrnoSuccess
	}
	return 0, ErrnoInval
}

func cpuClock(id uint32) int32 {
	if id == clockProcessCPUTimeID {
		return unix.CLOCK_PROCESS_CPUTIME_ID
	}
	return unix.CLOCK_THREAD_CPUTIME_ID
}

func (c *call) randomGet(a args) Errno {
	buf, ok := c.mem.slice(a.u32(0), a.u32(1))
	if !ok {
		return ErrnoFault
	}
	if _, err := io.ReadFull(c.rand, buf); err != nil {
		return ErrnoIO
	}
	return ErrnoSuccess
}

func (c *call) schedYield(args) Errno {
	goruntime.Gosched()
	return ErrnoSuccess
}

// procRaise: preview1 deprecates signals, and neither wasi-libc nor Go
// imports proc_raise; it is defined so that older modules that import
// it link, and it reports that signals are not supported.
func (c *call) procRaise(args) Errno { return ErrnoNosys }
