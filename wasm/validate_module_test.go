package wasm

import (
	"errors"
	"strings"
	"testing"
)

// Constant expressions in binary form (their instructions and `end`).
var (
	exprI32Zero = ConstExpr{Code: []byte{0x41, 0x00, 0x0b}}
	exprI64Zero = ConstExpr{Code: []byte{0x42, 0x00, 0x0b}}
)

func exprRefFunc(idx byte) ConstExpr { return ConstExpr{Code: []byte{0xd2, idx, 0x0b}} }

// nopModule has type 0 = [] -> [], type 1 = [i32] -> [], type 2 = a struct,
// and one function of type 0 with an empty body.
func nopModule() *Module {
	m := typesModule(
		rec(final(funcT(nil, nil))),
		rec(final(funcT([]ValType{TypeI32}, nil))),
		rec(final(structT())),
	)
	m.Funcs = []uint32{0}
	m.Codes = []Code{{Body: []byte{0x0b}}}
	return m
}

func checkValidation(t *testing.T, name string, m *Module, want string) {
	t.Helper()
	err := Validate(m)
	if want == "" {
		if err != nil {
			t.Errorf("%s: Validate = %v, want valid", name, err)
		}
		return
	}
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Errorf("%s: Validate = %v, want a *ValidationError %q", name, err, want)
		return
	}
	if !strings.HasPrefix(verr.Msg, want) {
		t.Errorf("%s: Validate = %q, want prefix %q", name, verr.Msg, want)
	}
}

func TestValidateTypeSection(t *testing.T) {
	f := funcT(nil, nil)
	cases := []struct {
		name string
		m    *Module
		want string
	}{
		{"rec group refers to itself", typesModule(rec(final(funcT([]ValType{refT(false, 1)}, nil)), final(funcT([]ValType{refT(false, 0)}, nil)))), ""},
		{"reference to a later group", typesModule(rec(final(funcT([]ValType{refT(false, 1)}, nil))), rec(final(f))), "unknown type"},
		{"reference out of range", typesModule(rec(final(structT(imm(refT(true, 5)))))), "unknown type"},
		{"packed param", typesModule(rec(final(funcT([]ValType{{Kind: I8}}, nil)))), "invalid value type"},
		{"subtype of final", typesModule(rec(final(f)), rec(open(f, 0))), "sub type"},
		{"subtype of sub final", typesModule(rec(open(f)), rec(finalSub(f, 0)), rec(open(f, 1))), "sub type"},
		{"struct extends array", typesModule(rec(open(arrayT(imm(TypeI32)))), rec(open(structT(), 0))), "sub type"},
		{"func adds a param", typesModule(rec(open(f)), rec(open(funcT([]ValType{TypeI32}, nil), 0))), "sub type"},
		{"mutable field made immutable", typesModule(rec(open(structT(mut(TypeAnyRef)))), rec(open(structT(imm(TypeAnyRef)), 0))), "sub type"},
		{"immutable field narrowed", typesModule(rec(open(structT(imm(TypeAnyRef)))), rec(open(structT(imm(RefType(false, HeapNone)), imm(TypeI32)), 0))), ""},
		{"immutable field widened", typesModule(rec(open(arrayT(imm(RefType(false, HeapNone))))), rec(open(arrayT(imm(RefType(false, HeapAny))), 0))), "sub type"},
		{"forward supertype", typesModule(rec(open(structT(), 1), open(structT()))), "sub type 0 must be declared after"},
		{"supertype in a later group", typesModule(rec(open(structT(), 1)), rec(open(structT()))), "unknown type 1"},
		{"two supertypes", typesModule(rec(open(structT()), open(structT()), open(structT(), 0, 1))), "sub type 2 has more than one supertype"},
		{"supertype earlier in the same group", typesModule(rec(open(structT()), open(structT(imm(refT(true, 1))), 0))), ""},
		{
			// The subtype's field refers to the group's own later type, whose
			// declared supertype makes the field match.
			"matching through the group's own declarations",
			typesModule(
				rec(open(structT())),
				rec(open(structT(imm(refT(false, 0)))), open(structT(imm(refT(false, 3))), 1), open(structT(), 0)),
			), "",
		},
		{
			// type-subtyping.wast: transitive equivalent subtyping.
			"equivalent supertype chains",
			typesModule(
				rec(open(structT())), rec(open(structT())),
				rec(open(structT(), 0)), rec(open(structT(), 1)),
				rec(open(structT(), 2)), rec(open(structT(), 3)),
				rec(open(structT(imm(refT(false, 4))))), rec(open(structT(imm(refT(false, 5))), 6)),
			), "",
		},
		{"groups do not cover the types", &Module{Types: []SubType{final(f)}}, "recursion groups do not partition"},
	}
	for _, c := range cases {
		checkValidation(t, c.name, c.m, c.want)
	}
}

