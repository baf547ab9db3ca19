package compiler

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

const gcShapesSrc = `(module
  (type $pt (struct (field $x (mut i32)) (field $y (mut f64)) (field $c i8) (field $r (mut anyref))))
  (type $bytes (array (mut i8)))
  (type $refs (array (mut structref)))
  (func (export "new") (param i32) (result (ref $pt))
    (struct.new $pt (local.get 0) (f64.const 0) (i32.const 0) (ref.null any)))
  (func (export "fixed") (result (ref $bytes))
    (array.new_fixed $bytes 3 (i32.const 0) (i32.const 7) (i32.const 0)))
  (func (export "get2") (param (ref null $pt)) (result i32)
    (i32.add (struct.get $pt $x (local.get 0)) (struct.get_s $pt $c (local.get 0))))
  (func (export "elem2") (param (ref null $bytes) i32) (result i32)
    (i32.add (array.get_u $bytes (local.get 0) (local.get 1)) (array.get_s $bytes (local.get 0) (local.get 1))))
  (func (export "cast2") (param anyref) (result i32)
    (drop (ref.cast (ref $pt) (local.get 0)))
    (struct.get $pt $x (ref.cast (ref $pt) (local.get 0))))
  (func (export "fresh") (result i32)
    (array.len (array.new_default $refs (i32.const 4))))
  (func (export "cast-null") (param anyref) (result i32)
    (struct.get $pt $x (ref.cast (ref null $pt) (local.get 0))))
)`

// TestGCShapes checks what the frontend and the passes make of GC code:
// zero initializers cost no store, fresh objects need no null check, and
// repeated null, bounds and cast checks of one value go.
func TestGCShapes(t *testing.T) {
	_, fs := compileWAT(t, gcShapesSrc)
	for _, f := range fs {
		if err := Verify(f); err != nil {
			t.Fatalf("%s after frontend: %v\n%s", f.Name, err, f)
		}
		for _, p := range Passes {
			p.Run(f)
			if err := Verify(f); err != nil {
				t.Fatalf("%s after %s: %v\n%s", f.Name, p.Name, err, f)
			}
		}
	}
	for _, c := range []struct {
		f    int
		op   Op
		want int
	}{
		{0, OpNewStruct, 1}, {0, OpStructSet, 1}, // only field x is not a zero constant
		{1, OpNewArray, 1}, {1, OpArraySet, 1}, // only element 1
		{2, OpTrapIfNull, 1}, {2, OpStructGet, 2},
		{3, OpTrapIfNull, 1}, {3, OpArrayBoundsCheck, 1}, {3, OpArrayGet, 2},
		// The repeated cast goes, and so does struct.get's null check:
		// the cast to a non-null type passed.
		{4, OpCastCheck, 1}, {4, OpTrapIfNull, 0},
		{5, OpTrapIfNull, 0}, {5, OpArrayLen, 1},
		{6, OpCastCheck, 1}, {6, OpTrapIfNull, 1}, // null passes a nullable cast
	} {
		if got := countOps(fs[c.f], c.op); got != c.want {
			t.Errorf("%s: %d %s, want %d\n%s", fs[c.f].Name, got, c.op, c.want, fs[c.f])
		}
	}
}

