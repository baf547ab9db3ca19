package abi

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// VMContext is one instance's vmctx: a zeroed, page-aligned RW mapping laid
// out by its VMLayout. The accessors are how Go fills and reads it;
// generated code uses the VMLayout offsets directly.
type VMContext struct {
	mem    []byte
	layout *VMLayout
}

// NewVMContext maps a zeroed vmctx for layout l.
func NewVMContext(l *VMLayout) (*VMContext, error) {
	mem, err := unix.Mmap(-1, 0, l.Size(), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, err
	}
	return &VMContext{mem: mem, layout: l}, nil
}

// Free unmaps c. No code may be running with it, and no other instance may
// still reach its records (VMFuncRefs, inline globals, tags).
func (c *VMContext) Free() error {
	err := unix.Munmap(c.mem)
	c.mem = nil
	return err
}

// Layout returns the layout c was mapped with.
func (c *VMContext) Layout() *VMLayout { return c.layout }

// Addr is the vmctx's address: what ExecContext.VMContext and
// VMFuncRef.VMCtx hold.
func (c *VMContext) Addr() uintptr { return uintptr(unsafe.Pointer(&c.mem[0])) }

// at returns a pointer to offset off of the mapping. Offsets come from
// the layout, which never exceeds the mapped size.
func (c *VMContext) at(off int) unsafe.Pointer { return unsafe.Pointer(&c.mem[off]) }

func (c *VMContext) word(off int) *uintptr { return (*uintptr)(c.at(off)) }

// SetExecContext stores the address of the Store's ExecContext.
func (c *VMContext) SetExecContext(ctx *ExecContext) {
	*c.word(VMCtxExecContext) = uintptr(unsafe.Pointer(ctx))
}

// SetMemory points memory i at the definition record def.
func (c *VMContext) SetMemory(i int, def *VMMemoryDef) {
	*(*VMMemory)(c.at(c.layout.MemoryOffset(i))) = VMMemory{Base: def.Base, Def: uintptr(unsafe.Pointer(def))}
}

// SetTable points table i at the definition record def.
func (c *VMContext) SetTable(i int, def *VMTableDef) {
	*(*VMTable)(c.at(c.layout.TableOffset(i))) = VMTable{Base: def.Base, Def: uintptr(unsafe.Pointer(def))}
}

// SetGlobalCell points shared global i at cell, owned by whoever defined
// the global.
func (c *VMContext) SetGlobalCell(i int, cell *VMGlobal) {
	*c.word(c.layout.GlobalOffset(i)) = uintptr(unsafe.Pointer(cell))
}

// Global returns global i's value cell, following the pointer of a shared
// global. For an unshared scalar global only the first 8 bytes belong to it.
func (c *VMContext) Global(i int) *VMGlobal {
	off := c.layout.GlobalOffset(i)
	if c.layout.GlobalShared(i) {
		return cellAt(*c.word(off))
	}
	return (*VMGlobal)(c.at(off))
}

// cellAt turns the address of an mmap'd VMGlobal cell into a pointer (see
// recordAt for why this goes through memory).
func cellAt(addr uintptr) *VMGlobal { return *(**VMGlobal)(unsafe.Pointer(&addr)) }

// SetImportedFunc stores the address of imported function i's record.
func (c *VMContext) SetImportedFunc(i int, ref *VMFuncRef) {
	*c.word(c.layout.ImportedFuncOffset(i)) = uintptr(unsafe.Pointer(ref))
}

// DefinedFunc returns defined function i's record.
func (c *VMContext) DefinedFunc(i int) *VMFuncRef {
	return (*VMFuncRef)(c.at(c.layout.DefinedFuncOffset(i)))
}

// SetTag stores the address of tag i's record.
func (c *VMContext) SetTag(i int, tag *VMTag) {
	*c.word(c.layout.TagOffset(i)) = uintptr(unsafe.Pointer(tag))
}

// DefinedTag returns defined tag i's record.
func (c *VMContext) DefinedTag(i int) *VMTag {
	return (*VMTag)(c.at(c.layout.DefinedTagOffset(i)))
}

// SetTypeID stores the canonical id of the module's type index i.
func (c *VMContext) SetTypeID(i int, id uint32) {
	*(*uint32)(c.at(c.layout.TypeIDOffset(i))) = id
}

// TypeID returns the canonical id of the module's type index i.
func (c *VMContext) TypeID(i int) uint32 { return *(*uint32)(c.at(c.layout.TypeIDOffset(i))) }
