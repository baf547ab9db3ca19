package abi

import "strconv"

// ExitCode says why generated code returned to Go. Generated code stores it
// in ExecContext.ExitCode (a 32-bit store at ExecCtxExitCode) as part of the
// exit sequence; Call and Resume return it.
//
// Zero is deliberately not a valid exit code: the dispatch loop treats it as
// "generated code forgot to store one", so that bug cannot masquerade as a
// normal return.
type ExitCode uint32

const (
	// ExitReturn: the entered function returned; its results are in
	// Scratch (or wherever the entry preamble of that signature put them).
	ExitReturn ExitCode = iota + 1
	// ExitTrap: execution trapped with ExecContext.TrapCode. ContPC is the
	// address just after the exit sequence, which identifies the trap site
	// in the module's trap table. The activation is never resumed.
	ExitTrap
	// ExitHostCall: a host function was called (through its VMFuncRef,
	// whose Code is the signature's host trampoline). Scratch[0] holds the
	// VMFuncRef.VMCtx of the callee, which for a host function is an
	// opaque id the runtime chose, Scratch[1] the address of the argument
	// slots on the Wasm stack (8 bytes each, 16 for v128, in parameter
	// order; i32 and f32 in the low 4 bytes). Go writes the results into
	// the same slots from slot 0 (there are max(params, results) slots)
	// and resumes; the trampoline returns them to the Wasm caller.
	ExitHostCall
	// ExitMemoryGrow: memory.grow. Scratch[0] = memory index, Scratch[1] =
	// delta in pages; Go stores the old size in pages, or -1 (as uint64),
	// into Scratch[0] and updates the memory's base and length before
	// resuming.
	ExitMemoryGrow
	// ExitTableGrow: table.grow. Scratch[0] = table index, Scratch[1] =
	// delta, Scratch[2] = the initial reference; result in Scratch[0] as
	// for ExitMemoryGrow.
	ExitTableGrow
	// ExitGCAlloc: the inline GC allocation path ran out of space.
	// Scratch[0] = canonical type id, Scratch[1] = array length (0 for
	// structs); Go allocates (collecting or growing the heap if needed) and
	// stores the reference in Scratch[0], or turns the exit into a trap.
	ExitGCAlloc
	// ExitInterrupt: a loop header or function entry saw
	// ExecContext.InterruptFlag set. Go decides: trap with TrapInterrupted
	// (context cancelled, deadline passed) or clear the flag and resume.
	ExitInterrupt
	// ExitRuntimeCall: a bulk memory or table operation, or a segment
	// drop, runs in Go. Scratch[0] = the compiler.RuntimeFn, Scratch[1] and
	// Scratch[2] = its Wasm immediates (Index, Index2), Scratch[3..] = its
	// operands in order (addresses zero-extended to 64 bits). Go performs
	// it with the spec's trap semantics: on success it resumes (results, if
	// a routine ever has one, in Scratch[0]); a trap is reported by Go and
	// the activation is not resumed.
	ExitRuntimeCall
)

var exitNames = [...]string{
	ExitReturn:      "return",
	ExitTrap:        "trap",
	ExitHostCall:    "host call",
	ExitMemoryGrow:  "memory grow",
	ExitTableGrow:   "table grow",
	ExitGCAlloc:     "GC allocation",
	ExitInterrupt:   "interrupt",
	ExitRuntimeCall: "runtime call",
}

func (c ExitCode) String() string {
	if int(c) < len(exitNames) && exitNames[c] != "" {
		return exitNames[c]
	}
	return "ExitCode(" + strconv.FormatUint(uint64(c), 10) + ")"
}

// TrapCode identifies a trap. Its String is the message the Wasm spec test
// suite's assert_trap and assert_exhaustion expect (spec interpreter
// wording, matched there by prefix), so a *runtime.Trap can print it as is.
// Zero is not a trap.
type TrapCode uint32

const (
	TrapUnreachable              TrapCode = iota + 1 // unreachable instruction
	TrapIntegerDivideByZero                          // div/rem by zero
	TrapIntegerOverflow                              // INT_MIN / -1
	TrapInvalidConversion                            // trunc of NaN or out-of-range float
	TrapMemoryOutOfBounds                            // load, store, bulk memory, data segments
	TrapTableOutOfBounds                             // table.get/set/fill/copy/init, element segments
	TrapUndefinedElement                             // call_indirect index beyond the table
	TrapUninitializedElement                         // call_indirect of a null entry
	TrapIndirectCallTypeMismatch                     // call_indirect signature check
	TrapNullFunctionReference                        // call_ref / return_call_ref of null
	TrapNullReference                                // ref.as_non_null, non-null ref.cast of null
	TrapNullStructReference                          // struct.get/set of null
	TrapNullArrayReference                           // array.* of null
	TrapNullI31Reference                             // i31.get_s/u of null
	TrapCastFailure                                  // ref.cast
	TrapArrayOutOfBounds                             // array element access and bulk array ops
	TrapStackExhausted                               // function prologue stack check
	TrapAllocationTooLarge                           // array length above the type's maxLen (DESIGN §5)
	TrapGCHeapOutOfMemory                            // GC heap exhausted after collection and growth
	TrapInterrupted                                  // interrupt flag: context cancelled or deadline
	TrapUnhandledException                           // exception escaped the entered function
)

// Every text up to "call stack exhausted" is one the spec test suite
// expects (execctx_test.go checks that the suite expects nothing else); the
// rest are Sable's, in the same style.
var trapMessages = [...]string{
	TrapUnreachable:              "unreachable",
	TrapIntegerDivideByZero:      "integer divide by zero",
	TrapIntegerOverflow:          "integer overflow",
	TrapInvalidConversion:        "invalid conversion to integer",
	TrapMemoryOutOfBounds:        "out of bounds memory access",
	TrapTableOutOfBounds:         "out of bounds table access",
	TrapUndefinedElement:         "undefined element",
	TrapUninitializedElement:     "uninitialized element",
	TrapIndirectCallTypeMismatch: "indirect call type mismatch",
	TrapNullFunctionReference:    "null function reference",
	TrapNullReference:            "null reference",
	TrapNullStructReference:      "null structure reference",
	TrapNullArrayReference:       "null array reference",
	TrapNullI31Reference:         "null i31 reference",
	TrapCastFailure:              "cast failure",
	TrapArrayOutOfBounds:         "out of bounds array access",
	TrapStackExhausted:           "call stack exhausted",
	TrapAllocationTooLarge:       "allocation size too large",
	TrapGCHeapOutOfMemory:        "GC heap out of memory",
	TrapInterrupted:              "interrupted",
	TrapUnhandledException:       "unhandled exception",
}

func (c TrapCode) String() string {
	if int(c) < len(trapMessages) && trapMessages[c] != "" {
		return trapMessages[c]
	}
	return "TrapCode(" + strconv.FormatUint(uint64(c), 10) + ")"
}
