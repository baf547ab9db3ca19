package abi

import (
	"errors"
	"math"
	"testing"
	"unsafe"

	"github.com/sablewasm/sable/wasm"
)

var allStorages = []Storage{StorageI8, StorageI16, StorageI32, StorageI64, StorageF32,
	StorageF64, StorageV128, StorageGCRef, StorageFuncRef}

func TestVMTypeInfoOffsets(t *testing.T) {
	var ti VMTypeInfo
	if unsafe.Offsetof(ti.Depth) != VMTypeInfoDepth || unsafe.Offsetof(ti.Super) != VMTypeInfoSuper ||
		unsafe.Offsetof(ti.Display) != VMTypeInfoDisplay || unsafe.Sizeof(ti) != VMTypeInfoSize {
		t.Errorf("VMTypeInfo offsets disagree with the struct: %d %d %d size %d",
			unsafe.Offsetof(ti.Depth), unsafe.Offsetof(ti.Super), unsafe.Offsetof(ti.Display), unsafe.Sizeof(ti))
	}
}

func TestHeaderWord(t *testing.T) {
	for _, k := range []Kind{KindStruct, KindArray} {
		for _, flags := range []uint32{0, 1, FlagMask} {
			w, err := HeaderWord(k, flags)
			if err != nil {
				t.Fatalf("HeaderWord(%#b, %#x): %v", k, flags, err)
			}
			if HeaderKind(w) != k || w&FlagMask != flags {
				t.Errorf("HeaderWord(%#b, %#x) = %#x: kind %#b flags %#x", k, flags, w, HeaderKind(w), w&FlagMask)
			}
		}
	}
	// The seed bug: a length ORed into the flag bits reached the kind.
	for _, bad := range []struct {
		k     Kind
		flags uint32
	}{
		{KindArray, 536870911}, {KindStruct, FlagMask + 1}, {KindArray, math.MaxUint32},
		{KindAny, 0}, {KindEq, 0}, {KindArray | 1, 0}, {0, 0}, {0x40, 0},
	} {
		if w, err := HeaderWord(bad.k, bad.flags); !errors.Is(err, ErrHeaderBits) {
			t.Errorf("HeaderWord(%#b, %#x) = %#x, %v; want ErrHeaderBits", bad.k, bad.flags, w, err)
		}
	}
}

