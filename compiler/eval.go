package compiler

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// The evaluator runs IR directly. It is test support: it defines what the
// IR means independently of any backend, so the frontend and every pass
// can be checked end to end against the spec tests, and backends can
// compare their results with it.
//
// Values are uint64 bit patterns (i32 zero-extended, f32 in the low half).
// A funcref is its function index + 1; references of the any and extern
// hierarchies use abi's encoding (an i31 is v<<1|1, host value h is
// h<<2|2, an object its offset in Heap, eval_gc.go); 0 is null for all.

// Trap is the error returned when evaluated code traps.
type Trap struct {
	Code   abi.TrapCode
	Func   string
	Offset uint32 // Wasm module offset of the trapping instruction
}

func (t *Trap) Error() string {
	return fmt.Sprintf("%s (in %s at offset %#x)", t.Code, t.Func, t.Offset)
}

// ErrNoImports is returned for calls to imported functions, which the
// evaluator's environment cannot provide.
var ErrNoImports = errors.New("eval: imported functions are not supported")

// maxEvalPages bounds memory growth in the evaluator so that tests cannot
// allocate gigabytes; growth beyond it fails like a full address space.
const maxEvalPages = 1 << 13

// Instance is the evaluator's environment: one module instance with its
// memories, tables and globals.
type Instance struct {
	Info  *ModuleInfo
	Funcs []*Func // by function index; nil for imports

	Mems    [][]byte
	Globals []uint64
	Tables  [][]uint64
	Datas   [][]byte   // nil once dropped
	Elems   [][]uint64 // evaluated element segments; nil once dropped
	Heap    Heap

	// IsSubtype decides subtyping between distinct canonical type ids the
	// module's own supertype declarations do not relate (nil: none).
	IsSubtype func(sub, super wasm.TypeID) bool
	// MaxDepth bounds call nesting (call stack exhausted beyond it).
	MaxDepth int

	depth  int
	args   []uint64
	supers map[wasm.TypeID]wasm.TypeID // declared supertypes by canonical id
}

// Call runs function idx with args and returns its results.
func (in *Instance) Call(idx uint32, args []uint64) ([]uint64, error) {
	if int(idx) >= len(in.Funcs) || in.Funcs[idx] == nil {
		return nil, ErrNoImports
	}
	return in.run(in.Funcs[idx], args)
}

func (in *Instance) trap(f *Func, code abi.TrapCode, offset uint32) error {
	return &Trap{Code: code, Func: f.Name, Offset: offset}
}

// run evaluates f. Tail calls replace f and its arguments and loop, so
// they run in constant Go stack like the real thing.
func (in *Instance) run(f *Func, args []uint64) ([]uint64, error) {
	maxDepth := in.MaxDepth
	if maxDepth == 0 {
		maxDepth = 2000
	}
	if in.depth >= maxDepth {
		return nil, in.trap(f, abi.TrapStackExhausted, 0)
	}
	in.depth++
	defer func() { in.depth-- }()
tailCall:
	vals := make([]uint64, len(f.Values))
	if len(args) != len(f.Params) {
		return nil, fmt.Errorf("eval %s: %d arguments, want %d", f.Name, len(args), len(f.Params))
	}
	for i, p := range f.Blocks[0].Params {
		vals[p] = args[i]
	}
	var tmp []uint64
	b := BlockID(0)
	for {
		blk := &f.Blocks[b]
		for id := blk.first; id != 0; id = f.Instrs[id].next {
			ins := &f.Instrs[id]
			tail, err := in.exec(f, ins, vals)
			if err != nil {
				return nil, err
			}
			if tail != nil {
				f, args = tail, in.args
				goto tailCall
			}
		}
		t := &blk.Term
		var next BlockCall
		switch t.Kind {
		case TermJump:
			next = t.Succs[0]
		case TermBranch:
			next = t.Succs[1]
			if vals[t.Arg] != 0 {
				next = t.Succs[0]
			}
		case TermBrTable:
			i := vals[t.Arg]
			if i >= uint64(len(t.Succs)-1) {
				i = uint64(len(t.Succs) - 1)
			}
			next = t.Succs[i]
		case TermReturn:
			res := make([]uint64, len(t.Values))
			for i, v := range t.Values {
				res[i] = vals[v]
			}
			return res, nil
		case TermTrap:
			return nil, in.trap(f, t.Trap, t.Offset)
		default:
			return nil, fmt.Errorf("eval %s: b%d: bad terminator %d", f.Name, b, t.Kind)
		}
		// Block arguments are a parallel copy.
		tmp = tmp[:0]
		for _, a := range next.Args {
			tmp = append(tmp, vals[a])
		}
		for i, p := range f.Blocks[next.Block].Params {
			vals[p] = tmp[i]
		}
		b = next.Block
	}
}

