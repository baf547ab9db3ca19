package amd64

import (
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// NewLabel returns an unbound label.
func (a *Assembler) NewLabel() Label {
	p := a.newProg()
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
	a.labels[l].at = len(a.progs)
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

func (a *Assembler) branch(as obj.As, l Label, jcc bool, c Cond) {
	if !a.ok() {
		return
	}
	if t := a.label(l); t != nil {
		// golang-asm picks the rel8 form when the target is in reach and
		// relaxes to rel32 otherwise; Finish widens the forward branches
		// that are surely far first (asm_widen.go).
		if !a.labels[l].bound {
			a.fwd = append(a.fwd, forwardBranch{at: len(a.progs), l: l, jcc: jcc, cond: c})
		}
		p := a.emit(as, obj.Addr{}, obj.Addr{Type: obj.TYPE_BRANCH})
		p.To.SetTarget(t)
	}
}

// Jmp emits jmp l.
func (a *Assembler) Jmp(l Label) { a.branch(obj.AJMP, l, false, 0) }

// Jcc emits a conditional branch to l.
func (a *Assembler) Jcc(c Cond, l Label) {
	if a.cond(c) {
		a.branch(jccOps[c], l, true, c)
	}
}

// JmpIndirect emits jmp *target.
func (a *Assembler) JmpIndirect(target RM) { a.indirect(obj.AJMP, target) }

// CallIndirect emits call *target and returns the Mark of its return
// address, which the call's stack map is keyed by.
func (a *Assembler) CallIndirect(target RM) Mark {
	a.indirect(obj.ACALL, target)
	return a.Mark()
}

func (a *Assembler) indirect(as obj.As, target RM) {
	if !a.ok() {
		return
	}
	if t, ok := a.rmi(target, S64, false); ok {
		a.emit(as, obj.Addr{}, t)
	}
}

// CallFunc emits call rel32 to function fn, recorded as a Relocation, and
// returns the Mark of its return address.
func (a *Assembler) CallFunc(fn uint32) Mark {
	a.direct(obj.ACALL, fn)
	return a.Mark()
}

// JmpFunc emits jmp rel32 to function fn (a tail call), recorded as a
// Relocation.
func (a *Assembler) JmpFunc(fn uint32) { a.direct(obj.AJMP, fn) }

func (a *Assembler) direct(as obj.As, fn uint32) {
	if !a.ok() {
		return
	}
	// A branch to a symbol: golang-asm emits e8/e9 with a zero rel32 and
	// an R_CALL relocation that Finish turns into a Relocation. (A TYPE_MEM
	// operand would give call *fn(%rip), an indirect call.)
	a.emit(as, obj.Addr{}, obj.Addr{Type: obj.TYPE_BRANCH, Name: obj.NAME_EXTERN, Sym: a.funcSym(fn)})
}

// Ret emits ret.
func (a *Assembler) Ret() {
	if a.ok() {
		a.emit(obj.ARET, obj.Addr{}, obj.Addr{})
	}
}

// LeaLabel emits lea dst, [rip + l]: the address of a code position, such
// as the continuation of an exit to Go.
func (a *Assembler) LeaLabel(dst Reg, l Label) {
	if !a.ok() || a.label(l) == nil {
		return
	}
	if d, ok := a.reg(dst, S64); ok {
		sym := a.localSym(symRef{symLabel, int(l)})
		a.emit(x86.ALEAQ, obj.Addr{Type: obj.TYPE_MEM, Name: obj.NAME_EXTERN, Sym: sym}, d)
	}
}

// CallLabel emits call rel32 to l, a position in this function, and
// returns the Mark of its return address. (golang-asm only calls symbols,
// so the target is a local symbol that Finish resolves, as LeaLabel's.)
func (a *Assembler) CallLabel(l Label) Mark {
	if !a.ok() || a.label(l) == nil {
		return -1
	}
	sym := a.localSym(symRef{symLabel, int(l)})
	a.emit(obj.ACALL, obj.Addr{}, obj.Addr{Type: obj.TYPE_BRANCH, Name: obj.NAME_EXTERN, Sym: sym})
	return a.Mark()
}

// jumpTable is the data of one JumpTable: one int32 per target, the
// target's offset from the start of the table.
type jumpTable struct {
	targets []Label
}

// JumpTable emits an indirect jump through a table of targets, br_table's
// dispatch: it jumps to targets[index]. index must hold a zero-extended
// value below len(targets) (the caller has branched to the default target
// otherwise); index and tmp are clobbered. The table itself lives in the
// data tail; its entries are 32-bit offsets relative to the table, which
// keeps it position-independent and half the size of absolute addresses:
//
//	lea    tmp, [rip + table]
//	movsxd index, dword [tmp + index*4]
//	add    index, tmp
//	jmp    index
func (a *Assembler) JumpTable(index, tmp Reg, targets []Label) {
	if !a.ok() {
		return
	}
	if index == tmp || index == RSP || tmp == RSP {
		a.failf("jump table: index %v and temporary %v must be distinct and not rsp", index, tmp)
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
	idx, ok1 := a.reg(index, S64)
	t, ok2 := a.reg(tmp, S64)
	if !ok1 || !ok2 {
		return
	}
	sym := a.localSym(symRef{symTable, len(a.tables) - 1})
	a.emit(x86.ALEAQ, obj.Addr{Type: obj.TYPE_MEM, Name: obj.NAME_EXTERN, Sym: sym}, t)
	entry := obj.Addr{Type: obj.TYPE_MEM, Reg: t.Reg, Index: idx.Reg, Scale: 4}
	a.emit(x86.AMOVLQSX, entry, idx)
	a.emit(x86.AADDQ, t, idx)
	a.emit(obj.AJMP, obj.Addr{}, idx)
}

// RetPop emits ret n: return and pop n more bytes, the callee's share of
// the stack arguments under the Wasm calling convention. golang-asm only
// knows the far forms of ret imm16, so the near one is emitted as bytes.
func (a *Assembler) RetPop(n uint16) {
	if n == 0 {
		a.Ret()
		return
	}
	if !a.ok() {
		return
	}
	for _, b := range []byte{0xc2, byte(n), byte(n >> 8)} {
		a.emit(x86.ABYTE, constAddr(int64(b)), obj.Addr{})
	}
}

// Int3 emits int3: a breakpoint where execution must never arrive, such
// as after an exit sequence that is never resumed.
func (a *Assembler) Int3() {
	if a.ok() {
		a.emit(x86.ABYTE, constAddr(0xcc), obj.Addr{})
	}
}
