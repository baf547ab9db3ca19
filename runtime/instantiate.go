package runtime

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// Instantiate instantiates mod in st, satisfying its imports from imports
// (which may be nil for a module without imports), and runs its start
// function, if any. The steps follow the spec:
//
//  1. resolve and type-check every import (*LinkError on failure);
//  2. allocate functions, tags, globals (evaluating their initializers),
//     tables and memories;
//  3. apply the active element segments, then the active data segments,
//     in order; one that does not fit its table or memory traps
//     (ErrOutOfBoundsTable, ErrOutOfBoundsMemory), and, as Wasm 2.0
//     requires, the segments before it stay applied — visible through any
//     imported table or memory;
//  4. call the start function.
//
// A failed instantiation returns no Instance, but what it wrote into
// shared tables and memories stays, and so do its allocations, until the
// Store is closed (a table may now refer to its functions).
func (st *Store) Instantiate(ctx context.Context, mod *Module, imports *Imports) (_ *Instance, err error) {
	defer recoverInternal("instantiating a module", &err)
	if err := st.check(); err != nil {
		return nil, err
	}
	if mod.eng != st.eng {
		return nil, errors.New("runtime: module was compiled by a different Engine than the Store's")
	}
	if err := ctx.Err(); err != nil {
		return nil, interrupted(err)
	}
	if st.limits.MaxInstances > 0 && st.instances >= st.limits.MaxInstances {
		return nil, fmt.Errorf("%w: more than %d instances", ErrLimit, st.limits.MaxInstances)
	}
	m := mod.m
	externs := make([]Extern, len(m.Imports))
	for i := range m.Imports {
		ext, err := st.resolveImport(mod, &m.Imports[i], imports)
		if err != nil {
			return nil, err
		}
		externs[i] = ext
	}

	inst, err := st.allocate(mod, externs)
	if err != nil {
		return nil, err
	}
	if err := inst.evalElems(); err != nil {
		return nil, err
	}
	if err := inst.initElems(); err != nil {
		return nil, err
	}
	if err := inst.initDatas(); err != nil {
		return nil, err
	}
	inst.segs.dropActive(m)
	if m.Start != nil {
		if _, err := inst.funcs[*m.Start].Call(ctx); err != nil {
			return nil, err
		}
	}
	return inst, nil
}

// allocate creates the instance's vmctx and everything in its index
// spaces, and its exports.
func (st *Store) allocate(mod *Module, externs []Extern) (*Instance, error) {
	ec, err := st.execContext()
	if err != nil {
		return nil, err
	}
	vm, err := abi.NewVMContext(mod.layout)
	if err != nil {
		return nil, err
	}
	st.res.vmctxs = append(st.res.vmctxs, vm)
	st.instances++
	vm.SetExecContext(ec)
	for i, id := range mod.typeIDs {
		vm.SetTypeID(i, uint32(id))
	}
	inst := &Instance{st: st, mod: mod, vm: vm, byName: map[string]Extern{}, segs: newSegments(mod.m)}
	st.byVMCtx[vm.Addr()] = inst
	if !slices.Contains(st.modules, mod) {
		st.modules = append(st.modules, mod)
	}
	if err := inst.linkImports(externs); err != nil {
		return nil, err
	}
	inst.defineFuncs()
	inst.defineTags()
	if err := inst.defineGlobals(); err != nil {
		return nil, err
	}
	if err := inst.defineTables(); err != nil {
		return nil, err
	}
	for _, mt := range mod.m.Mems {
		mem, err := st.NewMemory(*memoryType(mt))
		if err != nil {
			return nil, err
		}
		vm.SetMemory(len(inst.mems), mem.def)
		inst.mems = append(inst.mems, mem)
	}
	for _, ex := range mod.m.Exports {
		var ext Extern
		switch ex.Kind {
		case wasm.ExternFunc:
			ext = inst.funcs[ex.Index]
		case wasm.ExternTable:
			ext = inst.tables[ex.Index]
		case wasm.ExternMemory:
			ext = inst.mems[ex.Index]
		case wasm.ExternGlobal:
			ext = inst.globals[ex.Index]
		case wasm.ExternTag:
			ext = inst.tags[ex.Index]
		}
		inst.exports = append(inst.exports, Export{Name: ex.Name, Extern: ext})
		inst.byName[ex.Name] = ext
	}
	return inst, nil
}

