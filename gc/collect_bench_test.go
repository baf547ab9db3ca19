package gc

import "testing"

// BenchmarkCollect measures a collection of a live binary tree of pairs
// (2^20 nodes, 16 MiB): the cost per live object of copying and scanning.
func BenchmarkCollect(b *testing.B) {
	h := newTestHeap(b, Config{})
	roots := make(rootSlice, 1)
	var build func(d int) uint32
	stack := make(rootSlice, 0, 64)
	build = func(d int) uint32 {
		if d == 0 {
			return h.alloc(tPair, 0, append(stack, roots...))
		}
		stack = append(stack, build(d-1))
		stack = append(stack, build(d-1))
		n := h.alloc(tPair, 0, append(stack, roots...))
		// The children may have moved: read them from the roots.
		r, l := stack[len(stack)-1], stack[len(stack)-2]
		stack = stack[:len(stack)-2]
		h.setField(n, tPair, 0, l)
		h.setField(n, tPair, 1, r)
		return n
	}
	roots[0] = build(19)
	h.collect(roots)
	live := h.Stats().LiveBytes
	b.ResetTimer()
	for range b.N {
		h.collect(roots)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(live/16), "ns/object")
	b.SetBytes(int64(live))
}
