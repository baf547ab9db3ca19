package regalloc

// Loop depths steer where reloads go: a value spilled before a loop and
// used inside it is reloaded once on entry to the loop rather than on every
// iteration. They are computed here from the CFG (natural loops of the
// back edges a depth-first search finds), so the backend has nothing to
// supply; for the reducible CFGs Wasm produces this is exact, and for
// others it is merely a heuristic gone vague.

type dfsFrame struct{ b, next int32 }

func (a *Allocator) computeLoopDepths() {
	f := a.f
	nb := len(f.blocks)
	a.depth = clear32(a.depth, nb)
	a.mark = clear32(a.mark, nb) // DFS: 1 on the stack, 2 finished
	a.backEdges = a.backEdges[:0]
	stack := append(a.dfs[:0], dfsFrame{0, 0})
	a.mark[0] = 1
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		succs := f.blockSuccs(top.b)
		if int(top.next) == len(succs) {
			a.mark[top.b] = 2
			stack = stack[:len(stack)-1]
			continue
		}
		s := succs[top.next]
		top.next++
		switch a.mark[s] {
		case 0:
			a.mark[s] = 1
			stack = append(stack, dfsFrame{s, 0})
		case 1:
			a.backEdges = append(a.backEdges, edge{top.b, s})
		}
	}
	a.dfs = stack

	// Each header's loop body: the blocks that reach a back edge's source
	// without passing through the header. Marks are header+1, so a block
	// shared by two back edges of one header is counted once.
	clear(a.mark)
	for i, e := range a.backEdges {
		h := e.to
		if a.mark[h] == h+1 {
			continue // loop already walked for an earlier back edge
		}
		a.mark[h] = h + 1
		a.depth[h]++
		work := a.work[:0]
		for _, e2 := range a.backEdges[i:] {
			if e2.to == h {
				work = append(work, e2.from)
			}
		}
		for len(work) > 0 {
			b := work[len(work)-1]
			work = work[:len(work)-1]
			if a.mark[b] == h+1 {
				continue
			}
			a.mark[b] = h + 1
			a.depth[b]++
			work = append(work, f.blockPreds(b)...)
		}
		a.work = work
	}
}

// reloadPoint chooses where the piece of a spilled interval that needs a
// register again at u begins, given that the interval is on the stack from
// lo (exclusive). It is u itself unless u lies in a loop entered after lo:
// then it is the start of the outermost such loop, so the reload happens on
// the way in (edge resolution places it on the entering edge) and the value
// stays in a register around the back edge.
func (a *Allocator) reloadPoint(lo, u int32) int32 {
	f := a.f
	bl, bu := a.instBlock[lo/2], a.instBlock[u/2]
	best, minDepth := u, a.depth[bu]
	for b := bu; b > bl; b-- {
		if a.depth[b-1] < minDepth {
			minDepth, best = a.depth[b-1], 2*f.blocks[b].first
		}
	}
	return best
}
