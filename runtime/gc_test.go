package runtime

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/sablewasm/sable/abi"
)

// gcModule has one type of every shape the tests need and globals and a
// table initialized by GC constant expressions.
const gcModule = `(module
	(type $pair (struct (field $a (mut i32)) (field $next (mut (ref null $pair)))))
	(type $packed (struct (field i8) (field (mut i16)) (field i64) (field f32) (field (mut anyref)) (field funcref)))
	(type $bytes (array (mut i8)))
	(type $refs (array (mut anyref)))
	(type $fixed (array i64))
	(func $f)
	(global $g1 (export "list") (ref $pair)
		(struct.new $pair (i32.const 1) (struct.new $pair (i32.const 2) (struct.new_default $pair))))
	(global $g2 (export "packed") (ref $packed)
		(struct.new $packed (i32.const 0x1ff) (i32.const -1) (i64.const -5) (f32.const 1.5)
			(ref.i31 (i32.const -3)) (ref.func $f)))
	(global (export "bytes") (ref $bytes) (array.new $bytes (i32.const 0x1ab) (i32.const 5)))
	(global (export "zeros") (ref $bytes) (array.new_default $bytes (i32.const 3)))
	(global (export "fixed") (ref $fixed) (array.new_fixed $fixed 3 (i64.const 7) (i64.const 8) (i64.const 9)))
	(global (export "shared") (ref $refs) (array.new $refs (global.get $g1) (i32.const 2)))
	(global (export "ext") externref (extern.convert_any (global.get $g1)))
	(global (export "int") anyref (any.convert_extern (extern.convert_any (global.get $g1))))
	(global $m (export "mut") (mut anyref) (ref.null any))
	(table (export "tab") 4 anyref)
	(elem (table 0) (i32.const 0) anyref (struct.new $pair (i32.const 42) (ref.null $pair)) (ref.i31 (i32.const 9)) (ref.null any))
)`

func gcStore(t *testing.T, cfg Config, limits StoreLimits) (*Store, *Instance) {
	t.Helper()
	st := NewStore(NewEngine(cfg), limits)
	t.Cleanup(func() { st.Close() })
	return st, mustInstantiate(t, st, gcModule, nil)
}

func field(t *testing.T, o *Object, i int) Value {
	t.Helper()
	v, err := o.Field(i)
	if err != nil {
		t.Fatalf("field %d of %v: %v", i, o, err)
	}
	return v
}

func elem(t *testing.T, o *Object, i uint32) Value {
	t.Helper()
	v, err := o.Elem(i)
	if err != nil {
		t.Fatalf("element %d of %v: %v", i, o, err)
	}
	return v
}

