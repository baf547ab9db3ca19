package compiler

// Op is an IR operation. Pure numeric Wasm operators are not re-listed:
// they all share OpNumeric and carry their wasm.Op in Instr.Num, so the
// Wasm opcode table stays the single source of their signatures. The
// comment on each op names the Instr fields it uses; the others are zero.
type Op uint8

const (
	OpInvalid Op = iota

	// OpConst: Imm = the bits (f32 in the low half), Type = its type; for
	// reference types only the null constant (Imm 0) exists.
	OpConst
	// OpNumeric: Num = the Wasm operator; Args/Type per its table
	// signature. Executed after its explicit checks, it never traps.
	OpNumeric
	// OpSelect: Args = cond, a, b; the result is a if cond != 0.
	OpSelect

	// Trap checks. They have no results; Trap and Offset give the trap site.

	// OpTrapIf traps if Args[0] (i32) != 0.
	OpTrapIf
	// OpTrapIfZero traps if Args[0] (i32 or i64) == 0.
	OpTrapIfZero
	// OpCheckSDiv traps with integer overflow if Args[0] is the minimum
	// signed integer and Args[1] is -1 (the one signed division whose
	// quotient does not fit).
	OpCheckSDiv
	// OpCheckTrunc checks the operand of the trapping float->int
	// conversion Num: NaN traps "invalid conversion to integer", any
	// other value whose truncation is out of range traps "integer
	// overflow" (Trap holds the latter).
	OpCheckTrunc
	// OpTrapIfNull traps if the reference Args[0] is null.
	OpTrapIfNull

	// Linear memory.

	// OpMemBase: Index = memory; the address of its first byte (i64).
	// A memory's base never moves (its maximum is reserved up front), so
	// the op is pure: one per function or loop is enough.
	OpMemBase
	// OpMemLen: Index = memory; its current byte length (i64). Only
	// memory.grow changes it, and only an op that calls out (IsCall) can
	// grow a memory, so a length stays valid until the next such op:
	// MemRegs reuses and hoists lengths on that basis, which CSE, knowing
	// nothing of calls, must not do (ReadsState).
	OpMemLen
	// OpBoundsCheck: Args = address (i32, or i64 for memory64), the
	// memory's current length (an OpMemLen valid here); Index = memory,
	// Imm = extent (static offset + access size, saturating). Traps unless
	// zext(address) + extent <= length. It is separate from the access so
	// that passes can remove a check made redundant by a dominating one.
	OpBoundsCheck
	// OpLoad: Args = address, base (the memory's OpMemBase); Index =
	// memory, Imm = static offset, Size = access bytes, Ext = extension to
	// Type. Reads base + zext(address) + offset; it assumes a preceding
	// OpBoundsCheck.
	OpLoad
	// OpStore: Args = address, value, base; Index, Imm, Size as for OpLoad
	// (a narrow store keeps the low Size bytes).
	OpStore
	// OpMemorySize: Index = memory; the size in pages (address type).
	OpMemorySize
	// OpMemoryGrow: Index = memory, Args = delta pages; the old size or -1.
	OpMemoryGrow

	// Globals: Index = global.
	OpGlobalGet
	OpGlobalSet // Args = value

	// Tables: Index = table.

	// OpTableBoundsCheck: Args = element index (table address type); traps
	// with Trap unless index < the table's current size.
	OpTableBoundsCheck
	OpTableGet  // Args = index (checked); result is the element
	OpTableSet  // Args = index (checked), value
	OpTableSize // result = the size (address type)
	OpTableGrow // Args = init value, delta; the old size or -1

	// Calls. A call is a safepoint: the backend records a stack map at its
	// return address.

	// OpCall: Index = function index; Args = arguments.
	OpCall
	// OpCallRef: Index = type index of the callee signature; Args =
	// arguments then the (non-null, signature-checked) funcref.
	OpCallRef
	// OpSigCheck: Args = a non-null funcref; Index = expected type index,
	// Imm = its canonical type id. Traps with Trap unless the function's
	// canonical type is a subtype of Imm (for final types: equal to it).
	OpSigCheck
	// OpReturnCall, OpReturnCallRef are tail calls: the caller's frame is
	// gone before the callee runs. They end their block (TermTailCall).
	OpReturnCall
	OpReturnCallRef

	// References.
	OpRefFunc   // Index = function index; a non-null funcref
	OpRefIsNull // Args = ref; i32 1 if null
	OpRefEq     // Args = two eqrefs; i32 1 if they are the same reference

	// OpRuntimeCall runs a bulk operation in the runtime: Imm = RuntimeFn,
	// Index/Index2 = its Wasm immediates, Args = its operands. It may trap
	// (Trap is the code the runtime reports for out-of-bounds operands).
	OpRuntimeCall

	// OpSafepoint polls the interrupt flag (function entry, loop headers).
	OpSafepoint

	// GC objects (gc_ops.go explains the choices). References are TypeRef
	// values in abi's encoding; the object operations take a reference that
	// a dominating OpTrapIfNull proved non-null, and offsets come from the
	// abi layouts (ModuleInfo.GCType).

	// OpNewStruct: Index = struct type index. A new struct with every
	// field zero. Allocation is a safepoint: the collector may run and
	// move every object.
	OpNewStruct
	// OpNewArray: Index = array type index, Args = length (i32). Traps
	// with Trap (allocation size too large) if the length exceeds the
	// type's abi.ArrayLayout.MaxLen — decided before anything is computed
	// from it — else a new array of that length, elements zero. A
	// safepoint like OpNewStruct.
	OpNewArray
	// OpArrayFillAll: Args = array, value; Index = type, Imm = element
	// offset, Size = element bytes. Stores value into every element of an
	// array just allocated (array.new with a non-zero value).
	OpArrayFillAll
	// OpStructGet: Args = struct; Index = type, Index2 = field, Imm =
	// the field's offset in the object, Size = its bytes, Ext = the
	// extension of a packed field to i32 (struct.get_s/_u).
	OpStructGet
	// OpStructSet: Args = struct, value; Index, Index2, Imm, Size as for
	// OpStructGet (a packed field keeps the low Size bytes).
	OpStructSet
	// OpArrayLen: Args = array; its length (i32). Lengths never change.
	OpArrayLen
	// OpArrayBoundsCheck: Args = array, index (i32); traps with Trap
	// unless index < the array's length.
	OpArrayBoundsCheck
	// OpArrayGet: Args = array, index (checked); Index = type, Imm =
	// element offset, Size = element bytes, Ext as for OpStructGet.
	OpArrayGet
	// OpArraySet: Args = array, index (checked), value; as OpArrayGet.
	OpArraySet
	// OpRefI31: Args = i32; the i31 reference (x<<1 | 1, as a u32).
	OpRefI31
	// OpI31Get: Args = a non-null i31 reference; its payload extended to
	// i32 by Ext (ExtSign: i31.get_s, ExtZero: i31.get_u).
	OpI31Get
	// OpRefTest: Args = a reference (TypeRef or TypeFuncRef); i32 1 if it
	// matches the cast target: Imm = the target heap type (a
	// wasm.HeapType: an abstract type, or a type index), Index2 = 1 if
	// null matches (the target type is nullable).
	OpRefTest
	// OpCastCheck: Args, Imm, Index2 as for OpRefTest; traps with Trap
	// unless OpRefTest would give 1 (ref.cast).
	OpCastCheck

	numOps
)

