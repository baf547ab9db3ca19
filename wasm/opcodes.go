package wasm

import "fmt"

// Op identifies an instruction. Single-byte opcodes are their byte value;
// prefixed ones (0xFB GC, 0xFC misc, 0xFD SIMD) are prefix<<16 | sub-opcode.
type Op uint32

// The instruction prefixes.
const (
	PrefixGC   = 0xfb
	PrefixMisc = 0xfc
	PrefixSIMD = 0xfd
)

// Prefix returns the prefix byte of op, or 0 for single-byte opcodes.
func (op Op) Prefix() byte { return byte(op >> 16) }

// Sub returns the opcode byte (unprefixed) or the sub-opcode (prefixed).
func (op Op) Sub() uint32 { return uint32(op & 0xffff) }

// ImmKind is the shape of an instruction's immediates and says which
// fields of Instr the decoder fills and the encoder writes.
type ImmKind uint8

const (
	ImmNone         ImmKind = iota
	ImmBlock                // Block (block, loop, if, try)
	ImmLabel                // Label (br, br_if, br_on_null, br_on_non_null, rethrow, delegate)
	ImmBrTable              // Labels: the targets, then the default as the last element
	ImmFunc                 // Index: function index (call, return_call, ref.func)
	ImmCallIndirect         // Index: type index, Index2: table index
	ImmType                 // Index: type index
	ImmSelectT              // Types: the result types of a typed select
	ImmTryTable             // Block, Catches
	ImmTag                  // Index: tag index (throw, legacy catch)
	ImmLocal                // Index: local index
	ImmGlobal               // Index: global index
	ImmTable                // Index: table index
	ImmMemArg               // Mem
	ImmMem                  // Index: memory index (memory.size, memory.grow, memory.fill)
	ImmI32                  // Bits: the value, zero-extended (int32 as uint32 as uint64)
	ImmI64                  // Bits: the value
	ImmF32                  // Bits: the IEEE bits in the low 32 bits
	ImmF64                  // Bits: the IEEE bits
	ImmV128                 // V128: the 16 bytes, little-endian
	ImmHeapType             // Heap (ref.null, ref.test[_null], ref.cast[_null])
	ImmTypeField            // Index: type index, Index2: field index
	ImmTypeCount            // Index: type index, Index2: operand count (array.new_fixed)
	ImmTypeData             // Index: type index, Index2: data index
	ImmTypeElem             // Index: type index, Index2: elem index
	ImmTypeType             // Index: destination type index, Index2: source type index (array.copy)
	ImmBrOnCast             // Label, CastFlags, Heap (source), Heap2 (target)
	ImmMemInit              // Index: data index, Index2: memory index
	ImmData                 // Index: data index
	ImmMemMem               // Index: destination memory, Index2: source memory
	ImmTableInit            // Index: elem index, Index2: table index
	ImmElem                 // Index: elem index
	ImmTableTable           // Index: destination table, Index2: source table
	ImmShuffle              // V128: the 16 lane indices
	ImmLane                 // Lane
	ImmMemArgLane           // Mem, Lane
)

// OpInfo describes one instruction.
type OpInfo struct {
	Op   Op
	Name string // text-format name (see the note on internal names below)
	Imm  ImmKind
	// Sig is the fixed stack signature "params>results" for instructions
	// whose typing depends on nothing but their memory's address type:
	// i=i32 I=i64 f=f32 F=f64 v=v128, a=address type of the memory named by
	// the immediate (i32, or i64 for memory64). Empty when the validator types
	// the instruction specially.
	Sig string
}

// Internal names: three opcodes share a text keyword with another and are
// named here so that every name is unique. The text parser maps
//
//	select (result t)*      -> "select_t"
//	ref.test (ref null ht)  -> "ref.test_null"
//	ref.cast (ref null ht)  -> "ref.cast_null"
const (
	internalSelectT     = "select_t"
	internalRefTestNull = "ref.test_null"
	internalRefCastNull = "ref.cast_null"
)