// checkModuleObjects reads back everything the constant expressions of
// gcModule built.
func checkModuleObjects(t *testing.T, inst *Instance) {
	t.Helper()
	list := inst.Global("list").Get().Object()
	for i, want := range []int32{1, 2, 0} {
		if list == nil {
			t.Fatalf("list ends after %d cells", i)
		}
		if got := field(t, list, 0).I32(); got != want {
			t.Errorf("cell %d holds %d, want %d", i, got, want)
		}
		list = field(t, list, 1).Object()
	}
	if list != nil {
		t.Error("list too long")
	}
	p := inst.Global("packed").Get().Object()
	if v := field(t, p, 0); v.I32() != 0xff {
		t.Errorf("i8 field %v, want 255 (truncated, zero-extended)", v)
	}
	if v := field(t, p, 1); v.I32() != 0xffff {
		t.Errorf("i16 field %v", v)
	}
	if v := field(t, p, 2); v.I64() != -5 {
		t.Errorf("i64 field %v", v)
	}
	if v := field(t, p, 3); v.F32() != 1.5 {
		t.Errorf("f32 field %v", v)
	}
	if v := field(t, p, 4); !v.IsI31() || v.I31() != -3 {
		t.Errorf("anyref field %v", v)
	}
	if v := field(t, p, 5); v.Func() == nil || v.Func() != inst.funcs[0] {
		t.Errorf("funcref field %v", v)
	}
	b := inst.Global("bytes").Get().Object()
	if n, err := b.Len(); n != 5 || err != nil {
		t.Errorf("bytes length %d, %v", n, err)
	}
	for i := range uint32(5) {
		if v := elem(t, b, i); v.I32() != 0xab {
			t.Errorf("byte %d = %v", i, v)
		}
	}
	if n, _ := inst.Global("zeros").Get().Object().Len(); n != 3 {
		t.Errorf("zeros length %d", n)
	}
	f := inst.Global("fixed").Get().Object()
	for i, want := range []int64{7, 8, 9} {
		if v := elem(t, f, uint32(i)); v.I64() != want {
			t.Errorf("fixed[%d] = %v", i, v)
		}
	}
	// Both elements and the global are one object: a collection must not
	// duplicate it.
	sh := inst.Global("shared").Get().Object()
	first, second := elem(t, sh, 0).Object(), elem(t, sh, 1).Object()
	if !sameObject(t, first, second) || !sameObject(t, first, inst.Global("list").Get().Object()) {
		t.Error("shared references differ")
	}
	if v := inst.Global("ext").Get(); v.Type() != RefType(false, HeapExtern) || v.Object() == nil {
		t.Errorf("externalized struct reads as %v", v)
	}
	if v := inst.Global("int").Get(); v.Object() == nil || !sameObject(t, v.Object(), first) {
		t.Errorf("internalized struct reads as %v", v)
	}
	tab := inst.Table("tab")
	e0, _ := tab.Get(0)
	if e0.Object() == nil || field(t, e0.Object(), 0).I32() != 42 {
		t.Errorf("table[0] = %v", e0)
	}
	if e1, _ := tab.Get(1); !e1.IsI31() || e1.I31() != 9 {
		t.Errorf("table[1] = %v", e1)
	}
	if e2, _ := tab.Get(2); !e2.IsNull() {
		t.Errorf("table[2] = %v", e2)
	}
}

// sameObject compares two handles by the reference they hold.
func sameObject(t *testing.T, a, b *Object) bool {
	t.Helper()
	ra, err1 := a.raw(a.st)
	rb, err2 := b.raw(b.st)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return ra == rb
}

func TestGCConstExprs(t *testing.T) {
	_, inst := gcStore(t, Config{}, StoreLimits{})
	checkModuleObjects(t, inst)
}

// Every object survives collections that move it, through every kind of
// root: globals, tables, element segments, Go's handles.
func TestGCConstExprsSurviveCollections(t *testing.T) {
	for _, stress := range []bool{false, true} {
		t.Run(fmt.Sprintf("stress=%v", stress), func(t *testing.T) {
			st, inst := gcStore(t, Config{GCStress: stress}, StoreLimits{})
			held := inst.Global("list").Get().Object()
			for range 3 {
				if err := st.GC(); err != nil {
					t.Fatal(err)
				}
			}
			if s := st.GCStats(); s.Collections < 3 || s.LiveBytes == 0 {
				t.Errorf("stats %+v", s)
			}
			checkModuleObjects(t, inst)
			if v := field(t, held, 0); v.I32() != 1 {
				t.Errorf("held object reads %v after collections", v)
			}
		})
	}
}