// RuntimeFn names the runtime routine of an OpRuntimeCall.
type RuntimeFn uint8

const (
	RuntimeMemoryInit RuntimeFn = iota + 1 // Index = data, Index2 = memory; dst, src, len
	RuntimeDataDrop                        // Index = data
	RuntimeMemoryCopy                      // Index = dst memory, Index2 = src memory; dst, src, len
	RuntimeMemoryFill                      // Index = memory; dst, value, len
	RuntimeTableInit                       // Index = elem, Index2 = table; dst, src, len
	RuntimeElemDrop                        // Index = elem
	RuntimeTableCopy                       // Index = dst table, Index2 = src table; dst, src, len
	RuntimeTableFill                       // Index = table; dst, value, len

	// The GC's bulk array operations. Index is the array's module type
	// index (the runtime maps it to its canonical id and layout), operands
	// are as on the Wasm stack, references as u32 heap references. The
	// runtime checks null references and both sides' ranges itself, with
	// the spec's trap for each (an array range: out of bounds array
	// access; a data or element segment range: out of bounds memory or
	// table access), and applies abi.ArrayLayout.Size to every length it
	// allocates. Like
	// every runtime call these are safepoints: the collector may run and
	// move objects during the two that allocate.
	RuntimeArrayNewData  // Index = type, Index2 = data; offset, len -> the new array in Scratch[0]
	RuntimeArrayNewElem  // Index = type, Index2 = elem; offset, len -> the new array in Scratch[0]
	RuntimeArrayInitData // Index = type, Index2 = data; array, dst, src, len
	RuntimeArrayInitElem // Index = type, Index2 = elem; array, dst, src, len
	RuntimeArrayFill     // Index = type; array, dst, value, len
	RuntimeArrayCopy     // Index = dst type, Index2 = src type; dst array, dst, src array, src, len
)

var runtimeFnNames = [...]string{"?", "memory.init", "data.drop", "memory.copy", "memory.fill",
	"table.init", "elem.drop", "table.copy", "table.fill", "array.new_data", "array.new_elem",
	"array.init_data", "array.init_elem", "array.fill", "array.copy"}

