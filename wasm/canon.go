package wasm

import (
	"encoding/binary"
	"fmt"
	"sync"
)

// TypeID is the canonical identity of a defined type. Two types have the
// same TypeID iff they are equivalent under the GC proposal's iso-recursive
// type equality: they sit at the same position in structurally identical
// recursion groups, where references into the group are compared by
// relative position and references out of it by TypeID.
//
// TypeIDs handed out by a TypeRegistry are engine-wide; the validator uses
// the same machinery with a module-local store, so its TypeIDs mean nothing
// outside the module being validated.
type TypeID uint32

// displayLen bounds the per-type supertype display. Subtype checks against
// a supertype shallower than this are a single slice index; deeper ones
// (unusual in practice) walk the Super chain. The bound keeps memory linear
// in the number of types even for adversarially deep hierarchies.
const displayLen = 32

// TypeInfo is the canonical definition of a type. It is immutable once
// created, so it may be read without locks and held onto by a runtime (for
// example to perform casts).
type TypeInfo struct {
	ID TypeID
	// Group is the TypeID of the first type of its recursion group and
	// GroupLen the group's size; the group's types have consecutive IDs.
	Group    TypeID
	GroupLen uint32
	// Sub is the definition with every type reference (concrete heap types
	// and Supers) rewritten from a module type index to a TypeID.
	Sub SubType
	// Super is the declared supertype, or nil.
	Super *TypeInfo
	// Depth is the length of the supertype chain: 0 for types without one.
	Depth int
	// display[d] is the ancestor at depth d (the type itself at d == Depth),
	// for d < min(Depth+1, displayLen).
	display []TypeID
}

// IsSubtypeOf reports whether t <: u by the declared supertype chains.
// This is the full concrete-type subtyping relation of Wasm 3.0 (it is
// nominal over canonical types), so it is what a cast needs at run time.
func (t *TypeInfo) IsSubtypeOf(u *TypeInfo) bool {
	if t.ID == u.ID {
		return true
	}
	if u.Depth >= t.Depth {
		return false
	}
	if u.Depth < len(t.display) {
		return t.display[u.Depth] == u.ID
	}
	a := t
	for a.Depth > u.Depth {
		a = a.Super
	}
	return a.ID == u.ID
}

// typeStore canonicalizes recursion groups. It is not safe for concurrent
// use; TypeRegistry wraps it with a lock.
type typeStore struct {
	groups map[string]TypeID // structural key of a group -> first TypeID
	infos  []*TypeInfo       // indexed by TypeID
	key    []byte            // scratch buffer for group keys
}

func (s *typeStore) info(id TypeID) *TypeInfo {
	if uint64(id) < uint64(len(s.infos)) {
		return s.infos[id]
	}
	return nil
}

// canonicalize assigns TypeIDs to the types of group g of m. ids holds the
// TypeIDs of all types before the group (len(ids) must be g.Start); the
// group's IDs are appended and the extended slice returned.
//
// The group must be well scoped: type references may point anywhere before
// the end of the group, and a supertype must precede its subtype. The
// validator checks this (with better messages) before calling; the checks
// here only keep TypeRegistry safe on unvalidated input.
func (s *typeStore) canonicalize(m *Module, ids []TypeID, g RecGroup) ([]TypeID, error) {
	end := uint64(g.Start) + uint64(g.Len)
	if uint64(len(ids)) != uint64(g.Start) || end > uint64(len(m.Types)) {
		return ids, fmt.Errorf("recursion group [%d, %d) does not continue the type index space", g.Start, end)
	}
	if g.Len == 0 {
		return ids, nil
	}
	types := m.Types[g.Start:end]
	key, err := s.groupKey(s.key[:0], types, ids, g.Start)
	s.key = key
	if err != nil {
		return ids, err
	}
	if s.groups == nil {
		s.groups = make(map[string]TypeID)
	}
	if base, ok := s.groups[string(key)]; ok {
		for i := range types {
			ids = append(ids, base+TypeID(i))
		}
		return ids, nil
	}
	if uint64(len(s.infos))+uint64(len(types)) > uint64(^TypeID(0)) {
		return ids, fmt.Errorf("too many distinct types")
	}
	base := TypeID(len(s.infos))
	s.groups[string(key)] = base
	ref := func(x uint32) TypeID {
		if x >= g.Start {
			return base + TypeID(x-g.Start)
		}
		return ids[x]
	}
	for i := range types {
		t := &TypeInfo{ID: base + TypeID(i), Group: base, GroupLen: g.Len, Sub: rewriteSubType(&types[i], ref)}
		if len(t.Sub.Supers) > 0 {
			t.Super = s.infos[t.Sub.Supers[0]]
			t.Depth = t.Super.Depth + 1
		}
		switch {
		case t.Super == nil:
			t.display = []TypeID{t.ID}
		case t.Depth < displayLen:
			// The full slice expression forces a copy, so siblings never
			// share (and overwrite) a backing array.
			d := t.Super.display
			t.display = append(d[:len(d):len(d)], t.ID)
		default:
			t.display = t.Super.display
		}
		s.infos = append(s.infos, t)
	}
	for i := range types {
		ids = append(ids, base+TypeID(i))
	}
	return ids, nil
}

// Tags of the group key's type reference encoding.
const (
	keyAbstract = iota // followed by the negated abstract heap type
	keyInGroup         // followed by the position inside the group
	keyOutside         // followed by the referenced type's TypeID
)