// linkImports enters the resolved imports into the index spaces and the
// vmctx.
func (inst *Instance) linkImports(externs []Extern) error {
	vm := inst.vm
	for _, ext := range externs {
		switch x := ext.(type) {
		case *Func:
			ref, err := inst.st.bindFunc(x)
			if err != nil {
				return err
			}
			vm.SetImportedFunc(len(inst.funcs), ref)
			inst.funcs = append(inst.funcs, x)
		case *Table:
			vm.SetTable(len(inst.tables), x.def)
			inst.tables = append(inst.tables, x)
		case *Memory:
			vm.SetMemory(len(inst.mems), x.def)
			inst.mems = append(inst.mems, x)
		case *Global:
			vm.SetGlobalCell(len(inst.globals), x.cell)
			inst.globals = append(inst.globals, x)
		case *Tag:
			vm.SetTag(len(inst.tags), x.rec)
			inst.tags = append(inst.tags, x)
		}
	}
	return nil
}

// defineFuncs creates the module's own functions and their records: the
// one VMFuncRef of each function instance, in the vmctx.
func (inst *Instance) defineFuncs() {
	mod := inst.mod
	for i, t := range mod.m.Funcs {
		idx := uint32(len(inst.funcs))
		ref := inst.vm.DefinedFunc(i)
		ref.TypeID = uint32(mod.typeIDs[t])
		if mod.code != nil && mod.code.has(idx) {
			ref.Code, ref.VMCtx = mod.code.funcAddr(idx), inst.vm.Addr()
		} else {
			// Calls through the record (from other modules' code, or
			// tables) report the function as not compiled.
			mod.eng.setNoCode(ref)
		}
		f := &Func{typ: mod.eng.funcType(mod.typeIDs[t]), inst: inst, index: idx, ref: ref}
		inst.st.funcs[refAddr(ref)] = f
		inst.funcs = append(inst.funcs, f)
	}
}

func (inst *Instance) defineTags() {
	for i, t := range inst.mod.m.Tags {
		rec := inst.vm.DefinedTag(i)
		rec.TypeID = uint32(inst.mod.typeIDs[t.Type])
		inst.vm.SetTag(len(inst.tags), rec)
		inst.tags = append(inst.tags, &Tag{st: inst.st, typ: inst.mod.tagType(t), rec: rec})
	}
}

// defineGlobals evaluates the initializers in order: each may read the
// imported globals and the globals defined before it.
func (inst *Instance) defineGlobals() error {
	layout := inst.mod.layout
	for _, g := range inst.mod.m.Globals {
		idx := len(inst.globals)
		raw, err := inst.evalConstRaw(g.Init)
		if err != nil {
			return err
		}
		var cell *abi.VMGlobal
		if layout.GlobalShared(idx) {
			if cell, err = offheapNew[abi.VMGlobal](inst.st); err != nil {
				return err
			}
			inst.vm.SetGlobalCell(idx, cell)
		} else {
			cell = inst.vm.Global(idx)
		}
		glob := &Global{st: inst.st, typ: *inst.mod.globalType(g.Type), cell: cell}
		glob.store(raw)
		inst.st.trackGlobal(glob)
		inst.globals = append(inst.globals, glob)
	}
	return nil
}

func (inst *Instance) defineTables() error {
	for _, t := range inst.mod.m.Tables {
		var init rawValue
		if t.Init.Code != nil {
			var err error
			if init, err = inst.evalConstRaw(t.Init); err != nil {
				return err
			}
		}
		tb, err := inst.st.newTable(*inst.mod.tableType(t.Type), init.lo)
		if err != nil {
			return err
		}
		inst.vm.SetTable(len(inst.tables), tb.def)
		inst.tables = append(inst.tables, tb)
	}
	return nil
}

// initElems applies the active element segments in order (table.init then
// elem.drop, as the spec phrases it). Passive and declarative segments
// need nothing until the bulk table instructions run.
func (inst *Instance) initElems() error {
	for i, seg := range inst.mod.m.Elems {
		if seg.Mode != wasm.SegmentActive {
			continue
		}
		refs := inst.segs.elemRefs[i]
		off, err := inst.offset(seg.Offset)
		if err != nil {
			return err
		}
		tb := inst.tables[seg.Table]
		if off > tb.Size() || uint64(len(refs)) > tb.Size()-off {
			return newTrap(abi.TrapTableOutOfBounds)
		}
		copy(tb.elems()[off:], refs)
	}
	return nil
}

// initDatas applies the active data segments in order.
func (inst *Instance) initDatas() error {
	for _, seg := range inst.mod.m.Datas {
		if seg.Mode != wasm.SegmentActive {
			continue
		}
		off, err := inst.offset(seg.Offset)
		if err != nil {
			return err
		}
		if err := inst.mems[seg.Mem].Write(off, seg.Init); err != nil {
			return err
		}
	}
	return nil
}

// offset evaluates a segment offset: an i32 (unsigned) or, for 64-bit
// tables and memories, an i64.
func (inst *Instance) offset(ce wasm.ConstExpr) (uint64, error) {
	v, err := inst.evalConst(ce)
	if err != nil {
		return 0, err
	}
	if v.Type().Kind == KindI32 {
		return uint64(uint32(v.I32())), nil
	}
	return v.Bits(), nil
}
