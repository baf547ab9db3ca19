package codegen

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/wasm"
)

// Kind is what an Inst does. The comment on each names its operands in
// regalloc order; a back end's emitter reads them from the allocation in
// that order.
type Kind uint8

const (
	Move      Kind = iota // Def dst, Use src: a register copy (coalescing hint)
	Const                 // Def dst = Imm (Type)
	Temp                  // Def tmp: a scratch vreg for the next Inst; no code
	Params                // fixed Defs of the register parameters; no code
	LoadArg               // Def dst = incoming stack slot [FP+Imm]
	Numeric               // Num: a pure Wasm numeric operator; operands per the ISA's shape
	Select                // the ISA's shape (ISA.SelectSelect)
	Check                 // Op: a trap check; a Use per IR argument
	Safepoint             // interrupt poll
	StoreOut              // Use v: store to the outgoing area at [SP+Imm]
	Call                  // [Use ref,] fixed Uses (arguments), fixed Defs (results)
	LoadRes               // Def v = stack result at [SP+Imm] after a call
	StoreRes              // Use v: store our stack result at [FP+Imm]
	Ret                   // fixed Uses: the register results
	Jump                  // Targets[0]
	Branch                // Use cond: Targets[0] if cond != 0 else Targets[1]
	CmpBranch             // Num: a fused integer compare; Use a[, Use b | Imm]
	BrTable               // Use index, Use tmp: Targets[index], default last
	Trap                  // unconditional trap

	// The vmctx operations (isel_vm.go).

	// The memory operations' last Use is a temporary, or with
	// Machine.MemRegs the memory's length (BoundsCheck) or base (Load,
	// Store); a table's BoundsCheck always has a temporary.
	BoundsCheck // Use address, Use tmp|length: memory or table bounds check
	Load        // Use address, Use tmp|base, Def dst
	Store       // Use address, Use value, Use tmp|base
	VMRead      // Def dst: memory.size, table.size, global.get, ref.func, mem.base, mem.len (Op)
	GlobalSet   // Use value
	TableGet    // Use index, Def dst
	TableSet    // Use index, Use value, Use tmp
	RefIsNull   // Use ref, Def dst
	RefEq       // Use a, Use b, Def dst
	Exit        // Uses: operands stored in Scratch; optional fixed Def (Machine.ExitResult)
	TailCall    // [Use ref,] fixed Uses (arguments): the return_call forms

	GC // a GC operation (Op; operands per isel_gc.go)
	// CastBranch is a fused ref.test and branch (br_on_cast): Use ref;
	// Targets[0] if it matches the target (Heap, Nullable), else Targets[1].
	CastBranch
)

// CallKind is how a call reaches its callee.
type CallKind uint8

const (
	CallDirect CallKind = iota // pc-relative to a function of this module; same vmctx
	CallImport                 // through the VMFuncRef of imported function Fn
	CallRef                    // through the VMFuncRef in the first operand
)

// Inst is one selected instruction. Its operands live in the regalloc.Func
// (same index); the fields here are the immediates emission needs.
type Inst struct {
	Kind   Kind
	Op     compiler.Op
	Num    wasm.Op
	Type   compiler.Type
	HasImm bool // the last operand is Imm instead of a register
	Imm    int64
	Trap   abi.TrapCode
	Offset uint32 // Wasm offset, for trap sites
	Fn     uint32 // call target
	// ArgBytes is the callee's stack argument size (Call, TailCall) or
	// this function's (Ret): what the callee pops.
	ArgBytes int32
	// Idx is the memory, table, global, function or type index of a
	// vmctx operation; Size, Ext and AddrType (the address type) describe
	// memory and table accesses.
	Idx      uint32
	Size     uint8
	Ext      compiler.Ext
	AddrType compiler.Type
	Call     CallKind
	// Exit, Scratch, ArgSlots and ArgTypes describe an Exit: its code,
	// the immediates for Scratch[0..], and the Scratch slot and type of
	// each operand.
	Exit     abi.ExitCode
	Scratch  []uint64
	ArgSlots []uint8
	ArgTypes []compiler.Type
	// Heap and Nullable are the target of a cast (GC).
	Heap     wasm.HeapType
	Nullable bool
	// Targets are machine block indices; while selecting, a negative
	// entry -(b+1) names the IR block b, resolved once every block has
	// its index.
	Targets []int32
}
