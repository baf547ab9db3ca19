// Package arm64 is Sable's AArch64 back end.
//
// # Compiling a function
//
// It mirrors backend/amd64, and shares its ISA-independent half
// (backend/internal/codegen): block-level instruction selection, the
// calling convention's layout, the parallel module driver and the linker.
// This package supplies the operand shapes of arm64's three-address
// instructions (isel*.go), the registers and frames (frame_abi.go,
// frame.go), emission through the Assembler (lower*.go) and the entry
// preambles (compile_entry.go). Compile (compile_api.go) is the runtime's
// entry point and returns the shared Module type. The Wasm-to-Wasm calling
// convention (X20 = vmctx, X0-X7/V0-V7 arguments, callee-popped stack
// arguments, frame records [FP] = caller's FP, [FP+8] = return address)
// is documented in frame_abi.go.
//
// It compiles everything backend/amd64 does: numerics and conversions
// with their traps, control flow, memories (explicit bounds checks,
// memory64, multi-memory), globals, tables, references, direct, imported,
// indirect and reference calls with signature checks, the return_call
// forms as real tail calls (stack arguments included), memory and table
// grow, the bulk operations and host calls through exits to Go,
// interrupts and the stack check, and with Options.GC the GC instructions
// (lower_gc.go: inline allocation with the one MaxLen compare, object
// access from the heap base, casts and subtype checks by the display, stack
// maps at every safepoint). HostTrampoline and NoCodeStub are the code host
// functions and functions without code run as. What it cannot compile yet
// (SIMD, exceptions) is an error wrapping ErrUnsupported and
// compiler.ErrUnsupported.
//
// # The assembler
//
// The emission layer is a small, typed assembler over golang-asm
// (Assembler), the relocations and recorded PCs it hands to the linker and
// to stack maps (Code, Relocation, Mark), and a disassembler for
// `sable objdump --arch arm64` (Disassemble).
//
// # Conventions
//
// Operands are typed: GP registers (Reg: X0-X30, and SP and ZR, the two
// meanings of register 31, kept apart), SIMD/FP registers (VReg), immediates
// (Imm) and memory operands (Mem, built with Base or BaseIndex). Operand
// order is Arm's: destination first (a.ALU(Add, S64, X0, X1, Imm(8)) is
// add x0, x1, #8). What the types cannot rule out (SP where register 31 is
// ZR, X18 or X28 anywhere, an immediate with no encoding where the method
// does not materialize one) is reported as an error. Errors are sticky,
// like bufio.Writer's: the first one stops emission and is returned by
// Finish, so instruction selection does not check every call. golang-asm's
// own diagnostics and panics are turned into errors too.
//
// Registers: X16 (Scratch) is the assembler's temporary, which the helpers
// use to materialize immediates, out-of-range offsets and constants; X17
// (Scratch2) is the second temporary of far references, tail calls and
// veneers; X18 and X28 are never touched (DESIGN §3); X19
// holds the execution context, X29 the frame pointer, X30 the link
// register. Allocatable lists the rest.
//
// # Layout of a function's code
//
// Finish returns the instructions followed by a read-only data tail, 16-byte
// aligned, holding float constants (loaded with ldr literal) and jump tables
// (reached with adr), both PC-relative within ±1 MiB; in a function larger
// than that Finish makes such references far (adr of themselves plus the
// distance built with movz/movk, up to 4 GiB). The function must be placed
// 16-byte aligned.
//
// Calls to other functions are bl (and tail calls b) whose imm26 is left
// zero and described by a Relocation (function index, offset of the
// instruction); the linker patches them once every function has an
// address. bl reaches ±128 MiB: in a module whose code is larger, the
// linker (backend/internal/codegen) sends a call to a callee it may not
// reach to a veneer placed right after the caller (arch.Veneer: adr,
// ldr of the distance, add, br through X16/X17), which reaches anywhere.
//
// Short branches (b.cond and cbz/cbnz: ±1 MiB; tbz/tbnz: ±32 KiB) whose
// target turns out to be out of reach are rewritten by Finish into the
// inverted branch over an unconditional b, reassembling until the layout
// settles (asm_relax.go).
//
// # golang-asm
//
// golang-asm is Go 1.15's assembler, and it shows on arm64:
//   - span7 takes the first Prog of a function for its TEXT
//     pseudo-instruction and assembles from the one after it, which is why
//     golangasm.Builder drops the first instruction added. This package
//     drives obj.Link itself and links its own ATEXT head before the list.
//   - RET has no implicit operand without the preprocessing pass, which
//     is not run (it would build a Go frame): Ret names R30.
//   - ADR label assembles with a zero offset (brdist looks for the target
//     in the destination operand); adr is a WORD patched in Finish.
//   - MOVK of the top halfword with its high bit set is rejected ("requires
//     uimm16": the check shifts the sign-extended operand); move-wide
//     instructions are WORDs encoded here.
//   - Loads and stores are WORDs encoded here as well: there are no
//     sign-extending loads into W registers (ldrsb w), register-offset modes
//     are uneven, and offsets out of range become R27 sequences.
//   - Any operand it cannot encode in one instruction silently becomes a
//     sequence through R27 (REGTMP) or a literal pool inside the code, and
//     it relaxes far conditional branches into a branch to a branch on its
//     own. Every method here hands it only single-instruction forms, and
//     Finish verifies that every Prog came out as exactly 4 bytes and that
//     nothing was inserted, so a mistake is an error, not wrong code.
//     Instructions naming R27 get zero-size PCDATA Progs (unsafe points for
//     Go's preemption), which the check ignores.
//   - The flag-setting forms into ZR must be CMP/CMN/TST: SUBS $imm, R, ZR
//     is an "illegal combination".
//   - A W-sized logical immediate must be given zero-extended, not
//     sign-extended; MOVW R, R is sxtw and ADD $0, RSP, R is taken for the
//     extended-register form, so moves use ORR and MOVD.
//   - FMOVD $f uses its own literal pool for most values; fmov immediates
//     are encoded here and everything else goes to this package's pool.
package arm64
