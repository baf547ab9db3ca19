package compiler

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// Type is the machine-level type of an IR value.
type Type uint8

const (
	TypeNone Type = iota
	TypeI32
	TypeI64
	TypeF32
	TypeF64
	TypeV128
	// TypeFuncRef is a reference into the func hierarchy (funcref, nofunc,
	// concrete function types): a pointer to a function object that never
	// moves and is never collected while its instance lives, so stack maps
	// ignore it.
	TypeFuncRef
	// TypeRef is a reference the GC must see: any/eq/struct/array/i31,
	// extern (which may wrap an anyref) and exn. Its bits are a u32 heap
	// offset; stack maps list every frame slot that holds one at a
	// safepoint, and the moving collector rewrites those slots.
	TypeRef
)

var typeNames = [...]string{TypeNone: "none", TypeI32: "i32", TypeI64: "i64", TypeF32: "f32",
	TypeF64: "f64", TypeV128: "v128", TypeFuncRef: "funcref", TypeRef: "ref"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "type?"
}

// IsGCRef reports whether values of type t must be recorded in stack maps.
func (t Type) IsGCRef() bool { return t == TypeRef }

// IsRef reports whether t is any reference type.
func (t Type) IsRef() bool { return t == TypeRef || t == TypeFuncRef }

// Value names an SSA value: an index into Func.Values. The zero Value is
// "no value".
type Value uint32

// BlockID indexes Func.Blocks; the entry block is 0.
type BlockID uint32

// InstrID indexes Func.Instrs; 0 is "no instruction" (the list terminator).
type InstrID uint32

// NoBlock is the invalid block.
const NoBlock = ^BlockID(0)

// ValueDef says where a value is defined.
type ValueDef struct {
	Type  Type
	Block BlockID
	// Instr is the defining instruction, or 0 for a block parameter.
	Instr InstrID
	// Index is the position among the block's params or the instruction's results.
	Index uint32
}

// Ext is the extension of a narrow load.
type Ext uint8

const (
	ExtNone Ext = iota // the load is as wide as its result
	ExtZero
	ExtSign
)

// Instr is one IR instruction. Which immediate fields are meaningful is
// documented per Op (see ops.go).
type Instr struct {
	Op   Op
	Type Type // type of the single result, if any
	Size uint8
	Ext  Ext
	// Num is the Wasm operator of OpNumeric and OpCheckTrunc.
	Num wasm.Op
	// Index, Index2 are the Wasm immediates: memory, global, table,
	// function, type, data or element index.
	Index, Index2 uint32
	// Imm is a constant's bits, a memory access's static offset, a bounds
	// check's extent, a canonical type id or a RuntimeFn.
	Imm  uint64
	Trap abi.TrapCode
	// Offset is the Wasm module byte offset of the instruction that
	// produced this one: backtraces and trap sites report it.
	Offset uint32

	Args    []Value
	Results []Value

	Block      BlockID
	prev, next InstrID
}

// Result returns the single result of in (0 if none).
func (in *Instr) Result() Value {
	if len(in.Results) == 0 {
		return 0
	}
	return in.Results[0]
}

// TermKind is the kind of a block terminator.
type TermKind uint8

const (
	TermNone   TermKind = iota // block still under construction
	TermJump                   // Succs[0]
	TermBranch                 // Arg != 0 ? Succs[0] : Succs[1]
	// TermBrTable: Succs[Arg] if Arg < len(Succs)-1, else the last (default).
	TermBrTable
	TermReturn // Values are the results
	// TermTrap traps unconditionally with Trap (unreachable, or a check
	// folded to always fail).
	TermTrap
	// TermTailCall: control leaves through the block's last instruction,
	// a return_call form.
	TermTailCall
)

// BlockCall is a control-flow edge with its block arguments.
type BlockCall struct {
	Block BlockID
	Args  []Value
}

// Term is a block terminator.
type Term struct {
	Kind   TermKind
	Arg    Value // TermBranch condition, TermBrTable index
	Succs  []BlockCall
	Values []Value // TermReturn
	Trap   abi.TrapCode
	Offset uint32
}

