package runtime

import "github.com/sablewasm/sable/abi"

// hostTable holds the Go values WebAssembly code refers to: an externref
// made from a Go value (ExternRef), or the anyref any.convert_extern makes
// of one, is the host reference h<<2 | 2 for the value's slot h (see
// abi/gc.go), so passing Go values into Wasm allocates nothing in the GC
// heap. Slots are reused once a collection finds no reference to them.
type hostTable struct {
	values []any
	used   []bool
	free   []uint32
	marks  []bool // during a collection: slots still referred to
}

// maxHostHandle bounds the slots: h<<2 | 2 must fit in a u32.
const maxHostHandle = 1<<30 - 1

// add enters x and returns its reference.
func (t *hostTable) add(x any) (uint64, error) {
	var h uint32
	if n := len(t.free); n > 0 {
		h = t.free[n-1]
		t.free = t.free[:n-1]
	} else {
		if len(t.values) > maxHostHandle {
			return 0, ErrLimit
		}
		h = uint32(len(t.values))
		t.values = append(t.values, nil)
		t.used = append(t.used, false)
	}
	t.values[h], t.used[h] = x, true
	return uint64(h)<<2 | abi.RefHostTag, nil
}

// get returns the value of host reference ref.
func (t *hostTable) get(ref uint64) (any, bool) {
	h := ref >> 2
	if !abi.IsHostRef(ref) || h >= uint64(len(t.values)) || !t.used[h] {
		return nil, false
	}
	return t.values[h], true
}

// startMarking prepares for a collection's MarkHost calls.
func (t *hostTable) startMarking() {
	n := len(t.values)
	if cap(t.marks) < n {
		t.marks = make([]bool, n)
	}
	t.marks = t.marks[:n]
	clear(t.marks)
}

func (t *hostTable) mark(h uint32) {
	if int(h) < len(t.marks) {
		t.marks[h] = true
	}
}

// sweep frees the slots the finished collection did not mark.
func (t *hostTable) sweep() {
	for h, used := range t.used {
		if used && !t.marks[h] {
			t.values[h], t.used[h] = nil, false
			t.free = append(t.free, uint32(h))
		}
	}
}
