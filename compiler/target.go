package compiler

import "github.com/sablewasm/sable/abi"

// Target is a backend for one instruction set. The driver hands it each
// function's optimized IR together with the module context; the backend
// selects instructions, allocates registers (compiler/regalloc), lays out
// the frame and encodes machine code.
//
// Lower may be called concurrently for different functions of one module
// and must not retain f or mi after it returns.
type Target interface {
	// Name is the GOARCH the target generates code for ("amd64", "arm64").
	Name() string
	// Lower compiles one function. The IR has passed Verify. mi gives
	// function signatures (FuncTypes, FuncType), canonical type ids for
	// signature checks (already folded into OpSigCheck.Imm) and the
	// memories' and tables' address types (Mems, Tables).
	Lower(f *Func, mi *ModuleInfo) (*Code, error)
}

// Code is the machine code of one function and the metadata the runtime
// needs to link, unwind and collect through it. All PCs are byte offsets
// from the start of Bytes.
type Code struct {
	// Bytes is the encoded function, entry at offset 0.
	Bytes []byte
	// FrameSize is the size in bytes of the function's fixed frame below
	// the saved frame pointer and return address (spill slots, saved
	// registers, outgoing stack arguments): what the prologue subtracts
	// from SP and compares against abi.ExecContext.StackLimit.
	FrameSize uint32
	// Relocs are the places the module linker patches once every
	// function's address is known.
	Relocs []Reloc
	// TrapSites map each trap exit in the code to its trap code and the
	// Wasm instruction it implements (Instr.Offset), for typed errors and
	// backtraces. Sorted by PC.
	TrapSites []TrapSite
	// StackMaps give, for every safepoint (each call's return address and
	// each exit to Go), the frame slots holding live GC references
	// (values of a Type with IsGCRef). Sorted by PC.
	StackMaps []StackMap
}

// RelocKind says how a relocation is encoded.
type RelocKind uint8

const (
	// RelocCall is the PC-relative displacement of a direct call (or tail
	// call jump) to function Reloc.Func: rel32 of CALL/JMP on amd64, the
	// imm26 of BL/B on arm64.
	RelocCall RelocKind = iota + 1
)

// Reloc is one relocation.
type Reloc struct {
	Offset uint32 // offset in Code.Bytes of the instruction to patch
	Kind   RelocKind
	Func   uint32 // target function index (imports first)
}

// TrapSite describes one trap exit.
type TrapSite struct {
	PC         uint32 // the exit's ContPC (see abi.ExitTrap)
	Code       abi.TrapCode
	WasmOffset uint32 // module byte offset of the trapping instruction
}

// StackMap lists the reference slots live at one safepoint.
type StackMap struct {
	PC uint32 // return address of the call, or ContPC of the exit
	// Slots are frame-pointer-relative byte offsets (negative: below FP)
	// of the slots holding GC references; the collector reads and updates
	// each as a u32 heap reference.
	Slots []int32
}
