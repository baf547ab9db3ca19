package arm64

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/objabi"
)

// Relocation is a direct call or jump to another function: the b or bl
// instruction at Offset, whose imm26 Apply fills in once the target
// function has an address.
type Relocation struct {
	Offset uint32 // of the instruction, from the start of the function
	Func   uint32 // index of the target function
}

// branchReach is the reach of b and bl: a signed 26-bit word offset.
const branchReach = 1 << 27

// Apply patches r in code, the function's bytes as placed in a segment at
// offset codeOff, for a target placed at targetOff in the same segment.
// The two must be within ±128 MiB, bl's reach: the module linker sends
// calls to farther functions through veneers (arch.Veneer).
func (r Relocation) Apply(code []byte, codeOff, targetOff int64) error {
	if int64(r.Offset)+4 > int64(len(code)) || r.Offset%4 != 0 {
		return fmt.Errorf("arm64: relocation at %#x outside %d bytes of code", r.Offset, len(code))
	}
	d := targetOff - (codeOff + int64(r.Offset))
	if d%4 != 0 || d < -branchReach || d >= branchReach {
		return fmt.Errorf("arm64: call displacement %#x out of the ±128 MiB reach of bl", d)
	}
	w := binary.LittleEndian.Uint32(code[r.Offset:])
	w = w&^0x3ffffff | uint32(d>>2)&0x3ffffff
	binary.LittleEndian.PutUint32(code[r.Offset:], w)
	return nil
}

// maxRelaxPasses bounds the assemblies of Finish. Each pass makes far the
// short branches found out of reach; a pass finding none ends the loop.
// Rewriting only grows the code, so the set only grows and this settles,
// in practice in two or three passes.
const maxRelaxPasses = 16

// Finish assembles the function. The Assembler cannot be used afterwards.
func (a *Assembler) Finish() (*Code, error) {
	if a.finished {
		return nil, fmt.Errorf("arm64: Finish called twice")
	}
	a.finished = true
	if a.err != nil {
		return nil, a.err
	}
	if err := a.checkLabels(); err != nil {
		return nil, err
	}
	for pass := 0; ; pass++ {
		s, end, sizeErr, err := a.assemble()
		if err != nil {
			return nil, err
		}
		relaxed := false
		for _, sb := range a.short {
			if !sb.far && sb.outOfReach() {
				sb.far, relaxed = true, true
			}
		}
		if a.relaxFixups(end) {
			relaxed = true
		}
		if !relaxed {
			// In a pass that relaxed nothing golang-asm must not have
			// rewritten anything either; in one that did, its own far
			// branches are discarded with the next list.
			if sizeErr != nil {
				return nil, sizeErr
			}
			return a.link(s, end)
		}
		if pass == maxRelaxPasses-1 {
			return nil, fmt.Errorf("arm64: branch relaxation did not settle")
		}
	}
}

// checkLabels rejects references to labels that were never bound.
func (a *Assembler) checkLabels() error {
	for _, sb := range a.short {
		for _, l := range a.labels {
			if l.prog == sb.target && !l.bound {
				return fmt.Errorf("arm64: branch to a label that is never bound")
			}
		}
	}
	bound := make(map[*obj.Prog]bool, len(a.labels))
	for _, l := range a.labels {
		bound[l.prog] = l.bound
	}
	for _, p := range a.progs {
		if t := p.To.Target(); p.To.Type == obj.TYPE_BRANCH && t != nil && !bound[t] {
			return fmt.Errorf("arm64: branch to a label that is never bound")
		}
	}
	for _, f := range a.fixups {
		if f.ref == refLabel && !a.labels[f.index].bound {
			return fmt.Errorf("arm64: address of label %d, which is never bound", f.index)
		}
	}
	for _, t := range a.tables {
		for _, l := range t.targets {
			if !a.labels[l].bound {
				return fmt.Errorf("arm64: jump table target label %d is never bound", l)
			}
		}
	}
	return nil
}

// assemble links the instruction list, with the short branches in their
// current form, and runs golang-asm over it. It returns the symbol, the
// end of the instructions and what checkSizes found. golang-asm reports problems through DiagFunc
// and, for some malformed input, by panicking; both become errors.
func (a *Assembler) assemble() (s *obj.LSym, end int64, sizeErr, err error) {
	short := make(map[*obj.Prog]*shortBranch, len(a.short))
	for _, sb := range a.short {
		short[sb.p] = sb
	}
	// span7 takes the first Prog for the function's TEXT pseudo-instruction
	// and starts assembling at the one after it: that is why golangasm's
	// Builder, which hands it the first instruction added, drops it. The
	// list starts with a head of our own instead, and ends with a sentinel
	// whose PC is the end of the instructions (span7 pads the symbol to 16
	// bytes).
	head, sentinel := a.ctxt.NewProg(), a.ctxt.NewProg()
	head.As, sentinel.As = obj.ATEXT, obj.ANOP
	list := make([]*obj.Prog, 0, len(a.progs)+2+2*len(a.short))
	list = append(list, head)
	far := make(map[*obj.Prog]*fixup)
	for i := range a.fixups {
		if f := &a.fixups[i]; f.far {
			far[f.prog] = f
		}
	}
	for _, p := range a.progs {
		if sb := short[p]; sb != nil {
			list = sb.expand(list)
		} else if f := far[p]; f != nil {
			list = append(list, p, f.extra[0], f.extra[1], f.extra[2])
		} else {
			list = append(list, p)
		}
	}
	list = append(list, sentinel)
	for i, p := range list {
		p.Link, p.Pc = nil, 0
		if i > 0 {
			list[i-1].Link = p
		}
	}
	s = &obj.LSym{Func: &obj.FuncInfo{Text: head}}
	a.diags = a.diags[:0]
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("arm64: golang-asm failed: %v", r)
		}
	}()
	a.ctxt.Arch.Assemble(a.ctxt, s, a.ctxt.NewProg)
	if len(a.diags) > 0 {
		return nil, 0, nil, fmt.Errorf("arm64: golang-asm: %s", strings.Join(a.diags, "; "))
	}
	return s, sentinel.Pc, a.checkSizes(list), nil
}

