package wasm

// typeEnv answers type questions about one module's type index space,
// comparing type indices by their canonical (rec-group-structural) identity.
//
// Canonical IDs come from a module-local typeStore, filled one recursion
// group at a time while the type section is validated; questions about a
// type index that has not been canonicalized yet are answered
// conservatively (no match).
type typeEnv struct {
	m     *Module
	store typeStore
	ids   []TypeID // canonical ID of every type index canonicalized so far
}

// sub returns type idx, or nil if idx is out of range.
func (e *typeEnv) sub(idx uint32) *SubType {
	if uint64(idx) < uint64(len(e.m.Types)) {
		return &e.m.Types[idx]
	}
	return nil
}

// heapSub returns the definition of concrete heap type h, or nil if h is
// abstract or out of range.
func (e *typeEnv) heapSub(h HeapType) *SubType {
	if h < 0 || h >= HeapType(len(e.m.Types)) {
		return nil
	}
	return &e.m.Types[h]
}

// heapInfo returns the canonical definition of concrete heap type h, or nil
// if h is abstract, out of range or not canonicalized yet.
func (e *typeEnv) heapInfo(h HeapType) *TypeInfo {
	if h < 0 || h >= HeapType(len(e.ids)) {
		return nil
	}
	return e.store.info(e.ids[h])
}

// funcType returns the function type idx, or nil if idx is out of range or
// names a struct or array type.
func (e *typeEnv) funcType(idx uint32) *FuncType {
	if st := e.sub(idx); st != nil && st.Comp.Kind == CompFunc {
		return &st.Comp.Func
	}
	return nil
}

// matchVal reports whether a <: b (a matches b). Number, vector and packed
// types match only themselves; references match by nullability and heap type.
func (e *typeEnv) matchVal(a, b ValType) bool {
	if a.Kind != b.Kind {
		return false
	}
	if a.Kind != Ref {
		return true
	}
	if a.Nullable && !b.Nullable {
		return false
	}
	return e.matchHeap(a.Heap, b.Heap)
}

// eqVal reports whether a and b are the same type (both a <: b and b <: a).
func (e *typeEnv) eqVal(a, b ValType) bool {
	if a.Kind != b.Kind {
		return false
	}
	if a.Kind != Ref {
		return true
	}
	if a.Nullable != b.Nullable || a.Heap.IsAbstract() != b.Heap.IsAbstract() {
		return false
	}
	if a.Heap.IsAbstract() {
		return a.Heap == b.Heap
	}
	ia, ib := e.heapInfo(a.Heap), e.heapInfo(b.Heap)
	return a.Heap == b.Heap || ia != nil && ib != nil && ia.ID == ib.ID
}

// matchHeap reports whether heap type a <: b.
func (e *typeEnv) matchHeap(a, b HeapType) bool {
	if a == b {
		return true
	}
	if isBottomHeap(a) {
		// A bottom type matches every type of its own hierarchy.
		return a == e.bottom(b)
	}
	if !b.IsAbstract() {
		if a.IsAbstract() {
			return false
		}
		ia, ib := e.heapInfo(a), e.heapInfo(b)
		return ia != nil && ib != nil && ia.IsSubtypeOf(ib)
	}
	if !a.IsAbstract() {
		st := e.heapSub(a)
		if st == nil {
			return false
		}
		a = compHeap(st.Comp.Kind)
	}
	for ; a != 0; a = abstractSuper(a) {
		if a == b {
			return true
		}
	}
	return false
}

// compHeap is the abstract heap type directly above concrete types of kind k.
func compHeap(k CompKind) HeapType {
	switch k {
	case CompStruct:
		return HeapStruct
	case CompArray:
		return HeapArray
	}
	return HeapFunc
}

// abstractSuper returns the abstract heap type directly above h in the
// hierarchy, or 0 if h is a top type (or not a non-bottom abstract type).
func abstractSuper(h HeapType) HeapType {
	switch h {
	case HeapI31, HeapStruct, HeapArray:
		return HeapEq
	case HeapEq:
		return HeapAny
	}
	return 0
}

