// Package amd64 is Sable's x86-64 back end.
//
// # Compiling a function
//
// The ISA-independent half of the back end is shared with backend/arm64
// (backend/internal/codegen): block-level instruction selection, the
// calling convention's layout, the parallel module driver and the linker.
// This package supplies x86's half: the operand shapes of its two-address
// instructions (isel*.go), the registers and frames (frame_abi.go,
// frame.go), emission of each selected instruction through the Assembler
// (lower*.go), the entry preambles (compile_entry.go) and the host
// trampolines (host.go). FuncCompiler.Compile takes a function's optimized
// IR through selection, register allocation (compiler/regalloc) and
// emission; CompileModule compiles and links a module.
//
// # The runtime's entry points
//
// Compile (compile_api.go) runs the whole pipeline for a validated module
// and returns a Module: the code, per function its offset and entry
// preamble, the trap-site, stack-map and PC->function tables, and the
// vmctx layout (abi.VMLayout) the code was compiled against, which the
// instance must use. HostTrampoline (host.go) is the per-signature code
// that host functions run as. Generated code reaches its instance only
// through the vmctx register (frame_abi.go): memories, tables, globals,
// function references and canonical type ids (isel_vm.go, lower_vm.go);
// grows, bulk operations and host calls exit to Go (abi.ExitMemoryGrow,
// ExitTableGrow, ExitRuntimeCall, ExitHostCall). GC objects are allocated
// inline with an ExitGCAlloc slow path, accessed and cast inline
// (lower_gc.go, with Options.GC).
//
// # The assembler
//
// The emission layer is a small, typed assembler over golang-asm
// (Assembler), the relocations and recorded PCs it hands to the linker and
// to stack maps (Code), CPU feature detection for the optional instructions (Features),
// and a disassembler for `sable objdump` (Disassemble).
//
// # Conventions
//
// Operands are typed: GP registers (Reg), XMM registers (XReg), immediates
// (Imm) and memory operands (Mem, built with Base, BaseIndex or a literal
// from the constant pool). Method signatures take the interfaces RMI, RM and
// XM so that, for instance, an immediate cannot be passed where x86 has no
// immediate form; what the types cannot rule out (two memory operands, an
// immediate that does not fit, RSP as an index) is reported as an error.
// Errors are sticky, like bufio.Writer's: the first one stops emission and
// is returned by Finish, so instruction selection does not check every call.
// golang-asm's own diagnostics and panics are turned into errors too.
//
// Operand order is Intel's: destination first (a.ALU(Add, S64, RAX, RCX)
// is add rax, rcx).
//
// # Layout of a function's code
//
// Finish returns the instructions followed by a read-only data tail holding
// float constants and jump tables, both addressed RIP-relative. The tail
// starts 16-byte aligned relative to the function start, and packed-mask
// constants need that alignment in memory, so the linker must place every
// function at a 16-byte aligned address (which loop-header alignment wants
// anyway).
//
// Calls to other functions are direct rel32 calls whose displacement is left
// zero and described by a Relocation (function index, offset of the field);
// the linker patches them once every function has an address.
//
// # golang-asm
//
// golang-asm is Go 1.15's assembler, and it shows:
//   - Operands go in Go's order, source first (CMP excepted, which keeps
//     Intel's), with Go's mnemonics (MOVLQSX for movsxd, CVTTSD2SQ for
//     cvttsd2si r64). The typed API hides both.
//   - golangasm.Builder prints diagnostics to stdout, hides the relocations
//     the assembler produces and cannot re-link its list, so this package
//     drives obj.Link itself; diagnostics and panics become errors.
//   - Calls to other functions and RIP-relative data are symbol references
//     (CALL fn(SB), MOVSD lit(SB)) whose relocations Finish resolves or
//     hands on; a symbol operand must be TYPE_BRANCH for a direct call
//     (TYPE_MEM gives call *fn(%rip)).
//   - It pads jumps for Intel's JCC erratum unless the code claims to be
//     hand-written assembly, which New does (see the comment there).
//   - x86 has no PCALIGN and the assembler keeps per-Prog state between
//     runs; Align re-assembles with that state cleared (asm_align.go,
//     Finish).
//   - SPL is not accepted as a byte register; RSP never holds a value, so
//     byte operations on it are rejected up front.
//   - Unlike arm64, amd64 keeps the first instruction of the list.
package amd64
