package abi

import (
	"os"
	"runtime"
	"runtime/pprof"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

const testStackSize = 256 << 10

func TestReturn(t *testing.T) {
	ctx, _ := newTestContext(t, testStackSize)
	pc := loadCode(t, kernelSum(t))
	for _, n := range []uint64{0, 1, 100, 1e6} {
		code, got := run(t, ctx, pc, n, nil)
		if code != ExitReturn || got != n*(n+1)/2 {
			t.Errorf("sum(%d) = %v, %d; want return, %d", n, code, got, n*(n+1)/2)
		}
	}
	if ctx.WasmSP != 0 || ctx.PrevEntry != 0 {
		t.Errorf("context not idle after the last PopEntry: WasmSP %#x, PrevEntry %#x", ctx.WasmSP, ctx.PrevEntry)
	}
}

// growStack recurses depth frames deep with a large frame, forcing the
// goroutine stack to grow (and so to move) when it is not big enough yet.
//
//go:noinline
func growStack(depth int) int {
	var pad [512]byte
	pad[depth%len(pad)] = byte(depth)
	if depth == 0 {
		return int(pad[0])
	}
	return growStack(depth-1) + int(pad[depth%len(pad)])
}

// Go's SP and FP move between exits: the host function grows the goroutine
// stack (and collections shrink it again), and Resume must save the new
// ones, or the next exit would return onto a stale stack.
func TestHostCallsAcrossGoStackMoves(t *testing.T) {
	ctx, _ := newTestContext(t, testStackSize)
	pc := loadCode(t, kernelHostCalls(t))
	const n = 200
	goSPs := map[uintptr]bool{}
	calls := 0
	host := func() {
		calls++
		goSPs[ctx.GoSP] = true
		growStack(calls * 8)
		if calls%16 == 0 {
			runtime.GC() // lets the runtime shrink the stack again
		}
		ctx.Scratch[0] *= 2
	}
	code, got := run(t, ctx, pc, n, host)
	if code != ExitReturn || got != n*(n+1) || calls != n {
		t.Fatalf("got %v, %d after %d host calls; want return, %d after %d", code, got, calls, n*(n+1), n)
	}
	if len(goSPs) < 2 {
		t.Fatalf("Go's SP never changed across %d exits; the test did not move the stack", calls)
	}
	t.Logf("%d host calls, %d distinct Go stack pointers", calls, len(goSPs))
}

// Host functions call back into Wasm on the same ExecContext: each nested
// activation runs below the suspended one, whose exit state survives in an
// EntryRecord, and the chain of records lets a walker see all of them.
func TestNestedEntries(t *testing.T) {
	ctx, _ := newTestContext(t, testStackSize)
	pc := loadCode(t, kernelNest(t))
	const depth = 4
	var chain []Activation
	var host func()
	host = func() {
		d := ctx.Scratch[0]
		if d == depth {
			for a := range ctx.Activations() {
				chain = append(chain, *a)
			}
			ctx.Scratch[0] = 0
			return
		}
		code, r := run(t, ctx, pc, d+1, host)
		if code != ExitReturn {
			t.Fatalf("nested activation %d: %v", d+1, code)
		}
		ctx.Scratch[0] = r
	}
	code, got := run(t, ctx, pc, 1, host)
	if code != ExitReturn || got != 4321 {
		t.Fatalf("got %v, %d; want return, 4321 (inner activations finishing first)", code, got)
	}
	if len(chain) != depth {
		t.Fatalf("Activations yielded %d activations at depth %d", len(chain), depth)
	}
	for i, a := range chain {
		if a.ExitCode != ExitHostCall || a.Scratch[0] != uint64(depth-i) {
			t.Errorf("activation %d: %v with Scratch[0] = %d; want host call, %d", i, a.ExitCode, a.Scratch[0], depth-i)
		}
		if i > 0 && a.WasmSP <= chain[i-1].WasmSP+entryRecordSize {
			t.Errorf("activation %d (SP %#x) does not lie above the record of activation %d (SP %#x)", i, a.WasmSP, i-1, chain[i-1].WasmSP)
		}
	}
}

func TestPushEntryWithoutRoom(t *testing.T) {
	ctx, _ := newTestContext(t, testStackSize)
	ctx.WasmSP = ctx.StackLimit + 8 // a suspended activation at the very limit
	before := *ctx
	if _, ok := ctx.PushEntry(); ok {
		t.Fatal("PushEntry succeeded with no room for its record")
	}
	if *ctx != before {
		t.Error("a failed PushEntry changed the context")
	}
}

// Unbounded recursion is stopped by the prologue check against StackLimit,
// and the frames it left are walkable from WasmFP down to the zero frame
// pointer Call planted.
func TestStackExhaustion(t *testing.T) {
	ctx, stack := newTestContext(t, testStackSize)
	const frame = 48
	pc := loadCode(t, kernelRecurse(t, frame))
	sp, ok := ctx.PushEntry()
	if !ok {
		t.Fatal("PushEntry")
	}
	code := Call(ctx, pc, sp)
	trapSP, trapFP, trap := ctx.WasmSP, ctx.WasmFP, ctx.TrapCode
	ctx.PopEntry()
	if code != ExitTrap {
		t.Fatalf("exit %v, want trap", code)
	}
	if trap != TrapStackExhausted || trap.String() != "call stack exhausted" {
		t.Fatalf("trap %v, want call stack exhausted", trap)
	}
	if trapSP < ctx.StackLimit || trapSP-ctx.StackLimit > frame+16 {
		t.Errorf("trapped at SP %#x, want within one frame above the limit %#x", trapSP, ctx.StackLimit)
	}
	base := uintptr(unsafe.Pointer(&stack[0]))
	frames := 0
	for fp := trapFP; fp != 0; frames++ {
		if fp < trapSP || fp >= ctx.StackTop {
			t.Fatalf("frame pointer %#x outside the stack", fp)
		}
		fp = *(*uintptr)(unsafe.Pointer(&stack[fp-base]))
	}
	want := int((sp - 16 - ctx.StackLimit) / (frame + 16))
	if frames < want-1 || frames > want+1 {
		t.Errorf("walked %d frames, want about %d", frames, want)
	}
}

// A loop polling the interrupt flag exits with ExitInterrupt when another
// goroutine sets it, and can be resumed where it stopped.
func TestInterrupt(t *testing.T) {
	ctx, _ := newTestContext(t, testStackSize)
	pc := loadCode(t, kernelCountdown(t))
	sp, ok := ctx.PushEntry()
	if !ok {
		t.Fatal("PushEntry")
	}
	defer ctx.PopEntry()
	const n = 1 << 62 // far more than a test can count
	ctx.Scratch[0] = n
	time.AfterFunc(20*time.Millisecond, ctx.RequestInterrupt)
	if code := Call(ctx, pc, sp); code != ExitInterrupt {
		t.Fatalf("exit %v, want interrupt", code)
	}
	left := ctx.Scratch[0]
	if left >= n {
		t.Fatalf("interrupted before counting (%d left)", left)
	}
	atomic.StoreUint32(&ctx.InterruptFlag, 0)
	time.AfterFunc(20*time.Millisecond, ctx.RequestInterrupt)
	if code := Resume(ctx); code != ExitInterrupt {
		t.Fatalf("resumed: exit %v, want interrupt", code)
	}
	if ctx.Scratch[0] >= left {
		t.Fatalf("resumed loop made no progress: %d left, then %d", left, ctx.Scratch[0])
	}
}

// Generated code may clobber every register the ABI does not reserve; Go
// must carry on normally afterwards (on amd64 that includes R14 and X15,
// which the compiler restores after calls to ABI0 functions).
func TestClobberedRegisters(t *testing.T) {
	ctx, _ := newTestContext(t, testStackSize)
	pc := loadCode(t, kernelClobber(t))
	for range 100 {
		if code, _ := run(t, ctx, pc, 0, nil); code != ExitReturn {
			t.Fatalf("exit %v", code)
		}
		if z := zeroed(); z != ([8]uint64{}) {
			t.Fatalf("zero value is %v after the call", z)
		}
		_ = make([]byte, 1024) // needs a valid g
	}
}

//go:noinline
func zeroed() (z [8]uint64) { return z }

// countdownRate measures how many kernelCountdown iterations run per second.
func countdownRate(t testing.TB, ctx *ExecContext, pc uintptr) float64 {
	const n = 50e6
	start := time.Now()
	if code, _ := run(t, ctx, pc, n, nil); code != ExitReturn {
		t.Fatalf("exit %v", code)
	}
	return n / time.Since(start).Seconds()
}

// SIGURG (async preemption requests) and SIGPROF (CPU profiling) arriving
// while machine code runs on its own stack must be harmless, both when the
// goroutine is in syscall state (Call) and when it is not (the plain
// trampoline): the handler runs on the signal stack and finds no Go frame
// at the PC.
func TestSignalsDuringMachineCode(t *testing.T) {
	ctx, _ := newTestContext(t, testStackSize)
	pc := loadCode(t, kernelCountdown(t))
	seconds := 1.0
	if testing.Short() {
		seconds = 0.2
	}
	n := uint64(countdownRate(t, ctx, pc) * seconds)

	prof, err := os.CreateTemp(t.TempDir(), "cpu")
	if err != nil {
		t.Fatal(err)
	}
	if err := pprof.StartCPUProfile(prof); err != nil {
		t.Fatal(err)
	}
	defer pprof.StopCPUProfile()

	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	pid, tid := unix.Getpid(), unix.Gettid()
	stop := make(chan struct{})
	var sent atomic.Int64
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			for _, sig := range []unix.Signal{unix.SIGURG, unix.SIGPROF} {
				if unix.Tgkill(pid, tid, sig) == nil {
					sent.Add(1)
				}
			}
			time.Sleep(100 * time.Microsecond)
		}
	}()
	defer close(stop)

	for _, mode := range []string{"syscall", "plain"} {
		sp, ok := ctx.PushEntry()
		if !ok {
			t.Fatal("PushEntry")
		}
		ctx.Scratch[0] = n
		before := sent.Load()
		start := time.Now()
		var code ExitCode
		if mode == "syscall" {
			code = Call(ctx, pc, sp)
		} else {
			enter(ctx, pc, sp)
			code = ctx.ExitCode
		}
		ctx.PopEntry()
		if code != ExitReturn {
			t.Fatalf("%s: exit %v", mode, code)
		}
		t.Logf("%s: %.2fs loop, %d signals sent to its thread", mode, time.Since(start).Seconds(), sent.Load()-before)
	}
}
