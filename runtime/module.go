package runtime

import (
	"fmt"
	goruntime "runtime"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/wasm"
)

// Module is a compiled module, ready to be instantiated any number of
// times in Stores of its Engine. It is immutable and safe for concurrent
// use.
type Module struct {
	eng     *Engine
	m       *wasm.Module
	typeIDs []wasm.TypeID // canonical id of each type index
	layouts []*gc.Layout  // object layout of each type index (nil for function types)
	layout  *abi.VMLayout
	code    *moduleCode // nil when the back end could not compile the module
	codeErr error       // why code is nil
	imports []ImportType
	exports []ExportType
}

// ImportType describes one import of a module.
type ImportType struct {
	Module, Name string
	Type         ExternType
}

// ExportType describes one export of a module.
type ExportType struct {
	Name string
	Type ExternType
}

func newModule(e *Engine, m *wasm.Module) (*Module, error) {
	ids := e.types.Register(m)
	if ids == nil {
		return nil, &wasm.ValidationError{Msg: "type section cannot be canonicalized"}
	}
	tt, err := e.typeTable()
	if err != nil {
		return nil, err
	}
	if err := tt.define(e.types, ids); err != nil {
		return nil, err
	}
	layouts := make([]*gc.Layout, len(ids))
	for i, id := range ids {
		layouts[i] = tt.layouts.Lookup(uint32(id))
	}
	layout, err := abi.NewVMLayout(abi.ShapeOf(m))
	if err != nil {
		return nil, err
	}
	mod := &Module{eng: e, m: m, typeIDs: ids, layouts: layouts, layout: layout}
	if mod.code, mod.codeErr = compileCode(m, ids); mod.code != nil {
		goruntime.AddCleanup(mod, (*moduleCode).free, mod.code)
	}
	for i := range m.Imports {
		im := &m.Imports[i]
		mod.imports = append(mod.imports, ImportType{Module: im.Module, Name: im.Name, Type: mod.importType(im)})
	}
	for _, ex := range m.Exports {
		mod.exports = append(mod.exports, ExportType{Name: ex.Name, Type: mod.exportType(ex)})
	}
	return mod, nil
}

// Imports describes the module's imports, in order.
func (m *Module) Imports() []ImportType { return append([]ImportType(nil), m.imports...) }

// Exports describes the module's exports, in order.
func (m *Module) Exports() []ExportType { return append([]ExportType(nil), m.exports...) }

// HeapType returns the canonical heap type of the module's type index idx,
// for building typed references such as RefType(true, h), `(ref null $t)`.
// Every module of the Engine that defines an equal type gets the same h.
func (m *Module) HeapType(idx uint32) (HeapType, error) {
	if uint64(idx) >= uint64(len(m.typeIDs)) {
		return 0, fmt.Errorf("runtime: module has no type %d", idx)
	}
	return ConcreteHeapType(m.typeIDs[idx]), nil
}

// Compiled reports whether every function of the module has machine code:
// nil, or an error matching ErrNotCompiled with the back end's reason.
// Compile succeeds for a module the back end cannot compile yet (its calls
// fail instead), so a program that must not take such a module for a
// compiled one — a benchmark timing compilation — asks here.
func (m *Module) Compiled() error {
	if m.code == nil {
		return m.notCompiled(0)
	}
	return nil
}

// notCompiled is the error for a call of function idx, which has no code.
func (m *Module) notCompiled(idx uint32) error {
	if m.code == nil {
		return fmt.Errorf("%w: %v", ErrNotCompiled, m.codeErr)
	}
	return fmt.Errorf("%w: function %d", ErrNotCompiled, idx)
}

// funcName is function idx's name from the name section, or "".
func (m *Module) funcName(idx uint32) string {
	if m.m.Names != nil {
		return m.m.Names.Funcs[idx]
	}
	return ""
}

// Name is the module's name from its name section, or "".
func (m *Module) Name() string {
	if m.m.Names != nil {
		return m.m.Names.Module
	}
	return ""
}

func (m *Module) importType(im *wasm.Import) ExternType {
	switch im.Kind {
	case wasm.ExternFunc:
		return m.eng.funcType(m.typeIDs[im.Func])
	case wasm.ExternTable:
		return m.tableType(im.Table)
	case wasm.ExternMemory:
		return memoryType(im.Mem)
	case wasm.ExternGlobal:
		return m.globalType(im.Global)
	}
	return m.tagType(im.Tag)
}

func (m *Module) exportType(ex wasm.Export) ExternType {
	idx := int(ex.Index)
	switch ex.Kind {
	case wasm.ExternFunc:
		t, _ := m.m.FuncTypeIndex(ex.Index)
		return m.eng.funcType(m.typeIDs[t])
	case wasm.ExternTable:
		if n := m.m.NumImported(wasm.ExternTable); idx >= n {
			return m.tableType(m.m.Tables[idx-n].Type)
		}
	case wasm.ExternMemory:
		if n := m.m.NumImported(wasm.ExternMemory); idx >= n {
			return memoryType(m.m.Mems[idx-n])
		}
	case wasm.ExternGlobal:
		if n := m.m.NumImported(wasm.ExternGlobal); idx >= n {
			return m.globalType(m.m.Globals[idx-n].Type)
		}
	case wasm.ExternTag:
		if n := m.m.NumImported(wasm.ExternTag); idx >= n {
			return m.tagType(m.m.Tags[idx-n])
		}
	}
	// A re-exported import: its type is the import's.
	return m.importType(m.nthImport(ex.Kind, idx))
}

// nthImport returns the idx-th import of kind k.
func (m *Module) nthImport(k wasm.ExternKind, idx int) *wasm.Import {
	for i := range m.m.Imports {
		if m.m.Imports[i].Kind == k {
			if idx == 0 {
				return &m.m.Imports[i]
			}
			idx--
		}
	}
	return nil
}

func (m *Module) tableType(t wasm.TableType) *TableType {
	return &TableType{Elem: canonValType(t.Elem, m.typeIDs), Limits: limitsOf(t.Limits), Is64: t.Limits.Is64}
}

func memoryType(t wasm.MemType) *MemoryType {
	return &MemoryType{Limits: limitsOf(t.Limits), Is64: t.Limits.Is64}
}

func (m *Module) globalType(t wasm.GlobalType) *GlobalType {
	return &GlobalType{Type: canonValType(t.Type, m.typeIDs), Mutable: t.Mutable}
}

func (m *Module) tagType(t wasm.TagType) *TagType {
	id := m.typeIDs[t.Type]
	return &TagType{Type: m.eng.funcType(id), id: id}
}
