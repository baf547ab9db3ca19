package amd64

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"sync"

	_ "github.com/sablewasm/sable/backend/internal/asmenv" // before any obj.Linknew
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
	"github.com/twitchyliquid64/golang-asm/objabi"
)

// Assembler emits the machine code of one function at a time. It is not
// safe for concurrent use; functions compile in parallel with one
// Assembler per worker, which Reset readies for the next function. The
// zero value is not usable: call New.
type Assembler struct {
	ctxt  *obj.Link
	progs []*obj.Prog // the instruction list, in order; labels and marks are ANOPs in it
	list  []*obj.Prog // assemble's linked list, with alignment padding

	// A large function has millions of Progs and symbols; they come from
	// slabs kept from function to function instead of one heap object each.
	progSlab slab[obj.Prog]
	symSlab  slab[obj.LSym]
	// gen tells this function's literal operands from earlier ones'.
	gen uint32

	labels []label
	marks  []*obj.Prog
	// Forward branches, and those widenFarBranches made rel32 (asm_widen.go).
	fwd     []forwardBranch
	far     []farBranch
	offsets []int32     // widenFarBranches' scratch
	spare   []*obj.Prog // the progs slice widenFarBranches swapped out
	aligns  []alignPoint
	lits    []literal
	litIdx  map[literal]int
	tables  []jumpTable

	// syms maps the symbols that golang-asm relocates (CALL fn(SB),
	// MOVSD lit(SB), LEAQ table(SB)) back to what they stand for.
	syms     map[*obj.LSym]symRef
	funcSyms map[uint32]*obj.LSym

	diags    []string // golang-asm's diagnostics during the current assembly
	err      error
	finished bool
}

type label struct {
	prog  *obj.Prog
	bound bool
	at    int // index in progs once bound
}

// symRef is what a symbol stands for: another function, or an address in
// this one (a label, a literal or a jump table), by index.
type symRef struct {
	kind  symKind
	index int
}

type symKind uint8

const (
	symFunc symKind = iota
	symLabel
	symLit
	symTable
)

// Label is a branch target inside the function, created by NewLabel and
// placed by Bind. Branches may refer to it before it is bound.
type Label int

// Mark identifies a recorded code position; Code.PCs[m] is its offset.
type Mark int

// Relocation is a direct call or jump to another function: the 4 bytes at
// Offset hold a rel32 displacement that Apply fills in once the target
// function has an address.
type Relocation struct {
	Offset uint32 // of the rel32 field, from the start of the function
	Func   uint32 // index of the target function
}

// Apply patches r in code, the function's bytes as placed in a segment at
// offset codeOff, for a target placed at targetOff in the same segment.
func (r Relocation) Apply(code []byte, codeOff, targetOff int64) error {
	if int64(r.Offset)+4 > int64(len(code)) {
		return fmt.Errorf("amd64: relocation at %#x outside %d bytes of code", r.Offset, len(code))
	}
	return putRel32(code[r.Offset:], targetOff-(codeOff+int64(r.Offset)+4))
}

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
	ctxt := obj.Linknew(&x86.Linkamd64)
	ctxt.Headtype = objabi.Hlinux
	// golang-asm hard-wires Go 1.15's GOAMD64=alignedjumps: it pads every
	// jump that would cross or end at a 32-byte boundary with nops, the
	// mitigation for Intel's JCC erratum (Skylake-derived cores). The
	// padding grows the code and shifts instructions in ways that fight
	// Align and surprise anyone reading the output; whether the erratum is
	// worth mitigating is a tuning decision for later, with measurements.
	// Go exempts hand-written assembly, so claim to be that: IsAsm changes
	// nothing else in the x86 assembler.
	ctxt.IsAsm = true
	a := &Assembler{
		ctxt:     ctxt,
		litIdx:   make(map[literal]int),
		syms:     make(map[*obj.LSym]symRef),
		funcSyms: make(map[uint32]*obj.LSym),
	}
	ctxt.DiagFunc = func(format string, args ...interface{}) {
		a.diags = append(a.diags, fmt.Sprintf(format, args...))
	}
	// instinit fills golang-asm's global opcode tables; the first call
	// writes them, so it must not race with another Assembler's use.
	initArch.Do(func() { ctxt.Arch.Init(ctxt) })
	return a
}

// Reset readies a for another function, keeping its memory. Code returned
// by Finish stays valid: it shares nothing with the Assembler.
func (a *Assembler) Reset() {
	a.progs = a.progs[:0]
	a.list = a.list[:0]
	a.progSlab.reset()
	a.symSlab.reset()
	a.gen++
	a.labels = a.labels[:0]
	a.marks = a.marks[:0]
	a.fwd = a.fwd[:0]
	a.far = a.far[:0]
	a.aligns = a.aligns[:0]
	a.lits = a.lits[:0]
	clear(a.litIdx)
	a.tables = a.tables[:0]
	clear(a.syms)
	clear(a.funcSyms)
	a.diags = a.diags[:0]
	a.err = nil
	a.finished = false
}

// newProg is the obj.ProgAlloc of this Assembler.
func (a *Assembler) newProg() *obj.Prog {
	p := a.progSlab.get()
	p.Ctxt = a.ctxt
	return p
}

