package runtime

import "github.com/sablewasm/sable/wasm"

// Subtyping over canonical types (Wasm 3.0, with the GC proposal's
// hierarchies):
//
//	none <: i31, struct, array, concrete struct/array types <: eq <: any
//	nofunc <: concrete func types <: func
//	noextern <: extern
//	noexn <: exn
//
// Concrete types are related by their declared supertype chains, which the
// registry answers in O(1).

// top returns the top of the hierarchy h belongs to.
func (e *Engine) top(h HeapType) HeapType {
	if h.IsConcrete() {
		if e == nil {
			return h // no registry: related to nothing but itself
		}
		if e.compKind(h) == wasm.CompFunc {
			return HeapFunc
		}
		return HeapAny
	}
	switch h {
	case HeapFunc, HeapNoFunc:
		return HeapFunc
	case HeapExtern, HeapNoExtern:
		return HeapExtern
	case HeapExn, HeapNoExn:
		return HeapExn
	}
	return HeapAny
}

// bottom returns the bottom of h's hierarchy.
func (e *Engine) bottom(h HeapType) HeapType {
	switch e.top(h) {
	case HeapFunc:
		return HeapNoFunc
	case HeapExtern:
		return HeapNoExtern
	case HeapExn:
		return HeapNoExn
	}
	return HeapNone
}

func (e *Engine) compKind(h HeapType) wasm.CompKind {
	return e.types.Info(h.TypeID()).Sub.Comp.Kind
}

// heapSub reports whether a <: b. e may be nil when neither is concrete.
func (e *Engine) heapSub(a, b HeapType) bool {
	if a == b {
		return true
	}
	if e.top(a) != e.top(b) {
		return false
	}
	if a == e.bottom(a) {
		return true
	}
	switch {
	case a.IsConcrete() && b.IsConcrete():
		return e.types.IsSubtype(a.TypeID(), b.TypeID())
	case b.IsConcrete():
		return false // only the bottom is below a concrete type
	case a.IsConcrete():
		switch e.compKind(a) {
		case wasm.CompFunc:
			return b == HeapFunc
		case wasm.CompStruct:
			return b == HeapStruct || b == HeapEq || b == HeapAny
		}
		return b == HeapArray || b == HeapEq || b == HeapAny
	}
	switch a {
	case HeapI31, HeapStruct, HeapArray:
		return b == HeapEq || b == HeapAny
	case HeapEq:
		return b == HeapAny
	}
	return false
}

// valSub reports whether value type a <: b.
func (e *Engine) valSub(a, b ValType) bool {
	if a.Kind != b.Kind {
		return false
	}
	if a.Kind != KindRef {
		return true
	}
	return (b.Nullable || !a.Nullable) && e.heapSub(a.Heap, b.Heap)
}

// valueFits reports whether v is a value of type t. e may be nil when t
// and v involve no concrete types (host functions).
func (e *Engine) valueFits(v Value, t ValType) bool {
	if v.typ.Kind != t.Kind {
		return false
	}
	if t.Kind != KindRef {
		return true
	}
	if v.IsNull() {
		return t.Nullable && e.top(v.typ.Heap) == e.top(t.Heap)
	}
	h := v.typ.Heap
	if f := v.Func(); f != nil {
		if f.inst == nil {
			// A host function: its type is not canonical in any engine,
			// and only the abstract func type can be asked of it.
			return t.Heap == HeapFunc || (e != nil && e.hostFuncFits(f, t.Heap))
		}
		if f.inst.st.eng != e && e != nil {
			return false
		}
		h = ConcreteHeapType(f.inst.mod.typeIDs[mustFuncType(f)])
		e = f.inst.st.eng
	}
	if o := v.Object(); o != nil {
		// A GC object: its Store's Engine knows its type. (Host functions
		// check their values without an Engine.)
		if o.st.eng != e && e != nil {
			return false
		}
		e = o.st.eng
	}
	return e.heapSub(h, t.Heap)
}

// hostFuncFits reports whether host function f has a type <: h in e.
func (e *Engine) hostFuncFits(f *Func, h HeapType) bool {
	id, err := e.funcTypeID(f.typ)
	return err == nil && e.heapSub(ConcreteHeapType(id), h)
}

// mustFuncType is the type index of a Wasm function, which validation
// guarantees exists.
func mustFuncType(f *Func) uint32 {
	t, _ := f.inst.mod.m.FuncTypeIndex(f.index)
	return t
}