// exec executes one instruction. For a tail call it returns the callee,
// with its arguments in in.args.
func (in *Instance) exec(f *Func, ins *Instr, vals []uint64) (*Func, error) {
	arg := func(i int) uint64 { return vals[ins.Args[i]] }
	set := func(x uint64) { vals[ins.Results[0]] = x }
	switch ins.Op {
	case OpConst:
		set(ins.Imm)
	case OpNumeric:
		var b uint64
		if len(ins.Args) > 1 {
			b = arg(1)
		}
		r, trap, ok := EvalNumeric(ins.Num, arg(0), b)
		if !ok || trap != 0 {
			return nil, fmt.Errorf("eval %s: %s at %#x: unchecked trap %v or unknown operator", f.Name, ins.Num, ins.Offset, trap)
		}
		set(r)
	case OpSelect:
		if arg(0) != 0 {
			set(arg(1))
		} else {
			set(arg(2))
		}
	case OpTrapIf:
		if arg(0) != 0 {
			return nil, in.trap(f, ins.Trap, ins.Offset)
		}
	case OpTrapIfZero, OpTrapIfNull:
		if arg(0) == 0 {
			return nil, in.trap(f, ins.Trap, ins.Offset)
		}
	case OpCheckSDiv:
		if sdivOverflows(f.TypeOf(ins.Args[0]), arg(0), arg(1)) {
			return nil, in.trap(f, ins.Trap, ins.Offset)
		}
	case OpCheckTrunc:
		if code := truncCheck(ins.Num, arg(0)); code != 0 {
			return nil, in.trap(f, code, ins.Offset)
		}
	case OpMemBase:
		set(0) // the evaluator addresses its memories by index
	case OpMemLen:
		set(uint64(len(in.Mems[ins.Index])))
	case OpBoundsCheck:
		mem := in.Mems[ins.Index]
		if arg(1) != uint64(len(mem)) {
			// A pass reused a length across a grow: a miscompile the
			// backend tests must see, not a trap.
			return nil, fmt.Errorf("compiler: bounds check at %#x against a stale length %d (memory %d is %d bytes)",
				ins.Offset, arg(1), ins.Index, len(mem))
		}
		if a := arg(0); a > uint64(len(mem)) || ins.Imm > uint64(len(mem))-a {
			return nil, in.trap(f, ins.Trap, ins.Offset)
		}
	case OpLoad:
		set(load(in.Mems[ins.Index][arg(0)+ins.Imm:], ins.Size, ins.Ext, ins.Type))
	case OpStore:
		store(in.Mems[ins.Index][arg(0)+ins.Imm:], ins.Size, arg(1))
	case OpMemorySize:
		set(uint64(len(in.Mems[ins.Index]) / pageSize))
	case OpMemoryGrow:
		set(in.growMemory(ins.Index, arg(0)))
	case OpGlobalGet:
		set(in.Globals[ins.Index])
	case OpGlobalSet:
		in.Globals[ins.Index] = arg(0)
	case OpTableBoundsCheck:
		if arg(0) >= uint64(len(in.Tables[ins.Index])) {
			return nil, in.trap(f, ins.Trap, ins.Offset)
		}
	case OpTableGet:
		set(in.Tables[ins.Index][arg(0)])
	case OpTableSet:
		in.Tables[ins.Index][arg(0)] = arg(1)
	case OpTableSize:
		set(uint64(len(in.Tables[ins.Index])))
	case OpTableGrow:
		set(in.growTable(ins.Index, arg(0), arg(1)))
	case OpSigCheck:
		if !in.sigMatches(arg(0), wasm.TypeID(ins.Imm)) {
			return nil, in.trap(f, ins.Trap, ins.Offset)
		}
	case OpCall, OpCallRef, OpReturnCall, OpReturnCallRef:
		return in.call(f, ins, vals)
	case OpRefFunc:
		set(uint64(ins.Index) + 1)
	case OpRefIsNull:
		set(b2u(arg(0) == 0))
	case OpRefEq:
		set(b2u(arg(0) == arg(1)))
	case OpRuntimeCall:
		if code := in.runtimeCall(ins, vals); code != 0 {
			return nil, in.trap(f, code, ins.Offset)
		}
	case OpSafepoint:
	default:
		code, ok := in.execGC(ins, vals)
		if !ok {
			return nil, fmt.Errorf("eval %s: unknown op %s", f.Name, ins.Op)
		}
		if code != 0 {
			return nil, in.trap(f, code, ins.Offset)
		}
	}
	return nil, nil
}