// IsGC reports whether r is one of the GC's bulk array operations.
func (r RuntimeFn) IsGC() bool { return r >= RuntimeArrayNewData && r <= RuntimeArrayCopy }

func (r RuntimeFn) String() string {
	if int(r) < len(runtimeFnNames) {
		return runtimeFnNames[r]
	}
	return "runtime?"
}

// opFlags classify ops for the passes.
type opFlags uint8

const (
	// flagPure: no side effects and cannot trap; may be removed when
	// unused and merged with an equal instruction (CSE).
	flagPure opFlags = 1 << iota
	// flagCheck: a trap check without results; an identical check
	// dominated by it is redundant.
	flagCheck
	// flagCall: transfers control to other code (a safepoint).
	flagCall
	// flagReads: no side effects and cannot trap, but reads state that
	// other ops change (lengths, globals, memory): may be removed when
	// unused, never merged by CSE.
	flagReads
)

type opInfo struct {
	name  string
	flags opFlags
}

var opInfos = [numOps]opInfo{
	OpInvalid:          {"invalid", 0},
	OpConst:            {"const", flagPure},
	OpNumeric:          {"numeric", flagPure},
	OpSelect:           {"select", flagPure},
	OpTrapIf:           {"trap_if", flagCheck},
	OpTrapIfZero:       {"trap_if_zero", flagCheck},
	OpCheckSDiv:        {"check_sdiv", flagCheck},
	OpCheckTrunc:       {"check_trunc", flagCheck},
	OpTrapIfNull:       {"trap_if_null", flagCheck},
	OpMemBase:          {"mem.base", flagPure},
	OpMemLen:           {"mem.len", flagReads},
	OpBoundsCheck:      {"bounds_check", flagCheck},
	OpLoad:             {"load", flagReads},
	OpStore:            {"store", 0},
	OpMemorySize:       {"memory.size", flagReads},
	OpMemoryGrow:       {"memory.grow", flagCall},
	OpGlobalGet:        {"global.get", flagReads},
	OpGlobalSet:        {"global.set", 0},
	OpTableBoundsCheck: {"table_bounds_check", flagCheck},
	OpTableGet:         {"table.get", 0},
	OpTableSet:         {"table.set", 0},
	OpTableSize:        {"table.size", flagReads},
	OpTableGrow:        {"table.grow", flagCall},
	OpCall:             {"call", flagCall},
	OpCallRef:          {"call_ref", flagCall},
	OpSigCheck:         {"sig_check", flagCheck},
	OpReturnCall:       {"return_call", flagCall},
	OpReturnCallRef:    {"return_call_ref", flagCall},
	OpRefFunc:          {"ref.func", flagPure},
	OpRefIsNull:        {"ref.is_null", flagPure},
	OpRefEq:            {"ref.eq", flagPure},
	OpRuntimeCall:      {"runtime_call", flagCall},
	OpSafepoint:        {"safepoint", flagCall},
	OpNewStruct:        {"struct.new", flagCall},
	OpNewArray:         {"array.new", flagCall},
	OpArrayFillAll:     {"array.fill_all", 0},
	OpStructGet:        {"struct.get", 0},
	OpStructSet:        {"struct.set", 0},
	OpArrayLen:         {"array.len", flagPure},
	OpArrayBoundsCheck: {"array_bounds_check", flagCheck},
	OpArrayGet:         {"array.get", 0},
	OpArraySet:         {"array.set", 0},
	OpRefI31:           {"ref.i31", flagPure},
	OpI31Get:           {"i31.get", flagPure},
	OpRefTest:          {"ref.test", flagPure},
	OpCastCheck:        {"cast_check", flagCheck},
}

func (op Op) String() string {
	if op < numOps {
		return opInfos[op].name
	}
	return "op?"
}

// IsPure reports whether op has no side effects and cannot trap.
func (op Op) IsPure() bool { return op < numOps && opInfos[op].flags&flagPure != 0 }

// ReadsState reports whether op has no side effects and cannot trap but
// reads mutable state: DCE may remove it when unused, CSE must not merge it.
func (op Op) ReadsState() bool { return op < numOps && opInfos[op].flags&flagReads != 0 }

// IsRemovable reports whether an instruction of op whose results are
// unused may be deleted.
func (op Op) IsRemovable() bool { return op.IsPure() || op.ReadsState() }

// IsCheck reports whether op is a trap check without results.
func (op Op) IsCheck() bool { return op < numOps && opInfos[op].flags&flagCheck != 0 }

// IsCall reports whether op calls out of the function (a safepoint).
func (op Op) IsCall() bool { return op < numOps && opInfos[op].flags&flagCall != 0 }
