package regalloc

// Class is a register class. Every virtual register belongs to exactly one
// class and is only ever given registers of that class.
type Class uint8

const (
	ClassInt   Class = iota // general-purpose registers; GC references live here
	ClassFloat              // floating-point / vector registers
	NumClasses
)

func (c Class) String() string {
	switch c {
	case ClassInt:
		return "int"
	case ClassFloat:
		return "float"
	}
	return "class?"
}

// PReg names a physical register in the target's own numbering, which must
// fit in [0, 64) across all classes (e.g. amd64: RAX..R15 = 0..15,
// X0..X15 = 16..31; arm64: X0..X30 = 0..30, V0..V31 = 32..63) so that a
// register set is one machine word.
type PReg uint8

// NoReg is the absence of a register (an unconstrained operand).
const NoReg PReg = 0xff

// RegSet is a set of physical registers.
type RegSet uint64

// Has reports whether r is in the set.
func (s RegSet) Has(r PReg) bool { return r < 64 && s&(1<<r) != 0 }

// With returns the set plus r.
func (s RegSet) With(r PReg) RegSet { return s | 1<<r }

// VReg is a virtual register, created by Func.NewVReg.
type VReg uint32

// OperandKind says whether an instruction reads, writes or modifies a vreg.
type OperandKind uint8

const (
	// Use reads the vreg before the instruction writes anything.
	Use OperandKind = iota
	// Def writes the vreg after the instruction has read all its uses, so a
	// def may share a register with a use that dies here.
	Def
	// UseDef reads and writes the vreg in one register: the two-address
	// forms of x86 (add dst, src), and implicit operands such as the
	// dividend in RAX.
	UseDef
)

// Operand is one register operand of an instruction. Operands are always in
// registers; memory operands are the backend's business.
type Operand struct {
	VReg VReg
	Kind OperandKind
	// Fixed, when not NoReg, pins the operand to that register: x86 shift
	// counts in CL, division in RAX/RDX, call arguments and results in ABI
	// registers. The vreg itself may live elsewhere; the allocator copies it
	// in before the instruction (uses) or out after it (defs).
	Fixed PReg
}

// UseOf, DefOf and UseDefOf build unconstrained operands;
// FixedUse, FixedDef and FixedUseDef build operands pinned to r.
func UseOf(v VReg) Operand               { return Operand{v, Use, NoReg} }
func DefOf(v VReg) Operand               { return Operand{v, Def, NoReg} }
func UseDefOf(v VReg) Operand            { return Operand{v, UseDef, NoReg} }
func FixedUse(v VReg, r PReg) Operand    { return Operand{v, Use, r} }
func FixedDef(v VReg, r PReg) Operand    { return Operand{v, Def, r} }
func FixedUseDef(v VReg, r PReg) Operand { return Operand{v, UseDef, r} }
func (o Operand) reads() bool            { return o.Kind != Def }
func (o Operand) writes() bool           { return o.Kind != Use }

// InstFlags describe an instruction's role.
type InstFlags uint8

const (
	// InstMove marks a register-to-register copy "Def dst; Use src". The
	// allocator tries to give both the same register so the copy vanishes
	// (the backend drops moves whose allocations are equal).
	InstMove InstFlags = 1 << iota
	// InstSafepoint marks a point where the GC may run and move objects:
	// calls and allocation slow paths. Every GC-reference vreg live across it
	// is in a spill slot during it, and the slots are reported as its stack map.
	InstSafepoint
)

// ClassRegs describes one register class of a target.
type ClassRegs struct {
	// Allocatable lists the registers the allocator may hand out, in order of
	// preference. Put caller-saved registers first: values that do not cross
	// calls then stay out of callee-saved registers the prologue would have to
	// save. Reserved registers (stack and frame pointers, arm64 x18 and x28,
	// the scratch below, context registers) are simply not listed.
	Allocatable []PReg
	// CalleeSaved is the subset of Allocatable preserved across calls. Calls
	// state what they clobber themselves (Func.AddInst); this set is used to
	// report which callee-saved registers the function used.
	CalleeSaved RegSet
	// Scratch is a register of this class outside Allocatable that breaks
	// cycles in parallel moves (required, < 64). Pick a caller-saved one.
	Scratch PReg
	// SlotSize is the size in bytes of a spill slot of this class (8 for
	// integers, 16 for v128 registers), a power of two.
	SlotSize uint32
}

// Target describes the machine to the allocator.
type Target struct {
	Classes [NumClasses]ClassRegs
}

// CallerSaved returns the allocatable registers that are not callee-saved:
// the usual clobber set of a call.
func (t *Target) CallerSaved() RegSet {
	var s RegSet
	for c := range t.Classes {
		for _, r := range t.Classes[c].Allocatable {
			if !t.Classes[c].CalleeSaved.Has(r) {
				s = s.With(r)
			}
		}
	}
	return s
}