func sdivOverflows(t Type, x, y uint64) bool {
	if t == TypeI32 {
		return x == 1<<31 && y == 0xffffffff
	}
	return x == 1<<63 && y == ^uint64(0)
}

func (in *Instance) call(f *Func, ins *Instr, vals []uint64) (*Func, error) {
	argv := ins.Args
	var idx uint32
	switch ins.Op {
	case OpCall, OpReturnCall:
		idx = ins.Index
	default:
		idx = uint32(vals[argv[len(argv)-1]] - 1)
		argv = argv[:len(argv)-1]
	}
	if int(idx) >= len(in.Funcs) || in.Funcs[idx] == nil {
		return nil, ErrNoImports
	}
	args := make([]uint64, len(argv))
	for i, a := range argv {
		args[i] = vals[a]
	}
	if ins.Op == OpReturnCall || ins.Op == OpReturnCallRef {
		in.args = args
		return in.Funcs[idx], nil
	}
	res, err := in.run(in.Funcs[idx], args)
	if err != nil {
		return nil, err
	}
	for i, r := range ins.Results {
		vals[r] = res[i]
	}
	return nil, nil
}

func (in *Instance) sigMatches(ref uint64, want wasm.TypeID) bool {
	idx := ref - 1
	if idx >= uint64(len(in.Info.FuncTypes)) {
		return false
	}
	return in.subtype(in.Info.TypeIDs[in.Info.FuncTypes[idx]], want)
}

const pageSize = 65536

func load(b []byte, size uint8, ext Ext, t Type) uint64 {
	var x uint64
	switch size {
	case 1:
		x = uint64(b[0])
		if ext == ExtSign {
			x = uint64(int64(int8(x)))
		}
	case 2:
		x = uint64(binary.LittleEndian.Uint16(b))
		if ext == ExtSign {
			x = uint64(int64(int16(x)))
		}
	case 4:
		x = uint64(binary.LittleEndian.Uint32(b))
		if ext == ExtSign {
			x = uint64(int64(int32(x)))
		}
	default:
		x = binary.LittleEndian.Uint64(b)
	}
	if t == TypeI32 || t == TypeF32 {
		x &= 0xffffffff
	}
	return x
}

func store(b []byte, size uint8, x uint64) {
	switch size {
	case 1:
		b[0] = byte(x)
	case 2:
		binary.LittleEndian.PutUint16(b, uint16(x))
	case 4:
		binary.LittleEndian.PutUint32(b, uint32(x))
	default:
		binary.LittleEndian.PutUint64(b, x)
	}
}

// growMemory returns the old size in pages, or -1 (in the address type).
func (in *Instance) growMemory(mem uint32, delta uint64) uint64 {
	lim := in.Info.Mems[mem].Limits
	fail := uint64(0xffffffff)
	max := uint64(1 << 16)
	if lim.Is64 {
		fail, max = ^uint64(0), 1<<48
	}
	if lim.HasMax && lim.Max < max {
		max = lim.Max
	}
	max = min(max, maxEvalPages)
	old := uint64(len(in.Mems[mem]) / pageSize)
	if delta > max || old+delta > max {
		return fail
	}
	in.Mems[mem] = append(in.Mems[mem], make([]byte, delta*pageSize)...)
	return old
}

func (in *Instance) growTable(t uint32, init, delta uint64) uint64 {
	lim := in.Info.Tables[t].Limits
	fail := uint64(0xffffffff)
	max := uint64(0xffffffff)
	if lim.Is64 {
		fail, max = ^uint64(0), ^uint64(0)
	}
	if lim.HasMax && lim.Max < max {
		max = lim.Max
	}
	max = min(max, 1<<24)
	old := uint64(len(in.Tables[t]))
	if delta > max || old+delta > max {
		return fail
	}
	for range delta {
		in.Tables[t] = append(in.Tables[t], init)
	}
	return old
}
