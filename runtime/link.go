package runtime

import (
	"fmt"

	"github.com/sablewasm/sable/wasm"
)

// Extern is what an import can be satisfied with and what an instance
// exports: a *Func, *Memory, *Table, *Global or *Tag.
type Extern interface {
	extern()
}

// Imports maps (module, name) pairs to the externs that satisfy imports of
// that name. Exported memories, tables, globals and functions are shared,
// not copied: an instance that imports a memory uses the exporter's. The
// zero Imports is empty and ready to use.
type Imports struct {
	defs map[importKey]Extern
}

type importKey struct{ module, name string }

// Define makes ext the extern for imports of module.name, replacing any
// previous definition.
func (im *Imports) Define(module, name string, ext Extern) {
	if im.defs == nil {
		im.defs = map[importKey]Extern{}
	}
	im.defs[importKey{module, name}] = ext
}

// DefineInstance defines every export of inst under module (what the spec
// scripts' `register` does).
func (im *Imports) DefineInstance(module string, inst *Instance) {
	for _, e := range inst.Exports() {
		im.Define(module, e.Name, e.Extern)
	}
}

// Lookup returns the extern defined for module.name, or nil.
func (im *Imports) Lookup(module, name string) Extern {
	if im == nil {
		return nil
	}
	return im.defs[importKey{module, name}]
}

// resolveImport finds and type-checks the extern for import im of mod.
func (st *Store) resolveImport(mod *Module, im *wasm.Import, imports *Imports) (Extern, error) {
	ext := imports.Lookup(im.Module, im.Name)
	if ext == nil {
		return nil, &LinkError{Module: im.Module, Name: im.Name, Err: ErrUnknownImport}
	}
	if err := st.owns(ext); err != nil {
		return nil, err
	}
	if ok, got := st.externMatches(mod, im, ext); !ok {
		var want fmt.Stringer = mod.importType(im)
		if im.Kind == wasm.ExternFunc {
			// Function types that print alike may differ in finality or
			// supertypes; the canonical ids tell them apart.
			want = typeWithID{want, mod.typeIDs[im.Func]}
		}
		return nil, &LinkError{Module: im.Module, Name: im.Name, Err: ErrIncompatibleImport,
			Detail: fmt.Sprintf("expected %v, got %v", want, got)}
	}
	return ext, nil
}

// owns checks that ext can be used in st: host functions can be used
// anywhere, everything else only in the Store that created it.
func (st *Store) owns(ext Extern) error {
	var owner *Store
	switch e := ext.(type) {
	case *Func:
		if e.inst == nil {
			return nil
		}
		owner = e.inst.st
	case *Memory:
		owner = e.st
	case *Table:
		owner = e.st
	case *Global:
		owner = e.st
	case *Tag:
		owner = e.st
	}
	if owner != st {
		return ErrWrongStore
	}
	return nil
}

// externMatches implements the spec's import matching (external
// subtyping): the extern's type must match the import's. It returns the
// extern's type for the error message.
func (st *Store) externMatches(mod *Module, im *wasm.Import, ext Extern) (bool, fmt.Stringer) {
	e := st.eng
	switch x := ext.(type) {
	case *Func:
		if im.Kind != wasm.ExternFunc {
			return false, x.typ
		}
		want := ConcreteHeapType(mod.typeIDs[im.Func])
		if x.inst == nil {
			return e.hostFuncFits(x, want), x.typ
		}
		id := x.inst.mod.typeIDs[mustFuncType(x)]
		return e.heapSub(ConcreteHeapType(id), want), typeWithID{x.typ, id}
	case *Memory:
		got := x.Type()
		return im.Kind == wasm.ExternMemory && got.Is64 == im.Mem.Limits.Is64 &&
			limitsMatch(got.Limits, limitsOf(im.Mem.Limits)), got
	case *Table:
		got := x.Type()
		if im.Kind != wasm.ExternTable {
			return false, got
		}
		want := mod.tableType(im.Table)
		// Tables are mutable: element types must be equal (subtypes both ways).
		return got.Is64 == want.Is64 && e.valSub(got.Elem, want.Elem) && e.valSub(want.Elem, got.Elem) &&
			limitsMatch(got.Limits, want.Limits), got
	case *Global:
		got := x.Type()
		if im.Kind != wasm.ExternGlobal {
			return false, got
		}
		want := mod.globalType(im.Global)
		if got.Mutable != want.Mutable || !e.valSub(got.Type, want.Type) {
			return false, got
		}
		return !want.Mutable || e.valSub(want.Type, got.Type), got
	case *Tag:
		return im.Kind == wasm.ExternTag && x.typ.id == mod.typeIDs[im.Tag.Type], x.typ
	}
	return false, nil
}

// limitsMatch: the actual size must be at least the required minimum, and
// if a maximum is required the actual one must exist and not exceed it.
func limitsMatch(got, want Limits) bool {
	if got.Min < want.Min {
		return false
	}
	return !want.HasMax || (got.HasMax && got.Max <= want.Max)
}

// typeWithID prints a function type with its canonical id.
type typeWithID struct {
	t  fmt.Stringer
	id wasm.TypeID
}

func (t typeWithID) String() string { return fmt.Sprintf("%v (type id %d)", t.t, t.id) }
