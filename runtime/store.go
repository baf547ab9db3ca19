package runtime

import (
	"context"
	goruntime "runtime"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/runtime/internal/execmem"
	"github.com/sablewasm/sable/runtime/internal/offheap"
)

// StoreLimits bounds what a Store may allocate. Zero fields select the
// defaults.
type StoreLimits struct {
	// MaxMemoryPages caps every memory of the Store, in 64 KiB pages
	// (default 65536: 4 GiB). It is also how much address space a memory
	// without a declared maximum reserves, so that its base never moves;
	// reserving costs address space, not memory.
	MaxMemoryPages uint64
	// MaxTableElements caps every table of the Store (default 10,000,000).
	MaxTableElements uint64
	// MaxInstances caps the number of instances (default: no limit).
	MaxInstances int
	// StackSize is the size in bytes of the Store's Wasm stack (default 1
	// MiB). Deeper recursion traps with ErrStackExhausted.
	StackSize int
	// MaxGCHeapBytes caps the GC heap: its old generation and its
	// nursery's capacity together (default and maximum gc.MaxLimit, just
	// under 2 GiB). An allocation that cannot fit even after a major
	// collection traps with ErrGCHeapOutOfMemory. The heap reserves about
	// twice this much address space, and a major collection may touch up
	// to the limit in both of its semispaces.
	MaxGCHeapBytes uint64
}

const (
	defaultMaxMemoryPages   = 1 << 16
	defaultMaxTableElements = 10_000_000
	defaultStackSize        = 1 << 20
)

func (l StoreLimits) withDefaults() StoreLimits {
	if l.MaxMemoryPages == 0 {
		l.MaxMemoryPages = defaultMaxMemoryPages
	}
	if l.MaxTableElements == 0 {
		l.MaxTableElements = defaultMaxTableElements
	}
	if l.StackSize <= 0 {
		l.StackSize = defaultStackSize
	}
	if l.MaxGCHeapBytes == 0 || l.MaxGCHeapBytes > gc.MaxLimit {
		l.MaxGCHeapBytes = gc.MaxLimit
	}
	return l
}

// Store holds the runtime state of a group of instances that may link to
// each other: memories, tables, globals, tags, function records, the Wasm
// stack and the execution context. Objects of one Store cannot be used
// with another.
//
// A Store is one thread of execution: it is not safe for concurrent use.
// Use one Store per goroutine (Stores of one Engine share compiled
// Modules). Close releases its memory; a Store that becomes unreachable
// without Close is released by the garbage collector.
type Store struct {
	eng    *Engine
	limits StoreLimits
	res    *storeResources

	funcs     map[uintptr]*Func        // VMFuncRef address -> its function: funcrefs coming back to Go
	hostRefs  map[*Func]*abi.VMFuncRef // host functions' records in this Store
	instances int
	byVMCtx   map[uintptr]*Instance // vmctx address -> instance: whose code exited
	modules   []*Module             // modules instantiated here: PC -> code, and keeps their code mapped
	calls     []context.Context     // contexts of the Wasm calls in progress, outermost first
	depth     int                   // Wasm calls in progress: Close waits for 0 to free

	// The GC heap's roots and host values (see roots.go, hosttable.go).
	host         hostTable   // Go values Wasm refers to
	roots        rootTable   // objects Go holds
	scopes       scopeStack  // open Scopes and the Objects they own
	refGlobals   []*Global   // globals of GC reference type
	refTables    []*Table    // tables of GC reference type
	refInstances []*Instance // instances with element segments of GC reference type
	sweptAt      uint64      // the major collection after which host values were last swept
}

// storeResources is everything of a Store that lives outside the Go heap.
// It is separate from Store so that the cleanup that frees it does not keep
// the Store reachable.
type storeResources struct {
	arena    offheap.Arena
	vmctxs   []*abi.VMContext
	reserved []reservation // memories and tables
	exec     *abi.ExecContext
	heap     *gc.Heap
	stack    *execmem.Stack
	closed   bool // no more use; freed, or about to be when the running call returns
	freed    bool
}

func (r *storeResources) free() {
	if r.freed {
		return
	}
	r.freed, r.closed = true, true
	for _, v := range r.vmctxs {
		v.Free()
	}
	for _, m := range r.reserved {
		m.free()
	}
	if r.heap != nil {
		r.heap.Free()
	}
	if r.exec != nil {
		r.exec.Free()
	}
	if r.stack != nil {
		r.stack.Free()
	}
	r.arena.Free()
}

// NewStore returns an empty Store for instances of eng's modules.
func NewStore(eng *Engine, limits StoreLimits) *Store {
	st := &Store{
		eng:      eng,
		limits:   limits.withDefaults(),
		res:      &storeResources{},
		funcs:    map[uintptr]*Func{},
		hostRefs: map[*Func]*abi.VMFuncRef{},
		byVMCtx:  map[uintptr]*Instance{},
		roots:    rootTable{orphans: &orphanQueue{}},
	}
	goruntime.AddCleanup(st, (*storeResources).free, st.res)
	return st
}

// Engine returns the Engine the Store belongs to.
func (st *Store) Engine() *Engine { return st.eng }

// Close releases the Store's memories, tables, stacks and instance data.
// Nothing of the Store may be used afterwards: methods report
// ErrStoreClosed, and slices from Memory.Bytes must not be touched.
//
// Closing a Store from a host function that WebAssembly code of the Store
// called ends that call (and the calls around it) with ErrStoreClosed; the
// memory is released once the outermost call has returned.
func (st *Store) Close() error {
	if st.depth > 0 {
		st.res.closed = true
		return nil
	}
	st.res.free()
	return nil
}

func (st *Store) check() error {
	if st.res.closed {
		return ErrStoreClosed
	}
	return nil
}

// execContext returns the Store's ExecContext, creating it and the Wasm
// stack on first use.
func (st *Store) execContext() (*abi.ExecContext, error) {
	if st.res.exec != nil {
		return st.res.exec, nil
	}
	stack, err := execmem.NewStack(st.limits.StackSize)
	if err != nil {
		return nil, err
	}
	ctx, err := abi.NewExecContext()
	if err != nil {
		stack.Free()
		return nil, err
	}
	ctx.StackTop = stack.Top()
	ctx.StackLimit = stack.Base() + stackHeadroom(st.limits.StackSize)
	// Casts and call_indirect's subtype checks read the Engine's type
	// records; the GC heap waits for the first allocation (heap).
	tt, err := st.eng.typeTable()
	if err != nil {
		ctx.Free()
		stack.Free()
		return nil, err
	}
	ctx.TypeTable = tt.addr()
	st.res.exec, st.res.stack = ctx, stack
	return ctx, nil
}

// stackHeadroom is how much of a Wasm stack of size bytes stays below
// StackLimit. Prologues check that a frame plus a fixed slack fits above
// the limit, but host trampolines and the exit sequences run below it
// without checks of their own; the headroom keeps them inside the mapping
// rather than in the guard page.
func stackHeadroom(size int) uintptr {
	return uintptr(min(16<<10, size/4)) &^ 15
}

// offheapNew allocates a record that generated code may access in st's
// off-heap arena; it lives until the Store is closed.
func offheapNew[T any](st *Store) (*T, error) { return offheap.New[T](&st.res.arena) }

// refAddr is the address of a function record: the machine form of a
// funcref.
func refAddr(r *abi.VMFuncRef) uintptr { return uintptr(unsafe.Pointer(r)) }
