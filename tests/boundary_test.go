package tests

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// The allocation boundary table (issue 4): for every element type, at the
// lengths around and far beyond what abi's size rule allows, through every
// instruction that allocates an array, through constant expressions and
// through the host API, an array either allocates correctly — array.len
// and its last element agree with what was asked — or the allocation traps
// "allocation size too large". array.new_data and array.new_elem check
// their segment's range first, as the spec orders it, so lengths beyond a
// small segment trap "out of bounds" there instead.

type boundaryElem struct {
	name    string // the storage type in WAT
	result  string // the type array.get returns
	get     string // array.get, or array.get_u for packed types
	init    string // a non-default element value
	zero    string // the default value, for empty arrays
	storage abi.Storage
	isInit  func(runtime.Value) bool // v is what init makes
	isZero  func(runtime.Value) bool
	dataVal func(runtime.Value) bool // v is an element of the data segment (0x5a bytes)
}

func isI32(n int32) func(runtime.Value) bool {
	return func(v runtime.Value) bool { return v.I32() == n }
}
func isBits(b uint64) func(runtime.Value) bool {
	return func(v runtime.Value) bool { return v.Bits() == b }
}

var boundaryElems = []boundaryElem{
	{"i8", "i32", "array.get_u", "(i32.const 0x17f)", "(i32.const 0)", abi.StorageI8, isI32(0x7f), isI32(0), isI32(0x5a)},
	{"i16", "i32", "array.get_u", "(i32.const 0x18001)", "(i32.const 0)", abi.StorageI16, isI32(0x8001), isI32(0), isI32(0x5a5a)},
	{"i32", "i32", "array.get", "(i32.const -7)", "(i32.const 0)", abi.StorageI32, isI32(-7), isI32(0), isI32(0x5a5a5a5a)},
	{"i64", "i64", "array.get", "(i64.const -8)", "(i64.const 0)", abi.StorageI64, isBits(1<<64 - 8), isBits(0), isBits(0x5a5a5a5a5a5a5a5a)},
	{"f32", "f32", "array.get", "(f32.const 1.5)", "(f32.const 0)", abi.StorageF32, isBits(0x3fc00000), isBits(0), isBits(0x5a5a5a5a)},
	{"f64", "f64", "array.get", "(f64.const -2.5)", "(f64.const 0)", abi.StorageF64, isBits(0xc004000000000000), isBits(0), isBits(0x5a5a5a5a5a5a5a5a)},
	{"structref", "structref", "array.get", "(struct.new $s (i32.const 9))", "(ref.null struct)", abi.StorageGCRef,
		func(v runtime.Value) bool { return v.Object() != nil }, runtime.Value.IsNull, nil},
	{"funcref", "funcref", "array.get", "(ref.func $f)", "(ref.null func)", abi.StorageFuncRef,
		func(v runtime.Value) bool { return v.Func() != nil }, runtime.Value.IsNull, nil},
}

// boundaryLengths are the lengths of the table for an element type.
func boundaryLengths(maxLen uint32) []uint32 {
	return []uint32{0, 1, maxLen, maxLen + 1, 1<<29 - 1, 1<<31 - 1, 1<<32 - 1}
}

// outcome is what an allocation of n elements must do.
type outcome int

const (
	allocates outcome = iota
	tooLarge
	segmentOutOfBounds
)

func (o outcome) String() string {
	return [...]string{"allocates", "traps allocation size too large", "traps out of bounds"}[o]
}

// expect applies the size rule (and, for segment sources holding seg
// elements, the segment range check before it).
func expect(n, maxLen uint32, seg int) outcome {
	if seg >= 0 && uint64(n) > uint64(seg) {
		return segmentOutOfBounds
	}
	if n > maxLen {
		return tooLarge
	}
	return allocates
}

