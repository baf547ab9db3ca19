package engines

import (
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

// Timing is how long one call took: wall-clock time, and the CPU time of
// the thread (or, for a child process, the process) that ran it. On a
// shared machine the CPU time leaves out the time the call spent waiting
// for a core, so it moves far less with other people's load; every
// engine here runs a call on one thread, so the two agree when the
// machine is quiet.
type Timing struct {
	Wall, CPU time.Duration
}

// stopwatch measures one call made on the current goroutine, pinned to
// its thread so that the thread's CPU clock is the call's.
type stopwatch struct {
	wall time.Time
	cpu  time.Duration
}

func startWatch() stopwatch {
	runtime.LockOSThread()
	return stopwatch{wall: time.Now(), cpu: threadCPU()}
}

func (s stopwatch) stop() Timing {
	t := Timing{Wall: time.Since(s.wall), CPU: threadCPU() - s.cpu}
	runtime.UnlockOSThread()
	return t
}

// processCPU is the CPU time (user + system) of every thread of this
// process: the cost of a compile that runs on several goroutines, the Go
// GC's included.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measureProcess times f in wall-clock and process CPU time.
func measureProcess(f func() error) (Timing, error) {
	c0, t0 := processCPU(), time.Now()
	err := f()
	return Timing{Wall: time.Since(t0), CPU: processCPU() - c0}, err
}

// threadCPU reads CLOCK_THREAD_CPUTIME_ID (Linux; 0 elsewhere).
func threadCPU() time.Duration {
	const clockThreadCPUTime = 3
	var ts syscall.Timespec
	_, _, errno := syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
