// Package runtime is Sable's embedding API: compile WebAssembly modules,
// instantiate them, link them to each other and to Go, and call them.
//
//	eng := runtime.NewEngine(runtime.Config{})
//	mod, err := eng.Compile(wasmBytes)                  // validate + compile; goroutine-safe
//	st := runtime.NewStore(eng, runtime.StoreLimits{})   // memories, tables, globals, stack
//	defer st.Close()
//	var imports runtime.Imports
//	imports.Define("env", "log", logFunc)               // host functions, memories, tables, ...
//	inst, err := st.Instantiate(ctx, mod, &imports)
//	res, err := inst.Func("fib").Call(ctx, runtime.I32(30))
//
// # Objects and ownership
//
// An Engine compiles Modules and owns the canonical type registry that
// makes equal types of different modules one type. A Store holds what
// instances create and share — memories, tables, globals, tags, function
// records, the Wasm stack — and everything in it belongs to it: externs of
// one Store cannot be used in another (ErrWrongStore). Host functions are
// the exception: a *Func from NewHostFunc belongs to no Store and can be
// imported anywhere.
//
// Linking shares, never copies. An instance that imports a memory, table,
// global or function uses the exporter's: writes, grows and global.set are
// visible on both sides. Import matching follows the spec (limits
// subtyping, global mutability and type, function subtyping by canonical
// type) and fails with a *LinkError ("unknown import", "incompatible
// import type").
//
// # Concurrency
//
// Engine and Module are safe for concurrent use. A Store and everything in
// it is one thread of execution: use it from one goroutine at a time, and
// give each goroutine its own Store.
//
// # Errors and traps
//
// No module, however malformed, makes this package panic: decoding and
// validation errors, link failures, traps and host-function panics are all
// returned as errors.
// A trap is a *Trap whose Error is the spec's message and which matches
// its sentinel with errors.Is (ErrOutOfBoundsMemory, ErrUnreachable, ...);
// a panic in a host function is a *PanicError.
//
// # Cancellation
//
// Func.Call and Store.Instantiate take a context. A context that is done
// stops the call with a *Trap of code abi.TrapInterrupted that also
// matches ctx.Err() under errors.Is. Go cannot preempt machine code, so
// compiled code polls abi.ExecContext.InterruptFlag at loop headers and
// function entries (one load and a branch); the dispatch loop sets it when
// the context is cancelled or its deadline passes.
//
// # Memory
//
// Linear memories and tables reserve their maximum size of address space
// up front (PROT_NONE, MAP_NORESERVE) and commit pages as they grow, so
// their base never moves: generated code keeps it across calls and bounds
// checks compare against the current length in the memory's
// abi.VMMemoryDef. StoreLimits caps sizes (and thereby the reservation of
// memories without a declared maximum).
//
// # GC objects
//
// Each Store has one GC heap (package gc): a precise, moving collector
// over memory Go never scans. Go code holds the structs and arrays in it
// through *Object handles, which stay valid while the collector moves
// objects (Value.Object, ObjectRef; Store.NewStruct, NewArray,
// NewArrayOf; Object.Field, SetField, Elem, SetElem). A handle is
// released by Release, by the Scope it was created in (every host
// function call has one: Objects among its arguments die with it unless
// Retained), or when Go's collector finds it unreachable. Go values passed
// as externrefs (ExternRef) or anyrefs (HostRef) are not copied into the
// heap: the Store keeps them in a table until no reference to them is
// left. StoreLimits.MaxGCHeapBytes caps the heap; allocations trap with
// ErrAllocationTooLarge (abi's size rule, the same on every path) or
// ErrGCHeapOutOfMemory. Config.GCStress (or SABLE_GC_STRESS=1) collects at
// every allocation, to flush out missing roots.
//
// # Execution
//
// Engine.Compile runs the back end of the host architecture (amd64 or
// arm64) over every function and maps the module's code read-execute once,
// shared by all its instances in all Stores. Each Store has one
// abi.ExecContext and one Wasm stack (StoreLimits.StackSize); Func.Call
// enters generated code through abi.Call and serves its exits — host
// calls, memory.grow and table.grow, the bulk memory and table routines,
// interrupts, traps — in a dispatch loop (call.go). A host function may
// call back into WebAssembly on the same Store: the nested activation runs
// below the suspended one on the same stack.
//
// # Status
//
// A function the back end cannot compile yet (SIMD, exceptions, GC
// instructions), or any function on an architecture without a back end,
// returns an error matching ErrNotCompiled, with the reason, when called;
// calls to it from compiled code fail the same way. Everything else,
// including instantiation up to the start function, works without it.
package runtime
