// Package regalloc is Sable's register allocator: one linear-scan allocator
// shared by the amd64 and arm64 backends (DESIGN §6).
//
// # Interface
//
// A backend describes its machine once with a Target (allocatable registers
// per class in preference order, callee-saved sets, a scratch register per
// class, spill slot sizes; reserved registers such as SP, FP, arm64 x18/x28
// are simply never listed) and, per function, fills a Func after
// instruction selection: blocks in layout order with their edges,
// instructions with register operands (Use, Def, UseDef, each optionally
// pinned to a physical register), per-instruction clobber sets, and flags
// marking register moves (coalescing hints) and safepoints (calls,
// allocation slow paths). Virtual registers have a class and a "holds a GC
// reference" bit. Allocator.Allocate returns a Result: the register of every
// operand, the spill area size, the callee-saved registers used, the stack
// map of every safepoint, and — through Result.Emit, which calls back into
// an Emitter the backend implements — the function in layout order with the
// moves, spill stores and reloads it needs.
//
// # Algorithm
//
//  1. Liveness, per vreg over the CFG (liveness.go): no blocks×vregs bitsets;
//     loop nesting depths from the CFG's back edges (loops.go).
//  2. Lifetime intervals with holes, built backwards (build.go). Every
//     instruction has a read point 2i and a write point 2i+1. Fixed
//     operands do not constrain the vreg itself: the register is blocked for
//     everyone else over that point, and a copy into it (use) or out of it
//     (def) is recorded; a hint makes the copy vanish in the common case.
//     Clobbers are blocked registers at the write point, so a value live
//     across a call lands in a callee-saved register or is split.
//  3. Linear scan with interval splitting (scan.go), after Wimmer &
//     Mössenböck: free register for the whole interval, else for a prefix
//     (split), else evict the holder whose next use is furthest (split and
//     spill it up to its next use), else spill the current interval up to
//     its first use — or to the entry of the outermost loop containing that
//     use, so reloads leave loops; an evicted holder that merely passes
//     through the loop around the eviction leaves its register at the
//     loop's entry instead, so neither its store nor its reload runs in the
//     loop (earlierSpill). A GC reference may not be in a register
//     at the write point of a safepoint it is live across, so it is split
//     there and that piece lives in its slot.
//  4. Spill slots (slots.go): one per spilled vreg, shared by vregs whose
//     lifetimes do not overlap; GC references get their own contiguous area.
//     A spilled vreg with a single definition is stored right after it,
//     once, and never again (resolve.go).
//  5. Resolution (resolve.go): moves at split points inside blocks and on
//     CFG edges (at the end of the predecessor or the start of the
//     successor — critical edges must be split by the backend), plus the
//     fixed-operand copies, grouped per gap and phase; each group is a
//     parallel move sequentialized with the scratch register breaking
//     cycles (parallel.go).
//  6. Output (result.go): operand registers, edits, stack maps.
//
// Every allocation buffer lives in the Allocator and is reused, so a
// compiling goroutine that keeps one Allocator allocates almost nothing per
// function. Malformed input is reported as an error wrapping
// ErrInvalidFunc or ErrRegisterPressure; a broken internal invariant as
// ErrInternal. Nothing panics on bad input.
package regalloc
