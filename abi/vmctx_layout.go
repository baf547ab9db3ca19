package abi

import (
	"fmt"

	"github.com/sablewasm/sable/wasm"
)

// VMShape is what the vmctx layout depends on: counts per index space and,
// per global, how it is stored. ShapeOf derives it from a module; the
// compiler and the runtime must both use ShapeOf so they agree.
type VMShape struct {
	Types         int
	Memories      int // imported and defined
	Tables        int // imported and defined
	Globals       []VMGlobalShape
	ImportedFuncs int
	DefinedFuncs  int
	ImportedTags  int
	DefinedTags   int
}

// VMGlobalShape says how one global is stored in the vmctx.
type VMGlobalShape struct {
	V128   bool // 16-byte value; otherwise 8 bytes
	Shared bool // reached through a pointer to a VMGlobal cell
}

// ShapeOf returns the shape of m's vmctx. A global is shared when it is
// imported, or defined mutable and exported: exactly the globals that
// another instance or the host can write.
func ShapeOf(m *wasm.Module) VMShape {
	s := VMShape{Types: len(m.Types)}
	exportedGlobal := map[uint32]bool{}
	for _, e := range m.Exports {
		if e.Kind == wasm.ExternGlobal {
			exportedGlobal[e.Index] = true
		}
	}
	for i := range m.Imports {
		im := &m.Imports[i]
		switch im.Kind {
		case wasm.ExternFunc:
			s.ImportedFuncs++
		case wasm.ExternTable:
			s.Tables++
		case wasm.ExternMemory:
			s.Memories++
		case wasm.ExternGlobal:
			s.Globals = append(s.Globals, VMGlobalShape{V128: im.Global.Type.Kind == wasm.V128, Shared: true})
		case wasm.ExternTag:
			s.ImportedTags++
		}
	}
	for _, g := range m.Globals {
		idx := uint32(len(s.Globals))
		s.Globals = append(s.Globals, VMGlobalShape{
			V128:   g.Type.Type.Kind == wasm.V128,
			Shared: g.Type.Mutable && exportedGlobal[idx],
		})
	}
	s.Tables += len(m.Tables)
	s.Memories += len(m.Mems)
	s.DefinedFuncs = len(m.Funcs)
	s.DefinedTags = len(m.Tags)
	return s
}

// MaxVMContextSize bounds a vmctx. Offsets fit in a signed 32-bit
// displacement on both ISAs with room to spare; a module that needs more is
// rejected at compile time rather than producing unencodable code.
const MaxVMContextSize = 1 << 30

// VMLayout is the computed layout of one module's vmctx. It is immutable.
type VMLayout struct {
	shape                             VMShape
	memories, tables, globals         int
	importedFuncs, definedFuncs, tags int
	definedTags, typeIDs, size        int
	globalOff                         []int
}

// NewVMLayout lays out a vmctx for shape s (see the comment in vmctx.go for
// the order and the reasons).
func NewVMLayout(s VMShape) (*VMLayout, error) {
	for _, n := range []int{s.Types, s.Memories, s.Tables, s.ImportedFuncs, s.DefinedFuncs, s.ImportedTags, s.DefinedTags} {
		if n < 0 || n > MaxVMContextSize {
			return nil, fmt.Errorf("abi: vmctx shape has a count of %d", n)
		}
	}
	if len(s.Globals) > MaxVMContextSize {
		return nil, fmt.Errorf("abi: vmctx shape has %d globals", len(s.Globals))
	}
	l := &VMLayout{shape: s, globalOff: make([]int, len(s.Globals))}
	off := vmctxHeaderSize
	region := func(n, size int) int {
		start := off
		off += n * size // counts are <= 2^30 and sizes <= 24: no overflow in int64
		return start
	}
	l.memories = region(s.Memories, VMMemorySize)
	l.tables = region(s.Tables, VMTableSize)
	l.globals = off
	for i, g := range s.Globals {
		switch {
		case g.Shared:
			l.globalOff[i] = region(1, 8)
		case g.V128:
			off = (off + 15) &^ 15
			l.globalOff[i] = region(1, 16)
		default:
			l.globalOff[i] = region(1, 8)
		}
	}
	l.importedFuncs = region(s.ImportedFuncs, 8)
	l.definedFuncs = region(s.DefinedFuncs, VMFuncRefSize)
	l.tags = region(s.ImportedTags+s.DefinedTags, 8)
	l.definedTags = region(s.DefinedTags, VMTagSize)
	l.typeIDs = region(s.Types, 4)
	l.size = (off + 15) &^ 15
	if l.size > MaxVMContextSize {
		return nil, fmt.Errorf("abi: vmctx of %d bytes exceeds the limit of %d", l.size, MaxVMContextSize)
	}
	return l, nil
}

// Shape returns the shape the layout was computed from.
func (l *VMLayout) Shape() VMShape { return l.shape }

// Size is the size of the vmctx in bytes (a multiple of 16).
func (l *VMLayout) Size() int { return l.size }

// The offset helpers below take indices in the module's index spaces
// (imports first) unless their name says "Defined"; the index must be in
// range (the validator guarantees it for validated code).

// MemoryOffset is the offset of memory i's VMMemory.
func (l *VMLayout) MemoryOffset(i int) int { return l.memories + i*VMMemorySize }

// TableOffset is the offset of table i's VMTable.
func (l *VMLayout) TableOffset(i int) int { return l.tables + i*VMTableSize }

// GlobalOffset is the offset of global i's slot: its value, or when
// GlobalShared(i) the address of its VMGlobal cell.
func (l *VMLayout) GlobalOffset(i int) int { return l.globalOff[i] }

// GlobalShared reports whether global i is reached through a pointer.
func (l *VMLayout) GlobalShared(i int) bool { return l.shape.Globals[i].Shared }

// ImportedFuncOffset is the offset of the address of imported function i's
// VMFuncRef (i < ImportedFuncs).
func (l *VMLayout) ImportedFuncOffset(i int) int { return l.importedFuncs + i*8 }

// DefinedFuncOffset is the offset of defined function i's VMFuncRef (i
// counts defined functions only: function index - ImportedFuncs).
func (l *VMLayout) DefinedFuncOffset(i int) int { return l.definedFuncs + i*VMFuncRefSize }

// TagOffset is the offset of the address of tag i's VMTag (every tag,
// imported or defined, is reached through its address: it is its identity).
func (l *VMLayout) TagOffset(i int) int { return l.tags + i*8 }

// DefinedTagOffset is the offset of defined tag i's VMTag (i counts defined
// tags only).
func (l *VMLayout) DefinedTagOffset(i int) int { return l.definedTags + i*VMTagSize }

// TypeIDOffset is the offset of the canonical type id (uint32) of the
// module's type index i.
func (l *VMLayout) TypeIDOffset(i int) int { return l.typeIDs + i*4 }
