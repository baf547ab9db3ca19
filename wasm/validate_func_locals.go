package wasm

// localTable gives the type of every local of a function and tracks which
// non-defaultable locals have been set. Local declarations are never
// expanded: a few bytes can declare billions of locals.
type localTable struct {
	params []ValType
	decls  []LocalDecl
	ends   []uint64 // ends[i] is one past the index of the last local of decls[i]
	total  uint64

	// Initialization tracking, only for functions with non-defaultable
	// locals. A local is set once per block nesting: a frame records
	// len(log) at entry and restore undoes every set made since.
	tracking bool
	dense    []uint64            // bitset by local index, for small functions
	sparse   map[uint32]struct{} // for functions with more than denseLocals locals
	log      []uint32            // locals marked set, in order
}

// denseLocals bounds the bitset size (8 KiB); larger functions use a map.
const denseLocals = 1 << 16

func (l *localTable) reset(params []ValType, decls []LocalDecl) {
	l.params, l.decls = params, decls
	l.ends = l.ends[:0]
	l.log = l.log[:0]
	l.tracking = false
	n := uint64(len(params))
	for _, d := range decls {
		n += uint64(d.Count)
		l.ends = append(l.ends, n)
		if d.Count > 0 && !d.Type.Defaultable() {
			l.tracking = true
		}
	}
	l.total = n
	if !l.tracking {
		return
	}
	if n <= denseLocals {
		words := int(n+63) / 64
		if cap(l.dense) < words {
			l.dense = make([]uint64, words)
		}
		l.dense = l.dense[:words]
		clear(l.dense)
		l.sparse = nil
	} else {
		l.sparse = make(map[uint32]struct{})
	}
}

// release drops references into the module so a pooled validator does not
// keep it alive.
func (l *localTable) release() {
	l.params, l.decls, l.sparse = nil, nil, nil
}

// typeOf returns the type of local idx.
func (l *localTable) typeOf(idx uint32) (ValType, bool) {
	if uint64(idx) < uint64(len(l.params)) {
		return l.params[idx], true
	}
	if uint64(idx) >= l.total {
		return ValType{}, false
	}
	// Binary search for the first declaration ending after idx.
	lo, hi := 0, len(l.ends)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if l.ends[mid] <= uint64(idx) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return l.decls[lo].Type, true
}

// isSet reports whether local idx of type t may be read.
func (l *localTable) isSet(idx uint32, t ValType) bool {
	if !l.tracking || t.Defaultable() || uint64(idx) < uint64(len(l.params)) {
		return true
	}
	if l.sparse != nil {
		_, ok := l.sparse[idx]
		return ok
	}
	return l.dense[idx/64]&(1<<(idx%64)) != 0
}

// set marks local idx of type t as set.
func (l *localTable) set(idx uint32, t ValType) {
	if l.isSet(idx, t) {
		return
	}
	if l.sparse != nil {
		l.sparse[idx] = struct{}{}
	} else {
		l.dense[idx/64] |= 1 << (idx % 64)
	}
	l.log = append(l.log, idx)
}

// mark returns the current initialization state for restore.
func (l *localTable) mark() int { return len(l.log) }

// restore forgets the locals set since mark returned h.
func (l *localTable) restore(h int) {
	for _, idx := range l.log[h:] {
		if l.sparse != nil {
			delete(l.sparse, idx)
		} else {
			l.dense[idx/64] &^= 1 << (idx % 64)
		}
	}
	l.log = l.log[:h]
}
