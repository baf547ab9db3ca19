package runtime

import (
	"testing"
	"unsafe"

	"github.com/sablewasm/sable/abi"
)

// Instantiation fills the vmctx the way generated code will read it: these
// checks load from the vmctx address with the abi offsets only.
func TestInstantiationFillsVMContext(t *testing.T) {
	st := newTestStore(t, StoreLimits{})
	lib := mustInstantiate(t, st, `(module
		(memory (export "mem") 1)
		(global (export "g") (mut i64) (i64.const 5))
		(func (export "h") (param i32)))`, nil)
	var im Imports
	im.DefineInstance("lib", lib)
	inst := mustInstantiate(t, st, `(module
		(type $v (func))
		(type $i (func (param i32)))
		(import "lib" "h" (func $h (type $i)))
		(import "lib" "mem" (memory 1))
		(import "lib" "g" (global (mut i64)))
		(memory 2)
		(table 1 funcref)
		(global $own i32 (i32.const 9))
		(func $f (type $v))
		(tag $e (param i32)))`, &im)
	l := inst.mod.layout
	vm := inst.vm.Addr()
	word := func(addr uintptr) uintptr { return *(*uintptr)(at(addr)) }
	u32 := func(addr uintptr) uint32 { return *(*uint32)(at(addr)) }
	off := func(o int) uintptr { return vm + uintptr(o) }

	if word(off(abi.VMCtxExecContext)) != uintptr(unsafe.Pointer(st.res.exec)) {
		t.Error("vmctx does not point at the store's ExecContext")
	}
	for i, want := range []uint64{PageSize, 2 * PageSize} {
		rec := off(l.MemoryOffset(i))
		def := word(rec + abi.VMMemoryDefPtr)
		if word(rec+abi.VMMemoryBase) != word(def+abi.VMMemoryDefBase) {
			t.Errorf("memory %d: base copy differs from the definition's", i)
		}
		if got := *(*uint64)(at(def + abi.VMMemoryDefLen)); got != want {
			t.Errorf("memory %d: length %d, want %d", i, got, want)
		}
	}
	if word(off(l.MemoryOffset(0))+abi.VMMemoryDefPtr) != uintptr(unsafe.Pointer(lib.mems[0].def)) {
		t.Error("imported memory does not use the exporter's definition")
	}
	tdef := word(off(l.TableOffset(0)) + abi.VMTableDefPtr)
	if *(*uint64)(at(tdef + abi.VMTableDefLen)) != 1 {
		t.Error("table length wrong")
	}
	// The imported mutable global is a pointer to the exporter's cell; the
	// private one is inline.
	if cell := word(off(l.GlobalOffset(0))); *(*int64)(at(cell)) != 5 {
		t.Error("imported global cell does not hold 5")
	}
	if *(*int32)(at(off(l.GlobalOffset(1)))) != 9 {
		t.Error("inline global does not hold 9")
	}
	// Functions: the import points at the exporter's record; the defined
	// function's record carries this vmctx and its canonical type id.
	// (Without code, VMCtx is the record's own address + 1: the id the
	// no-code stub hands to Go.)
	vmctxOf := func(inst *Instance, idx uint32) uintptr {
		if inst.mod.code != nil && inst.mod.code.has(idx) {
			return inst.vm.Addr()
		}
		return refAddr(inst.funcs[idx].ref) + 1
	}
	imp := word(off(l.ImportedFuncOffset(0)))
	if imp != refAddr(lib.funcs[0].ref) || word(imp+abi.VMFuncRefVMCtx) != vmctxOf(lib, 0) {
		t.Error("imported function record is not the exporter's")
	}
	def := off(l.DefinedFuncOffset(0))
	if word(def+abi.VMFuncRefVMCtx) != vmctxOf(inst, 1) || u32(def+abi.VMFuncRefTypeID) != uint32(inst.mod.typeIDs[0]) {
		t.Error("defined function record wrong")
	}
	// call_indirect compares type ids across modules: the import's type
	// (module type 1) has the exporter's function's id.
	if u32(off(l.TypeIDOffset(1))) != u32(imp+abi.VMFuncRefTypeID) {
		t.Error("canonical type ids of equal types differ across modules")
	}
	tag := word(off(l.TagOffset(0)))
	if tag != off(l.DefinedTagOffset(0)) || u32(tag+abi.VMTagTypeID) != uint32(inst.mod.typeIDs[1]) {
		t.Error("tag record wrong")
	}
}

// at turns an address in mmap'd memory into a pointer. Going through
// memory tells vet what it cannot know: the memory is not Go's.
func at(addr uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&addr)) }
