//go:build amd64

package runtime

import (
	"context"
	"errors"
	"math"
	goruntime "runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// End-to-end tests of compiled code: they need the amd64 back end.

const progs = `(module (@name "progs")
  (memory (export "mem") 1 4)
  (func $fib (@name "fib") (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "mixed") (param i64 f32 f64) (result f64 i64 f32)
    (f64.add (local.get 2) (f64.convert_i64_s (local.get 0)))
    (i64.mul (local.get 0) (i64.const -3))
    (f32.neg (local.get 1)))
  (func $divide (@name "divide") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $middle (@name "middle") (param i32) (result i32) (call $divide (i32.const 100) (local.get 0)))
  (func (@name "outer") (export "outer") (param i32) (result i32) (i32.add (call $middle (local.get 0)) (i32.const 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func $deep (@name "deep") (export "deep") (param i32) (result i32)
    (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "spin") (loop (br 0)))
  (func (export "unreachable") (unreachable))
)`

func progsInstance(t *testing.T, limits StoreLimits) *Instance {
	t.Helper()
	return mustInstantiate(t, newTestStore(t, limits), progs, nil)
}

func call(t *testing.T, inst *Instance, name string, args ...Value) []Value {
	t.Helper()
	res, err := inst.Func(name).Call(context.Background(), args...)
	if err != nil {
		t.Fatalf("%s%v: %v", name, args, err)
	}
	return res
}

func TestCallResults(t *testing.T) {
	inst := progsInstance(t, StoreLimits{})
	for n, want := range map[int32]int32{0: 0, 1: 1, 2: 1, 10: 55, 25: 75025} {
		if got := call(t, inst, "fib", I32(n))[0].I32(); got != want {
			t.Errorf("fib(%d) = %d, want %d", n, got, want)
		}
	}
	res := call(t, inst, "mixed", I64(-7), F32(1.5), F64(0.25))
	if len(res) != 3 || res[0].F64() != -6.75 || res[1].I64() != 21 || res[2].F32() != -1.5 {
		t.Errorf("mixed = %v", res)
	}
	// A negative zero survives the trip through the values buffer bit for bit.
	res = call(t, inst, "mixed", I64(0), F32(0), F64(math.Copysign(0, -1)))
	if res[0].Bits() != 0 || res[2].Bits() != 0x80000000 {
		t.Errorf("mixed(0, 0, -0) = %v", res)
	}
	call(t, inst, "store", I32(8), I32(-2))
	if got := call(t, inst, "load", I32(8))[0].I32(); got != -2 {
		t.Errorf("load after store = %d", got)
	}
	if b := inst.Memory("mem").Bytes()[8:12]; string(b) != "\xfe\xff\xff\xff" {
		t.Errorf("memory seen from Go: % x", b)
	}
}

func TestTrapsAndBacktrace(t *testing.T) {
	inst := progsInstance(t, StoreLimits{})
	ctx := context.Background()
	_, err := inst.Func("outer").Call(ctx, I32(0))
	var trap *Trap
	if !errors.As(err, &trap) || !errors.Is(err, ErrIntegerDivideByZero) || err.Error() != "integer divide by zero" {
		t.Fatalf("outer(0) = %v, want integer divide by zero", err)
	}
	var names []string
	for _, f := range trap.Backtrace {
		names = append(names, f.Module+"!"+f.FuncName)
	}
	if got := strings.Join(names, " "); got != "progs!divide progs!middle progs!outer" {
		t.Errorf("backtrace %q", got)
	}
	if trap.Backtrace[0].Offset <= 0 || trap.Backtrace[1].Offset != -1 {
		t.Errorf("frame offsets %+v", trap.Backtrace)
	}
	for _, c := range []struct {
		name string
		args []Value
		want error
	}{
		{"unreachable", nil, ErrUnreachable},
		{"load", []Value{I32(65535)}, ErrOutOfBoundsMemory},
		{"load", []Value{I32(-1)}, ErrOutOfBoundsMemory},
	} {
		if _, err := inst.Func(c.name).Call(ctx, c.args...); !errors.Is(err, c.want) {
			t.Errorf("%s%v = %v, want %v", c.name, c.args, err, c.want)
		}
	}
	// The Store is still usable, and grows are seen by bounds checks.
	if got := call(t, inst, "outer", I32(4))[0].I32(); got != 26 {
		t.Errorf("outer(4) after traps = %d", got)
	}
	if old := call(t, inst, "grow", I32(1))[0].I32(); old != 1 {
		t.Errorf("memory.grow returned %d", old)
	}
	if got := call(t, inst, "load", I32(65535))[0].I32(); got != 0 {
		t.Errorf("load from the new page = %d", got)
	}
	if got := call(t, inst, "grow", I32(10))[0].I32(); got != -1 {
		t.Errorf("memory.grow beyond the maximum = %d", got)
	}
	if got := call(t, inst, "size")[0].I32(); got != 2 || inst.Memory("mem").Size() != 2 {
		t.Errorf("memory.size = %d", got)
	}
}

func TestStackExhaustion(t *testing.T) {
	inst := progsInstance(t, StoreLimits{StackSize: 64 << 10})
	_, err := inst.Func("deep").Call(context.Background(), I32(0))
	var trap *Trap
	if !errors.As(err, &trap) || !errors.Is(err, ErrStackExhausted) {
		t.Fatalf("deep recursion = %v", err)
	}
	if n := len(trap.Backtrace); n != maxBacktrace || trap.Backtrace[0].FuncName != "deep" {
		t.Errorf("backtrace of %d frames, first %v", n, trap.Backtrace[0])
	}
	if got := call(t, inst, "fib", I32(15))[0].I32(); got != 610 {
		t.Errorf("fib(15) after exhaustion = %d", got)
	}
}

func TestCancelInfiniteLoop(t *testing.T) {
	inst := progsInstance(t, StoreLimits{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	_, err := inst.Func("spin").Call(ctx)
	if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled spin = %v", err)
	}
	dl, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	_, err = inst.Func("spin").Call(dl)
	if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("spin past its deadline = %v", err)
	}
	// A stale interrupt request does not disturb the next call.
	inst.st.res.exec.RequestInterrupt()
	if got := call(t, inst, "fib", I32(10))[0].I32(); got != 55 {
		t.Errorf("fib(10) after interrupts = %d", got)
	}
}

func TestHostCallbacks(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	var im Imports
	var seen []int32
	// down calls back into Wasm, which calls down again: host -> Wasm ->
	// host -> Wasm ... four activations deep.
	down, _ := NewHostFunc(func(ctx context.Context, c *Caller, n int32, scale float64) (int64, error) {
		seen = append(seen, n)
		switch {
		case n < 0:
			return 0, errors.New("negative")
		case n == 99:
			panic("ninety-nine")
		case n == 0:
			return 1000, nil
		}
		res, err := c.Instance().Func("call-down").Call(ctx, I32(n-1))
		if err != nil {
			return 0, err
		}
		return res[0].I64() + int64(scale*float64(n)), nil
	})
	im.Define("env", "down", down)
	inst := mustInstantiate(t, st, `(module
	  (import "env" "down" (func $down (param i32 f64) (result i64)))
	  (func (export "call-down") (param i32) (result i64)
	    (i64.add (call $down (local.get 0) (f64.const 10)) (i64.const 1)))
	  (func (export "trap-below") (param i32) (result i64)
	    (drop (call $down (local.get 0) (f64.const 1))) (unreachable)))`, &im)
	ctx := context.Background()
	res, err := inst.Func("call-down").Call(ctx, I32(3))
	// 1000 + 1, then each level adds 10*n + 1: 1001 + 11 + 21 + 31.
	if err != nil || res[0].I64() != 1064 {
		t.Fatalf("call-down(3) = %v, %v", res, err)
	}
	if len(seen) != 4 || seen[0] != 3 || seen[3] != 0 {
		t.Errorf("host saw %v", seen)
	}
	if _, err := inst.Func("call-down").Call(ctx, I32(-1)); err == nil || err.Error() != "negative" {
		t.Errorf("host error: %v", err)
	}
	var pe *PanicError
	if _, err := inst.Func("call-down").Call(ctx, I32(99)); !errors.As(err, &pe) || pe.Value != "ninety-nine" {
		t.Errorf("host panic: %v", err)
	}
	// A trap after nested activations returned has the backtrace of its own.
	if _, err := inst.Func("trap-below").Call(ctx, I32(2)); !errors.Is(err, ErrUnreachable) {
		t.Errorf("trap-below = %v", err)
	}
	if res, err := inst.Func("call-down").Call(ctx, I32(1)); err != nil || res[0].I64() != 1012 {
		t.Errorf("call-down(1) after failures = %v, %v", res, err)
	}
}

// A host function recursing through Wasm until the stack runs out: the
// EntryRecords of nested activations count against the stack too.
func TestNestedExhaustion(t *testing.T) {
	st := newTestStore(t, StoreLimits{StackSize: 64 << 10})
	var im Imports
	var again *Func
	rec, _ := NewHostFunc(func(ctx context.Context) error {
		_, err := again.Call(ctx)
		return err
	})
	im.Define("env", "rec", rec)
	inst := mustInstantiate(t, st, `(module (import "env" "rec" (func $rec)) (func (export "f") (call $rec)))`, &im)
	again = inst.Func("f")
	if _, err := again.Call(context.Background()); !errors.Is(err, ErrStackExhausted) {
		t.Fatalf("unbounded host/Wasm recursion = %v", err)
	}
	if st.res.exec.PrevEntry != 0 || st.res.exec.WasmSP != 0 {
		t.Error("activations left behind")
	}
}

func TestBulkAndTables(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	var im Imports
	h, _ := NewHostFunc(func(x int32) int32 { return x * 2 })
	im.Define("env", "double", h)
	inst := mustInstantiate(t, st, `(module
	  (import "env" "double" (func $double (param i32) (result i32)))
	  (type $i2i (func (param i32) (result i32)))
	  (memory (export "mem") 1)
	  (table $t (export "t") 4 funcref)
	  (data $d "hello")
	  (elem $e func $double $inc)
	  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
	  (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
	  (func (export "drop") (data.drop $d))
	  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
	  (func (export "tinit") (param i32 i32 i32) (table.init $t $e (local.get 0) (local.get 1) (local.get 2)))
	  (func (export "edrop") (elem.drop $e))
	  (func (export "tgrow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
	  (func (export "tfill") (param i32 i32) (table.fill $t (local.get 0) (ref.func $inc) (local.get 1)))
	  (func (export "tcopy") (param i32 i32 i32) (table.copy $t $t (local.get 0) (local.get 1) (local.get 2)))
	  (func (export "icall") (param i32 i32) (result i32) (call_indirect $t (type $i2i) (local.get 1) (local.get 0))))`, &im)
	ctx := context.Background()
	try := func(name string, args ...Value) ([]Value, error) { return inst.Func(name).Call(ctx, args...) }

	call(t, inst, "init", I32(10), I32(1), I32(4))
	call(t, inst, "copy", I32(20), I32(10), I32(4))
	if got := string(inst.Memory("mem").Bytes()[10:24]); got != "ello\x00\x00\x00\x00\x00\x00ello" {
		t.Errorf("memory = %q", got)
	}
	if _, err := try("init", I32(0), I32(3), I32(3)); !errors.Is(err, ErrOutOfBoundsMemory) {
		t.Errorf("memory.init past the segment = %v", err)
	}
	if _, err := try("copy", I32(65530), I32(0), I32(7)); !errors.Is(err, ErrOutOfBoundsMemory) {
		t.Errorf("memory.copy past the memory = %v", err)
	}
	call(t, inst, "drop")
	call(t, inst, "init", I32(0), I32(0), I32(0))
	if _, err := try("init", I32(0), I32(0), I32(1)); !errors.Is(err, ErrOutOfBoundsMemory) {
		t.Errorf("memory.init of a dropped segment = %v", err)
	}

	call(t, inst, "tinit", I32(0), I32(0), I32(2))
	if got := call(t, inst, "icall", I32(0), I32(21))[0].I32(); got != 42 {
		t.Errorf("call_indirect of the host function = %d", got)
	}
	if got := call(t, inst, "icall", I32(1), I32(41))[0].I32(); got != 42 {
		t.Errorf("call_indirect of $inc = %d", got)
	}
	if _, err := try("icall", I32(2), I32(0)); !errors.Is(err, ErrUninitializedElement) {
		t.Errorf("call_indirect of null = %v", err)
	}
	if _, err := try("icall", I32(4), I32(0)); !errors.Is(err, ErrUndefinedElement) {
		t.Errorf("call_indirect past the table = %v", err)
	}
	if old := call(t, inst, "tgrow", I32(2))[0].I32(); old != 4 || inst.Table("t").Size() != 6 {
		t.Errorf("table.grow = %d, size %d", old, inst.Table("t").Size())
	}
	call(t, inst, "tfill", I32(4), I32(2))
	call(t, inst, "tcopy", I32(2), I32(0), I32(1))
	if got := call(t, inst, "icall", I32(5), I32(1))[0].I32(); got != 2 {
		t.Errorf("call_indirect of a filled element = %d", got)
	}
	if got := call(t, inst, "icall", I32(2), I32(5))[0].I32(); got != 10 {
		t.Errorf("call_indirect of a copied element = %d", got)
	}
	if _, err := try("tfill", I32(5), I32(2)); !errors.Is(err, ErrOutOfBoundsTable) {
		t.Errorf("table.fill past the table = %v", err)
	}
	call(t, inst, "edrop")
	if _, err := try("tinit", I32(0), I32(0), I32(1)); !errors.Is(err, ErrOutOfBoundsTable) {
		t.Errorf("table.init of a dropped segment = %v", err)
	}
}

// A function the back end cannot compile reports ErrNotCompiled with the
// reason, whether called from Go or, through the no-code stub, from
// compiled code of another module.
func TestNotCompiled(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	lib := mustInstantiate(t, st, `(module
	  (tag $e)
	  (func (export "f") (block $h (try_table (catch_all $h) (throw $e)))))`, nil)
	_, err := lib.Func("f").Call(context.Background())
	if !errors.Is(err, ErrNotCompiled) || !strings.Contains(err.Error(), "try_table") {
		t.Fatalf("calling an uncompiled function: %v", err)
	}
	var im Imports
	im.DefineInstance("lib", lib)
	app := mustInstantiate(t, st, `(module (import "lib" "f" (func $f)) (func (export "g") (call $f)))`, &im)
	if _, err := app.Func("g").Call(context.Background()); !errors.Is(err, ErrNotCompiled) {
		t.Fatalf("calling an uncompiled import from compiled code: %v", err)
	}
}

// Module.Compiled tells a module the back end compiled entirely from one
// it could not, without calling anything.
func TestModuleCompiled(t *testing.T) {
	eng := NewEngine(Config{})
	bad := compileWAT(t, eng, `(module (tag $e) (func (export "f") (block $h (try_table (catch_all $h) (throw $e)))))`)
	if err := bad.Compiled(); !errors.Is(err, ErrNotCompiled) || !strings.Contains(err.Error(), "try_table") {
		t.Errorf("a module with try_table: Compiled() = %v", err)
	}
	good := compileWAT(t, eng, `(module (func (export "f") (result i32) (i32.const 1)))`)
	if err := good.Compiled(); haveBackend && err != nil {
		t.Errorf("a plain module: Compiled() = %v", err)
	} else if !haveBackend && !errors.Is(err, ErrNotCompiled) {
		t.Errorf("no back end: Compiled() = %v", err)
	}
}

// Many goroutines, each with its own Store, running one shared Module
// (and its one code mapping) at once. Run with -race.
func TestConcurrentExecution(t *testing.T) {
	eng := NewEngine(Config{})
	mod := compileWAT(t, eng, progs)
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Go(func() {
			st := NewStore(eng, StoreLimits{})
			defer st.Close()
			inst, err := st.Instantiate(context.Background(), mod, nil)
			if err != nil {
				t.Error(err)
				return
			}
			for i := range 50 {
				n := int32((w + i) % 20)
				res, err := inst.Func("fib").Call(context.Background(), I32(n))
				if err != nil || res[0].I32() != fibGo(n) {
					t.Errorf("worker %d: fib(%d) = %v, %v", w, n, res, err)
					return
				}
				if _, err := inst.Func("outer").Call(context.Background(), I32(0)); !errors.Is(err, ErrIntegerDivideByZero) {
					t.Errorf("worker %d: %v", w, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func fibGo(n int32) int32 {
	a, b := int32(0), int32(1)
	for range n {
		a, b = b, a+b
	}
	return a
}

// A host function that closes its Store ends the call cleanly: nothing is
// resumed on the unmapped stack.
func TestHostClosesStore(t *testing.T) {
	st := NewStore(NewEngine(Config{}), StoreLimits{})
	closer, _ := NewHostFunc(func() { st.Close() })
	var im Imports
	im.Define("env", "close", closer)
	inst := mustInstantiate(t, st, `(module (import "env" "close" (func $c)) (func (export "f") (call $c)))`, &im)
	if _, err := inst.Func("f").Call(context.Background()); !errors.Is(err, ErrStoreClosed) {
		t.Fatalf("call whose host function closed the store = %v", err)
	}
	if _, err := inst.Func("f").Call(context.Background()); !errors.Is(err, ErrStoreClosed) {
		t.Fatalf("call on a closed store = %v", err)
	}
}

// A trap in a nested activation has the frames of every activation in its
// backtrace, and cancelling the outer call's context stops code the host
// function started with a context of its own.
func TestNestedTrapAndCancel(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	var im Imports
	var inner *Instance
	cb, _ := NewHostFunc(func(ctx context.Context, which int32) error {
		name := map[int32]string{0: "trap", 1: "spin"}[which]
		_, err := inner.Func(name).Call(context.Background())
		return err
	})
	im.Define("env", "cb", cb)
	inner = mustInstantiate(t, st, `(module (@name "inner")
	  (func (@name "trap") (export "trap") unreachable)
	  (func (@name "spin") (export "spin") (loop (br 0))))`, nil)
	outer := mustInstantiate(t, st, `(module (@name "outer")
	  (import "env" "cb" (func $cb (param i32)))
	  (func (@name "go") (export "go") (param i32) (call $cb (local.get 0))))`, &im)

	_, err := outer.Func("go").Call(context.Background(), I32(0))
	var trap *Trap
	if !errors.As(err, &trap) || !errors.Is(err, ErrUnreachable) {
		t.Fatalf("nested trap = %v", err)
	}
	var frames []string
	for _, f := range trap.Backtrace {
		frames = append(frames, f.String())
	}
	if got := strings.Join(frames, ", "); !strings.HasPrefix(got, "inner!trap @ 0x") || !strings.HasSuffix(got, ", outer!go") {
		t.Errorf("backtrace %q, want inner!trap then outer!go", got)
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err = outer.Func("go").Call(ctx, I32(1))
	if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled outer call = %v", err)
	}
}

// Long-running machine code does not hold up Go: while it spins, another
// goroutine allocates and forces collections (which would need to stop the
// world, and would send the spinning thread SIGURG if it were preemptible
// Go), and the spin still ends at its deadline.
func TestLongRunningCodeBesideGC(t *testing.T) {
	inst := progsInstance(t, StoreLimits{})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	done := make(chan int)
	go func() {
		n := 0
		var keep [][]byte
		for ctx.Err() == nil {
			keep = append(keep, make([]byte, 1<<10))
			if len(keep) == 1<<10 {
				keep = nil
				goruntime.GC()
				n++
			}
		}
		done <- n
	}()
	start := time.Now()
	_, err := inst.Func("spin").Call(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("spin = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("interrupt took %v", d)
	}
	if n := <-done; n < 2 {
		t.Errorf("the allocating goroutine completed only %d collections beside the spin", n)
	}
}

func TestRefEq(t *testing.T) {
	inst := mustInstantiate(t, newTestStore(t, StoreLimits{}), `(module
  (func (export "eq") (param eqref eqref) (result i32) (ref.eq (local.get 0) (local.get 1)))
  (func (export "nulls") (result i32) (ref.eq (ref.null eq) (ref.null none))))`, nil)
	if got := call(t, inst, "nulls")[0].I32(); got != 1 {
		t.Errorf("ref.eq of two nulls = %d, want 1", got)
	}
	null := NullRef(HeapEq)
	for _, c := range []struct {
		a, b Value
		want int32
	}{{I31Ref(7), I31Ref(7), 1}, {I31Ref(7), I31Ref(8), 0}, {I31Ref(0), null, 0}, {null, null, 1}} {
		if got := call(t, inst, "eq", c.a, c.b)[0].I32(); got != c.want {
			t.Errorf("ref.eq(%v, %v) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
