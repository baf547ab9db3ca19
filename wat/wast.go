package wat

import "github.com/sablewasm/sable/wasm"

// This file declares the typed form of a WAST script: the spec test
// language that wraps modules with actions and assertions. ParseScript
// (wast_parse.go) builds it; a runner executes it. Values keep exact bits so
// that an engine can compare results bit for bit, and NaN patterns are kept
// apart from NaN values.

// Script is a parsed WAST script.
type Script struct {
	Commands []Command
}

// Command is one top-level script command. The concrete types are
// *ModuleCommand, *InstanceCommand, *RegisterCommand, *ActionCommand,
// *AssertReturn, *AssertTrap, *AssertExhaustion, *AssertException and
// *AssertModule.
type Command interface {
	// Keyword is the command's WAST keyword ("module", "register",
	// "assert_return", ...); bare actions report "action".
	Keyword() string
	// Position is the command's source position.
	Position() Pos
}

// Pos is a 1-based source position.
type Pos struct {
	Line, Col int
}

// Position returns p itself so that every command embedding Pos satisfies
// Command.
func (p Pos) Position() Pos { return p }

func posOf(n *Node) Pos { return Pos{Line: n.Line, Col: n.Col} }

// ModuleFormat says how a script module is written.
type ModuleFormat uint8

const (
	// ModuleText is `(module $id? field*)`: Node holds the form.
	ModuleText ModuleFormat = iota
	// ModuleBinary is `(module $id? binary "..."*)`: Bytes holds the binary.
	ModuleBinary
	// ModuleQuote is `(module $id? quote "..."*)`: Bytes holds WAT source.
	ModuleQuote
)

func (f ModuleFormat) String() string {
	switch f {
	case ModuleText:
		return "text"
	case ModuleBinary:
		return "binary"
	case ModuleQuote:
		return "quote"
	}
	return "unknown"
}

// ModuleSource is a module written in a script, not yet parsed or decoded.
type ModuleSource struct {
	Pos
	Format ModuleFormat
	Name   string // the $id without `$`, or ""
	// Node is the `(module ...)` form of a text module, without the script's
	// `definition` keyword, ready for ParseModuleNode.
	Node *Node
	// Bytes is the concatenated strings of a binary or quoted module.
	Bytes []byte
}

// ModuleCommand defines a module: `(module ...)` instantiates it right away;
// `(module definition ...)` only defines it for later `(module instance)`.
type ModuleCommand struct {
	Pos
	Module     *ModuleSource
	Definition bool
}

// InstanceCommand is `(module instance $inst? $def?)`: it instantiates a
// module definition (the most recent one when Definition is "").
type InstanceCommand struct {
	Pos
	Instance   string
	Definition string
}

// RegisterCommand is `(register "as" $id?)`: it makes an instance's exports
// importable under the module name As.
type RegisterCommand struct {
	Pos
	As     string
	Module string // "" for the most recent instance
}

// ActionKind distinguishes the two actions.
type ActionKind uint8

const (
	Invoke ActionKind = iota // (invoke $id? "name" const*)
	Get                      // (get $id? "name")
)

// Action invokes an exported function or reads an exported global.
type Action struct {
	Pos
	Kind   ActionKind
	Module string // "" for the most recent instance
	Name   string
	Args   []Value // Invoke only
}

// ActionCommand is an action run for its effect.
type ActionCommand struct {
	Pos
	Action *Action
}

// AssertReturn is `(assert_return action result*)`.
type AssertReturn struct {
	Pos
	Action  *Action
	Results []Result
}

// AssertTrap is `(assert_trap action "msg")` or `(assert_trap module "msg")`
// (instantiation traps, e.g. in a start function). Exactly one of Action and
// Module is set.
type AssertTrap struct {
	Pos
	Action  *Action
	Module  *ModuleSource
	Message string
}

// AssertExhaustion is `(assert_exhaustion action "msg")`.
type AssertExhaustion struct {
	Pos
	Action  *Action
	Message string
}

// AssertException is `(assert_exception action)`: the action throws an
// uncaught Wasm exception.
type AssertException struct {
	Pos
	Action *Action
}

// AssertModule is an assertion about a module that must fail to load:
// assert_malformed, assert_invalid, assert_unlinkable and the custom-section
// variants assert_malformed_custom and assert_invalid_custom.
type AssertModule struct {
	Pos
	Kind    string // the assertion keyword
	Module  *ModuleSource
	Message string
}

