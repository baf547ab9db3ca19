package compiler

// Pass is one optimization pass over a function.
type Pass struct {
	Name string
	Run  func(*Func)
}

// Passes is the optimization pipeline, in order. Each pass leaves the
// function valid for Verify.
//
// Copy propagation runs first because the frontend's local-variable SSA
// leaves a trivial loop-header parameter for every local read in a loop,
// which would hide constants and equal values from the passes after it;
// it runs again after constant folding, whose branch folding removes edges
// and so makes more parameters trivial.
var Passes = []Pass{
	{"copyprop", CopyProp},
	{"constfold", ConstFold},
	{"copyprop", CopyProp},
	{"cse", CSE},
	{"bce", BoundsCheckElim},
	{"memregs", MemRegs},
	{"merge", MergeBlocks},
	{"dce", DCE},
}

// Optimize runs the pipeline on f.
func Optimize(f *Func) {
	for _, p := range Passes {
		p.Run(f)
	}
}

// incomingEdges lists, for every block, the edges that enter it.
func incomingEdges(f *Func) csr[pred] {
	return buildCSR(len(f.Blocks), func(add func(BlockID, pred)) {
		for b := range f.Blocks {
			for i, s := range f.Blocks[b].Term.Succs {
				add(s.Block, pred{BlockID(b), uint32(i)})
			}
		}
	})
}

// replacer maps values to their replacements (0: keep).
type replacer []Value

func (r replacer) resolve(v Value) Value {
	for r[v] != 0 {
		v = r[v]
	}
	return v
}

// apply rewrites every use in f.
func (r replacer) apply(f *Func) {
	f.ForEachUse(func(v *Value) { *v = r.resolve(*v) })
}

// rewriteArgs rewrites the operands of one instruction.
func (r replacer) rewriteArgs(in *Instr) {
	for i := range in.Args {
		in.Args[i] = r.resolve(in.Args[i])
	}
}

// rewriteTerm rewrites the operands of a block's terminator.
func (r replacer) rewriteTerm(f *Func, b BlockID) {
	f.forEachTermUse(&f.Blocks[b].Term, func(v *Value) { *v = r.resolve(*v) })
}

// removeParam deletes parameter i of block b and the matching argument on
// every incoming edge.
func removeParam(f *Func, b BlockID, i int, edges []pred) {
	blk := &f.Blocks[b]
	blk.Params = append(blk.Params[:i], blk.Params[i+1:]...)
	for j := i; j < len(blk.Params); j++ {
		f.Values[blk.Params[j]].Index = uint32(j)
	}
	for _, e := range edges {
		s := &f.Blocks[e.block].Term.Succs[e.succ]
		s.Args = append(s.Args[:i], s.Args[i+1:]...)
	}
}
