// Package codegen is the half of a back end that does not depend on the
// instruction set; backend/amd64 and backend/arm64 supply the other half.
//
// # Instruction selection
//
// A Selector turns a function's optimized IR into Insts: machine-level
// instructions over virtual registers, one regalloc instruction each
// (isel*.go). It owns everything the IR's block structure, calls and
// vmctx operations decide — the parameters, block order, edge blocks and
// parallel copies for block arguments, the operands pinned by the calling
// convention, exits to Go — and leaves to the ISA (the ISA interface) the
// shapes of numeric operators and of select, which differ between a
// two-address and a three-address machine. Emitting each Inst with the
// registers the allocator chose is the back end's.
//
// # The calling convention
//
// Both back ends share one Wasm-to-Wasm convention (sig.go): the first
// eight integer and eight float arguments in registers the ISA names
// (Convention), the rest in 8-byte stack slots in argument order, results
// assigned the same way, the stack argument area rounded to 16 bytes and
// popped by the callee so that return_call stays a real tail call. Each
// back end's frame_abi.go documents its registers and frames.
//
// # Compiling and linking a module
//
// CompileModule compiles a module's functions in parallel with one
// FuncCompiler per worker and links them (link.go): every function 16-byte
// aligned, one entry preamble per signature, calls relocated, and the
// trap-site, stack-map and PC->function tables of Module sorted by PC. The
// back end supplies the function compiler, the preambles, the padding and
// the relocation encoding (Arch).
package codegen