// checkSizes verifies that golang-asm emitted exactly one instruction per
// Prog and inserted none: every operand this package hands it is one it
// encodes directly, and anything else (a constant it would load into R27
// or a literal pool of its own, its own far-branch rewrite) is a bug here
// that must not reach generated code silently.
func (a *Assembler) checkSizes(list []*obj.Prog) error {
	n := 0
	for p := list[0]; p != nil; p = p.Link {
		// golang-asm marks instructions naming R27 (its REGTMP) as unsafe
		// points for Go's asynchronous preemption with PCDATA Progs,
		// which take no space.
		if p.As != obj.APCDATA {
			n++
		}
	}
	if n != len(list) {
		return fmt.Errorf("arm64: golang-asm inserted %d instructions", n-len(list))
	}
	for i, p := range list[1 : len(list)-1] {
		size := list[i+2].Pc - p.Pc
		want := int64(4)
		switch p.As {
		case obj.ANOP:
			want = 0
		case obj.APCALIGN:
			continue
		}
		if size != want {
			return fmt.Errorf("arm64: golang-asm emitted %d bytes for %v", size, p)
		}
	}
	return nil
}

// link lays out the data tail, resolves the PC-relative fixups and
// collects the calls and marks.
func (a *Assembler) link(s *obj.LSym, end int64) (*Code, error) {
	text := make([]byte, end, end+15)
	copy(text, s.P)
	// The data tail starts 16-byte aligned; the padding is udf #0, so a
	// stray jump past the end traps.
	for len(text)%16 != 0 {
		text = append(text, 0)
	}
	code, litOff, tableOff := a.layoutData(text)
	c := &Code{Bytes: code, TextLen: int(end)}
	for _, r := range s.R {
		fn, ok := a.symFuncs[r.Sym]
		switch {
		case r.Type == objabi.R_CALLIND:
			continue // a marker golang-asm puts on indirect calls, not a fix-up
		case !ok || r.Type != objabi.R_CALLARM64 || r.Add != 0:
			return nil, fmt.Errorf("arm64: unexpected relocation %v at %#x", r.Type, r.Off)
		}
		c.Relocs = append(c.Relocs, Relocation{Offset: uint32(r.Off), Func: fn})
	}
	for i := range a.fixups {
		f := &a.fixups[i]
		var target int64
		switch f.ref {
		case refLabel:
			target = a.labels[f.index].prog.Pc
		case refLit:
			target = litOff[f.index]
		case refTable:
			target = tableOff[f.index]
		}
		var err error
		if f.far {
			err = f.patchFar(code, target-f.prog.Pc)
		} else {
			err = patchPCRel(code[f.prog.Pc:], f.kind, target-f.prog.Pc)
		}
		if err != nil {
			return nil, err
		}
	}
	for i, t := range a.tables {
		for k, l := range t.targets {
			off := a.labels[l].prog.Pc - tableOff[i]
			binary.LittleEndian.PutUint32(code[tableOff[i]+4*int64(k):], uint32(int32(off)))
		}
	}
	c.PCs = make([]uint32, len(a.marks))
	for i, p := range a.marks {
		c.PCs[i] = uint32(p.Pc)
	}
	return c, nil
}

// patchPCRel fills the PC-relative field of the instruction at b with d.
func patchPCRel(b []byte, kind fixKind, d int64) error {
	if d < -condReach || d >= condReach {
		return fmt.Errorf("arm64: PC-relative reference %#x beyond ±1 MiB (function too large)", d)
	}
	w := binary.LittleEndian.Uint32(b)
	switch kind {
	case fixADR:
		u := uint32(d)
		w |= (u&3)<<29 | (u>>2&0x7ffff)<<5 // immlo, immhi
	case fixLDRLit:
		if d%4 != 0 {
			return fmt.Errorf("arm64: misaligned literal at %#x", d)
		}
		w |= (uint32(d>>2) & 0x7ffff) << 5
	}
	binary.LittleEndian.PutUint32(b, w)
	return nil
}