// groupKey appends the structural key of a recursion group to buf.
// References inside the group are relative, so identical groups defined at
// different indices (or in different modules) get identical keys.
func (s *typeStore) groupKey(buf []byte, types []SubType, ids []TypeID, start uint32) ([]byte, error) {
	end := uint64(start) + uint64(len(types))
	var bad error
	ref := func(x uint64) {
		switch {
		case x >= end:
			bad = fmt.Errorf("unknown type %d", x)
		case x >= uint64(start):
			buf = append(buf, keyInGroup)
			buf = binary.AppendUvarint(buf, x-uint64(start))
		default:
			buf = append(buf, keyOutside)
			buf = binary.AppendUvarint(buf, uint64(ids[x]))
		}
	}
	val := func(t ValType) {
		buf = append(buf, byte(t.Kind))
		if t.Kind != Ref {
			return
		}
		if t.Nullable {
			buf = append(buf, 1)
		} else {
			buf = append(buf, 0)
		}
		if t.Heap.IsAbstract() {
			buf = append(buf, keyAbstract)
			buf = binary.AppendUvarint(buf, uint64(-t.Heap))
		} else {
			ref(uint64(t.Heap))
		}
	}
	vals := func(ts []ValType) {
		buf = binary.AppendUvarint(buf, uint64(len(ts)))
		for _, t := range ts {
			val(t)
		}
	}
	buf = binary.AppendUvarint(buf, uint64(len(types)))
	for i := range types {
		st := &types[i]
		if st.Final {
			buf = append(buf, 1)
		} else {
			buf = append(buf, 0)
		}
		if len(st.Supers) > 1 {
			return buf, fmt.Errorf("type %d has more than one supertype", uint64(start)+uint64(i))
		}
		buf = binary.AppendUvarint(buf, uint64(len(st.Supers)))
		for _, x := range st.Supers {
			if uint64(x) >= uint64(start)+uint64(i) {
				return buf, fmt.Errorf("supertype %d of type %d is not declared before it", x, uint64(start)+uint64(i))
			}
			ref(uint64(x))
		}
		buf = append(buf, byte(st.Comp.Kind))
		switch st.Comp.Kind {
		case CompFunc:
			vals(st.Comp.Func.Params)
			vals(st.Comp.Func.Results)
		default:
			buf = binary.AppendUvarint(buf, uint64(len(st.Comp.Fields)))
			for _, f := range st.Comp.Fields {
				if f.Mutable {
					buf = append(buf, 1)
				} else {
					buf = append(buf, 0)
				}
				val(f.Type)
			}
		}
		if bad != nil {
			return buf, bad
		}
	}
	return buf, nil
}

// rewriteSubType copies st with every type index x replaced by ref(x).
func rewriteSubType(st *SubType, ref func(uint32) TypeID) SubType {
	val := func(t ValType) ValType {
		if t.Kind == Ref && !t.Heap.IsAbstract() {
			t.Heap = HeapType(ref(t.Heap.Index()))
		}
		return t
	}
	vals := func(ts []ValType) []ValType {
		out := make([]ValType, len(ts))
		for i, t := range ts {
			out[i] = val(t)
		}
		return out
	}
	out := SubType{Final: st.Final, Comp: CompType{Kind: st.Comp.Kind}}
	if len(st.Supers) > 0 {
		out.Supers = make([]uint32, len(st.Supers))
		for i, x := range st.Supers {
			out.Supers[i] = uint32(ref(x))
		}
	}
	switch st.Comp.Kind {
	case CompFunc:
		out.Comp.Func = FuncType{Params: vals(st.Comp.Func.Params), Results: vals(st.Comp.Func.Results)}
	default:
		out.Comp.Fields = make([]FieldType, len(st.Comp.Fields))
		for i, f := range st.Comp.Fields {
			out.Comp.Fields[i] = FieldType{Type: val(f.Type), Mutable: f.Mutable}
		}
	}
	return out
}

// TypeRegistry is an engine-wide store of canonical types. It is safe for
// concurrent use. Types are never removed.
type TypeRegistry struct {
	mu    sync.RWMutex
	store typeStore
}

// NewTypeRegistry returns an empty registry.
func NewTypeRegistry() *TypeRegistry { return &TypeRegistry{} }

// Register canonicalizes m's types and returns the TypeID of every type
// index. Structurally equal types of different modules get the same TypeID.
// m must have passed Validate; for a module whose type section is badly
// scoped Register returns nil (it never panics).
func (r *TypeRegistry) Register(m *Module) []TypeID {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids := make([]TypeID, 0, len(m.Types))
	for _, g := range m.RecGroups {
		var err error
		if ids, err = r.store.canonicalize(m, ids, g); err != nil {
			return nil
		}
	}
	if len(ids) != len(m.Types) {
		return nil
	}
	return ids
}

// Info returns the canonical definition of id, or nil if id was not
// handed out by this registry. The result is immutable and may be cached.
func (r *TypeRegistry) Info(id TypeID) *TypeInfo {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.store.info(id)
}

// IsSubtype reports whether type a <: type b (both from this registry).
func (r *TypeRegistry) IsSubtype(a, b TypeID) bool {
	ta, tb := r.Info(a), r.Info(b)
	return ta != nil && tb != nil && ta.IsSubtypeOf(tb)
}
