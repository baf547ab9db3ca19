package runtime

// Scope bounds the life of the Objects created while it is the innermost
// open scope of its Store: Close releases them all. Scopes nest; closing
// one also closes the scopes opened inside it that are still open.
//
//	sc := st.OpenScope()
//	defer sc.Close()
//	res, err := f.Call(ctx, args...) // Objects among res belong to sc
type Scope struct {
	st    *Store
	depth int // index in st.scopes.open; -1 once closed
	mark  int // len(st.scopes.owned) when it opened
}

// OpenScope opens a Scope on the Store.
func (st *Store) OpenScope() *Scope {
	sc := &st.scopes
	s := &Scope{st: st, depth: len(sc.stack), mark: len(sc.owned)}
	sc.stack = append(sc.stack, s)
	return s
}

// Close releases the Objects the scope owns. Closing twice is harmless.
func (s *Scope) Close() {
	sc := &s.st.scopes
	if s.depth < 0 || s.depth >= len(sc.stack) || sc.stack[s.depth] != s {
		s.depth = -1 // already closed, maybe with an enclosing scope
		return
	}
	for _, o := range sc.owned[s.mark:] {
		o.Release()
	}
	clear(sc.owned[s.mark:])
	sc.owned = sc.owned[:s.mark]
	depth := s.depth
	for _, inner := range sc.stack[depth:] {
		inner.depth = -1
	}
	clear(sc.stack[depth:])
	sc.stack = sc.stack[:depth]
}

// scopeStack is a Store's open scopes, innermost last, and the Objects
// they own, in creation order: scope i owns owned[stack[i].mark:] up to
// the next scope's mark.
type scopeStack struct {
	stack []*Scope
	owned []*Object
}

func (s *scopeStack) open() bool { return len(s.stack) > 0 }

func (s *scopeStack) own(o *Object) { s.owned = append(s.owned, o) }
