package wasm

import (
	"fmt"
	"math"
)

// Validate checks that m is valid per the Wasm 3.0 validation rules.
// It returns a *ValidationError on the first problem found.
//
// The order of the checks follows the spec's module rule: types first
// (everything else refers to them), then the imported and defined entities,
// tables' initializers (which see only imported globals), globals in order
// (each initializer sees only the globals before it), segments, start,
// exports and finally the function bodies.
func Validate(m *Module) error {
	ctx := &moduleCtx{m: m, types: &typeEnv{m: m}, dataCount: -1}
	if err := validateTypes(ctx.types); err != nil {
		return err
	}
	if err := ctx.declare(); err != nil {
		return err
	}
	ctx.refs = collectRefs(m)
	steps := []func() error{
		ctx.validateTables,
		ctx.validateGlobals,
		ctx.validateElems,
		ctx.validateDatas,
		ctx.validateStart,
		ctx.validateExports,
		ctx.validateCodes,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
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

// moduleErrorf returns a ValidationError outside any function body.
// offset is the module byte offset of the offending entry, or -1.
func moduleErrorf(offset int, format string, args ...any) *ValidationError {
	return &ValidationError{Func: -1, Offset: offset, Msg: fmt.Sprintf(format, args...)}
}

// declare fills the context's index spaces (imports first, as the spec
// orders them) and checks every import and definition's type on the way.
// Initializer expressions are checked later, once all globals are known.
func (ctx *moduleCtx) declare() error {
	m := ctx.m
	for i := range m.Imports {
		if err := ctx.declareImport(&m.Imports[i]); err != nil {
			return err
		}
	}
	for _, x := range m.Funcs {
		if err := ctx.checkFuncTypeIndex(x); err != nil {
			return err
		}
		ctx.funcs = append(ctx.funcs, x)
	}
	for i := range m.Tables {
		if err := ctx.checkTableType(&m.Tables[i].Type); err != nil {
			return err
		}
		ctx.tables = append(ctx.tables, m.Tables[i].Type)
	}
	for i := range m.Mems {
		if err := checkMemType(&m.Mems[i]); err != nil {
			return err
		}
		ctx.mems = append(ctx.mems, m.Mems[i])
	}
	for i := range m.Globals {
		if err := ctx.types.checkValType(m.Globals[i].Type.Type); err != nil {
			return err
		}
		ctx.globals = append(ctx.globals, m.Globals[i].Type)
	}
	for _, t := range m.Tags {
		if err := ctx.checkTagType(t); err != nil {
			return err
		}
		ctx.tags = append(ctx.tags, t.Type)
	}
	ctx.numElems = len(m.Elems)
	if m.DataCount != nil {
		ctx.dataCount = int(min(uint64(*m.DataCount), math.MaxInt32))
	}
	return nil
}

func (ctx *moduleCtx) declareImport(im *Import) error {
	switch im.Kind {
	case ExternFunc:
		if err := ctx.checkFuncTypeIndex(im.Func); err != nil {
			return err
		}
		ctx.funcs = append(ctx.funcs, im.Func)
	case ExternTable:
		if err := ctx.checkTableType(&im.Table); err != nil {
			return err
		}
		ctx.tables = append(ctx.tables, im.Table)
	case ExternMemory:
		if err := checkMemType(&im.Mem); err != nil {
			return err
		}
		ctx.mems = append(ctx.mems, im.Mem)
	case ExternGlobal:
		if err := ctx.types.checkValType(im.Global.Type); err != nil {
			return err
		}
		ctx.globals = append(ctx.globals, im.Global)
	case ExternTag:
		if err := ctx.checkTagType(im.Tag); err != nil {
			return err
		}
		ctx.tags = append(ctx.tags, im.Tag.Type)
	default:
		return moduleErrorf(-1, "malformed import kind %d", im.Kind)
	}
	return nil
}