func TestGCObjectAccess(t *testing.T) {
	st, inst := gcStore(t, Config{}, StoreLimits{})
	pair, _ := inst.Module().HeapType(0)
	packed, _ := inst.Module().HeapType(1)
	bytes, _ := inst.Module().HeapType(2)
	refs, _ := inst.Module().HeapType(3)

	a, err := st.NewStruct(pair, I32(10), NullRef(pair))
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.NewStruct(pair, I32(20), ObjectRef(a))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SetField(1, ObjectRef(b)); err != nil { // a cycle
		t.Fatal(err)
	}
	if err := st.GC(); err != nil {
		t.Fatal(err)
	}
	if next := field(t, field(t, a, 1).Object(), 1).Object(); !sameObject(t, next, a) {
		t.Error("cycle broken by a collection")
	}
	if err := a.SetField(0, I64(1)); err == nil {
		t.Error("stored an i64 in an i32 field")
	}
	if err := a.SetField(2, I32(1)); err == nil {
		t.Error("stored a field that does not exist")
	}
	p, err := st.NewStruct(packed, I32(-1), I32(0x12345), I64(1), F32(2), HostRef("x"), NullRef(HeapFunc))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetField(0, I32(1)); err == nil {
		t.Error("stored an immutable field")
	}
	if v := field(t, p, 1); v.I32() != 0x2345 {
		t.Errorf("i16 field %#x", v.I32())
	}
	if v := field(t, p, 4); v.Extern() != "x" || v.Type() != RefType(false, HeapAny) {
		t.Errorf("host anyref field %v", v)
	}
	if _, err := st.NewStruct(pair, I32(1)); err == nil {
		t.Error("struct with too few fields")
	}
	if _, err := st.NewStruct(bytes); err == nil {
		t.Error("NewStruct of an array type")
	}

	arr, err := st.NewArray(refs, 3, I31Ref(5))
	if err != nil {
		t.Fatal(err)
	}
	if err := arr.SetElem(1, ObjectRef(a)); err != nil {
		t.Fatal(err)
	}
	if _, err := arr.Elem(3); !errors.Is(err, ErrOutOfBoundsArray) {
		t.Errorf("element 3 of 3: %v", err)
	}
	if err := st.GC(); err != nil {
		t.Fatal(err)
	}
	if v := elem(t, arr, 0); v.I31() != 5 {
		t.Errorf("arr[0] = %v", v)
	}
	if v := elem(t, arr, 1).Object(); v == nil || field(t, v, 0).I32() != 10 {
		t.Errorf("arr[1] = %v", v)
	}
	fixed, err := st.NewArrayOf(bytes, I32(1), I32(2), I32(0x303))
	if err != nil {
		t.Fatal(err)
	}
	if v := elem(t, fixed, 2); v.I32() != 3 {
		t.Errorf("fixed[2] = %v", v)
	}
	if _, err := st.NewArray(pair, 1, Value{}); err == nil {
		t.Error("NewArray of a struct type")
	}
}

// The host API applies abi's size rule: every length above MaxLen traps
// with allocation size too large, every length up to it allocates.
func TestGCHostAllocationBoundaries(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	inst := mustInstantiate(t, st, `(module
		(type (array (mut i8))) (type (array (mut i16))) (type (array (mut i32))) (type (array (mut i64)))
		(type (array (mut f32))) (type (array (mut f64))) (type (array (mut anyref))) (type (array (mut v128))))`, nil)
	for idx := range uint32(8) {
		h, _ := inst.Module().HeapType(idx)
		l, _ := st.layout(h.TypeID())
		for _, n := range []uint32{0, 1, l.Array.MaxLen, l.Array.MaxLen + 1, 1<<29 - 1, 1<<31 - 1, 1<<32 - 1} {
			o, err := st.NewArray(h, n, Value{})
			if n > l.Array.MaxLen {
				if !errors.Is(err, ErrAllocationTooLarge) {
					t.Errorf("type %d, length %d: %v, want %v", idx, n, err, ErrAllocationTooLarge)
				}
				continue
			}
			if err != nil {
				t.Errorf("type %d, length %d: %v", idx, n, err)
				continue
			}
			if got, err := o.Len(); got != n || err != nil {
				t.Errorf("type %d: length %d, %v", idx, got, err)
			}
			if n > 0 {
				if v, err := o.Elem(n - 1); err != nil || (v.Bits() != 0 && !v.IsNull()) {
					t.Errorf("type %d: last element %v, %v", idx, v, err)
				}
			}
			o.Release()
		}
	}
}

