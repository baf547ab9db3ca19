package arm64

import (
	"fmt"
	"sync"

	_ "github.com/sablewasm/sable/backend/internal/asmenv" // before any obj.Linknew
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
	"github.com/twitchyliquid64/golang-asm/objabi"
)

// Assembler emits the machine code of one function. It is not safe for
// concurrent use; functions compile in parallel with one Assembler each.
// The zero value is not usable: call New.
type Assembler struct {
	ctxt  *obj.Link
	progs []*obj.Prog // the instruction list, in order; labels and marks are ANOPs in it

	labels []label
	marks  []*obj.Prog
	lits   []literal
	litIdx map[literal]int
	tables []jumpTable

	// fixups are the PC-relative words (ADR, LDR literal) this package
	// encodes itself and patches once the layout is known.
	fixups []fixup
	// short are the branches with a short reach (b.cond, cbz, tbz), which
	// Finish rewrites when their target is out of reach.
	short []*shortBranch

	funcSyms map[uint32]*obj.LSym
	symFuncs map[*obj.LSym]uint32

	diags    []string // golang-asm's diagnostics during the current assembly
	err      error
	finished bool
}

type label struct {
	prog  *obj.Prog
	bound bool
}

// Label is a branch target inside the function, created by NewLabel and
// placed by Bind. Branches may refer to it before it is bound.
type Label int

// Mark identifies a recorded code position; Code.PCs[m] is its offset.
type Mark int

// Code is an assembled function.
type Code struct {
	// Bytes are the instructions followed by the function's read-only data
	// (literals and jump tables). The function must be placed 16-byte aligned.
	Bytes []byte
	// TextLen is the length of the instructions, the start of the data.
	TextLen int
	// Relocs are the calls to other functions, to patch after layout.
	Relocs []Relocation
	// PCs holds the offset of every Mark, indexed by Mark.
	PCs []uint32
}

var initArch sync.Once

// New returns an Assembler for one function.
func New() *Assembler {
	ctxt := obj.Linknew(&arm64.Linkarm64)
	ctxt.Headtype = objabi.Hlinux
	a := &Assembler{
		ctxt:     ctxt,
		litIdx:   make(map[literal]int),
		funcSyms: make(map[uint32]*obj.LSym),
		symFuncs: make(map[*obj.LSym]uint32),
	}
	ctxt.DiagFunc = func(format string, args ...interface{}) {
		a.diags = append(a.diags, fmt.Sprintf(format, args...))
	}
	// buildop fills golang-asm's global opcode tables; the first call
	// writes them, so it must not race with another Assembler's use.
	initArch.Do(func() { ctxt.Arch.Init(ctxt) })
	return a
}

// Err is the first error emission ran into, if any. Finish returns it too.
func (a *Assembler) Err() error { return a.err }

func (a *Assembler) failf(format string, args ...any) {
	if a.err == nil {
		a.err = fmt.Errorf("arm64: "+format, args...)
	}
}

// ok reports whether emission may go on.
func (a *Assembler) ok() bool {
	if a.finished {
		a.failf("Assembler used after Finish")
	}
	return a.err == nil
}

// emit appends one instruction in golang-asm's operand order: from is the
// (last) source, p.Reg the first source of a three-operand instruction,
// to the destination.
func (a *Assembler) emit(as obj.As, from, to obj.Addr) *obj.Prog {
	p := a.ctxt.NewProg()
	p.As, p.From, p.To = as, from, to
	a.progs = append(a.progs, p)
	return p
}

// emit3 emits as from, reg, to: to = reg op from.
func (a *Assembler) emit3(as obj.As, from obj.Addr, reg int16, to obj.Addr) *obj.Prog {
	p := a.emit(as, from, to)
	p.Reg = reg
	return p
}

// word emits a 32-bit instruction this package encoded itself, for the
// forms golang-asm gets wrong or lacks (see doc.go).
func (a *Assembler) word(w uint32) *obj.Prog {
	return a.emit(arm64.AWORD, obj.Addr{}, constAddr(int64(w)))
}

func regAddr(r int16) obj.Addr   { return obj.Addr{Type: obj.TYPE_REG, Reg: r} }
func constAddr(v int64) obj.Addr { return obj.Addr{Type: obj.TYPE_CONST, Offset: v} }

// funcSym is the symbol standing for function fn in a direct call.
func (a *Assembler) funcSym(fn uint32) *obj.LSym {
	s := a.funcSyms[fn]
	if s == nil {
		s = &obj.LSym{Name: fmt.Sprintf("func%d", fn)}
		a.funcSyms[fn] = s
		a.symFuncs[s] = fn
	}
	return s
}
