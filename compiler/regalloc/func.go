package regalloc

// Func is the machine-code function the allocator works on, filled by a
// backend after instruction selection. It holds only what allocation needs
// (operands, flags, clobbers, the CFG), in flat arrays the backend can reuse
// from function to function with Reset, so describing a function costs no
// allocation per instruction. Instruction and block indices are dense and in
// layout order; the backend maps them back to its own instructions when the
// result is emitted.
//
// Requirements, checked by Allocate:
//   - block 0 is the entry and has no predecessors; every block has at
//     least one instruction;
//   - no critical edges (an edge from a block with several successors to a
//     block with several predecessors): resolution moves need a block of
//     their own there, so the backend splits such edges first. An edge is
//     added once even if a br_table names its target several times;
//   - the last instruction of a block with successors is its terminator. It
//     defines nothing, and when the block has a single successor it has no
//     operands at all (edge moves are placed just before it);
//   - every vreg is defined on every path before it is used.
type Func struct {
	blocks []block
	succs  []int32 // edge targets, grouped per source block
	preds  []int32 // edge sources, grouped per target block (built by Allocate)
	edges  []edge
	insts  []inst
	ops    []Operand
	vregs  []vregInfo
}

type block struct {
	first, end         int32 // instruction range [first, end)
	succStart, succEnd int32 // into Func.succs
	predStart, predEnd int32 // into Func.preds
}

type edge struct{ from, to int32 }

type inst struct {
	opStart, opEnd uint32
	flags          InstFlags
	clobbers       RegSet
}

type vregInfo struct {
	class Class
	ref   bool
}

// Reset empties f, keeping its memory for the next function.
func (f *Func) Reset() {
	f.blocks = f.blocks[:0]
	f.succs = f.succs[:0]
	f.preds = f.preds[:0]
	f.edges = f.edges[:0]
	f.insts = f.insts[:0]
	f.ops = f.ops[:0]
	f.vregs = f.vregs[:0]
}

// NewVReg creates a virtual register of class c. ref marks it as holding a GC
// reference, which the allocator keeps in a stack slot across safepoints.
func (f *Func) NewVReg(c Class, ref bool) VReg {
	f.vregs = append(f.vregs, vregInfo{class: c, ref: ref})
	return VReg(len(f.vregs) - 1)
}

// NumVRegs is the number of virtual registers created so far.
func (f *Func) NumVRegs() int { return len(f.vregs) }

// NumInsts is the number of instructions added so far.
func (f *Func) NumInsts() int { return len(f.insts) }

// NumBlocks is the number of blocks started so far.
func (f *Func) NumBlocks() int { return len(f.blocks) }

// StartBlock begins a new block; the instructions added next belong to it.
// It returns the block's index.
func (f *Func) StartBlock() int {
	n := int32(len(f.insts))
	f.blocks = append(f.blocks, block{first: n, end: n})
	return len(f.blocks) - 1
}

// AddInst appends an instruction to the current block and returns its index.
// clobbers is the set of registers the instruction destroys beyond its defs
// (a call's caller-saved set); registers outside the allocatable sets may be
// included and are ignored.
func (f *Func) AddInst(flags InstFlags, clobbers RegSet, ops ...Operand) int {
	start := uint32(len(f.ops))
	f.ops = append(f.ops, ops...)
	f.insts = append(f.insts, inst{opStart: start, opEnd: uint32(len(f.ops)), flags: flags, clobbers: clobbers})
	if len(f.blocks) > 0 {
		f.blocks[len(f.blocks)-1].end = int32(len(f.insts))
	}
	return len(f.insts) - 1
}

// AddEdge records a control-flow edge. Edges may be added in any order once
// both blocks exist; a block's successors keep the order they were added in.
func (f *Func) AddEdge(from, to int) {
	f.edges = append(f.edges, edge{int32(from), int32(to)})
}

func (f *Func) blockSuccs(b int32) []int32 {
	bl := &f.blocks[b]
	return f.succs[bl.succStart:bl.succEnd]
}

func (f *Func) blockPreds(b int32) []int32 {
	bl := &f.blocks[b]
	return f.preds[bl.predStart:bl.predEnd]
}

// buildCFG groups the edge list into per-block successor and predecessor
// lists with two counting sorts, keeping each block's successor order.
func (f *Func) buildCFG() {
	nb := len(f.blocks)
	for i := range f.blocks {
		f.blocks[i].succStart, f.blocks[i].succEnd = 0, 0
		f.blocks[i].predStart, f.blocks[i].predEnd = 0, 0
	}
	for _, e := range f.edges {
		f.blocks[e.from].succEnd++
		f.blocks[e.to].predEnd++
	}
	var s, p int32
	for i := 0; i < nb; i++ {
		b := &f.blocks[i]
		ns, np := b.succEnd, b.predEnd
		b.succStart, b.succEnd = s, s
		b.predStart, b.predEnd = p, p
		s += ns
		p += np
	}
	f.succs = grow(f.succs, int(s))
	f.preds = grow(f.preds, int(p))
	for _, e := range f.edges {
		from, to := &f.blocks[e.from], &f.blocks[e.to]
		f.succs[from.succEnd] = e.to
		from.succEnd++
		f.preds[to.predEnd] = e.from
		to.predEnd++
	}
}

// grow returns s resized to n elements, reusing its memory when it can.
// The contents are unspecified.
func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n, n+n/4)
}
