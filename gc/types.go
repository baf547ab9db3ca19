package gc

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// Layout is what the collector and the runtime need to know about the
// objects of one canonical struct or array type.
type Layout struct {
	Kind   abi.Kind         // abi.KindStruct or abi.KindArray
	Struct abi.StructLayout // Kind == KindStruct
	Fields []abi.Storage    // Kind == KindStruct: each field's storage
	Array  abi.ArrayLayout  // Kind == KindArray
	// MutableRefs says some GC-reference field (or the element, of an
	// array) is mutable. Only objects of such types can come to refer to
	// a younger object after they were made, so they are the only old
	// objects a minor collection rescans.
	MutableRefs bool

	word0 uint32 // header word 0 of a live object: abi.HeaderWord(Kind, 0)
}

// LayoutOf computes the layout of a canonical composite type. isFunc tells
// whether a concrete heap type of its fields (a canonical type id) is a
// function type. Function types have no objects: the result is nil.
func LayoutOf(c *wasm.CompType, isFunc func(wasm.HeapType) bool) (*Layout, error) {
	switch c.Kind {
	case wasm.CompStruct:
		fields := make([]abi.Storage, len(c.Fields))
		mut := false
		for i, f := range c.Fields {
			fields[i] = abi.StorageOf(f.Type, isFunc)
			mut = mut || f.Mutable && fields[i] == abi.StorageGCRef
		}
		sl, err := abi.LayoutStruct(fields)
		if err != nil {
			return nil, err
		}
		return &Layout{Kind: abi.KindStruct, Struct: sl, Fields: fields, MutableRefs: mut}, nil
	case wasm.CompArray:
		elem := abi.StorageOf(c.Fields[0].Type, isFunc)
		return &Layout{Kind: abi.KindArray, Array: abi.LayoutArray(elem), MutableRefs: c.Fields[0].Mutable && elem == abi.StorageGCRef}, nil
	}
	return nil, nil
}

// Size returns the object bytes of an instance with array length n (ignored
// for structs), by abi's size rule, and false when it is too large.
func (l *Layout) Size(n uint32) (uint32, bool) {
	if l.Kind == abi.KindStruct {
		return l.Struct.Size, true
	}
	return l.Array.Size(n)
}

// Types is an Engine-wide table of layouts indexed by canonical type id.
// Entries are added as modules are compiled and never change, so it is
// safe for concurrent use: Define takes a lock, Lookup none.
type Types struct {
	mu  sync.Mutex
	tab atomic.Pointer[[]*Layout]
}

// Define records the layout of type id (nil for a function type). Defining
// an id twice is allowed only with an equal layout: ids are canonical.
func (t *Types) Define(id uint32, l *Layout) error {
	if l != nil {
		w0, err := abi.HeaderWord(l.Kind, 0)
		if err != nil {
			return err
		}
		l.word0 = w0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var tab []*Layout
	if p := t.tab.Load(); p != nil {
		tab = *p
	}
	if int(id) < len(tab) {
		if old := tab[id]; old != nil && (l == nil || old.Kind != l.Kind) {
			return fmt.Errorf("gc: type %d defined twice with different layouts", id)
		}
		if l == nil {
			return nil
		}
		// Readers holding the old header see either nil or l here; the
		// store below publishes it.
	}
	if int(id) >= len(tab) {
		if int(id) < cap(tab) {
			tab = tab[:id+1]
		} else {
			grown := make([]*Layout, id+1, max(2*cap(tab), int(id)+1, 64))
			copy(grown, tab)
			tab = grown
		}
	}
	if tab[id] == nil {
		tab[id] = l
	}
	t.tab.Store(&tab)
	return nil
}

// Lookup returns the layout of type id, or nil if it has none (unknown, or
// a function type).
func (t *Types) Lookup(id uint32) *Layout {
	tab := t.snapshot()
	if uint64(id) < uint64(len(tab)) {
		return tab[id]
	}
	return nil
}

func (t *Types) snapshot() []*Layout {
	if p := t.tab.Load(); p != nil {
		return *p
	}
	return nil
}
