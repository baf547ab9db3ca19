package compiler

// Control-flow analyses shared by the passes and the verifier.

// Succs returns the successor edges of block b.
func (f *Func) Succs(b BlockID) []BlockCall { return f.Blocks[b].Term.Succs }

// CFG is a snapshot of the control-flow graph: reverse postorder from the
// entry, predecessors and immediate dominators. It is invalidated by any
// change to terminators.
type CFG struct {
	RPO   []BlockID
	Order []int32   // position of each block in RPO, -1 if unreachable
	Idom  []BlockID // immediate dominator; the entry's is itself
	// preds and domChildren are adjacency lists in compressed form (one
	// backing slice, indexed by block), which keeps the CFG at a handful
	// of allocations however many blocks the function has.
	preds, domChildren csr[BlockID]
}

// csr is a compressed adjacency list: the items of node i are
// items[start[i]:start[i+1]].
type csr[T any] struct {
	start []int32
	items []T
}

func (c *csr[T]) of(i BlockID) []T { return c.items[c.start[i]:c.start[i+1]] }

// buildCSR builds an adjacency list of n nodes from a function that calls
// add(node, item) for every item; it runs each twice (count, then fill).
func buildCSR[T any](n int, each func(add func(BlockID, T))) csr[T] {
	c := csr[T]{start: make([]int32, n+1)}
	each(func(b BlockID, _ T) { c.start[b+1]++ })
	for i := 1; i <= n; i++ {
		c.start[i] += c.start[i-1]
	}
	c.items = make([]T, c.start[n])
	fill := make([]int32, n)
	copy(fill, c.start[:n])
	each(func(b BlockID, x T) {
		c.items[fill[b]] = x
		fill[b]++
	})
	return c
}

// NewCFG computes the CFG of f.
func NewCFG(f *Func) *CFG {
	c := &CFG{}
	c.RPO, c.Order = reversePostorder(f)
	c.preds = buildCSR(len(f.Blocks), func(add func(BlockID, BlockID)) {
		for _, b := range c.RPO {
			for _, s := range f.Succs(b) {
				add(s.Block, b)
			}
		}
	})
	c.computeDominators()
	return c
}

// Preds returns the predecessors of b, one entry per incoming edge.
func (c *CFG) Preds(b BlockID) []BlockID { return c.preds.of(b) }

// reversePostorder numbers the blocks reachable from the entry in reverse
// postorder (order[b] is -1 for the others). The depth-first search is
// iterative, so deep CFGs cannot exhaust the Go stack.
func reversePostorder(f *Func) (rpo []BlockID, order []int32) {
	n := len(f.Blocks)
	order = make([]int32, n)
	for i := range order {
		order[i] = -1
	}
	// Unvisited blocks have order -1; -2 marks a visited one.
	post := make([]BlockID, 0, n)
	type item struct {
		b    BlockID
		next int
	}
	stack := make([]item, 1, 16)
	order[0] = -2
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		succs := f.Succs(top.b)
		if top.next < len(succs) {
			s := succs[top.next].Block
			top.next++
			if order[s] == -1 {
				order[s] = -2
				stack = append(stack, item{s, 0})
			}
			continue
		}
		post = append(post, top.b)
		stack = stack[:len(stack)-1]
	}
	for i, j := 0, len(post)-1; i < j; i, j = i+1, j-1 {
		post[i], post[j] = post[j], post[i]
	}
	for i, b := range post {
		order[b] = int32(i)
	}
	return post, order
}

// computeDominators is Cooper, Harvey and Kennedy's "A Simple, Fast
// Dominance Algorithm": iterate intersections over RPO to a fixed point.
func (c *CFG) computeDominators() {
	n := len(c.Order)
	c.Idom = make([]BlockID, n)
	for i := range c.Idom {
		c.Idom[i] = NoBlock
	}
	c.Idom[0] = 0
	for changed := true; changed; {
		changed = false
		for _, b := range c.RPO[1:] {
			idom := NoBlock
			for _, p := range c.Preds(b) {
				if c.Idom[p] == NoBlock {
					continue
				}
				if idom == NoBlock {
					idom = p
				} else {
					idom = c.intersect(p, idom)
				}
			}
			if c.Idom[b] != idom {
				c.Idom[b] = idom
				changed = true
			}
		}
	}
	c.domChildren = buildCSR(n, func(add func(BlockID, BlockID)) {
		for _, b := range c.RPO[1:] {
			add(c.Idom[b], b)
		}
	})
}

func (c *CFG) intersect(a, b BlockID) BlockID {
	for a != b {
		for c.Order[a] > c.Order[b] {
			a = c.Idom[a]
		}
		for c.Order[b] > c.Order[a] {
			b = c.Idom[b]
		}
	}
	return a
}

// Reachable reports whether b is reachable from the entry.
func (c *CFG) Reachable(b BlockID) bool { return c.Order[b] >= 0 }

// Dominates reports whether a dominates b (both reachable).
func (c *CFG) Dominates(a, b BlockID) bool {
	for c.Order[b] > c.Order[a] {
		b = c.Idom[b]
	}
	return a == b
}

// walkDomTree visits the dominator tree in preorder, calling enter before
// a block's children and leave after them. It is iterative.
func (c *CFG) walkDomTree(enter, leave func(BlockID)) {
	type item struct {
		b    BlockID
		next int
	}
	stack := make([]item, 1, 16)
	enter(0)
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		kids := c.domChildren.of(top.b)
		if top.next < len(kids) {
			k := kids[top.next]
			top.next++
			enter(k)
			stack = append(stack, item{k, 0})
			continue
		}
		leave(top.b)
		stack = stack[:len(stack)-1]
	}
}

// removeUnreachableBlocks deletes the blocks not reachable from the entry
// and renumbers the rest in reverse postorder, the layout the backends
// want.
func removeUnreachableBlocks(f *Func) {
	rpo, order := reversePostorder(f)
	inOrder := len(rpo) == len(f.Blocks)
	for i, b := range rpo {
		if b != BlockID(i) {
			inOrder = false
			break
		}
	}
	if inOrder {
		return
	}
	f.invalidateCFG()
	blocks := make([]Block, len(rpo))
	for i, b := range rpo {
		blocks[i] = f.Blocks[b]
	}
	f.Blocks = blocks
	for i := range f.Blocks {
		blk := &f.Blocks[i]
		for j := range blk.Term.Succs {
			s := &blk.Term.Succs[j]
			s.Block = BlockID(order[s.Block])
		}
		for _, p := range blk.Params {
			f.Values[p].Block = BlockID(i)
		}
		for id := blk.first; id != 0; id = f.Instrs[id].next {
			in := &f.Instrs[id]
			in.Block = BlockID(i)
			for _, r := range in.Results {
				f.Values[r].Block = BlockID(i)
			}
		}
	}
}
