package runtime

import (
	"testing"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
)

// The bulk array routines, called as generated code calls them (through
// runtimeCall's scratch words), with the spec's traps in the spec's order.
func TestGCArrayRuntimeCalls(t *testing.T) {
	st, _ := gcStore(t, Config{GCStress: true}, StoreLimits{})
	inst2 := mustInstantiate(t, st, `(module
		(type $bytes (array (mut i8)))
		(type $i32s (array (mut i32)))
		(type $refs (array (mut anyref)))
		(type $vecs (array (mut v128)))
		(type $s (struct (field i32)))
		(data $d "\01\02\03\04\05\06\07\08")
		(elem $e anyref (struct.new $s (i32.const 1)) (ref.i31 (i32.const 2)) (ref.null any)))`, nil)
	call := func(fn compiler.RuntimeFn, idx, idx2 uint64, ops ...uint64) (abi.TrapCode, uint64) {
		t.Helper()
		var sc [abi.ScratchWords]uint64
		sc[0], sc[1], sc[2] = uint64(fn), idx, idx2
		copy(sc[3:], ops)
		code, err := inst2.runtimeCall(&sc)
		if err != nil {
			t.Fatalf("%v: %v", fn, err)
		}
		return code, sc[0]
	}
	obj := func(ref uint64) *Object {
		t.Helper()
		o, err := st.newObject(uint32(ref))
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	// array.new_data of i32s: 2 elements, little-endian, from byte 0.
	code, ref := call(compiler.RuntimeArrayNewData, 1, 0, 0, 2)
	if code != 0 {
		t.Fatal(code)
	}
	a := obj(ref)
	if v := elem(t, a, 1); v.I32() != 0x08070605 {
		t.Errorf("new_data element 1 = %#x", v.I32())
	}
	if code, _ := call(compiler.RuntimeArrayNewData, 1, 0, 1, 3); code != abi.TrapMemoryOutOfBounds {
		t.Errorf("new_data past the segment: %v", code)
	}
	if code, _ := call(compiler.RuntimeArrayNewData, 0, 0, 0, 0xffff_ffff); code != abi.TrapMemoryOutOfBounds {
		t.Errorf("new_data of 2^32-1 bytes from an 8-byte segment: %v", code)
	}
	// array.new_elem: the segment's own objects, which stress mode moves.
	code, ref = call(compiler.RuntimeArrayNewElem, 2, 0, 0, 3)
	if code != 0 {
		t.Fatal(code)
	}
	r := obj(ref)
	if s := elem(t, r, 0).Object(); s == nil || field(t, s, 0).I32() != 1 {
		t.Errorf("new_elem element 0 = %v", elem(t, r, 0))
	}
	if v := elem(t, r, 1); v.I31() != 2 {
		t.Errorf("new_elem element 1 = %v", v)
	}
	code, ref2 := call(compiler.RuntimeArrayNewElem, 2, 0, 0, 1)
	r2 := obj(ref2)
	if code != 0 || !sameObject(t, elem(t, r2, 0).Object(), elem(t, r, 0).Object()) {
		t.Error("two array.new_elem of one segment made different objects")
	}
	if code, _ := call(compiler.RuntimeArrayNewElem, 2, 0, 2, 2); code != abi.TrapTableOutOfBounds {
		t.Errorf("new_elem past the segment: %v", code)
	}
	// init_data / init_elem: null, array range, then segment range.
	b, err := st.NewArray(mustHeap(t, inst2, 0), 4, Value{})
	if err != nil {
		t.Fatal(err)
	}
	braw := func() uint64 { r, _ := b.raw(st); return uint64(r) }
	for _, c := range []struct {
		ops  []uint64
		want abi.TrapCode
	}{
		{[]uint64{0, 0, 0, 1}, abi.TrapNullArrayReference},
		{[]uint64{braw(), 3, 0, 2}, abi.TrapArrayOutOfBounds},
		{[]uint64{braw(), 0, 7, 2}, abi.TrapMemoryOutOfBounds},
		{[]uint64{braw(), 1, 4, 3}, 0},
	} {
		if code, _ := call(compiler.RuntimeArrayInitData, 0, 0, c.ops...); code != c.want {
			t.Errorf("init_data %v: %v, want %v", c.ops, code, c.want)
		}
	}
	if v := elem(t, b, 3); v.I32() != 7 {
		t.Errorf("init_data wrote %v", v)
	}
	if code, _ := call(compiler.RuntimeArrayInitElem, 2, 0, uint64(mustRaw(t, r)), 1, 2, 2); code != abi.TrapTableOutOfBounds {
		t.Errorf("init_elem past the segment: %v", code)
	}
	if code, _ := call(compiler.RuntimeArrayInitElem, 2, 0, uint64(mustRaw(t, r)), 2, 0, 1); code != 0 {
		t.Errorf("init_elem: %v", code)
	}
	if s := elem(t, r, 2).Object(); s == nil || field(t, s, 0).I32() != 1 {
		t.Errorf("init_elem wrote %v", elem(t, r, 2))
	}
	// fill (a v128 value takes two words) and overlapping copy.
	vecs, err := st.NewArray(mustHeap(t, inst2, 3), 3, Value{})
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := call(compiler.RuntimeArrayFill, 3, 0, uint64(mustRaw(t, vecs)), 1, 0x1111, 0x2222, 2); code != 0 {
		t.Fatalf("fill: %v", code)
	}
	if v := elem(t, vecs, 2).V128(); v[0] != 0x11 || v[8] != 0x22 {
		t.Errorf("fill wrote %x", v)
	}
	if v := elem(t, vecs, 0).V128(); v != [16]byte{} {
		t.Errorf("fill wrote before its range: %x", v)
	}
	if code, _ := call(compiler.RuntimeArrayFill, 1, 0, uint64(mustRaw(t, a)), 1, 9, 2); code != abi.TrapArrayOutOfBounds {
		t.Errorf("fill past the end: %v", code)
	}
	if code, _ := call(compiler.RuntimeArrayCopy, 0, 0, braw(), 1, braw(), 0, 3); code != 0 {
		t.Fatalf("copy: %v", code)
	}
	var got [4]int32
	for i := range uint32(4) {
		got[i] = elem(t, b, i).I32()
	}
	if got != [4]int32{0, 0, 5, 6} {
		t.Errorf("overlapping copy gives %v", got)
	}
	if code, _ := call(compiler.RuntimeArrayCopy, 0, 0, braw(), 0, 0, 0, 0); code != abi.TrapNullArrayReference {
		t.Errorf("copy from null: %v", code)
	}
	if code, _ := call(compiler.RuntimeArrayCopy, 0, 0, braw(), 2, braw(), 0, 3); code != abi.TrapArrayOutOfBounds {
		t.Errorf("copy past the end: %v", code)
	}
}

func mustHeap(t *testing.T, inst *Instance, idx uint32) HeapType {
	t.Helper()
	h, err := inst.Module().HeapType(idx)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func mustRaw(t *testing.T, o *Object) uint32 {
	t.Helper()
	r, err := o.raw(o.st)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The type table records each type's depth, supertype and display.
func TestTypeTableRecords(t *testing.T) {
	eng := NewEngine(Config{})
	mod := compileWAT(t, eng, `(module
		(type $a (sub (struct)))
		(type $b (sub $a (struct (field i32))))
		(type $c (sub $b (struct (field i32) (field i64)))))`)
	tt, err := eng.typeTable()
	if err != nil {
		t.Fatal(err)
	}
	ids := mod.typeIDs
	rec := tt.record(ids[2])
	if rec.Depth != 2 || rec.Super != uint32(ids[1]) {
		t.Errorf("record of $c: %+v", rec)
	}
	if rec.Display[0] != uint32(ids[0]) || rec.Display[1] != uint32(ids[1]) || rec.Display[2] != uint32(ids[2]) || rec.Display[3] != abi.NoTypeID {
		t.Errorf("display of $c: %v", rec.Display)
	}
	if r := tt.record(ids[0]); r.Depth != 0 || r.Super != abi.NoTypeID || r.Display[0] != uint32(ids[0]) {
		t.Errorf("record of $a: %+v", r)
	}
	if l := tt.layouts.Lookup(uint32(ids[2])); l == nil || l.Struct.Size != 24 {
		t.Errorf("layout of $c: %+v", l)
	}
}

// fillStorage writes every element, whatever the length and the phase of
// its 8-byte stores.
func TestFillStorage(t *testing.T) {
	for _, s := range []abi.Storage{abi.StorageI8, abi.StorageI16, abi.StorageI32, abi.StorageF32, abi.StorageI64, abi.StorageV128, abi.StorageGCRef} {
		size := int(s.Size())
		r := rawValue{lo: 0x8877665544332211, hi: 0xffeeddccbbaa9900}
		for n := range 20 {
			buf := make([]byte, (n+2)*size)
			fillStorage(buf[size:size+n*size], s, r)
			want := make([]byte, size)
			putStorage(want, s, r)
			for i := range n + 2 {
				got := buf[i*size : (i+1)*size]
				inside := i >= 1 && i <= n
				for j := range got {
					if inside && got[j] != want[j] || !inside && got[j] != 0 {
						t.Fatalf("storage %d, %d elements: element %d is %x", s, n, i-1, got)
					}
				}
			}
		}
	}
}
