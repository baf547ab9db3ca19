package abi

// The instance context ("vmctx") is the per-instance block generated code
// reads to reach the instance's memories, tables, globals, imported
// functions, tags and canonical type ids. Its layout depends on the shape of
// the module (how many of each, which globals are shared), so it is not a Go
// struct: VMLayout computes it from a VMShape, and the compiler (which bakes
// the offsets into code as immediates) and the runtime (which fills the
// block at instantiation) both take it from there. While a function runs,
// its vmctx address is in ExecContext.VMContext; calls to imports and
// through funcref tables switch it to the callee's (VMFuncRef.VMCtx).
//
// Like ExecContext, a vmctx is mmap'd (NewVMContext), never in the Go heap:
// machine code writes globals in it without write barriers, and the records
// below hold addresses as plain integers.
//
// Layout, in this order (offsets from VMLayout; every region is 8-aligned):
//
//	header     VMCtxExecContext: address of the Store's ExecContext
//	memories   one VMMemory (16 bytes) per memory index, imports first
//	tables     one VMTable (16 bytes) per table index, imports first
//	globals    per global index: the value inline (8 bytes, or 16 aligned to
//	           16 for v128), or for shared globals (imported, or defined and
//	           exported mutable) the address of a VMGlobal cell (8 bytes)
//	funcs      per imported function: the address of its VMFuncRef (8 bytes);
//	           then per defined function its VMFuncRef (24 bytes)
//	tags       per tag index: the address of its VMTag (8 bytes); then per
//	           defined tag its VMTag (8 bytes)
//	type ids   per type index of the module: its canonical (engine-wide)
//	           type id (uint32)
//
// # Why these shapes
//
// Memories and tables: base and current length live in a definition record
// (VMMemoryDef, VMTableDef) owned by the memory or table, wherever it was
// created, so an instance that imports it sees the exporter's grows. The
// vmctx record holds the definition's address and a copy of the base, which
// never moves (the maximum is reserved up front), saving a load on every
// access. Bounds checks load VMMemory.Def and compare against
// VMMemoryDef.Len; only memory.grow and table.grow (in Go) write Len.
//
// Globals: an unshared global is read straight from the vmctx. A global
// another instance can see and change is reached through one pointer, to a
// cell owned by whoever defined it, so all linked instances share it.
// Immutable exported globals stay inline: nobody can change them, and
// importers point at the inline slot.
//
// Functions: every function instance has exactly one VMFuncRef, owned by
// the vmctx of the instance that defines it (host functions: by their
// Store). ref.func yields its address and tables store it, so funcrefs have
// stable identity and a funcref is one word. call_indirect loads the table
// element, compares VMFuncRef.TypeID with the expected canonical id (a
// subtype check when the expected type is not final), and calls Code with
// the callee's own VMCtx. Calls to imports go through the same record: one
// extra load per import call buys identity without duplicating records.
//
// References in tables, globals and on the stack are 64-bit words: a
// funcref is the address of its VMFuncRef; externrefs and anyrefs are GC
// references (gc.go: an i31, a handle of the Store's table of Go values, or
// a heap offset), zero-extended; 0 is null for all of them.

// VMFuncRef is the one record of a function instance. Code is the address
// of its code (for host functions, the trampoline that exits to Go), VMCtx
// the vmctx it runs with, TypeID its canonical type id.
type VMFuncRef struct {
	Code   uintptr
	VMCtx  uintptr
	TypeID uint32
	_      uint32
}

// VMMemory is the vmctx record of one memory.
type VMMemory struct {
	Base uintptr // == Def.Base; never changes
	Def  uintptr // address of the memory's VMMemoryDef
}

// VMMemoryDef is owned by a memory: its base address and current length in
// bytes. Len changes on grow; Base never does.
type VMMemoryDef struct {
	Base uintptr
	Len  uint64
}

// VMTable is the vmctx record of one table; elements are 8-byte references.
type VMTable struct {
	Base uintptr // == Def.Base; never changes
	Def  uintptr // address of the table's VMTableDef
}

// VMTableDef is owned by a table: its element array and current length in
// elements.
type VMTableDef struct {
	Base uintptr
	Len  uint64
}

// VMGlobal is a global's value cell: an i32 or f32 in the low 4 bytes, an
// i64, f64 or reference in the low 8, a v128 in all 16 (little-endian).
type VMGlobal [16]byte

// VMTag is the record of one tag instance; its address is the tag's
// identity (what a catch clause compares).
type VMTag struct {
	TypeID uint32
	_      uint32
}

// Offsets inside the records above, checked against unsafe.Offsetof in
// vmctx_test.go.
const (
	VMCtxExecContext = 0 // offset of the ExecContext address in every vmctx
	vmctxHeaderSize  = 8

	VMFuncRefCode   = 0
	VMFuncRefVMCtx  = 8
	VMFuncRefTypeID = 16 // uint32
	VMFuncRefSize   = 24

	VMMemoryBase    = 0
	VMMemoryDefPtr  = 8 // VMMemory.Def
	VMMemorySize    = 16
	VMMemoryDefBase = 0
	VMMemoryDefLen  = 8
	VMMemoryDefSize = 16

	VMTableBase    = 0
	VMTableDefPtr  = 8 // VMTable.Def
	VMTableSize    = 16
	VMTableDefBase = 0
	VMTableDefLen  = 8
	VMTableDefSize = 16

	VMGlobalSize = 16
	VMTagTypeID  = 0 // uint32
	VMTagSize    = 8
)