var (
	opsPlain [256]*OpInfo
	opsGC    [0x20]*OpInfo
	opsMisc  [0x20]*OpInfo
	opsSIMD  [0x120]*OpInfo
	opsNamed = make(map[string]*OpInfo, len(opTable))
)

func init() {
	for i := range opTable {
		info := &opTable[i]
		sub := info.Op.Sub()
		switch info.Op.Prefix() {
		case 0:
			opsPlain[sub] = info
		case PrefixGC:
			opsGC[sub] = info
		case PrefixMisc:
			opsMisc[sub] = info
		case PrefixSIMD:
			opsSIMD[sub] = info
		}
		opsNamed[info.Name] = info
	}
}

// Lookup returns the description of op, or nil if op is not an instruction.
func Lookup(op Op) *OpInfo {
	sub := op.Sub()
	var tab []*OpInfo
	switch op.Prefix() {
	case 0:
		tab = opsPlain[:]
	case PrefixGC:
		tab = opsGC[:]
	case PrefixMisc:
		tab = opsMisc[:]
	case PrefixSIMD:
		tab = opsSIMD[:]
	default:
		return nil
	}
	if op>>24 != 0 || sub >= uint32(len(tab)) {
		return nil
	}
	return tab[sub]
}

// LookupName returns the instruction with the given text-format name
// (or internal name, see above), or nil.
func LookupName(name string) *OpInfo { return opsNamed[name] }

// Name returns op's text name, or a hex rendering for unknown opcodes.
func (op Op) String() string {
	if info := Lookup(op); info != nil {
		return info.Name
	}
	if op.Prefix() != 0 {
		return fmt.Sprintf("0x%02x 0x%x", op.Prefix(), op.Sub())
	}
	return fmt.Sprintf("0x%02x", uint32(op))
}

// BlockTypeKind distinguishes the three block type encodings.
type BlockTypeKind uint8

const (
	BlockEmpty BlockTypeKind = iota // 0x40: [] -> []
	BlockValue                      // a single result value type: [] -> [t]
	BlockIndex                      // a type index: the function type's params -> results
)

// BlockType is the type annotation of block, loop, if, try and try_table.
type BlockType struct {
	Kind  BlockTypeKind
	Value ValType // BlockValue
	Index uint32  // BlockIndex
}

// MemArg is a load/store immediate. Align is the log2 of the alignment as
// encoded; Mem is the memory index (0 unless the multi-memory bit was set).
type MemArg struct {
	Align  uint32
	Offset uint64
	Mem    uint32
}

// CatchKind is a try_table catch clause kind, valued as its encoding.
type CatchKind uint8

const (
	Catch       CatchKind = 0 // catch tag label
	CatchRef    CatchKind = 1 // catch_ref tag label
	CatchAll    CatchKind = 2 // catch_all label
	CatchAllRef CatchKind = 3 // catch_all_ref label
)

// CatchClause is one catch clause of try_table.
type CatchClause struct {
	Kind  CatchKind
	Tag   uint32 // Catch and CatchRef only
	Label uint32
}

// Cast flags of br_on_cast / br_on_cast_fail: bit 0 = source nullable,
// bit 1 = target nullable.
const (
	CastSourceNullable = 1 << 0
	CastTargetNullable = 1 << 1
)

// Instr is one decoded instruction. Only the fields named by the opcode's
// ImmKind are meaningful; the others are zero after decoding.
type Instr struct {
	Op     Op
	Offset int // module byte offset of the opcode's first byte

	Index, Index2 uint32
	Label         uint32
	Lane          uint8
	CastFlags     uint8
	Bits          uint64
	Heap, Heap2   HeapType
	Mem           MemArg
	Block         BlockType
	V128          [16]byte
	Labels        []uint32
	Types         []ValType
	Catches       []CatchClause
}