// Objects Go no longer holds are collected; held ones are not; a full
// heap traps with GC heap out of memory and recovers once objects die.
func TestGCReleaseScopesAndOutOfMemory(t *testing.T) {
	st, inst := gcStore(t, Config{}, StoreLimits{MaxGCHeapBytes: 1 << 20})
	bytes, _ := inst.Module().HeapType(2)
	if err := st.GC(); err != nil {
		t.Fatal(err)
	}
	base := st.GCStats().LiveBytes

	held, err := st.NewArray(bytes, 1000, Value{})
	if err != nil {
		t.Fatal(err)
	}
	sc := st.OpenScope()
	for range 10 {
		if _, err := st.NewArray(bytes, 1000, Value{}); err != nil {
			t.Fatal(err)
		}
	}
	inner := st.OpenScope()
	kept, err := st.NewArray(bytes, 1000, Value{})
	if err != nil {
		t.Fatal(err)
	}
	retained, err := kept.Retain()
	if err != nil {
		t.Fatal(err)
	}
	sc.Close() // closes inner too
	inner.Close()
	if _, err := kept.Len(); !errors.Is(err, ErrReleased) {
		t.Errorf("scoped object after its scope: %v", err)
	}
	if err := st.GC(); err != nil {
		t.Fatal(err)
	}
	if live := st.GCStats().LiveBytes - base; live != 2*1016 {
		t.Errorf("%d live bytes beyond the module's; want two arrays of 1016", live)
	}
	held.Release()
	retained.Release()
	held.Release()
	if _, err := held.Elem(0); !errors.Is(err, ErrReleased) {
		t.Errorf("released object: %v", err)
	}

	var all []*Object
	for {
		o, err := st.NewArray(bytes, 64<<10, Value{})
		if err != nil {
			if !errors.Is(err, ErrGCHeapOutOfMemory) {
				t.Fatalf("got %v, want %v", err, ErrGCHeapOutOfMemory)
			}
			break
		}
		all = append(all, o)
		if len(all) > 100 {
			t.Fatal("heap limit not enforced")
		}
	}
	if len(all) < 10 {
		t.Errorf("only %d arrays of 64 KiB fit in 1 MiB", len(all))
	}
	for _, o := range all {
		o.Release()
	}
	if _, err := st.NewArray(bytes, 64<<10, Value{}); err != nil {
		t.Fatalf("after releasing: %v", err)
	}
}

