package abi

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/sablewasm/sable/wasm"
)

// The VM* record offsets are baked into generated code; they must match
// the structs Go uses to fill the records.
func TestVMRecordOffsets(t *testing.T) {
	var f VMFuncRef
	var m VMMemory
	var md VMMemoryDef
	var tb VMTable
	var td VMTableDef
	var g VMGlobal
	var tag VMTag
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"VMFuncRefCode", VMFuncRefCode, unsafe.Offsetof(f.Code)},
		{"VMFuncRefVMCtx", VMFuncRefVMCtx, unsafe.Offsetof(f.VMCtx)},
		{"VMFuncRefTypeID", VMFuncRefTypeID, unsafe.Offsetof(f.TypeID)},
		{"VMFuncRefSize", VMFuncRefSize, unsafe.Sizeof(f)},
		{"VMMemoryBase", VMMemoryBase, unsafe.Offsetof(m.Base)},
		{"VMMemoryDefPtr", VMMemoryDefPtr, unsafe.Offsetof(m.Def)},
		{"VMMemorySize", VMMemorySize, unsafe.Sizeof(m)},
		{"VMMemoryDefBase", VMMemoryDefBase, unsafe.Offsetof(md.Base)},
		{"VMMemoryDefLen", VMMemoryDefLen, unsafe.Offsetof(md.Len)},
		{"VMMemoryDefSize", VMMemoryDefSize, unsafe.Sizeof(md)},
		{"VMTableBase", VMTableBase, unsafe.Offsetof(tb.Base)},
		{"VMTableDefPtr", VMTableDefPtr, unsafe.Offsetof(tb.Def)},
		{"VMTableSize", VMTableSize, unsafe.Sizeof(tb)},
		{"VMTableDefBase", VMTableDefBase, unsafe.Offsetof(td.Base)},
		{"VMTableDefLen", VMTableDefLen, unsafe.Offsetof(td.Len)},
		{"VMTableDefSize", VMTableDefSize, unsafe.Sizeof(td)},
		{"VMGlobalSize", VMGlobalSize, unsafe.Sizeof(g)},
		{"VMTagTypeID", VMTagTypeID, unsafe.Offsetof(tag.TypeID)},
		{"VMTagSize", VMTagSize, unsafe.Sizeof(tag)},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, struct says %d", c.name, c.got, c.want)
		}
	}
	if unsafe.Sizeof(f.TypeID) != 4 || unsafe.Sizeof(tag.TypeID) != 4 {
		t.Error("type ids must be 32-bit")
	}
}

func TestVMRecordsHoldNoGoPointers(t *testing.T) {
	for _, v := range []any{VMFuncRef{}, VMMemory{}, VMMemoryDef{}, VMTable{}, VMTableDef{}, VMGlobal{}, VMTag{}} {
		checkNoPointers(t, v)
	}
}