func TestKindSubtyping(t *testing.T) {
	is := func(a, b Kind) bool { return a.Is(b) }
	for _, c := range []struct {
		a, b Kind
		want bool
	}{
		{KindStruct, KindEq, true}, {KindArray, KindEq, true}, {KindStruct, KindAny, true},
		{KindArray, KindAny, true}, {KindEq, KindAny, true}, {KindStruct, KindArray, false},
		{KindArray, KindStruct, false}, {KindEq, KindStruct, false}, {KindAny, KindEq, false},
	} {
		if got := is(c.a, c.b); got != c.want {
			t.Errorf("%#b <: %#b = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// The size rule: MaxLen is exactly the largest length Size accepts, every
// accepted size fits MaxObjectBytes and is aligned, and lengths from user
// input near every power-of-two boundary are decided the same way.
func TestArraySizeRule(t *testing.T) {
	for _, s := range allStorages {
		l := LayoutArray(s)
		if l.ElemOffset%l.ElemSize != 0 && l.ElemSize <= 8 {
			t.Errorf("storage %d: elements at %d are not aligned to %d", s, l.ElemOffset, l.ElemSize)
		}
		size, ok := l.Size(l.MaxLen)
		if !ok || size > MaxObjectBytes || size%ObjectAlign != 0 {
			t.Errorf("storage %d: Size(MaxLen=%d) = %d, %v", s, l.MaxLen, size, ok)
		}
		if _, ok := l.Size(l.MaxLen + 1); ok {
			t.Errorf("storage %d: Size(MaxLen+1) accepted", s)
		}
		if size, ok := l.Size(0); !ok || size != (l.ElemOffset+7)&^7 {
			t.Errorf("storage %d: Size(0) = %d, %v", s, size, ok)
		}
		for _, n := range []uint32{1<<29 - 1, 536870911, 1<<31 - 1, math.MaxUint32} {
			if _, ok := l.Size(n); ok != (n <= l.MaxLen) {
				t.Errorf("storage %d: Size(%d) ok = %v with MaxLen %d", s, n, ok, l.MaxLen)
			}
		}
	}
	// The seed: array.new of 536,870,911 structrefs is too large.
	if _, ok := LayoutArray(StorageGCRef).Size(536870911); ok {
		t.Error("an array of 536870911 references was accepted")
	}
}

func TestLayoutStruct(t *testing.T) {
	l, err := LayoutStruct([]Storage{StorageI8, StorageI64, StorageI16, StorageGCRef, StorageV128, StorageFuncRef, StorageGCRef})
	if err != nil {
		t.Fatal(err)
	}
	want := []uint32{8, 16, 24, 28, 32, 48, 56}
	for i, o := range want {
		if l.Offsets[i] != o {
			t.Errorf("field %d at %d, want %d", i, l.Offsets[i], o)
		}
	}
	if l.Size != 64 {
		t.Errorf("size %d, want 64", l.Size)
	}
	if len(l.RefOffsets) != 2 || l.RefOffsets[0] != 28 || l.RefOffsets[1] != 56 {
		t.Errorf("ref offsets %v, want [28 56]", l.RefOffsets)
	}
	empty, _ := LayoutStruct(nil)
	if empty.Size != HeaderSize {
		t.Errorf("empty struct is %d bytes", empty.Size)
	}
	// A prefix (a supertype's fields) keeps its offsets in the extension.
	sup, _ := LayoutStruct([]Storage{StorageI8, StorageI64})
	for i := range sup.Offsets {
		if sup.Offsets[i] != l.Offsets[i] {
			t.Errorf("supertype field %d moved: %d vs %d", i, sup.Offsets[i], l.Offsets[i])
		}
	}
}

func TestRefClasses(t *testing.T) {
	for _, c := range []struct {
		r                 uint32
		i31, host, object bool
	}{
		{RefNull, false, false, false},
		{0<<1 | RefI31Tag, true, false, false},
		{1<<1 | RefI31Tag, true, false, false}, // bit 1 set: still an i31
		{0x7fffffff<<1 | RefI31Tag, true, false, false},
		{0<<2 | RefHostTag, false, true, false},
		{0x3fffffff<<2 | RefHostTag, false, true, false},
		{8, false, false, true},
		{0xfffffff8, false, false, true},
	} {
		if IsI31Ref(c.r) != c.i31 || IsHostRef(c.r) != c.host || IsObjectRef(c.r) != c.object ||
			IsI31Ref(uint64(c.r)) != c.i31 || IsObjectRef(uint64(c.r)) != c.object {
			t.Errorf("%#x: i31 %v host %v object %v, want %v %v %v", c.r,
				IsI31Ref(c.r), IsHostRef(c.r), IsObjectRef(c.r), c.i31, c.host, c.object)
		}
	}
}

// TestVMTypeInfoOf builds the records of a chain deeper than the display
// and checks each entry against the registry's own subtyping.
func TestVMTypeInfoOf(t *testing.T) {
	m := &wasm.Module{}
	const n = VMDisplayLen + 3
	for i := range n {
		st := wasm.SubType{Comp: wasm.CompType{Kind: wasm.CompStruct}}
		if i > 0 {
			st.Supers = []uint32{uint32(i - 1)}
		}
		m.Types = append(m.Types, st)
		m.RecGroups = append(m.RecGroups, wasm.RecGroup{Start: uint32(i), Len: 1})
	}
	reg := wasm.NewTypeRegistry()
	ids := reg.Register(m)
	for i, id := range ids {
		r := VMTypeInfoOf(reg.Info(id))
		if r.Depth != uint32(i) {
			t.Errorf("type %d: depth %d", i, r.Depth)
		}
		if (i == 0) != (r.Super == NoTypeID) || (i > 0 && r.Super != uint32(ids[i-1])) {
			t.Errorf("type %d: super %#x", i, r.Super)
		}
		for d := range VMDisplayLen {
			want := uint32(NoTypeID)
			if d <= i {
				want = uint32(ids[d])
			}
			if r.Display[d] != want {
				t.Errorf("type %d: display[%d] = %#x, want %#x", i, d, r.Display[d], want)
			}
			if d <= i && !reg.IsSubtype(id, wasm.TypeID(r.Display[d])) {
				t.Errorf("type %d: display[%d] is not a supertype", i, d)
			}
		}
	}
}
