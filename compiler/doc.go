// Package compiler is the machine-independent half of Sable's compiler:
// an SSA IR with block parameters, the Wasm->IR frontend, the optimization
// passes, a reference evaluator, and the Target interface the per-ISA
// backends implement. Compile drives it all, one function per worker.
//
// # Pipeline
//
//	wasm.Module --Translate--> Func --Passes--> Func --Target.Lower--> Code
//
// Translate (frontend*.go) reads a validated body once with
// wasm.InstrReader, simulating the operand stack with IR values. Locals
// become SSA values with Braun et al.'s algorithm (frontend_ssa.go).
// Unreachable code after br, return, unreachable and tail calls is
// skipped; blocks nothing reaches are deleted.
//
// # IR
//
// A Func is a list of Blocks; block 0 is the entry and its parameters are
// the function's parameters. Values live across joins as block parameters:
// every edge (BlockCall) passes one argument per parameter of its target,
// so there are no phi nodes. Each value is defined once, by a parameter or
// an instruction result, and every use is dominated by its definition
// (Verify checks this and the types). Storage is index-based (BlockID,
// InstrID, Value) with argument lists carved from chunked arenas, so a
// function costs a few allocations per chunk, not per instruction.
//
// Pure numeric Wasm operators share one op, OpNumeric, carrying the
// wasm.Op; their signatures come from the opcode table and their meaning
// from EvalNumeric (numeric*.go), which constant folding and the
// evaluator share. Everything else has a dedicated op (ops.go); the GC
// instructions' mapping is explained in gc_ops.go, and GC object layouts
// come from abi through ModuleInfo.GCType (gctypes.go). TypeRef marks the
// values stack maps must record. SIMD and exception instructions are
// rejected with ErrUnsupported for now (v128 values already have a Type).
//
// The evaluator (eval*.go) keeps GC objects in a byte slice laid out
// exactly as abi says (eval_gc.go), so backend tests can compare real
// heaps with it.
//
// # Traps are explicit
//
// Every trap is a check instruction or a trapping terminator carrying its
// abi.TrapCode and the Wasm module offset of the instruction: divisor
// zero (OpTrapIfZero) and signed overflow (OpCheckSDiv) before a division,
// OpCheckTrunc before a trapping float->int conversion, OpBoundsCheck
// before every load and store (address = zero-extended i32 or i64 plus the
// static offset, compared with the memory's current byte length, an
// OpMemLen value; none for a constant address within the declared minimum),
// OpTableBoundsCheck, OpTrapIfNull and OpSigCheck for call_indirect,
// call_ref and ref.as_non_null, and TermTrap for unreachable. The
// operations after the checks are total, so passes may move or delete
// checks independently of the operations: constant folding deletes the
// checks constants satisfy, CSE deletes repeated ones and BoundsCheckElim
// deletes bounds checks a dominating check subsumes.
//
// # Passes
//
// See Passes for the pipeline and each pass's file for its reasoning:
// copy propagation of trivial block parameters, constant folding (with
// branch folding), CSE scoped by the dominator tree, redundant bounds-check
// elimination, placement of memory bases and lengths (loaded once per
// call-free loop, reused until something may grow the memory), merging
// of jump-connected blocks, and dead code elimination.
package compiler
