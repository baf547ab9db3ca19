package compiler

// MemRegs makes the memory bases and lengths that bounds checks and
// accesses read (OpMemBase, OpMemLen: a load from the vmctx each, the
// length a dependent second load) values that live in registers: one per
// loop rather than one per access.
//
//  1. Hoisting. In a loop that nothing in it can grow a memory through
//     (no call, grow or runtime call; the interrupt poll and the GC
//     allocation slow path exit to Go but never grow a memory), the base
//     and length of every memory the loop accesses are loaded once, at the
//     end of the loop header's immediate dominator. The outermost such
//     loop gets them. A load the loop would not have executed costs one
//     load from the vmctx, which is always valid.
//  2. Reuse. A forward availability analysis finds, at every block, the
//     base and length values known on every path to it (a length stops
//     being known at anything that may grow a memory), and every OpMemBase
//     or OpMemLen with a known value is replaced by it. A value known on
//     every path into a block was computed on every path, so its
//     definition dominates the block.
//
// Bases never change (a memory's maximum is reserved up front), so for
// them this is CSE over joins as well as along dominators; lengths only
// grow, but a stale length would make a check trap wrongly, which is why
// calls end their reuse.
func MemRegs(f *Func) {
	var pairs []memPair
	for b := range f.Blocks {
		for id := f.Blocks[b].first; id != 0; id = f.Instrs[id].next {
			if in := &f.Instrs[id]; in.Op == OpMemBase || in.Op == OpMemLen {
				pairs = addPair(pairs, memPair{in.Op, in.Index})
			}
		}
	}
	if len(pairs) == 0 {
		return
	}
	cfg := f.CFG()
	hoistMemValues(f, cfg, pairs)
	reuseMemValues(f, cfg, pairs)
}

// memPair is one kind of tracked value: the base or the length of a memory.
type memPair struct {
	op  Op
	mem uint32
}

func addPair(ps []memPair, p memPair) []memPair {
	for _, q := range ps {
		if q == p {
			return ps
		}
	}
	return append(ps, p)
}

func pairIndex(ps []memPair, op Op, mem uint32) int {
	for i, q := range ps {
		if q.op == op && q.mem == mem {
			return i
		}
	}
	return -1
}

// MayGrowMemory reports whether an instruction of op may change a
// memory's length: anything that runs other code or the runtime, except
// the interrupt poll and the allocation slow path, whose exits to Go do
// nothing of the sort.
func (op Op) MayGrowMemory() bool {
	return op.IsCall() && op != OpSafepoint && op != OpNewStruct && op != OpNewArray
}

// hoistMemValues places the base and length loads of call-free loops in
// front of them (step 1 of MemRegs).
func hoistMemValues(f *Func, cfg *CFG, pairs []memPair) {
	n := len(f.Blocks)
	grows := make([]bool, n)
	any := false
	for b := range f.Blocks {
		for id := f.Blocks[b].first; id != 0; id = f.Instrs[id].next {
			if f.Instrs[id].Op.MayGrowMemory() {
				grows[b] = true
			}
		}
	}
	// loopOf[b] is the header of the outermost call-free loop containing
	// b (NoBlock if none). Headers come in RPO, outer loops first, so the
	// first loop to claim a block is its outermost.
	loopOf := make([]BlockID, n)
	for i := range loopOf {
		loopOf[i] = NoBlock
	}
	var body, work []BlockID
	inBody := make([]bool, n)
	for _, h := range cfg.RPO {
		body = body[:0]
		for _, p := range cfg.Preds(h) {
			if cfg.Dominates(h, p) && !inBody[p] {
				inBody[p] = true
				body = append(body, p)
			}
		}
		if len(body) == 0 {
			continue // not a loop header
		}
		if !inBody[h] {
			inBody[h] = true
			body = append(body, h)
		}
		work = append(work[:0], body...)
		for len(work) > 0 {
			b := work[len(work)-1]
			work = work[:len(work)-1]
			if b == h {
				continue
			}
			for _, p := range cfg.Preds(b) {
				if !inBody[p] && cfg.Reachable(p) {
					inBody[p] = true
					body = append(body, p)
					work = append(work, p)
				}
			}
		}
		free := true
		for _, b := range body {
			inBody[b] = false
			free = free && !grows[b]
		}
		if !free || loopOf[h] != NoBlock {
			continue
		}
		for _, b := range body {
			if loopOf[b] == NoBlock {
				loopOf[b] = h
				any = true
			}
		}
	}
	if !any {
		return
	}
	// For each claiming loop, the pairs its blocks use, placed once.
	placed := map[[2]uint32]bool{} // (header, pair index)
	for b := range f.Blocks {
		h := loopOf[b]
		if h == NoBlock {
			continue
		}
		for id := f.Blocks[b].first; id != 0; id = f.Instrs[id].next {
			in := &f.Instrs[id]
			if in.Op != OpMemBase && in.Op != OpMemLen {
				continue
			}
			k := [2]uint32{uint32(h), uint32(pairIndex(pairs, in.Op, in.Index))}
			if placed[k] {
				continue
			}
			placed[k] = true
			f.Append(cfg.Idom[h], Instr{Op: in.Op, Index: in.Index, Offset: in.Offset}, nil, TypeI64)
		}
	}
}

