package compiler

// MergeBlocks joins a block that ends in a jump with its target when the
// target has no other predecessor: the target's parameters become the
// jump's arguments and its instructions move up. Wasm's structured
// control flow leaves many such pairs (block ends reached one way, folded
// branches), and each costs a jump in the backend.
func MergeBlocks(f *Func) {
	edges := incomingEdges(f)
	repl := make(replacer, len(f.Values))
	merged := false
	for a := range f.Blocks {
		for {
			t := &f.Blocks[a].Term
			if t.Kind != TermJump {
				break
			}
			b := t.Succs[0].Block
			if b == BlockID(a) || b == 0 || len(edges.of(b)) != 1 {
				break
			}
			mergeInto(f, BlockID(a), b, repl)
			// b's outgoing edges now leave from a.
			for _, s := range f.Blocks[a].Term.Succs {
				in := edges.of(s.Block)
				for i := range in {
					if in[i].block == b {
						in[i].block = BlockID(a)
					}
				}
			}
			merged = true
		}
	}
	if merged {
		f.invalidateCFG()
		repl.apply(f)
		removeUnreachableBlocks(f)
	}
}

// mergeInto appends block b to block a, which jumps to it.
func mergeInto(f *Func, a, b BlockID, repl replacer) {
	ba, bb := &f.Blocks[a], &f.Blocks[b]
	for i, p := range bb.Params {
		repl[p] = ba.Term.Succs[0].Args[i]
	}
	for id := bb.first; id != 0; id = f.Instrs[id].next {
		in := &f.Instrs[id]
		in.Block = a
		for _, r := range in.Results {
			f.Values[r].Block = a
		}
	}
	if bb.first != 0 {
		if ba.last == 0 {
			ba.first = bb.first
		} else {
			f.Instrs[ba.last].next = bb.first
			f.Instrs[bb.first].prev = ba.last
		}
		ba.last = bb.last
	}
	ba.Term = bb.Term
	*bb = Block{Term: Term{Kind: TermTrap}} // unreachable now; removed by the caller
}
