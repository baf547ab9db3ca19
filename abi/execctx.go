package abi

import (
	"iter"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ScratchWords is the number of 64-bit scratch slots in an activation: the
// operands and results of runtime exits (see the ExitCode constants).
const ScratchWords = 8

// Activation is the state of one entry into generated code that an exit
// leaves behind: why it exited and where to continue. It is embedded in
// ExecContext (the innermost activation) and saved in an EntryRecord when a
// host function enters Wasm again, so the nested entry cannot clobber it.
type Activation struct {
	WasmSP   uintptr // generated code's SP at the exit
	WasmFP   uintptr // generated code's frame pointer at the exit: start of the frame walk
	ContPC   uintptr // where Resume continues; for a trap, the trap site
	ExitCode ExitCode
	TrapCode TrapCode
	Scratch  [ScratchWords]uint64
}

// ExecContext is the block of state shared by Go and the generated code of
// one Store (one thread of Wasm execution). Generated code reaches it through
// the context register (see the package documentation) and the ExecCtx*
// offsets; nothing else about it is visible to machine code.
//
// It lives in its own mmap'd page (NewExecContext), not in the Go heap:
//   - its address never changes, whatever Go's collector does in the future,
//     and machine code can hold it while Go runs;
//   - the collector never scans it, so machine code can write any bit
//     pattern into it without write barriers, and it holds no Go pointers
//     (a test enforces that every field is a plain integer);
//   - its lifetime is explicit (Free), as for the Wasm stack and code.
//
// A Go heap object pinned with runtime.Pinner would also stay put today,
// but would make the no-Go-pointers rule a convention rather than a fact and
// ties correctness to the pinner's semantics; a page per Store is cheap.
type ExecContext struct {
	// Go's SP, frame pointer and (arm64) link register at the last Call or
	// Resume; the exit sequence reloads them. Written only by the trampolines.
	GoSP uintptr
	GoFP uintptr
	GoLR uintptr

	// The innermost activation. Written by generated code at every exit.
	Activation

	// StackLimit is the lowest SP a function prologue may leave: it traps
	// with TrapStackExhausted when SP - frame size < StackLimit.
	StackLimit uintptr
	// InterruptFlag is polled (one 32-bit load) at loop headers and function
	// entries; non-zero makes the code exit with ExitInterrupt. Set it from
	// other goroutines with RequestInterrupt.
	InterruptFlag uint32
	_             uint32
	// VMContext is the instance context of the code running; opaque here.
	VMContext uintptr
	// PrevEntry is the address of the innermost activation's EntryRecord,
	// the head of the chain that Activations walks.
	PrevEntry uintptr
	// StackTop is the highest address of the Wasm stack (16-byte aligned):
	// where the outermost activation starts. Go-only.
	StackTop uintptr

	// The Store's GC heap (see gc.go). GCHeapBase is the address of heap
	// offset 0, so a reference r's object is at GCHeapBase + r. A Store
	// creates its heap at its first allocation — until then GCAllocPtr =
	// GCAllocLimit = 0, so generated code's first allocation exits to Go —
	// and GCHeapBase never changes afterwards; before, no object exists to
	// be reached through it. GCAllocPtr and GCAllocLimit are
	// heap offsets bounding the free space the inline allocation path
	// bumps through; every byte in [GCAllocPtr, GCAllocLimit) is zero.
	// Only generated code's fast path and the collector write them.
	GCHeapBase   uintptr
	GCAllocPtr   uint64
	GCAllocLimit uint64
	// TypeTable is the address of the Engine's table of VMTypeInfo records,
	// indexed by canonical type id (see gc.go): what casts and subtype
	// checks of call_indirect read.
	TypeTable uintptr
}

// Offsets into ExecContext used by generated code and by the trampolines
// (through go_asm.h as const_ExecCtx*). Each one is checked against
// unsafe.Offsetof in execctx_test.go.
const (
	ExecCtxGoSP          = 0
	ExecCtxGoFP          = 8
	ExecCtxGoLR          = 16
	ExecCtxWasmSP        = 24
	ExecCtxWasmFP        = 32
	ExecCtxContPC        = 40
	ExecCtxExitCode      = 48 // uint32
	ExecCtxTrapCode      = 52 // uint32
	ExecCtxScratch       = 56 // [ScratchWords]uint64
	ExecCtxStackLimit    = 120
	ExecCtxInterruptFlag = 128 // uint32
	ExecCtxVMContext     = 136
	ExecCtxPrevEntry     = 144
	ExecCtxStackTop      = 152
	ExecCtxGCHeapBase    = 160
	ExecCtxGCAllocPtr    = 168
	ExecCtxGCAllocLimit  = 176
	ExecCtxTypeTable     = 184
	ExecCtxSize          = 192
)

// NewExecContext maps a fresh, zeroed ExecContext. The caller sets
// StackTop and StackLimit from the Store's Wasm stack before the first Call.
func NewExecContext() (*ExecContext, error) {
	mem, err := unix.Mmap(-1, 0, unix.Getpagesize(), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, err
	}
	return (*ExecContext)(unsafe.Pointer(&mem[0])), nil
}

// Free unmaps c. No activation may be live.
func (c *ExecContext) Free() error {
	return unix.MunmapPtr(unsafe.Pointer(c), uintptr(unix.Getpagesize()))
}

// RequestInterrupt makes the running (or next) activation exit with
// ExitInterrupt at its next loop header or function entry. Safe to call
// from any goroutine.
func (c *ExecContext) RequestInterrupt() {
	atomic.StoreUint32(&c.InterruptFlag, 1)
}

// EntryRecord sits at the top of each activation's Wasm stack area, above
// its first frame. It saves the activation that was suspended in an exit
// when this one began, and links to that activation's record.
type EntryRecord struct {
	Prev  uintptr // the suspended activation's record; 0 for the outermost
	Saved Activation
}

// entryRecordSize keeps SP 16-byte aligned below a record, as both ISAs want.
const entryRecordSize = (unsafe.Sizeof(EntryRecord{}) + 15) &^ 15

// recordAt turns the address of an EntryRecord on the Wasm stack into a
// pointer. The stack is mmap'd memory Go never moves or frees behind our
// back, so holding its addresses as integers is sound; going through memory
// says so to vet, which cannot know it.
func recordAt(addr uintptr) *EntryRecord {
	return *(**EntryRecord)(unsafe.Pointer(&addr))
}

// PushEntry begins an activation and returns the SP to pass to Call. If
// another activation is suspended in an exit (a host function calling back
// into Wasm), its state moves into an EntryRecord placed just below its
// stack pointer, and the new activation runs below that, so it can neither
// clobber the suspended one's frames nor its exit state. ok is false, with
// nothing changed, when the record would not fit above StackLimit: the
// caller reports TrapStackExhausted without entering.
//
// Every PushEntry is paired with a PopEntry, whatever the activation's fate.
func (c *ExecContext) PushEntry() (sp uintptr, ok bool) {
	top := c.WasmSP // 0 when nothing is suspended: see PopEntry
	if top == 0 {
		top = c.StackTop
	}
	rec := (top - entryRecordSize) &^ 15
	if rec < c.StackLimit || rec > top {
		return 0, false
	}
	r := recordAt(rec)
	r.Prev = c.PrevEntry
	r.Saved = c.Activation
	c.PrevEntry = rec
	c.Activation = Activation{}
	return rec, true
}

// PopEntry ends the innermost activation (returned, trapped or abandoned)
// and restores the activation it interrupted, ready for Resume. After the
// outermost PopEntry the context is idle again (WasmSP == 0).
func (c *ExecContext) PopEntry() {
	r := recordAt(c.PrevEntry)
	c.PrevEntry = r.Prev
	c.Activation = r.Saved
}

// Activations yields the live activations from the innermost out: the one
// in c, then each suspended one saved in the EntryRecord chain. A stack
// walker walks each one's frames from WasmFP/ContPC until the zero frame
// pointer that Call plants at the bottom of every activation.
func (c *ExecContext) Activations() iter.Seq[*Activation] {
	return func(yield func(*Activation) bool) {
		if c.PrevEntry == 0 || !yield(&c.Activation) {
			return
		}
		for rec := c.PrevEntry; rec != 0; {
			r := recordAt(rec)
			if r.Saved.WasmSP == 0 || !yield(&r.Saved) {
				return
			}
			rec = r.Prev
		}
	}
}
