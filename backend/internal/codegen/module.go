package codegen

import (
	"slices"

	"github.com/sablewasm/sable/abi"
)

// TrapSite maps the address a trap exit reports (its ContPC) to the trap.
type TrapSite struct {
	PC     uint32 // from the start of the function (Func) or module (Module)
	Code   abi.TrapCode
	Offset uint32 // Wasm module offset of the trapping instruction
}

// StackMap lists the frame slots holding live GC references at a
// safepoint: PC is the call's return address (or the exit's
// continuation), Slots are offsets from the frame pointer of the frame
// that made the call.
type StackMap struct {
	PC    uint32
	Slots []int32
}

// Reloc is a direct call or jump to another function, patched by the
// linker with the ISA's encoding (Arch.Patch) once every function has an
// address.
type Reloc struct {
	Offset uint32 // from the start of the function; what it points at is the ISA's
	Func   uint32 // index of the target function
}

// Func is one function's (or entry preamble's) machine code and metadata,
// PCs relative to its start.
type Func struct {
	Index uint32
	Code  []byte
	// TextLen is the length of the instructions; the function's read-only
	// data (literals, jump tables) follows.
	TextLen   uint32
	Relocs    []Reloc
	TrapSites []TrapSite
	StackMaps []StackMap
}

// Module is a compiled module: one code buffer to map as a whole (every
// function 16-byte aligned, calls already relocated, so it is position
// independent) and the tables the runtime needs to run and walk it. All
// PCs are offsets from the start of Code.
type Module struct {
	Code []byte
	// Layout is the vmctx layout whose offsets the code was compiled
	// with: abi.NewVMLayout(abi.ShapeOf(module)).
	Layout *abi.VMLayout
	// Funcs is indexed by function index; imported functions have no code
	// (Size 0) but an Entry.
	Funcs []FuncInfo
	// TrapSites and StackMaps are sorted by PC.
	TrapSites []TrapSite
	StackMaps []StackMap
}

// FuncInfo locates one function.
type FuncInfo struct {
	Offset, Size uint32
	// Entry is the offset of the entry preamble for the function's
	// signature.
	Entry uint32
}

// FuncAt returns the index of the function whose code contains pc, the
// PC -> function table of backtraces.
func (m *Module) FuncAt(pc uint32) (uint32, bool) {
	for i, f := range m.Funcs {
		if f.Size > 0 && pc >= f.Offset && pc < f.Offset+f.Size {
			return uint32(i), true
		}
	}
	return 0, false
}

// TrapAt returns the trap site whose continuation address is pc.
func (m *Module) TrapAt(pc uint32) (TrapSite, bool) {
	i, ok := slices.BinarySearchFunc(m.TrapSites, pc, func(t TrapSite, pc uint32) int { return int(t.PC) - int(pc) })
	if !ok {
		return TrapSite{}, false
	}
	return m.TrapSites[i], true
}
