package regalloc

import (
	"cmp"
	"slices"
)

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
	a.loops = a.loops[:0]
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
		lp := loopSpan{start: 2 * f.blocks[h].first, end: 2 * f.blocks[h].end}
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
			lp.end = max(lp.end, 2*f.blocks[b].end)
			work = append(work, f.blockPreds(b)...)
		}
		a.work = work
		a.loops = append(a.loops, lp)
	}
	slices.SortFunc(a.loops, func(x, y loopSpan) int { return cmp.Compare(x.start, y.start) })
}

// loopSpan is the point range of a loop in layout order: from its header's
// first point to the last point of its last block. Blocks of other code
// may lie in between; the span is what earlierSpill needs (a range where
// a value has no use), not a membership test.
type loopSpan struct{ start, end int32 }

// earlierSpill returns where to move x, which holds a register up to p and
// is to go to the stack from there, to the stack instead: the start of the
// outermost loop around p that x was live into and does not use, or p.
// Leaving the register at p would cost a store inside the loop and, since
// x is in the register on the way round, a reload on the back edge every
// iteration; leaving it at the header costs a store on the way in, or
// nothing when x is stored at its definition anyway.
func (a *Allocator) earlierSpill(x, p int32) int32 {
	it := &a.ivs[x]
	for _, l := range a.loops {
		if l.start >= p {
			break
		}
		if l.end > p && l.start > it.start() && it.nextUse(l.start) >= l.end {
			return l.start
		}
	}
	return p
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
