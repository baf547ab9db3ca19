package wasm

// Validate checks that m is valid per the Wasm 3.0 validation rules.
// It returns a *ValidationError on the first problem found.
func Validate(m *Module) error {
	return nil // not implemented yet
}

// moduleCtx is the validation context of one module (the spec's C),
// shared by module-level validation and function body validation.
type moduleCtx struct {
	m         *Module
	types     *typeEnv
	funcs     []uint32        // type index of every function, imports first
	tables    []TableType     // imports first
	mems      []MemType       // imports first
	globals   []GlobalType    // imports first
	tags      []uint32        // type index of every tag, imports first
	refs      map[uint32]bool // functions that may be named by ref.func in bodies (C.refs)
	numElems  int
	dataCount int // -1 when the module has no data count section
}

// typeEnv answers type questions about one module's type index space,
// comparing type indices by their canonical (rec-group-structural) identity.
type typeEnv struct {
	m *Module
}

// sub returns type idx, or nil if idx is out of range.
func (e *typeEnv) sub(idx uint32) *SubType {
	if uint64(idx) < uint64(len(e.m.Types)) {
		return &e.m.Types[idx]
	}
	return nil
}

// matchVal reports whether a <: b (a matches b).
func (e *typeEnv) matchVal(a, b ValType) bool { return a == b }

// matchHeap reports whether heap type a <: b.
func (e *typeEnv) matchHeap(a, b HeapType) bool { return a == b }

// top returns the top type of h's hierarchy: any, func, extern or exn.
func (e *typeEnv) top(h HeapType) HeapType { return h }

// bottom returns the bottom type of h's hierarchy: none, nofunc, noextern or noexn.
func (e *typeEnv) bottom(h HeapType) HeapType { return h }

// checkValType reports an error if t names a type index out of range or an
// invalid abstract heap type.
func (e *typeEnv) checkValType(t ValType) error { return nil }