// boundaryModule defines, for one element type, the array type $t, a
// function per allocating instruction taking the length and returning
// array.len and the last element (or the default for an empty array), a
// 16-byte data segment and a 2-entry element segment.
func boundaryModule(e boundaryElem) string {
	var b strings.Builder
	fmt.Fprintf(&b, `(module
	(type $s (struct (field i32)))
	(type $t (array (mut %s)))
	(func $f)
	(elem declare func $f)
	(data $d "\5a\5a\5a\5a\5a\5a\5a\5a\5a\5a\5a\5a\5a\5a\5a\5a")
`, e.name)
	if e.storage == abi.StorageGCRef || e.storage == abi.StorageFuncRef {
		fmt.Fprintf(&b, "\t(elem $e %s %s %s)\n", e.name, e.init, e.init)
	}
	alloc := map[string]string{
		"array.new":         "(array.new $t " + e.init + " (local.get $n))",
		"array.new_default": "(array.new_default $t (local.get $n))",
	}
	if e.dataVal != nil {
		alloc["array.new_data"] = "(array.new_data $t $d (i32.const 0) (local.get $n))"
	}
	if e.storage == abi.StorageGCRef || e.storage == abi.StorageFuncRef {
		alloc["array.new_elem"] = "(array.new_elem $t $e (i32.const 0) (local.get $n))"
	}
	for name, expr := range alloc {
		fmt.Fprintf(&b, `	(func (export %q) (param $n i32) (result i32 %s)
		(local $a (ref null $t))
		(local.set $a %s)
		(array.len (local.get $a))
		(if (result %s) (local.get $n)
			(then (%s $t (local.get $a) (i32.sub (local.get $n) (i32.const 1))))
			(else %s)))
`, name, e.result, expr, e.result, e.get, e.zero)
	}
	// array.new_fixed has a static length: 0 and 1.
	fmt.Fprintf(&b, `	(func (export "array.new_fixed 0") (result i32) (array.len (array.new_fixed $t 0)))
	(func (export "array.new_fixed 1") (result %s) (%s $t (array.new_fixed $t 1 %s) (i32.const 0)))
)`, e.result, e.get, e.init)
	return b.String()
}

func compileText(t *testing.T, eng *runtime.Engine, src string) *runtime.Module {
	t.Helper()
	m, err := wat.ParseModule([]byte(src))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	mod, err := eng.Compile(wasm.Encode(m))
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return mod
}

// checkArray checks an allocation's outcome against want: the length and
// the last element (read back as last) when it allocates, else the trap.
func checkArray(t *testing.T, what string, n uint32, want outcome, length uint32, last runtime.Value, err error, isVal func(runtime.Value) bool, isZero func(runtime.Value) bool) {
	t.Helper()
	switch want {
	case allocates:
		if err != nil {
			t.Errorf("%s of %d: %v; want an array", what, n, err)
			return
		}
		if length != n {
			t.Errorf("%s of %d: array.len %d", what, n, length)
		}
		if n == 0 && !isZero(last) || n > 0 && !isVal(last) {
			t.Errorf("%s of %d: last element %v", what, n, last)
		}
	case tooLarge:
		if !errors.Is(err, runtime.ErrAllocationTooLarge) {
			t.Errorf("%s of %d: %v; want %v", what, n, err, runtime.ErrAllocationTooLarge)
		}
	case segmentOutOfBounds:
		if !errors.Is(err, runtime.ErrOutOfBoundsMemory) && !errors.Is(err, runtime.ErrOutOfBoundsTable) {
			t.Errorf("%s of %d: %v; want an out of bounds trap", what, n, err)
		}
	}
}

// TestAllocationBoundariesCompiled runs the table through the compiled
// allocating instructions, then again in GC stress mode, where every
// allocation takes the slow path and collects. The stress run leaves out
// the 1 GiB arrays of length MaxLen (as -short leaves them out of both):
// filling them is all they would add.
func TestAllocationBoundariesCompiled(t *testing.T) {
	for _, stress := range []bool{false, true} {
		for _, e := range boundaryElems {
			t.Run(fmt.Sprintf("stress=%v/%s", stress, e.name), func(t *testing.T) {
				eng := runtime.NewEngine(runtime.Config{GCStress: stress})
				st := runtime.NewStore(eng, runtime.StoreLimits{})
				defer st.Close()
				inst, err := st.Instantiate(context.Background(), compileText(t, eng, boundaryModule(e)), nil)
				if err != nil {
					t.Fatal(err)
				}
				maxLen := abi.LayoutArray(e.storage).MaxLen
				ctx := context.Background()
				for _, path := range []string{"array.new", "array.new_default", "array.new_data", "array.new_elem"} {
					f := inst.Func(path)
					if f == nil {
						continue
					}
					seg, isVal := -1, e.isInit
					switch path {
					case "array.new_default":
						isVal = e.isZero
					case "array.new_data":
						seg, isVal = 16/int(e.storage.Size()), e.dataVal
					case "array.new_elem":
						seg = 2
					}
					for _, n := range boundaryLengths(maxLen) {
						if (testing.Short() || stress) && n == maxLen {
							continue
						}
						res, err := f.Call(ctx, runtime.I32(int32(n)))
						if errors.Is(err, runtime.ErrNotCompiled) {
							t.Skipf("%s: %v", path, err)
						}
						var length uint32
						var last runtime.Value
						if err == nil {
							length, last = uint32(res[0].I32()), res[1]
						}
						checkArray(t, path, n, expect(n, maxLen, seg), length, last, err, isVal, e.isZero)
						if o := last.Object(); o != nil {
							o.Release()
						}
					}
				}
				res, err := inst.Func("array.new_fixed 0").Call(ctx)
				if err != nil || res[0].I32() != 0 {
					t.Errorf("array.new_fixed 0: %v %v", res, err)
				}
				res, err = inst.Func("array.new_fixed 1").Call(ctx)
				if err != nil || !e.isInit(res[0]) {
					t.Errorf("array.new_fixed 1: %v %v", res, err)
				}
			})
		}
	}
}