// TestEvalHeapLayout checks that the evaluator's objects are laid out
// by abi: header word, canonical type id, array length, field offsets.
func TestEvalHeapLayout(t *testing.T) {
	mi, fs := compileWAT(t, gcShapesSrc)
	in := newEvalInstance(t, mi, fs)
	res, err := in.Call(mi.NumImportedFuncs+0, []uint64{0x12345678})
	if err != nil {
		t.Fatal(err)
	}
	ref := res[0]
	if !abi.IsObjectRef(ref) || ref%abi.ObjectAlign != 0 {
		t.Fatalf("struct ref %#x is not an aligned object", ref)
	}
	h := in.Heap.Bytes
	word, _ := abi.HeaderWord(abi.KindStruct, 0)
	if got := binary.LittleEndian.Uint32(h[ref:]); got != word {
		t.Errorf("header word %#x, want %#x", got, word)
	}
	if got := binary.LittleEndian.Uint32(h[ref+4:]); got != uint32(mi.TypeIDs[0]) {
		t.Errorf("type id %d, want %d", got, mi.TypeIDs[0])
	}
	l := mi.GCType(0).Struct
	if got := binary.LittleEndian.Uint32(h[ref+uint64(l.Offsets[0]):]); got != 0x12345678 {
		t.Errorf("field x = %#x", got)
	}
	res, err = in.Call(mi.NumImportedFuncs+1, nil)
	if err != nil {
		t.Fatal(err)
	}
	arr := res[0]
	h = in.Heap.Bytes
	if got := binary.LittleEndian.Uint32(h[arr+abi.ArrayLenOffset:]); got != 3 {
		t.Errorf("array length %d", got)
	}
	al := mi.GCType(1).Array
	if got := in.Heap.Bytes[arr+uint64(al.ElemOffset)+1]; got != 7 {
		t.Errorf("element 1 = %d", got)
	}
	word, _ = abi.HeaderWord(abi.KindArray, 0)
	if got := binary.LittleEndian.Uint32(in.Heap.Bytes[arr:]); got != word {
		t.Errorf("array header word %#x, want %#x", got, word)
	}
}

func newEvalInstance(t *testing.T, mi *ModuleInfo, fs []*Func) *Instance {
	t.Helper()
	funcs := make([]*Func, mi.NumImportedFuncs, len(mi.FuncTypes))
	funcs = append(funcs, fs...)
	in, err := NewInstance(mi, funcs)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestEvalAllocationLimits runs the seed of the project through the
// evaluator: an array.new of 536870911 structrefs traps "allocation size
// too large" (its 2 GiB exceed MaxObjectBytes), and so does every length
// above MaxLen of every element type, while MaxLen itself is allowed by
// the size rule (the evaluator's small heap then runs out).
func TestEvalAllocationLimits(t *testing.T) {
	mi, fs := compileWAT(t, `(module
  (type $a (struct))
  (type $b (array (mut structref)))
  (func (export "seed") (result i32)
    (array.len (array.new $b (struct.new_default $a) (i32.const 536870911)))))`)
	in := newEvalInstance(t, mi, fs)
	_, err := in.Call(mi.NumImportedFuncs, nil)
	var trap *Trap
	if !errors.As(err, &trap) || trap.Code != abi.TrapAllocationTooLarge {
		t.Fatalf("seed: got %v, want trap %q", err, abi.TrapAllocationTooLarge)
	}
	for _, s := range []abi.Storage{abi.StorageI8, abi.StorageI16, abi.StorageI32, abi.StorageI64,
		abi.StorageF32, abi.StorageF64, abi.StorageGCRef, abi.StorageFuncRef} {
		l := abi.LayoutArray(s)
		for _, n := range []uint64{uint64(l.MaxLen) + 1, 1<<29 - 1, 1<<31 - 1, 1<<32 - 1} {
			if n <= uint64(l.MaxLen) {
				continue
			}
			ref, code := in.newArrayOf(l, n)
			if code != abi.TrapAllocationTooLarge {
				t.Errorf("%v x %d: ref %#x, trap %v", s, n, ref, code)
			}
		}
		if _, code := in.newArrayOf(l, uint64(l.MaxLen)); code != abi.TrapGCHeapOutOfMemory {
			t.Errorf("%v x MaxLen: trap %v, want the evaluator's heap to be full", s, code)
		}
	}
}

// newArrayOf allocates an array of layout l through the evaluator's one
// allocation path, as a type of that storage would.
func (in *Instance) newArrayOf(l abi.ArrayLayout, n uint64) (uint64, abi.TrapCode) {
	saved := in.Info.gcTypes
	defer func() { in.Info.gcTypes = saved }()
	in.Info.gcTypes = []GCType{{Kind: wasm.CompArray, Array: l, Fields: []abi.Storage{l.Elem}}}
	ids := in.Info.TypeIDs
	defer func() { in.Info.TypeIDs = ids }()
	in.Info.TypeIDs = []wasm.TypeID{0}
	return in.newArray(0, n)
}