// shapeModule has every kind of index-space entry, so the layout test
// covers every region and both global representations.
func shapeModule() *wasm.Module {
	ft := wasm.SubType{Final: true, Comp: wasm.CompType{Kind: wasm.CompFunc}}
	return &wasm.Module{
		Types:     []wasm.SubType{ft, ft},
		RecGroups: []wasm.RecGroup{{Start: 0, Len: 1}, {Start: 1, Len: 1}},
		Imports: []wasm.Import{
			{Module: "m", Name: "f", Kind: wasm.ExternFunc},
			{Module: "m", Name: "g", Kind: wasm.ExternGlobal, Global: wasm.GlobalType{Type: wasm.TypeI32}},
			{Module: "m", Name: "mem", Kind: wasm.ExternMemory},
			{Module: "m", Name: "t", Kind: wasm.ExternTable, Table: wasm.TableType{Elem: wasm.TypeFuncRef}},
			{Module: "m", Name: "e", Kind: wasm.ExternTag},
		},
		Funcs:  []uint32{0, 1, 0},
		Tables: []wasm.Table{{Type: wasm.TableType{Elem: wasm.TypeFuncRef}}},
		Mems:   []wasm.MemType{{}},
		Globals: []wasm.Global{
			{Type: wasm.GlobalType{Type: wasm.TypeI64, Mutable: true}},  // 1: inline (not exported)
			{Type: wasm.GlobalType{Type: wasm.TypeV128}},                // 2: inline, 16-aligned
			{Type: wasm.GlobalType{Type: wasm.TypeF64, Mutable: true}},  // 3: exported mutable: shared
			{Type: wasm.GlobalType{Type: wasm.TypeV128, Mutable: true}}, // 4: exported mutable: shared
			{Type: wasm.GlobalType{Type: wasm.TypeI32}},                 // 5: exported immutable: inline
		},
		Tags: []wasm.TagType{{Type: 0}},
		Exports: []wasm.Export{
			{Name: "g3", Kind: wasm.ExternGlobal, Index: 3},
			{Name: "g4", Kind: wasm.ExternGlobal, Index: 4},
			{Name: "g5", Kind: wasm.ExternGlobal, Index: 5},
			{Name: "f", Kind: wasm.ExternFunc, Index: 3}, // not a global: must not mark global 3
		},
	}
}

func TestShapeOf(t *testing.T) {
	s := ShapeOf(shapeModule())
	want := VMShape{Types: 2, Memories: 2, Tables: 2, ImportedFuncs: 1, DefinedFuncs: 3, ImportedTags: 1, DefinedTags: 1,
		Globals: []VMGlobalShape{{Shared: true}, {}, {V128: true}, {Shared: true}, {V128: true, Shared: true}, {}}}
	if s.Types != want.Types || s.Memories != want.Memories || s.Tables != want.Tables ||
		s.ImportedFuncs != want.ImportedFuncs || s.DefinedFuncs != want.DefinedFuncs ||
		s.ImportedTags != want.ImportedTags || s.DefinedTags != want.DefinedTags || len(s.Globals) != len(want.Globals) {
		t.Fatalf("ShapeOf = %+v, want %+v", s, want)
	}
	for i := range want.Globals {
		if s.Globals[i] != want.Globals[i] {
			t.Errorf("global %d: %+v, want %+v", i, s.Globals[i], want.Globals[i])
		}
	}
}

func TestVMLayout(t *testing.T) {
	l, err := NewVMLayout(ShapeOf(shapeModule()))
	if err != nil {
		t.Fatal(err)
	}
	// Fixed by the documented order: header, memories, tables, globals,
	// functions, tags, type ids.
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"memory 0", l.MemoryOffset(0), 8},
		{"memory 1", l.MemoryOffset(1), 24},
		{"table 0", l.TableOffset(0), 40},
		{"table 1", l.TableOffset(1), 56},
		{"global 0 (imported: pointer)", l.GlobalOffset(0), 72},
		{"global 1 (i64 inline)", l.GlobalOffset(1), 80},
		{"global 2 (v128 inline, 16-aligned)", l.GlobalOffset(2), 96},
		{"global 3 (shared pointer)", l.GlobalOffset(3), 112},
		{"global 4 (shared v128: pointer)", l.GlobalOffset(4), 120},
		{"global 5 (immutable exported: inline)", l.GlobalOffset(5), 128},
		{"imported func 0", l.ImportedFuncOffset(0), 136},
		{"defined func 0", l.DefinedFuncOffset(0), 144},
		{"defined func 2", l.DefinedFuncOffset(2), 192},
		{"tag 0", l.TagOffset(0), 216},
		{"tag 1", l.TagOffset(1), 224},
		{"defined tag 0", l.DefinedTagOffset(0), 232},
		{"type id 0", l.TypeIDOffset(0), 240},
		{"type id 1", l.TypeIDOffset(1), 244},
		{"size", l.Size(), 256},
	} {
		if c.got != c.want {
			t.Errorf("%s at %d, want %d", c.name, c.got, c.want)
		}
	}
	if !l.GlobalShared(0) || l.GlobalShared(1) || !l.GlobalShared(3) || l.GlobalShared(5) {
		t.Error("GlobalShared disagrees with the shape")
	}
}