// Block is a basic block.
type Block struct {
	Params      []Value
	first, last InstrID
	Term        Term
}

// First returns the first instruction of b (0 if empty). Iterate with
// Func.Next.
func (b *Block) First() InstrID { return b.first }

// Func is a function in IR form.
type Func struct {
	Name    string
	Index   uint32 // function index in the module (imports first)
	Params  []Type
	Results []Type
	Blocks  []Block
	Instrs  []Instr    // Instrs[0] is unused
	Values  []ValueDef // Values[0] is unused
	// MemMinBytes is ModuleInfo.MemMinBytes: what BoundsCheckElim knows of
	// the memories' lengths without a check.
	MemMinBytes []uint64

	values arena[Value]
	calls  arena[BlockCall]
	// cfg caches the CFG analyses between passes; whatever changes a
	// terminator's targets calls invalidateCFG.
	cfg *CFG
}

// CFG returns the control-flow analyses of f, computing them if a pass
// changed the graph since they were last computed.
func (f *Func) CFG() *CFG {
	if f.cfg == nil || len(f.cfg.Order) != len(f.Blocks) {
		f.cfg = NewCFG(f)
	}
	return f.cfg
}

func (f *Func) invalidateCFG() { f.cfg = nil }

// NewFunc returns an empty function with the entry block created and its
// parameters defined.
func NewFunc(name string, params, results []Type) *Func {
	f := &Func{}
	f.init(name, params, results)
	return f
}

// init makes f a new function like NewFunc does, keeping the storage f
// had: a Translator rebuilds one Func per function it translates.
func (f *Func) init(name string, params, results []Type) {
	clear(f.Blocks)
	clear(f.Instrs)
	clear(f.Values)
	values, calls := f.values, f.calls
	values.reset()
	calls.reset()
	*f = Func{Name: name, Params: params, Results: results,
		Blocks: f.Blocks[:0], Instrs: f.Instrs[:0], Values: f.Values[:0],
		values: values, calls: calls}
	if cap(f.Instrs) == 0 {
		f.Instrs = make([]Instr, 0, 16)
	}
	if cap(f.Values) == 0 {
		f.Values = make([]ValueDef, 0, 32)
	}
	f.Instrs = f.Instrs[:1]
	f.Values = f.Values[:1]
	entry := f.NewBlock()
	for _, t := range params {
		f.AddParam(entry, t)
	}
}

// NewBlock appends an empty block.
func (f *Func) NewBlock() BlockID {
	f.Blocks = append(f.Blocks, Block{})
	return BlockID(len(f.Blocks) - 1)
}

// AddParam appends a parameter of type t to block b.
func (f *Func) AddParam(b BlockID, t Type) Value {
	blk := &f.Blocks[b]
	v := f.newValue(ValueDef{Type: t, Block: b, Index: uint32(len(blk.Params))})
	blk.Params = append(blk.Params, v)
	return v
}

func (f *Func) newValue(d ValueDef) Value {
	f.Values = append(f.Values, d)
	return Value(len(f.Values) - 1)
}

// TypeOf returns the type of v.
func (f *Func) TypeOf(v Value) Type { return f.Values[v].Type }

// Next returns the instruction after id in its block (0 at the end).
func (f *Func) Next(id InstrID) InstrID { return f.Instrs[id].next }

// Append adds in at the end of block b, allocating its results (one per
// entry of results) and copying args into the arena. It returns the new
// instruction's id.
func (f *Func) Append(b BlockID, in Instr, args []Value, results ...Type) InstrID {
	id := InstrID(len(f.Instrs))
	in.Block = b
	in.Args = f.values.copy(args)
	if len(results) > 0 {
		in.Results = f.values.alloc(len(results))
		for i, t := range results {
			in.Results[i] = f.newValue(ValueDef{Type: t, Block: b, Instr: id, Index: uint32(i)})
		}
		in.Type = results[0]
	}
	blk := &f.Blocks[b]
	in.prev, in.next = blk.last, 0
	f.Instrs = append(f.Instrs, in)
	if blk.last == 0 {
		blk.first = id
	} else {
		f.Instrs[blk.last].next = id
	}
	blk.last = id
	return id
}