// Host values nothing refers to any more are dropped by a collection.
func TestGCHostValuesSwept(t *testing.T) {
	st, inst := gcStore(t, Config{}, StoreLimits{})
	g := inst.Global("mut")
	if err := g.Set(HostRef("kept")); err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if err := g.Set(HostRef("dropped")); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Set(HostRef("kept")); err != nil {
		t.Fatal(err)
	}
	if err := st.GC(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, used := range st.host.used {
		if used {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d host values live after a collection; want 1", n)
	}
	if v := g.Get(); v.Extern() != "kept" {
		t.Errorf("global holds %v", v)
	}
}

// Host functions take and return GC references; the references Wasm
// holds across the call survive a collection inside it.
func TestGCHostFunctions(t *testing.T) {
	if !haveBackend {
		t.Skip("no back end")
	}
	for _, stress := range []bool{false, true} {
		t.Run(fmt.Sprintf("stress=%v", stress), func(t *testing.T) {
			st := NewStore(NewEngine(Config{GCStress: stress}), StoreLimits{})
			t.Cleanup(func() { st.Close() })
			mod := compileWAT(t, st.Engine(), `(module
				(type $pair (struct (field $a (mut i32)) (field $next (mut (ref null $pair)))))
				(import "host" "make" (func $make (param anyref) (result anyref)))
				(global $g (mut anyref) (struct.new $pair (i32.const 5) (ref.null $pair)))
				(global (export "out") (mut anyref) (ref.null any))
				(func (export "run")
					(global.set 1 (call $make (global.get $g)))))`)
			pair, _ := mod.HeapType(0)
			var seen int32
			mk, err := NewRawHostFunc(&FuncType{Params: []ValType{TypeAnyRef}, Results: []ValType{TypeAnyRef}},
				func(ctx context.Context, c *Caller, args []Value) ([]Value, error) {
					in := args[0].Object()
					if in == nil {
						return nil, fmt.Errorf("argument %v", args[0])
					}
					seen = field(t, in, 0).I32()
					if err := st.GC(); err != nil {
						return nil, err
					}
					out, err := st.NewStruct(pair, I32(seen+1), ObjectRef(in))
					return []Value{ObjectRef(out)}, err
				})
			if err != nil {
				t.Fatal(err)
			}
			var im Imports
			im.Define("host", "make", mk)
			inst, err := st.Instantiate(context.Background(), mod, &im)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := inst.Func("run").Call(context.Background()); err != nil {
				t.Fatal(err)
			}
			out := inst.Global("out").Get().Object()
			if seen != 5 || out == nil || field(t, out, 0).I32() != 6 || field(t, field(t, out, 1).Object(), 0).I32() != 5 {
				t.Errorf("host saw %d, returned %v", seen, out)
			}
		})
	}
}

var _ = abi.MaxObjectBytes

// NewHostFunc maps runtime.Value to anyref: GC objects, i31s and host
// values go in and out of Go functions.
func TestGCNewHostFuncValues(t *testing.T) {
	if !haveBackend {
		t.Skip("no back end")
	}
	st := newTestStore(t, StoreLimits{})
	mod := compileWAT(t, st.Engine(), `(module
		(type $box (struct (field i32)))
		(import "host" "wrap" (func $wrap (param anyref) (result anyref)))
		(func (export "run") (param i32) (result i32)
			(struct.get $box 0 (ref.cast (ref $box) (call $wrap (ref.i31 (local.get 0))))))
		(func (export "null") (result i32) (ref.is_null (call $wrap (ref.null any)))))`)
	box, _ := mod.HeapType(0)
	wrap, err := NewHostFunc(func(v Value) (Value, error) {
		if v.IsNull() {
			return Value{}, nil // the zero Value: null
		}
		if !v.IsI31() {
			return Value{}, fmt.Errorf("got %v", v)
		}
		o, err := st.NewStruct(box, I32(v.I31()*2))
		return ObjectRef(o), err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := (&FuncType{Params: []ValType{TypeAnyRef}, Results: []ValType{TypeAnyRef}}); wrap.Type().String() != want.String() {
		t.Fatalf("type %v", wrap.Type())
	}
	var im Imports
	im.Define("host", "wrap", wrap)
	inst, err := st.Instantiate(context.Background(), mod, &im)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := inst.Func("run").Call(context.Background(), I32(21)); err != nil || res[0].I32() != 42 {
		t.Errorf("run(21) = %v, %v", res, err)
	}
	if res, err := inst.Func("null").Call(context.Background()); err != nil || res[0].I32() != 1 {
		t.Errorf("null() = %v, %v", res, err)
	}
}

// References Wasm frames hold across a host call survive collections the
// host function causes, including inside a nested activation (host ->
// Wasm -> host): the root walk follows every activation's frames by their
// stack maps.
func TestGCRootsAcrossNestedActivations(t *testing.T) {
	if !haveBackend {
		t.Skip("no back end")
	}
	for _, stress := range []bool{false, true} {
		t.Run(fmt.Sprintf("stress=%v", stress), func(t *testing.T) {
			st := NewStore(NewEngine(Config{GCStress: stress}), StoreLimits{})
			t.Cleanup(func() { st.Close() })
			mod := compileWAT(t, st.Engine(), `(module
				(type $box (struct (field i32)))
				(import "host" "churn" (func $churn (param i32)))
				;; depth levels of frames, each holding a box across the host call.
				(func $nest (export "nest") (param $d i32) (result i32)
					(local $mine (ref $box))
					(local.set $mine (struct.new $box (local.get $d)))
					(if (local.get $d) (then (call $churn (i32.sub (local.get $d) (i32.const 1)))))
					(drop (struct.new $box (i32.const -1)))
					(i32.add (struct.get $box 0 (local.get $mine))
						(if (result i32) (local.get $d) (then (call $nest (i32.sub (local.get $d) (i32.const 1)))) (else (i32.const 0))))))`)
			var inst *Instance
			churn, err := NewHostFunc(func(ctx context.Context, d int32) error {
				if err := st.GC(); err != nil {
					return err
				}
				if d%2 == 0 { // a nested activation that allocates and collects
					res, err := inst.Func("nest").Call(ctx, I32(d))
					if err != nil {
						return err
					}
					if want := d * (d + 1) / 2; res[0].I32() != want {
						return fmt.Errorf("nested nest(%d) = %d, want %d", d, res[0].I32(), want)
					}
				}
				return st.GC()
			})
			if err != nil {
				t.Fatal(err)
			}
			var im Imports
			im.Define("host", "churn", churn)
			if inst, err = st.Instantiate(context.Background(), mod, &im); err != nil {
				t.Fatal(err)
			}
			res, err := inst.Func("nest").Call(context.Background(), I32(6))
			if err != nil {
				t.Fatal(err)
			}
			if res[0].I32() != 21 {
				t.Errorf("nest(6) = %d, want 21", res[0].I32())
			}
			if st.GCStats().MajorCollections < 10 {
				t.Errorf("only %d major collections", st.GCStats().MajorCollections)
			}
		})
	}
}