func TestValidateEntities(t *testing.T) {
	maxU32 := uint64(1<<32 - 1)
	cases := []struct {
		name string
		edit func(m *Module)
		want string
	}{
		{"baseline", func(m *Module) {}, ""},
		{"func of unknown type", func(m *Module) { m.Funcs[0] = 9 }, "unknown type 9"},
		{"func of struct type", func(m *Module) { m.Funcs[0] = 2 }, "type mismatch"},
		{"imported func of unknown type", func(m *Module) {
			m.Imports = []Import{{Kind: ExternFunc, Func: 3}}
		}, "unknown type 3"},
		{"tag with results", func(m *Module) {
			m.Types[1].Comp.Func.Results = []ValType{TypeI32}
			m.Tags = []TagType{{Type: 1}}
		}, "non-empty tag result type"},
		{"imported tag with results", func(m *Module) {
			m.Types[1].Comp.Func.Results = []ValType{TypeI32}
			m.Imports = []Import{{Kind: ExternTag, Tag: TagType{Type: 1}}}
		}, "non-empty tag result type"},
		{"tag of struct type", func(m *Module) { m.Tags = []TagType{{Type: 2}} }, "type mismatch"},
		{"tag with params", func(m *Module) { m.Tags = []TagType{{Type: 1}} }, ""},
		{"memory 65536 pages", func(m *Module) { m.Mems = []MemType{{Limits{Min: 1 << 16}}} }, ""},
		{"memory 65537 pages", func(m *Module) { m.Mems = []MemType{{Limits{Min: 1<<16 + 1}}} }, "memory size"},
		{"memory max too large", func(m *Module) { m.Mems = []MemType{{Limits{Max: 1 << 32, HasMax: true}}} }, "memory size"},
		{"imported memory too large", func(m *Module) {
			m.Imports = []Import{{Kind: ExternMemory, Mem: MemType{Limits{Min: 1 << 32}}}}
		}, "memory size"},
		{"memory64 2^48 pages", func(m *Module) { m.Mems = []MemType{{Limits{Min: 1 << 48, Is64: true}}} }, ""},
		{"memory64 too large", func(m *Module) { m.Mems = []MemType{{Limits{Max: 1<<48 + 1, HasMax: true, Is64: true}}} }, "memory size"},
		{"memory min above max", func(m *Module) { m.Mems = []MemType{{Limits{Min: 1, HasMax: true}}} }, "size minimum must not be greater than maximum"},
		{"shared memory", func(m *Module) { m.Mems = []MemType{{Limits{Min: 1, Max: 1, HasMax: true, Shared: true}}} }, "shared memories"},
		{"multiple memories", func(m *Module) { m.Mems = []MemType{{}, {}} }, ""},
		{"table min above max", func(m *Module) {
			m.Tables = []Table{{Type: TableType{Elem: TypeFuncRef, Limits: Limits{Min: maxU32, HasMax: true}}}}
		}, "size minimum must not be greater than maximum"},
		{"table too large", func(m *Module) {
			m.Tables = []Table{{Type: TableType{Elem: TypeFuncRef, Limits: Limits{Min: maxU32 + 1}}}}
		}, "table size"},
		{"table64 large", func(m *Module) {
			m.Tables = []Table{{Type: TableType{Elem: TypeFuncRef, Limits: Limits{Min: 1 << 60, Is64: true}}}}
		}, ""},
		{"table of unknown type", func(m *Module) {
			m.Tables = []Table{{Type: TableType{Elem: refT(true, 7)}}}
		}, "unknown type 7"},
		{"table of numbers", func(m *Module) { m.Tables = []Table{{Type: TableType{Elem: TypeI32}}} }, "malformed reference type"},
		{"non-nullable table without initializer", func(m *Module) {
			m.Tables = []Table{{Type: TableType{Elem: RefType(false, HeapFunc)}}}
		}, "type mismatch"},
		{"non-nullable imported table", func(m *Module) {
			m.Imports = []Import{{Kind: ExternTable, Table: TableType{Elem: RefType(false, HeapFunc)}}}
		}, ""},
		{"global of unknown type", func(m *Module) {
			m.Globals = []Global{{Type: GlobalType{Type: refT(true, 8)}, Init: exprI32Zero}}
		}, "unknown type 8"},
		{"imported global of unknown type", func(m *Module) {
			m.Imports = []Import{{Kind: ExternGlobal, Global: GlobalType{Type: refT(true, 8)}}}
		}, "unknown type 8"},
		{"export unknown function", func(m *Module) { m.Exports = []Export{{Name: "a", Kind: ExternFunc, Index: 1}} }, "unknown function 1"},
		{"export unknown table", func(m *Module) { m.Exports = []Export{{Name: "a", Kind: ExternTable}} }, "unknown table 0"},
		{"export unknown memory", func(m *Module) { m.Exports = []Export{{Name: "a", Kind: ExternMemory}} }, "unknown memory 0"},
		{"export unknown global", func(m *Module) { m.Exports = []Export{{Name: "a", Kind: ExternGlobal}} }, "unknown global 0"},
		{"export unknown tag", func(m *Module) { m.Exports = []Export{{Name: "a", Kind: ExternTag}} }, "unknown tag 0"},
		{"export imported function", func(m *Module) {
			m.Imports = []Import{{Kind: ExternFunc, Func: 1}}
			m.Exports = []Export{{Name: "a", Kind: ExternFunc, Index: 1}}
		}, ""},
		{"duplicate export name", func(m *Module) {
			m.Mems = []MemType{{}}
			m.Exports = []Export{{Name: "a", Kind: ExternFunc}, {Name: "a", Kind: ExternMemory}}
		}, "duplicate export name"},
		{"same entity under two names", func(m *Module) {
			m.Exports = []Export{{Name: "a", Kind: ExternFunc}, {Name: "b", Kind: ExternFunc}}
		}, ""},
		{"start unknown function", func(m *Module) { s := uint32(1); m.Start = &s }, "unknown function 1"},
		{"start function with params", func(m *Module) {
			m.Imports = []Import{{Kind: ExternFunc, Func: 1}}
			s := uint32(0)
			m.Start = &s
		}, "start function"},
		{"start function", func(m *Module) { s := uint32(0); m.Start = &s }, ""},
		{"code count differs", func(m *Module) { m.Codes = nil }, "function and code section have inconsistent lengths"},
		{"passive elem of unknown type", func(m *Module) {
			m.Elems = []ElemSegment{{Mode: SegmentPassive, Type: refT(true, 5)}}
		}, "unknown type 5"},
		{"active elem on unknown table", func(m *Module) {
			m.Elems = []ElemSegment{{Mode: SegmentActive, Table: 0, Offset: exprI32Zero, Type: TypeFuncRef}}
		}, "unknown table 0"},
		{"elem type does not fit table", func(m *Module) {
			m.Tables = []Table{{Type: TableType{Elem: TypeFuncRef}}}
			m.Elems = []ElemSegment{{Mode: SegmentActive, Offset: exprI32Zero, Type: TypeExternRef}}
		}, "type mismatch"},
		{"elem subtype fits table", func(m *Module) {
			m.Tables = []Table{{Type: TableType{Elem: TypeFuncRef}}}
			m.Elems = []ElemSegment{{Mode: SegmentActive, Offset: exprI32Zero, Type: RefType(false, HeapType(0))}}
		}, ""},
		{"active data on unknown memory", func(m *Module) {
			m.Mems = []MemType{{}}
			m.Datas = []DataSegment{{Mode: SegmentActive, Mem: 1, Offset: exprI32Zero}}
		}, "unknown memory 1"},
		{"passive data needs no memory", func(m *Module) { m.Datas = []DataSegment{{Mode: SegmentPassive}} }, ""},
	}
	for _, c := range cases {
		m := nopModule()
		c.edit(m)
		checkValidation(t, c.name, m, c.want)
	}
}

