package compiler

// DCE deletes unreachable blocks, instructions without effects whose results are
// unused, and block parameters that nothing uses (with their edge
// arguments, which may in turn free more instructions).
//
// Liveness is computed by marking from the roots (instructions with
// effects or checks, and terminator operands other than edge arguments);
// an edge argument becomes live only when its parameter does, so a value
// circulating through loop parameters without a real use dies.
func DCE(f *Func) {
	removeUnreachableBlocks(f)
	edges := incomingEdges(f)
	live := make([]bool, len(f.Values))
	var work []Value
	mark := func(v Value) {
		if !live[v] {
			live[v] = true
			work = append(work, v)
		}
	}
	for b := range f.Blocks {
		blk := &f.Blocks[b]
		for id := blk.first; id != 0; id = f.Instrs[id].next {
			in := &f.Instrs[id]
			if !in.Op.IsRemovable() {
				for _, a := range in.Args {
					mark(a)
				}
				for _, r := range in.Results {
					live[r] = true // kept with their instruction
				}
			}
		}
		t := &blk.Term
		if t.Arg != 0 {
			mark(t.Arg)
		}
		for _, v := range t.Values {
			mark(v)
		}
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		d := f.Values[v]
		if d.Instr != 0 {
			for _, a := range f.Instrs[d.Instr].Args {
				mark(a)
			}
			continue
		}
		for _, e := range edges.of(d.Block) {
			mark(f.Blocks[e.block].Term.Succs[e.succ].Args[d.Index])
		}
	}
	for b := range f.Blocks {
		blk := &f.Blocks[b]
		for id := blk.first; id != 0; {
			next := f.Instrs[id].next
			if in := &f.Instrs[id]; in.Op.IsRemovable() && !anyLive(live, in.Results) {
				f.Remove(id)
			}
			id = next
		}
		if b == 0 {
			continue // the entry's parameters are the function's
		}
		for i := len(blk.Params) - 1; i >= 0; i-- {
			if !live[blk.Params[i]] {
				removeParam(f, BlockID(b), i, edges.of(BlockID(b)))
			}
		}
	}
}

func anyLive(live []bool, vs []Value) bool {
	for _, v := range vs {
		if live[v] {
			return true
		}
	}
	return false
}
