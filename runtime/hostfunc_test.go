package runtime

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestNewHostFunc(t *testing.T) {
	type ctxKey struct{}
	f, err := NewHostFunc(func(ctx context.Context, c *Caller, a int32, b uint32, x int64, y uint64, p float32, q float64, v [16]byte, fn *Func, ext any) (int64, float64, any, error) {
		if ctx.Value(ctxKey{}) != "yes" || c == nil || c.Instance() != nil {
			return 0, 0, nil, errors.New("bad context or caller")
		}
		return int64(a) + int64(b) + x + int64(y), float64(p) * q, ext, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "(func (param i32 i32 i64 i64 f32 f64 v128 (ref null func) (ref null extern)) (result i64 f64 (ref null extern)))"
	if got := f.Type().String(); got != want {
		t.Fatalf("type %s, want %s", got, want)
	}
	ctx := context.WithValue(context.Background(), ctxKey{}, "yes")
	res, err := f.Call(ctx, I32(-1), I32(-1), I64(10), I64(5), F32(1.5), F64(4), V128([16]byte{}), FuncRef(f), ExternRef("x"))
	if err != nil {
		t.Fatal(err)
	}
	// -1 + 0xffffffff + 10 + 5
	if res[0].I64() != 0xffffffff+14 || res[1].F64() != 6 || res[2].Extern() != "x" {
		t.Errorf("results %v", res)
	}
	// Arguments are checked against the signature before the call.
	if _, err := f.Call(ctx, I32(1)); err == nil {
		t.Error("call with too few arguments succeeded")
	}
	if _, err := f.Call(ctx, I64(1), I32(-1), I64(10), I64(5), F32(1.5), F64(4), V128([16]byte{}), FuncRef(f), ExternRef("x")); err == nil {
		t.Error("call with an i64 for an i32 succeeded")
	}
	if _, err := f.Call(ctx, I32(1), I32(-1), I64(10), I64(5), F32(1.5), F64(4), V128([16]byte{}), ExternRef(1), ExternRef("x")); err == nil {
		t.Error("call with an externref for a funcref succeeded")
	}
}

func TestNewHostFuncRejectsBadSignatures(t *testing.T) {
	for _, fn := range []any{
		nil,
		42,
		(func())(nil),
		func(string) {},
		func() string { return "" },
		func(...int32) {},
		func(int32, context.Context) {},
		func() (error, int32) { return nil, 0 },
	} {
		if _, err := NewHostFunc(fn); err == nil {
			t.Errorf("NewHostFunc(%T) succeeded", fn)
		}
	}
}

func TestHostFuncErrorsAndPanics(t *testing.T) {
	ctx := context.Background()
	sentinel := errors.New("sentinel")
	fails, _ := NewHostFunc(func() error { return sentinel })
	if _, err := fails.Call(ctx); err != sentinel {
		t.Errorf("error result: %v", err)
	}
	panics, _ := NewHostFunc(func(x int32) int32 { return 10 / x })
	_, err := panics.Call(ctx, I32(0))
	var pe *PanicError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "divide by zero") || len(pe.Stack) == 0 {
		t.Fatalf("panic: %v", err)
	}
	panicsErr, _ := NewHostFunc(func() { panic(sentinel) })
	if _, err := panicsErr.Call(ctx); !errors.Is(err, sentinel) {
		t.Errorf("panic with an error value does not unwrap to it: %v", err)
	}
	// A raw host function must return results of its type.
	raw, err := NewRawHostFunc(&FuncType{Results: []ValType{TypeI32}}, func(context.Context, *Caller, []Value) ([]Value, error) {
		return []Value{I64(1)}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Call(ctx); err == nil {
		t.Error("a result of the wrong type was accepted")
	}
	if _, err := NewRawHostFunc(&FuncType{}, nil); err == nil {
		t.Error("nil raw host function accepted")
	}
	if _, err := NewRawHostFunc(&FuncType{Params: []ValType{RefType(true, ConcreteHeapType(0))}}, func(context.Context, *Caller, []Value) ([]Value, error) { return nil, nil }); !errors.Is(err, ErrNotImplemented) {
		t.Errorf("concrete reference type: %v", err)
	}
}

func TestHostFuncCancelledContext(t *testing.T) {
	ran := false
	f, _ := NewHostFunc(func() { ran = true })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.Call(ctx)
	if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.Canceled) || ran {
		t.Errorf("call with a cancelled context: %v (ran: %v)", err, ran)
	}
}

// Floats cross the reflection boundary bit for bit: a signaling NaN stays
// signaling.
func TestHostFuncNaNBits(t *testing.T) {
	id, _ := NewHostFunc(func(a float32, b float64) (float32, float64) { return a, b })
	res, err := id.Call(context.Background(), F32FromBits(0x7f800001), F64FromBits(0x7ff0000000000001))
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Bits() != 0x7f800001 || res[1].Bits() != 0x7ff0000000000001 {
		t.Errorf("NaN bits changed: %#x %#x", res[0].Bits(), res[1].Bits())
	}
}

// A host function imported into two instances of a Store is one function:
// one record, one funcref identity.
func TestHostFuncIdentityInStore(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	f, _ := NewHostFunc(func() {})
	var im Imports
	im.Define("h", "f", f)
	src := `(module (import "h" "f" (func $f)) (table (export "t") 1 funcref) (elem (i32.const 0) func $f))`
	a := mustInstantiate(t, st, src, &im)
	b := mustInstantiate(t, st, src, &im)
	va, _ := a.Table("t").Get(0)
	vb, _ := b.Table("t").Get(0)
	if va.Func() != f || vb.Func() != f {
		t.Errorf("tables hold %v and %v, want the host function", va, vb)
	}
	if st.hostRefs[f] == nil || len(st.hostRefs) != 1 {
		t.Error("host function bound more than once")
	}
}
