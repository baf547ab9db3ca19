package amd64

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/objabi"
)

// Finish assembles the function. The Assembler cannot be used afterwards.
func (a *Assembler) Finish() (*Code, error) {
	if a.finished {
		return nil, fmt.Errorf("amd64: Finish called twice")
	}
	a.finished = true
	if a.err != nil {
		return nil, a.err
	}
	if err := a.checkLabels(); err != nil {
		return nil, err
	}
	a.widenFarBranches()
	pads := make([]int, len(a.aligns))
	var s *obj.LSym
	for pass := 0; ; pass++ {
		var err error
		if s, err = a.assemble(pads); err != nil {
			return nil, err
		}
		// Fix the points in order, moving each later one by the padding
		// added or removed before it, so that one pass settles them all
		// unless a branch changes size.
		settled, shift := true, 0
		for i, al := range a.aligns {
			if al.at == len(a.progs) {
				continue // aligns nothing
			}
			if mis := (int(a.progs[al.at].Pc) + shift) & (al.n - 1); mis != 0 {
				old := pads[i]
				pads[i] = (pads[i] + al.n - mis) & (al.n - 1)
				shift += pads[i] - old
				settled = false
			}
		}
		if settled || pass == maxAlignPasses-1 {
			break
		}
	}
	if err := a.patchFarBranches(s.P); err != nil {
		return nil, err
	}
	return a.link(s)
}

// checkLabels rejects branches to labels that were never bound.
func (a *Assembler) checkLabels() error {
	allBound := true
	for _, l := range a.labels {
		allBound = allBound && l.bound
	}
	if allBound {
		return nil
	}
	bound := make(map[*obj.Prog]bool, len(a.labels))
	for _, l := range a.labels {
		bound[l.prog] = l.bound
	}
	for _, p := range a.progs {
		if t := p.To.Target(); p.To.Type == obj.TYPE_BRANCH && t != nil && !bound[t] {
			return fmt.Errorf("amd64: branch to a label that is never bound")
		}
	}
	for _, ref := range a.syms {
		if ref.kind == symLabel && !a.labels[ref.index].bound {
			return fmt.Errorf("amd64: address of label %d, which is never bound", ref.index)
		}
	}
	for _, t := range a.tables {
		for _, l := range t.targets {
			if !a.labels[l].bound {
				return fmt.Errorf("amd64: jump table target label %d is never bound", l)
			}
		}
	}
	return nil
}

// assemble links the instruction list with pads[i] bytes of padding at
// alignment point i and runs golang-asm over it. golang-asm reports
// problems through DiagFunc and, for some malformed input, by panicking;
// both become errors.
func (a *Assembler) assemble(pads []int) (s *obj.LSym, err error) {
	list := a.list[:0]
	next := 0
	for i, p := range a.progs {
		for next < len(a.aligns) && a.aligns[next].at == i {
			list = a.appendNops(list, pads[next])
			next++
		}
		list = append(list, p)
	}
	a.list = list
	s = &obj.LSym{Func: &obj.FuncInfo{}}
	if len(list) == 0 {
		return s, nil
	}
	for i, p := range list {
		// span6 keeps its state in the Progs and assumes it starts from
		// zero: a Back flag left by an earlier pass makes it take a forward
		// branch for a backward one and encode a stale displacement.
		p.Link, p.Forwd, p.Rel = nil, nil, nil
		p.Pc, p.Back, p.Isize = 0, 0, 0
		if i > 0 {
			list[i-1].Link = p
		}
	}
	s.Func.Text = list[0]
	a.diags = a.diags[:0]
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("amd64: golang-asm failed: %v", r)
		}
	}()
	a.ctxt.Arch.Assemble(a.ctxt, s, a.newProg)
	if len(a.diags) > 0 {
		return nil, fmt.Errorf("amd64: golang-asm: %s", strings.Join(a.diags, "; "))
	}
	return s, nil
}

// link lays out the data tail, resolves the local relocations and collects
// the calls and marks.
func (a *Assembler) link(s *obj.LSym) (*Code, error) {
	textLen := len(s.P)
	code, litOff, tableOff := a.layoutData(s.P) // s is this assembly's own
	c := &Code{Bytes: code, TextLen: textLen}
	for _, r := range s.R {
		if r.Type == objabi.R_CALLIND {
			continue // a marker golang-asm puts on indirect calls, not a fix-up
		}
		ref, ok := a.syms[r.Sym]
		if !ok || r.Siz != 4 {
			return nil, fmt.Errorf("amd64: unexpected relocation %v at %#x", r.Type, r.Off)
		}
		var target int64
		switch ref.kind {
		case symFunc:
			if r.Type != objabi.R_CALL || r.Add != 0 {
				return nil, fmt.Errorf("amd64: unexpected relocation %v%+d to function %d", r.Type, r.Add, ref.index)
			}
			c.Relocs = append(c.Relocs, Relocation{Offset: uint32(r.Off), Func: uint32(ref.index)})
			continue
		case symLabel:
			if r.Type != objabi.R_PCREL && r.Type != objabi.R_CALL {
				return nil, fmt.Errorf("amd64: unexpected relocation %v to label %d", r.Type, ref.index)
			}
			target = a.labels[ref.index].prog.Pc
		case symLit:
			target = litOff[ref.index]
		case symTable:
			target = tableOff[ref.index]
		}
		// RIP-relative displacements count from the end of the instruction;
		// golang-asm folds any immediate that follows the displacement
		// (roundsd's) into Add, so end of field + Add is the end of the
		// instruction.
		if err := putRel32(code[r.Off:], target-(int64(r.Off)+4)+r.Add); err != nil {
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
