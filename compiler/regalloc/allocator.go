package regalloc

import (
	"errors"
	"fmt"
)

// ErrInternal reports a broken allocator invariant: a bug here, not in the
// input. It is returned rather than panicking so that a compiler bug fails
// one function's compilation instead of the embedding program.
var ErrInternal = errors.New("regalloc: internal error")

func internal(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInternal, fmt.Sprintf(format, args...))
}

// Allocator assigns registers. It keeps all its working memory between
// calls, so one Allocator per compiling goroutine allocates almost nothing in
// steady state. It is not safe for concurrent use.
type Allocator struct {
	target      Target
	allocatable [NumClasses]RegSet
	allRegs     RegSet // union of allocatable sets
	calleeSaved RegSet

	f    *Func
	live liveness

	// Loop nesting.
	depth     []int32    // per block
	loops     []loopSpan // by start
	mark      []int32
	backEdges []edge
	dfs       []dfsFrame
	work      []int32

	// Lifetimes.
	ivs        []interval
	rangeArena []lrange // pieces' ranges and uses copied by split
	useArena   []int32
	first      []int32          // per vreg: first piece of its lifetime, -1 if never live
	fixed      [64][]fixedRange // per register: points where it is pinned or clobbered
	fixedCur   [64]int32        // scan cursor into fixed
	safepoints []int32          // safepoint instructions, ascending
	fixedMoves []fixedMove      // copies into/out of fixed operand registers
	crossings  []crossing
	instBlock  []int32 // block of each instruction
	defInst    []int32 // per vreg: its only defining instruction, noDef or multiDef
	liveSet    sparseSet
	liveRefs   sparseSet

	// Scan state.
	initial     []queued // the vregs' first intervals, by start
	nextInitial int32
	startCount  []int32
	unhandled   []queued // min-heap of split-off pieces, by start
	active      [NumClasses][]held
	inactive    [64][]held // per register, by pos
	waking      []held
	freeUntil   [64]int32
	nextUse     [64]int32
	blockPos    [64]int32

	// Resolution.
	slotOf     []int32 // per vreg: spill slot index, -1 if never spilled
	slotOff    []uint32
	hulls      []slotHull
	slotFree   []int32
	inUse      []slotEnd
	moves      []pmove
	movesTmp   []pmove
	moveCount  []int32
	pending    []pmove
	cursor     []int32
	scanCur    []int32
	pieces     []int32 // every vreg's pieces in order, by indexPieces
	pieceFrom  []int32 // start point of each entry of pieces
	pieceStart []int32 // per vreg offsets into pieces

	res Result
}

// NewAllocator returns an allocator for target t.
func NewAllocator(t *Target) (*Allocator, error) {
	if err := checkTarget(t); err != nil {
		return nil, err
	}
	a := &Allocator{target: *t}
	for c := Class(0); c < NumClasses; c++ {
		cr := &a.target.Classes[c]
		cr.Allocatable = append([]PReg(nil), cr.Allocatable...)
		for _, r := range cr.Allocatable {
			a.allocatable[c] = a.allocatable[c].With(r)
		}
		a.allRegs |= a.allocatable[c]
		a.calleeSaved |= cr.CalleeSaved & a.allocatable[c]
	}
	return a, nil
}

// Allocate assigns registers for f. The result stays valid until the next
// call. f gains its predecessor lists but is otherwise not modified.
func (a *Allocator) Allocate(f *Func) (*Result, error) {
	a.f = f
	defer func() { a.f = nil }()
	if err := a.validate(f); err != nil {
		return nil, err
	}
	if err := a.live.compute(f); err != nil {
		return nil, err
	}
	a.computeLoopDepths()
	a.buildIntervals()
	if err := a.scan(); err != nil {
		return nil, err
	}
	a.indexPieces()
	a.assignSlots()
	if err := a.resolve(); err != nil {
		return nil, err
	}
	if err := a.finish(); err != nil {
		return nil, err
	}
	return &a.res, nil
}