// Remove unlinks instruction id from its block. Its results must be unused.
func (f *Func) Remove(id InstrID) {
	in := &f.Instrs[id]
	blk := &f.Blocks[in.Block]
	if in.prev == 0 {
		blk.first = in.next
	} else {
		f.Instrs[in.prev].next = in.next
	}
	if in.next == 0 {
		blk.last = in.prev
	} else {
		f.Instrs[in.next].prev = in.prev
	}
	in.prev, in.next = 0, 0
}

// NewArgs copies vs into the function's value arena (for terminators).
func (f *Func) NewArgs(vs []Value) []Value { return f.values.copy(vs) }

// NewSuccs allocates n edges from the function's edge arena.
func (f *Func) NewSuccs(n int) []BlockCall { return f.calls.alloc(n) }

// ForEachUse calls fn with a pointer to every value operand of the
// function: instruction arguments and terminator operands, including edge
// arguments. Passes use it to rewrite uses in one sweep.
func (f *Func) ForEachUse(fn func(*Value)) {
	for b := range f.Blocks {
		blk := &f.Blocks[b]
		for id := blk.first; id != 0; id = f.Instrs[id].next {
			args := f.Instrs[id].Args
			for i := range args {
				fn(&args[i])
			}
		}
		f.forEachTermUse(&blk.Term, fn)
	}
}

func (f *Func) forEachTermUse(t *Term, fn func(*Value)) {
	if t.Arg != 0 {
		fn(&t.Arg)
	}
	for i := range t.Values {
		fn(&t.Values[i])
	}
	for s := range t.Succs {
		args := t.Succs[s].Args
		for i := range args {
			fn(&args[i])
		}
	}
}

// arena hands out slices carved from chunks that double in size, so small
// functions stay small and big ones allocate O(log n) times. A slice it
// returns has its capacity capped, so appending to it reallocates instead
// of writing into a neighbour. reset keeps the chunks for the next
// function (a Translator's), invalidating every slice handed out.
type arena[T any] struct {
	buf    []T   // the chunk being carved
	chunks [][]T // every chunk, in order of use
	cur    int   // index of buf in chunks
}

const (
	arenaFirstChunk = 32
	arenaMaxChunk   = 4096
)

func (a *arena[T]) alloc(n int) []T {
	if n == 0 {
		return nil
	}
	if n > cap(a.buf)-len(a.buf) {
		a.next(n)
	}
	l := len(a.buf)
	a.buf = a.buf[:l+n]
	return a.buf[l : l+n : l+n]
}

// next moves to a chunk with room for n: the next kept one if it is big
// enough, else a new one.
func (a *arena[T]) next(n int) {
	if len(a.chunks) > 0 {
		a.chunks[a.cur] = a.buf
		a.cur++
	}
	if a.cur < len(a.chunks) && cap(a.chunks[a.cur]) >= n {
		a.buf = a.chunks[a.cur][:0]
		return
	}
	size := min(max(2*cap(a.buf), arenaFirstChunk), arenaMaxChunk)
	a.buf = make([]T, 0, max(size, n))
	a.chunks = append(a.chunks, nil)
	copy(a.chunks[a.cur+1:], a.chunks[a.cur:])
	a.chunks[a.cur] = a.buf
}

// reset empties the arena, zeroing what it held, and keeps its chunks.
func (a *arena[T]) reset() {
	if len(a.chunks) == 0 {
		return
	}
	a.chunks[a.cur] = a.buf
	for i, c := range a.chunks[:a.cur+1] {
		clear(c)
		a.chunks[i] = c[:0]
	}
	a.cur, a.buf = 0, a.chunks[0]
}

func (a *arena[T]) copy(src []T) []T {
	s := a.alloc(len(src))
	copy(s, src)
	return s
}