func TestVMLayoutRejectsHugeShapes(t *testing.T) {
	if _, err := NewVMLayout(VMShape{DefinedFuncs: MaxVMContextSize/VMFuncRefSize + 1}); err == nil {
		t.Error("a vmctx over MaxVMContextSize was accepted")
	}
	if _, err := NewVMLayout(VMShape{Types: -1}); err == nil {
		t.Error("a negative count was accepted")
	}
}

func TestVMContextAccessors(t *testing.T) {
	l, err := NewVMLayout(ShapeOf(shapeModule()))
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewVMContext(l)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Free()
	base := c.Addr()
	if base%16 != 0 {
		t.Fatalf("vmctx at %#x is not 16-aligned", base)
	}
	read := func(off int) uintptr { return *(*uintptr)(unsafe.Add(unsafe.Pointer(&c.mem[0]), off)) }

	ec, err := NewExecContext()
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Free()
	c.SetExecContext(ec)
	if read(VMCtxExecContext) != uintptr(unsafe.Pointer(ec)) {
		t.Error("ExecContext address not at VMCtxExecContext")
	}

	def := &VMMemoryDef{Base: 0x10000, Len: 65536}
	c.SetMemory(1, def)
	if read(l.MemoryOffset(1)+VMMemoryBase) != 0x10000 || read(l.MemoryOffset(1)+VMMemoryDefPtr) != uintptr(unsafe.Pointer(def)) {
		t.Error("memory record wrong")
	}
	tdef := &VMTableDef{Base: 0x20000, Len: 3}
	c.SetTable(0, tdef)
	if read(l.TableOffset(0)+VMTableBase) != 0x20000 || read(l.TableOffset(0)+VMTableDefPtr) != uintptr(unsafe.Pointer(tdef)) {
		t.Error("table record wrong")
	}

	// A shared global is written through its cell; an inline one in place.
	cell := new(VMGlobal)
	c.SetGlobalCell(3, cell)
	c.Global(3)[0] = 42
	if cell[0] != 42 {
		t.Error("shared global not written through its cell")
	}
	c.Global(2)[15] = 7
	if c.mem[l.GlobalOffset(2)+15] != 7 {
		t.Error("inline global not written in place")
	}

	f := c.DefinedFunc(1)
	f.TypeID = 9
	if *(*uint32)(unsafe.Pointer(&c.mem[l.DefinedFuncOffset(1)+VMFuncRefTypeID])) != 9 {
		t.Error("defined function record not in place")
	}
	c.SetImportedFunc(0, f)
	if read(l.ImportedFuncOffset(0)) != uintptr(unsafe.Pointer(f)) {
		t.Error("imported function pointer wrong")
	}
	tag := c.DefinedTag(0)
	c.SetTag(1, tag)
	if read(l.TagOffset(1)) != uintptr(unsafe.Pointer(tag)) {
		t.Error("tag pointer wrong")
	}
	c.SetTypeID(1, 77)
	if c.TypeID(1) != 77 || c.TypeID(0) != 0 {
		t.Error("type ids wrong")
	}
}

// checkNoPointers fails t if v's type holds anything but plain integers.
func checkNoPointers(t *testing.T, v any) {
	t.Helper()
	var check func(path string, typ reflect.Type)
	check = func(path string, typ reflect.Type) {
		switch typ.Kind() {
		case reflect.Struct:
			for i := range typ.NumField() {
				check(path+"."+typ.Field(i).Name, typ.Field(i).Type)
			}
		case reflect.Array:
			check(path+"[]", typ.Elem())
		case reflect.Uint8, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		default:
			t.Errorf("%s is a %s; only plain integers are allowed", path, typ.Kind())
		}
	}
	typ := reflect.TypeOf(v)
	check(typ.Name(), typ)
}