// slab hands out zeroed Ts from chunks it keeps across resets.
type slab[T any] struct {
	chunks [][]T
	n      int // Ts handed out since the last reset
}

const slabChunk = 512

func (s *slab[T]) get() *T {
	c, i := s.n/slabChunk, s.n%slabChunk
	if c == len(s.chunks) {
		s.chunks = append(s.chunks, make([]T, slabChunk))
	}
	s.n++
	p := &s.chunks[c][i]
	var zero T
	*p = zero
	return p
}

func (s *slab[T]) reset() { s.n = 0 }

// Err is the first error emission ran into, if any. Finish returns it too.
func (a *Assembler) Err() error { return a.err }

func (a *Assembler) failf(format string, args ...any) {
	if a.err == nil {
		a.err = fmt.Errorf("amd64: "+format, args...)
	}
}

// ok reports whether emission may go on.
func (a *Assembler) ok() bool {
	if a.finished {
		a.failf("Assembler used after Finish")
	}
	return a.err == nil
}

// emit appends one instruction in golang-asm's operand order (source in
// from, destination in to).
func (a *Assembler) emit(as obj.As, from, to obj.Addr) *obj.Prog {
	p := a.newProg()
	p.As, p.From, p.To = as, from, to
	a.progs = append(a.progs, p)
	return p
}

func regAddr(r int16) obj.Addr   { return obj.Addr{Type: obj.TYPE_REG, Reg: r} }
func constAddr(v int64) obj.Addr { return obj.Addr{Type: obj.TYPE_CONST, Offset: v} }

// reg converts a GP register used at the given width.
func (a *Assembler) reg(r Reg, size Size) (obj.Addr, bool) {
	switch {
	case !r.valid():
		a.failf("invalid register %v", r)
		return obj.Addr{}, false
	case r == RSP && size == S8:
		// golang-asm's operand classifier leaves SPL out (the case is
		// commented out in asm6.go), and nothing allocates RSP anyway.
		a.failf("byte register spl not supported")
		return obj.Addr{}, false
	}
	return regAddr(r.asmReg(size)), true
}

func (a *Assembler) xreg(x XReg) (obj.Addr, bool) {
	if !x.valid() {
		a.failf("invalid register %v", x)
		return obj.Addr{}, false
	}
	return regAddr(x.asmReg()), true
}

func (a *Assembler) mem(m Mem) (obj.Addr, bool) {
	switch {
	case !m.valid:
		a.failf("%v", m)
		return obj.Addr{}, false
	case m.lit != 0 && (m.pool != a || m.gen != a.gen):
		a.failf("constant from another function's literal pool")
		return obj.Addr{}, false
	case m.lit != 0:
		return obj.Addr{Type: obj.TYPE_MEM, Name: obj.NAME_EXTERN, Sym: a.localSym(symRef{symLit, int(m.lit - 1)})}, true
	}
	ad := obj.Addr{Type: obj.TYPE_MEM, Reg: m.base.asmReg(S64), Offset: int64(m.disp)}
	if m.scale != 0 {
		ad.Index, ad.Scale = m.index.asmReg(S64), int16(m.scale)
	}
	return ad, true
}

// rmi converts a source or destination operand of an integer operation of
// the given width; imm says whether an immediate is allowed there.
func (a *Assembler) rmi(op RMI, size Size, imm bool) (obj.Addr, bool) {
	switch op := op.(type) {
	case Reg:
		return a.reg(op, size)
	case Mem:
		return a.mem(op)
	case Imm:
		v, fits := op.fits(size)
		switch {
		case !imm:
			a.failf("immediate %d not allowed here", int64(op))
		case !fits:
			a.failf("immediate %#x does not fit a %v operation", int64(op), size)
		default:
			return constAddr(v), true
		}
		return obj.Addr{}, false
	}
	a.failf("missing operand")
	return obj.Addr{}, false
}

// xm converts an SSE register or memory operand.
func (a *Assembler) xm(op XM) (obj.Addr, bool) {
	switch op := op.(type) {
	case XReg:
		return a.xreg(op)
	case Mem:
		return a.mem(op)
	}
	a.failf("missing operand")
	return obj.Addr{}, false
}

// localSym returns a fresh symbol standing for a local address. Every use
// gets its own symbol; they are cheap and the resolver needs no dedup.
func (a *Assembler) localSym(ref symRef) *obj.LSym {
	s := a.symSlab.get()
	s.Name = "local"
	a.syms[s] = ref
	return s
}

func (a *Assembler) funcSym(fn uint32) *obj.LSym {
	s := a.funcSyms[fn]
	if s == nil {
		s = a.symSlab.get()
		s.Name = "func" + strconv.FormatUint(uint64(fn), 10)
		a.funcSyms[fn] = s
		a.syms[s] = symRef{symFunc, int(fn)}
	}
	return s
}

func putRel32(b []byte, v int64) error {
	if v != int64(int32(v)) {
		return fmt.Errorf("amd64: displacement %#x out of rel32 range", v)
	}
	binary.LittleEndian.PutUint32(b, uint32(int32(v)))
	return nil
}
