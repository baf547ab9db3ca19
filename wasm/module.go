package wasm

// ExternKind is the kind of an import or export.
type ExternKind uint8

// The extern kinds, valued as their binary encoding.
const (
	ExternFunc   ExternKind = 0
	ExternTable  ExternKind = 1
	ExternMemory ExternKind = 2
	ExternGlobal ExternKind = 3
	ExternTag    ExternKind = 4
)

func (k ExternKind) String() string {
	switch k {
	case ExternFunc:
		return "func"
	case ExternTable:
		return "table"
	case ExternMemory:
		return "memory"
	case ExternGlobal:
		return "global"
	case ExternTag:
		return "tag"
	}
	return "unknown"
}

// Module is a decoded (not necessarily valid) WebAssembly module.
//
// Index spaces follow the spec: for functions, tables, memories, globals and
// tags, imports come first, then the module's own definitions.
type Module struct {
	Types     []SubType  // the flattened type index space
	RecGroups []RecGroup // partition of Types into recursion groups, in order

	Imports []Import
	Funcs   []uint32 // type index of each defined (non-imported) function
	Tables  []Table
	Mems    []MemType
	Globals []Global
	Tags    []TagType
	Exports []Export
	Start   *uint32 // start function index, if any
	Elems   []ElemSegment
	// DataCount is the value of the data count section, if present.
	DataCount *uint32
	Codes     []Code // one per defined function, same order as Funcs
	Datas     []DataSegment

	// Customs holds every custom section in order, including "name".
	Customs []CustomSection
	// Names is the decoded "name" section, if it was present and well formed.
	Names *NameSection
}

// Import is one import entry. Exactly the field selected by Kind is meaningful.
type Import struct {
	Module string
	Name   string
	Kind   ExternKind
	Func   uint32 // ExternFunc: type index
	Table  TableType
	Mem    MemType
	Global GlobalType
	Tag    TagType
}

// Export is one export entry.
type Export struct {
	Name  string
	Kind  ExternKind
	Index uint32
}

// Table is a defined table. Init is the optional initializer expression
// (the `0x40 0x00` table encoding); nil means ref.null of the element type.
type Table struct {
	Type TableType
	Init ConstExpr
}

// Global is a defined global with its initializer.
type Global struct {
	Type GlobalType
	Init ConstExpr
}

// ConstExpr is a constant expression in binary form: a sequence of
// instructions terminated by the `end` opcode (0x0B), which is included.
// Offset is the byte offset of its first byte in the module (for errors).
type ConstExpr struct {
	Code   []byte
	Offset int
}

// SegmentMode says how an element or data segment is used.
type SegmentMode uint8

const (
	SegmentActive SegmentMode = iota
	SegmentPassive
	SegmentDeclarative // element segments only
)

// ElemSegment is an element segment. Every item is kept as a constant
// expression; the funcidx-vector encodings are normalized to `ref.func i; end`
// expressions by the decoder, with FuncIndices recording that form so the
// encoder can reproduce it.
type ElemSegment struct {
	Mode   SegmentMode
	Table  uint32    // active only
	Offset ConstExpr // active only
	Type   ValType   // the element reference type
	Init   []ConstExpr
	// FuncIndices is true when the segment was written as a vector of
	// function indices (binary flags 0..3) rather than expressions.
	FuncIndices bool
}

// DataSegment is a data segment.
type DataSegment struct {
	Mode   SegmentMode // SegmentActive or SegmentPassive
	Mem    uint32      // active only
	Offset ConstExpr   // active only
	Init   []byte
}

// LocalDecl declares Count locals of one type.
type LocalDecl struct {
	Count uint32
	Type  ValType
}

// Code is the body of a defined function.
// Body holds the instruction bytes including the final `end`;
// BodyOffset is the module byte offset of Body[0] (for errors and
// backtraces).
type Code struct {
	Locals     []LocalDecl
	Body       []byte
	BodyOffset int
}

// CustomSection is a custom section, kept verbatim. After is the id of the
// last non-custom section that preceded it (0 if none), so the encoder can put
// it back in place.
type CustomSection struct {
	Name  string
	Data  []byte
	After byte
}

// NameSection is the decoded "name" custom section (used for backtraces).
type NameSection struct {
	Module string
	Funcs  map[uint32]string
	Locals map[uint32]map[uint32]string
}

// NumImported returns how many imports of kind k the module has.
func (m *Module) NumImported(k ExternKind) int {
	n := 0
	for i := range m.Imports {
		if m.Imports[i].Kind == k {
			n++
		}
	}
	return n
}

// FuncTypeIndex returns the type index of function idx in the function
// index space (imports first), and false if idx is out of range.
func (m *Module) FuncTypeIndex(idx uint32) (uint32, bool) {
	for i := range m.Imports {
		if m.Imports[i].Kind != ExternFunc {
			continue
		}
		if idx == 0 {
			return m.Imports[i].Func, true
		}
		idx--
	}
	if uint64(idx) < uint64(len(m.Funcs)) {
		return m.Funcs[idx], true
	}
	return 0, false
}