// reuseMemValues replaces every OpMemBase and OpMemLen whose value is
// already known on every path to it (step 2 of MemRegs).
func reuseMemValues(f *Func, cfg *CFG, pairs []memPair) {
	n, np := len(f.Blocks), len(pairs)
	// Per block: whether it may grow a memory, the first value of each
	// pair before anything that may grow one (gen), and the first after
	// the last such op (regen) — what the block leaves known when nothing
	// is known at its entry, or when it grows a memory.
	grows := make([]bool, n)
	gen := make([]Value, n*np)
	regen := make([]Value, n*np)
	for b := range f.Blocks {
		g, r := gen[b*np:(b+1)*np], regen[b*np:(b+1)*np]
		for id := f.Blocks[b].first; id != 0; id = f.Instrs[id].next {
			in := &f.Instrs[id]
			if in.Op.MayGrowMemory() {
				grows[b] = true
				clear(r)
				continue
			}
			if in.Op != OpMemBase && in.Op != OpMemLen {
				continue
			}
			k := pairIndex(pairs, in.Op, in.Index)
			if (!grows[b] || pairs[k].op == OpMemBase) && g[k] == 0 {
				g[k] = in.Results[0]
			}
			if r[k] == 0 {
				r[k] = in.Results[0]
			}
		}
	}
	// top marks a block's exit state not computed yet: it does not
	// constrain the meet (a back edge on the first pass).
	const top = ^Value(0)
	out := make([]Value, n*np)
	for i := range out {
		out[i] = top
	}
	in := make([]Value, n*np)
	for changed := true; changed; {
		changed = false
		for _, b := range cfg.RPO {
			st := in[int(b)*np : int(b+1)*np]
			for k := range st {
				st[k] = top
			}
			if b == 0 {
				clear(st)
			}
			for _, p := range cfg.Preds(b) {
				po := out[int(p)*np : int(p+1)*np]
				for k := range st {
					switch {
					case po[k] == top:
					case st[k] == top:
						st[k] = po[k]
					case st[k] != po[k]:
						st[k] = 0
					}
				}
			}
			bo := out[int(b)*np : int(b+1)*np]
			for k := range st {
				v := st[k]
				if v == top {
					v = 0 // unreachable from the entry so far
				}
				if v == 0 {
					v = gen[int(b)*np+k]
				}
				if grows[b] && pairs[k].op == OpMemLen {
					v = regen[int(b)*np+k]
				}
				if bo[k] != v {
					bo[k] = v
					changed = true
				}
			}
		}
	}
	repl := make(replacer, len(f.Values))
	cur := make([]Value, np)
	for _, b := range cfg.RPO {
		copy(cur, in[int(b)*np:int(b+1)*np])
		for k := range cur {
			if cur[k] == top {
				cur[k] = 0
			}
		}
		for id := f.Blocks[b].first; id != 0; {
			ins := &f.Instrs[id]
			next := ins.next
			switch {
			case ins.Op.MayGrowMemory():
				for k := range cur {
					if pairs[k].op == OpMemLen {
						cur[k] = 0
					}
				}
			case ins.Op == OpMemBase || ins.Op == OpMemLen:
				k := pairIndex(pairs, ins.Op, ins.Index)
				if cur[k] != 0 {
					repl[ins.Results[0]] = cur[k]
					f.Remove(id)
				} else {
					cur[k] = ins.Results[0]
				}
			}
			id = next
		}
	}
	repl.apply(f)
}
