package compiler

// CopyProp removes trivial block parameters: a parameter whose incoming
// arguments are all one value w (or the parameter itself, around a loop)
// is a copy of w. Removing one can make others trivial, so it iterates to
// a fixed point, then rewrites every use in one sweep.
func CopyProp(f *Func) {
	repl := make(replacer, len(f.Values))
	edges := incomingEdges(f)
	removed := false
	for changed := true; changed; {
		changed = false
		for b := 1; b < len(f.Blocks); b++ {
			for i := 0; i < len(f.Blocks[b].Params); {
				p := f.Blocks[b].Params[i]
				if w := trivialArg(f, repl, edges.of(BlockID(b)), i, p); w != 0 {
					repl[p] = w
					removeParam(f, BlockID(b), i, edges.of(BlockID(b)))
					changed, removed = true, true
					continue
				}
				i++
			}
		}
	}
	if removed {
		repl.apply(f)
	}
}

// trivialArg returns the single value other than p that the edges pass for
// parameter i, or 0 if there are several.
func trivialArg(f *Func, repl replacer, edges []pred, i int, p Value) Value {
	same := Value(0)
	for _, e := range edges {
		a := repl.resolve(f.Blocks[e.block].Term.Succs[e.succ].Args[i])
		if a == p || a == same {
			continue
		}
		if same != 0 {
			return 0
		}
		same = a
	}
	return same
}