// TestAllocationBoundariesConstExpr runs the table through global
// initializers and element segment expressions (array.new,
// array.new_default; array.new_fixed at 0 and 1 elements), and through
// the host API (Store.NewArray).
func TestAllocationBoundariesConstExpr(t *testing.T) {
	for _, e := range boundaryElems {
		t.Run(e.name, func(t *testing.T) {
			// One Store for all the cases of an element type; each case's
			// array is dropped before the next allocates.
			eng := runtime.NewEngine(runtime.Config{})
			st := runtime.NewStore(eng, runtime.StoreLimits{})
			defer st.Close()
			maxLen := abi.LayoutArray(e.storage).MaxLen
			for _, n := range boundaryLengths(maxLen) {
				if testing.Short() && n == maxLen {
					continue
				}
				for _, c := range []struct{ what, expr, where string }{
					{"global array.new", fmt.Sprintf("(array.new $t %s (i32.const %d))", e.init, int32(n)), "global"},
					{"global array.new_default", fmt.Sprintf("(array.new_default $t (i32.const %d))", int32(n)), "global"},
					{"elem array.new", fmt.Sprintf("(array.new $t %s (i32.const %d))", e.init, int32(n)), "elem"},
				} {
					isVal := e.isInit
					if strings.Contains(c.what, "default") {
						isVal = e.isZero
					}
					length, last, err := constExprArray(t, st, e, c.expr, c.where)
					checkArray(t, c.what, n, expect(n, maxLen, -1), length, last, err, isVal, e.isZero)
				}
				length, last, err := hostArray(t, st, e, n)
				checkArray(t, "Store.NewArray", n, expect(n, maxLen, -1), length, last, err, e.isZero, e.isZero)
			}
			for n, fixed := range []string{"(array.new_fixed $t 0)", "(array.new_fixed $t 1 " + e.init + ")"} {
				length, last, err := constExprArray(t, st, e, fixed, "global")
				checkArray(t, "global array.new_fixed", uint32(n), allocates, length, last, err, e.isInit, e.isZero)
			}
		})
	}
}

// constExprArray instantiates, in st, a module whose mutable global
// (where == "global") or active element segment's table element (where
// == "elem") is initialized with expr, an array of type $t; reads the
// array back through the Go API, then sets the global or element to null
// so that the array can be collected.
func constExprArray(t *testing.T, st *runtime.Store, e boundaryElem, expr, where string) (uint32, runtime.Value, error) {
	t.Helper()
	holder := fmt.Sprintf("(global (export \"g\") (mut (ref null $t)) %s)", expr)
	if where == "elem" {
		holder = fmt.Sprintf("(table (export \"tab\") 1 arrayref) (elem (table 0) (i32.const 0) arrayref %s)", expr)
	}
	src := fmt.Sprintf(`(module (type $s (struct (field i32))) (type $t (array (mut %s))) (func $f) (elem declare func $f) %s)`, e.name, holder)
	inst, err := st.Instantiate(context.Background(), compileText(t, st.Engine(), src), nil)
	if err != nil {
		return 0, runtime.Value{}, err
	}
	var v runtime.Value
	if where == "elem" {
		v, err = inst.Table("tab").Get(0)
		if err == nil {
			err = inst.Table("tab").Set(0, runtime.NullRef(runtime.HeapArray))
		}
	} else {
		v = inst.Global("g").Get()
		err = inst.Global("g").Set(runtime.NullRef(runtime.HeapNone))
	}
	o := v.Object()
	if err != nil || o == nil {
		return 0, runtime.Value{}, fmt.Errorf("reading the array back: %v %v", v, err)
	}
	defer o.Release()
	return readArray(o)
}

// hostArray allocates, in st, a default array of n elements through the
// host API.
func hostArray(t *testing.T, st *runtime.Store, e boundaryElem, n uint32) (uint32, runtime.Value, error) {
	t.Helper()
	mod := compileText(t, st.Engine(), fmt.Sprintf(`(module (type $t (array (mut %s))))`, e.name))
	h, err := mod.HeapType(0)
	if err != nil {
		t.Fatal(err)
	}
	o, err := st.NewArray(h, n, runtime.Value{})
	if err != nil {
		return 0, runtime.Value{}, err
	}
	defer o.Release()
	return readArray(o)
}

// readArray returns an array's length and last element (a zero Value for
// an empty array, which checkArray then takes as the default).
func readArray(o *runtime.Object) (uint32, runtime.Value, error) {
	n, err := o.Len()
	if err != nil || n == 0 {
		return n, runtime.NullRef(runtime.HeapAny), err
	}
	v, err := o.Elem(n - 1)
	return n, v, err
}
