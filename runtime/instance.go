package runtime

import "github.com/sablewasm/sable/abi"

// Instance is an instantiated module: its functions, tables, memories,
// globals and tags (the imported ones are the importer's, shared), and
// its exports.
type Instance struct {
	st  *Store
	mod *Module
	vm  *abi.VMContext

	// The index spaces, imports first.
	funcs   []*Func
	tables  []*Table
	mems    []*Memory
	globals []*Global
	tags    []*Tag

	segs    segments // for the bulk memory and table instructions
	tracked bool     // in Store.refInstances

	exports []Export
	byName  map[string]Extern
}

// Export is one export of an instance.
type Export struct {
	Name   string
	Extern Extern // *Func, *Memory, *Table, *Global or *Tag
}

// Module returns the module the instance was created from.
func (i *Instance) Module() *Module { return i.mod }

// Exports returns the instance's exports in declaration order.
func (i *Instance) Exports() []Export { return append([]Export(nil), i.exports...) }

// Export returns the export called name, or nil.
func (i *Instance) Export(name string) Extern { return i.byName[name] }

// Func returns the exported function called name, or nil if there is no
// such function export. Calling a nil *Func returns an error, so
// inst.Func("f").Call(ctx) needs no separate check.
func (i *Instance) Func(name string) *Func { f, _ := i.byName[name].(*Func); return f }

// Memory returns the exported memory called name, or nil.
func (i *Instance) Memory(name string) *Memory { m, _ := i.byName[name].(*Memory); return m }

// Table returns the exported table called name, or nil.
func (i *Instance) Table(name string) *Table { t, _ := i.byName[name].(*Table); return t }

// Global returns the exported global called name, or nil.
func (i *Instance) Global(name string) *Global { g, _ := i.byName[name].(*Global); return g }

// Tag returns the exported tag called name, or nil.
func (i *Instance) Tag(name string) *Tag { t, _ := i.byName[name].(*Tag); return t }
