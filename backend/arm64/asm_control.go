package arm64

import (
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// NewLabel returns an unbound label.
func (a *Assembler) NewLabel() Label {
	p := a.ctxt.NewProg()
	p.As = obj.ANOP
	a.labels = append(a.labels, label{prog: p})
	return Label(len(a.labels) - 1)
}

func (a *Assembler) label(l Label) *obj.Prog {
	if l < 0 || int(l) >= len(a.labels) {
		a.failf("unknown label %d", l)
		return nil
	}
	return a.labels[l].prog
}

// Bind places l at the current position: the next instruction emitted.
// A label is bound once.
func (a *Assembler) Bind(l Label) {
	if !a.ok() {
		return
	}
	p := a.label(l)
	if p == nil {
		return
	}
	if a.labels[l].bound {
		a.failf("label %d bound twice", l)
		return
	}
	a.labels[l].bound = true
	// A label is an ANOP in the list: golang-asm gives it the PC of the
	// next instruction and emits no bytes for it.
	a.progs = append(a.progs, p)
}

// Mark records the current position (the PC the next instruction will
// have): a trap site, or the return address after a call. After an error
// it returns -1.
func (a *Assembler) Mark() Mark {
	if !a.ok() {
		return -1
	}
	a.emit(obj.ANOP, obj.Addr{}, obj.Addr{})
	a.marks = append(a.marks, a.progs[len(a.progs)-1])
	return Mark(len(a.marks) - 1)
}

// B emits an unconditional branch to l (±128 MiB).
func (a *Assembler) B(l Label) {
	if !a.ok() {
		return
	}
	if t := a.label(l); t != nil {
		p := a.emit(arm64.AB, obj.Addr{}, obj.Addr{Type: obj.TYPE_BRANCH})
		p.To.SetTarget(t)
	}
}

// condBranchOps are golang-asm's b.cond mnemonics by Cond.
var condBranchOps = [...]obj.As{
	EQ: arm64.ABEQ, NE: arm64.ABNE, HS: arm64.ABHS, LO: arm64.ABLO,
	MI: arm64.ABMI, PL: arm64.ABPL, VS: arm64.ABVS, VC: arm64.ABVC,
	HI: arm64.ABHI, LS: arm64.ABLS, GE: arm64.ABGE, LT: arm64.ABLT,
	GT: arm64.ABGT, LE: arm64.ABLE,
}

// BCond emits b.c l. Its reach is ±1 MiB; Finish rewrites a branch whose
// target is farther into b.!c over a b l (see shortBranch). AL is B.
func (a *Assembler) BCond(c Cond, l Label) {
	if c == AL {
		a.B(l)
		return
	}
	if !a.ok() {
		return
	}
	if _, ok := a.cond(c, true); ok {
		a.shortBranch(condBranchOps[c], condBranchOps[c.Invert()], obj.Addr{}, 0, l, condReach)
	}
}

// Cbz emits cbz r, l: branch if the size-wide r is zero (±1 MiB, relaxed
// like BCond).
func (a *Assembler) Cbz(size Size, r Reg, l Label) {
	if a.wx(size) {
		z, nz := pick(size, arm64.ACBZW, arm64.ACBZ), pick(size, arm64.ACBNZW, arm64.ACBNZ)
		a.cbranch(z, nz, r, l)
	}
}

// Cbnz emits cbnz r, l: branch if the size-wide r is not zero.
func (a *Assembler) Cbnz(size Size, r Reg, l Label) {
	if a.wx(size) {
		z, nz := pick(size, arm64.ACBZW, arm64.ACBZ), pick(size, arm64.ACBNZW, arm64.ACBNZ)
		a.cbranch(nz, z, r, l)
	}
}

func (a *Assembler) cbranch(as, inv obj.As, r Reg, l Label) {
	if !a.ok() {
		return
	}
	if x, ok := a.gp(r, useGP); ok {
		a.shortBranch(as, inv, regAddr(x), 0, l, condReach)
	}
}

// Tbz emits tbz r, #bit, l: branch if bit (0-63) of r is zero. Its reach
// is only ±32 KiB; farther targets are relaxed like BCond's.
func (a *Assembler) Tbz(r Reg, bit uint8, l Label) { a.tbranch(arm64.ATBZ, arm64.ATBNZ, r, bit, l) }

// Tbnz emits tbnz r, #bit, l: branch if bit of r is one.
func (a *Assembler) Tbnz(r Reg, bit uint8, l Label) { a.tbranch(arm64.ATBNZ, arm64.ATBZ, r, bit, l) }

func (a *Assembler) tbranch(as, inv obj.As, r Reg, bit uint8, l Label) {
	if !a.ok() {
		return
	}
	if bit > 63 {
		a.failf("bit %d out of range", bit)
		return
	}
	if x, ok := a.gp(r, useGP); ok {
		a.shortBranch(as, inv, constAddr(int64(bit)), x, l, testReach)
	}
}

// Br emits br r: an indirect jump.
func (a *Assembler) Br(r Reg) {
	if !a.ok() {
		return
	}
	if x, ok := a.gp(r, useNone); ok {
		a.emit(arm64.AB, obj.Addr{}, obj.Addr{Type: obj.TYPE_MEM, Reg: x})
	}
}

// Blr emits blr r, an indirect call, and returns the Mark of its return
// address, which the call's stack map is keyed by.
func (a *Assembler) Blr(r Reg) Mark {
	if !a.ok() {
		return -1
	}
	if x, ok := a.gp(r, useNone); ok {
		a.emit(arm64.ABL, obj.Addr{}, obj.Addr{Type: obj.TYPE_MEM, Reg: x})
	}
	return a.Mark()
}

// CallLabel emits bl to l, a position in this function, and returns the
// Mark of its return address (the value bl leaves in x30).
func (a *Assembler) CallLabel(l Label) Mark {
	if !a.ok() {
		return -1
	}
	if t := a.label(l); t != nil {
		p := a.emit(arm64.ABL, obj.Addr{}, obj.Addr{Type: obj.TYPE_BRANCH})
		p.To.SetTarget(t)
	}
	return a.Mark()
}

// CallFunc emits bl to function fn, recorded as a Relocation, and returns
// the Mark of its return address. bl reaches ±128 MiB: the linker
// sends a call to a farther callee through a veneer.
func (a *Assembler) CallFunc(fn uint32) Mark {
	a.direct(arm64.ABL, fn)
	return a.Mark()
}

// JmpFunc emits b to function fn (a tail call), recorded as a Relocation.
func (a *Assembler) JmpFunc(fn uint32) { a.direct(arm64.AB, fn) }

func (a *Assembler) direct(as obj.As, fn uint32) {
	if !a.ok() {
		return
	}
	// A branch to a symbol: golang-asm emits the instruction with a zero
	// imm26 and an R_CALLARM64 relocation that Finish turns into a
	// Relocation.
	a.emit(as, obj.Addr{}, obj.Addr{Type: obj.TYPE_BRANCH, Name: obj.NAME_EXTERN, Sym: a.funcSym(fn)})
}

// Ret emits ret (through x30). golang-asm's RET without an operand relies
// on the preprocessing pass this package does not run, so the register is
// explicit.
func (a *Assembler) Ret() {
	if a.ok() {
		a.emit(obj.ARET, obj.Addr{}, regAddr(LR.asmReg()))
	}
}

// Brk emits brk #imm: a breakpoint where execution must never arrive.
func (a *Assembler) Brk(imm uint16) {
	if a.ok() {
		a.emit(arm64.ABRK, constAddr(int64(imm)), obj.Addr{})
	}
}

// Adr emits adr dst, l: the address of a code position (±1 MiB), such as
// the continuation of an exit to Go.
func (a *Assembler) Adr(dst Reg, l Label) {
	if !a.ok() || a.label(l) == nil || !a.check(dst, useNone) {
		return
	}
	a.adr(dst, refLabel, int(l))
}

// adr emits adr dst, <ref index>. A far reference into the data tail (a
// jump table) adds the distance to dst through X16.
func (a *Assembler) adr(dst Reg, ref refKind, index int) {
	last := uint32(0x8b000000) | Scratch.hw()<<16 | dst.hw()<<5 | dst.hw() // add dst, dst, x16
	a.addFixup(fixup{kind: fixADR, ref: ref, index: index, near: 0x10000000 | dst.hw(), farBase: dst, farOff: Scratch, farLast: last})
}

// jumpTable is the data of one JumpTable: one int32 per target, the
// target's offset from the start of the table.
type jumpTable struct {
	targets []Label
}

// JumpTable emits an indirect jump through a table of targets, br_table's
// dispatch: it jumps to targets[index], where index is the low 32 bits of
// the index register, below len(targets) (the caller has branched to the
// default target otherwise). index and tmp are clobbered. The table lives
// in the data tail; its entries are 32-bit offsets relative to the table,
// which keeps it position-independent and half the size of addresses:
//
//	adr   tmp, table
//	ldrsw index, [tmp, w<index>, uxtw #2]
//	add   tmp, tmp, index
//	br    tmp
func (a *Assembler) JumpTable(index, tmp Reg, targets []Label) {
	if !a.ok() {
		return
	}
	if index == tmp || !a.check(index, useNone) || !a.check(tmp, useNone) {
		if a.err == nil {
			a.failf("jump table: index %v and temporary %v must be distinct", index, tmp)
		}
		return
	}
	if len(targets) == 0 {
		a.failf("jump table without targets")
		return
	}
	for _, l := range targets {
		if a.label(l) == nil {
			return
		}
	}
	a.tables = append(a.tables, jumpTable{targets: append([]Label(nil), targets...)})
	a.adr(tmp, refTable, len(a.tables)-1)
	a.LoadSigned(S32, S64, index, BaseIndex(tmp, index, IndexUXTW, true))
	a.ALU(Add, S64, tmp, tmp, index)
	a.Br(tmp)
}