func isBottomHeap(h HeapType) bool {
	switch h {
	case HeapNone, HeapNoFunc, HeapNoExtern, HeapNoExn:
		return true
	}
	return false
}

// top returns the top type of h's hierarchy: any, func, extern or exn.
// Out-of-range type indices and invalid abstract types are returned as is.
func (e *typeEnv) top(h HeapType) HeapType {
	if !h.IsAbstract() {
		st := e.heapSub(h)
		if st == nil {
			return h
		}
		if st.Comp.Kind == CompFunc {
			return HeapFunc
		}
		return HeapAny
	}
	switch h {
	case HeapAny, HeapEq, HeapI31, HeapStruct, HeapArray, HeapNone:
		return HeapAny
	case HeapFunc, HeapNoFunc:
		return HeapFunc
	case HeapExtern, HeapNoExtern:
		return HeapExtern
	case HeapExn, HeapNoExn:
		return HeapExn
	}
	return h
}

// bottom returns the bottom type of h's hierarchy: none, nofunc, noextern or noexn.
// Out-of-range type indices and invalid abstract types are returned as is.
func (e *typeEnv) bottom(h HeapType) HeapType {
	switch e.top(h) {
	case HeapAny:
		return HeapNone
	case HeapFunc:
		return HeapNoFunc
	case HeapExtern:
		return HeapNoExtern
	case HeapExn:
		return HeapNoExn
	}
	return h
}

// checkValType reports an error if t names a type index out of range or an
// invalid abstract heap type, or is not a value type at all (a packed type).
// The error is a *ValidationError without position (Func and Offset -1);
// callers may fill those in.
func (e *typeEnv) checkValType(t ValType) error {
	if t.IsPacked() {
		return moduleErrorf(-1, "invalid value type %s", t)
	}
	return e.checkStorageType(t, uint64(len(e.m.Types)))
}

// checkStorageType is checkValType for field types (packed types allowed)
// whose type references must be below limit: inside the type section a
// type may only refer to types up to the end of its own recursion group.
func (e *typeEnv) checkStorageType(t ValType, limit uint64) error {
	switch t.Kind {
	case I32, I64, F32, F64, V128, I8, I16:
		return nil
	case Ref:
		if t.Heap.IsAbstract() {
			if !t.Heap.ValidAbstract() {
				return moduleErrorf(-1, "invalid heap type %s", t.Heap)
			}
			return nil
		}
		if uint64(t.Heap) >= limit {
			return moduleErrorf(-1, "unknown type %d", int64(t.Heap))
		}
		return nil
	}
	return moduleErrorf(-1, "invalid value type %d", t.Kind)
}

// matchComp reports whether composite type a matches b: the rule a declared
// subtype must satisfy against its supertype.
func (e *typeEnv) matchComp(a, b *CompType) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case CompFunc:
		fa, fb := &a.Func, &b.Func
		if len(fa.Params) != len(fb.Params) || len(fa.Results) != len(fb.Results) {
			return false
		}
		for i := range fa.Params {
			if !e.matchVal(fb.Params[i], fa.Params[i]) { // contravariant
				return false
			}
		}
		for i := range fa.Results {
			if !e.matchVal(fa.Results[i], fb.Results[i]) {
				return false
			}
		}
		return true
	case CompArray:
		return len(a.Fields) == 1 && len(b.Fields) == 1 && e.matchField(a.Fields[0], b.Fields[0])
	}
	// Structs: width subtyping (a may add fields) and depth subtyping.
	if len(a.Fields) < len(b.Fields) {
		return false
	}
	for i := range b.Fields {
		if !e.matchField(a.Fields[i], b.Fields[i]) {
			return false
		}
	}
	return true
}

// matchField: immutable fields are covariant, mutable ones invariant (a
// writer through the supertype could otherwise store an unfitting value).
func (e *typeEnv) matchField(a, b FieldType) bool {
	if a.Mutable != b.Mutable {
		return false
	}
	if a.Mutable {
		return e.eqVal(a.Type, b.Type)
	}
	return e.matchVal(a.Type, b.Type)
}