func (*ModuleCommand) Keyword() string    { return "module" }
func (*InstanceCommand) Keyword() string  { return "module" }
func (*RegisterCommand) Keyword() string  { return "register" }
func (*ActionCommand) Keyword() string    { return "action" }
func (*AssertReturn) Keyword() string     { return "assert_return" }
func (*AssertTrap) Keyword() string       { return "assert_trap" }
func (*AssertExhaustion) Keyword() string { return "assert_exhaustion" }
func (*AssertException) Keyword() string  { return "assert_exception" }
func (c *AssertModule) Keyword() string   { return c.Kind }

// ValueKind is the kind of a script value.
type ValueKind uint8

const (
	ValI32 ValueKind = iota + 1
	ValI64
	ValF32
	ValF64
	ValV128
	// ValNull is a null reference of heap type Heap: `(ref.null ht)`.
	ValNull
	// ValExtern is `(ref.extern N)`: host reference N, externalized.
	ValExtern
	// ValHost is `(ref.host N)`: host reference N as an internal (any) value.
	ValHost
	// ValRef is a non-null reference an engine returns; Heap is the abstract
	// heap type of its dynamic type (func, struct, array, i31, exn, ...).
	// Scripts cannot write it; it exists so results can be matched.
	ValRef
)

var valueKindNames = [...]string{
	ValI32: "i32", ValI64: "i64", ValF32: "f32", ValF64: "f64", ValV128: "v128",
	ValNull: "ref.null", ValExtern: "ref.extern", ValHost: "ref.host", ValRef: "ref",
}

func (k ValueKind) String() string {
	if int(k) < len(valueKindNames) && valueKindNames[k] != "" {
		return valueKindNames[k]
	}
	return "invalid"
}

// Value is a constant: an action argument, or what an action returns.
type Value struct {
	Kind ValueKind
	// Bits holds i32/i64 values and the IEEE bits of f32/f64 values (32-bit
	// kinds in the low half).
	Bits uint64
	// V128 holds a v128 in little-endian byte order (lane 0 first).
	V128 [16]byte
	// Heap is the heap type of ValNull and ValRef.
	Heap wasm.HeapType
	// Host is the host reference number of ValExtern and ValHost.
	Host uint32
}

// ResultKind distinguishes the result patterns of assert_return.
type ResultKind uint8

const (
	// ResultValue matches Value exactly (floats bit for bit).
	ResultValue ResultKind = iota
	// ResultNaN matches an f32 or f64 (Value.Kind) NaN of class NaN.
	ResultNaN
	// ResultLanes matches a v128 lane by lane (some lanes are NaN patterns).
	ResultLanes
	// ResultNull matches any null reference: `(ref.null)` without a heap type.
	ResultNull
	// ResultRef matches any non-null reference whose type matches
	// (ref Heap): `(ref.func)`, `(ref.struct)`, `(ref.extern)`, ...
	ResultRef
	// ResultEither matches if any of Either matches.
	ResultEither
)

// NaNClass is a NaN result pattern.
type NaNClass uint8

const (
	NotNaN        NaNClass = iota
	NaNCanonical           // nan:canonical: the canonical NaN of either sign
	NaNArithmetic          // nan:arithmetic: any NaN with the quiet bit set
)

// Shape is a v128 lane interpretation.
type Shape uint8

const (
	I8x16 Shape = iota
	I16x8
	I32x4
	I64x2
	F32x4
	F64x2
)

var shapeNames = [...]string{"i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2"}

func (s Shape) String() string {
	if int(s) < len(shapeNames) {
		return shapeNames[s]
	}
	return "invalid"
}

// Lanes is the number of lanes of shape s.
func (s Shape) Lanes() int { return 16 / s.LaneBytes() }

// LaneBytes is the width of one lane of shape s in bytes.
func (s Shape) LaneBytes() int {
	switch s {
	case I8x16:
		return 1
	case I16x8:
		return 2
	case I32x4, F32x4:
		return 4
	}
	return 8
}

// Lane is one lane of a v128 result pattern: exact Bits, or a NaN class.
type Lane struct {
	Bits uint64
	NaN  NaNClass
}

// Result is an expected result of assert_return.
type Result struct {
	Kind   ResultKind
	Value  Value         // ResultValue; ResultNaN uses Value.Kind (ValF32 or ValF64)
	NaN    NaNClass      // ResultNaN
	Shape  Shape         // ResultLanes
	Lanes  []Lane        // ResultLanes
	Heap   wasm.HeapType // ResultRef
	Either []Result      // ResultEither
}