// The cases below depend on constant expressions being decoded and
// validated (InstrReader and validateConstExpr).

func TestValidateAddressTypedOffsets(t *testing.T) {
	cases := []struct {
		name string
		edit func(m *Module)
		want string
	}{
		{"i32 offset into memory", func(m *Module) {
			m.Mems = []MemType{{}}
			m.Datas = []DataSegment{{Mode: SegmentActive, Offset: exprI32Zero}}
		}, ""},
		{"i64 offset into memory", func(m *Module) {
			m.Mems = []MemType{{}}
			m.Datas = []DataSegment{{Mode: SegmentActive, Offset: exprI64Zero}}
		}, "type mismatch"},
		{"i64 offset into memory64", func(m *Module) {
			m.Mems = []MemType{{Limits{Is64: true}}}
			m.Datas = []DataSegment{{Mode: SegmentActive, Offset: exprI64Zero}}
		}, ""},
		{"i32 offset into table64", func(m *Module) {
			m.Tables = []Table{{Type: TableType{Elem: TypeFuncRef, Limits: Limits{Is64: true}}}}
			m.Elems = []ElemSegment{{Mode: SegmentActive, Offset: exprI32Zero, Type: TypeFuncRef}}
		}, "type mismatch"},
		{"i64 offset into table64", func(m *Module) {
			m.Tables = []Table{{Type: TableType{Elem: TypeFuncRef, Limits: Limits{Is64: true}}}}
			m.Elems = []ElemSegment{{Mode: SegmentActive, Offset: exprI64Zero, Type: TypeFuncRef, Init: []ConstExpr{exprRefFunc(0)}}}
		}, ""},
		{"non-nullable table with initializer", func(m *Module) {
			m.Tables = []Table{{Type: TableType{Elem: RefType(false, HeapFunc)}, Init: exprRefFunc(0)}}
		}, ""},
	}
	for _, c := range cases {
		m := nopModule()
		c.edit(m)
		checkValidation(t, c.name, m, c.want)
	}
}

func TestCollectRefs(t *testing.T) {
	m := nopModule()
	m.Funcs = []uint32{0, 0, 0, 0, 0}
	m.Exports = []Export{{Name: "f", Kind: ExternFunc, Index: 1}, {Name: "m", Kind: ExternMemory, Index: 4}}
	m.Globals = []Global{{Type: GlobalType{Type: TypeFuncRef}, Init: exprRefFunc(2)}}
	m.Elems = []ElemSegment{{Mode: SegmentDeclarative, Type: TypeFuncRef, Init: []ConstExpr{exprRefFunc(3)}}}
	refs := collectRefs(m)
	for _, f := range []uint32{1, 2, 3} {
		if !refs[f] {
			t.Errorf("function %d missing from C.refs %v", f, refs)
		}
	}
	if refs[0] || refs[4] {
		t.Errorf("C.refs = %v, want exactly {1, 2, 3}", refs)
	}
}
