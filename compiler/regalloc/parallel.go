package regalloc

// sequentialize appends edits performing the parallel move ms (all reads
// before any write). A move is emitted once no other pending move reads its
// destination; when only cycles remain, one destination is saved in the
// class's scratch register and its readers read the scratch instead, which
// opens the cycle. Destinations are distinct, so at most one scratch per
// class is live at a time: the opened chain drains completely before the
// next cycle is broken. Groups are tiny, so the quadratic search is cheaper
// than building a dependency graph.
func (a *Allocator) sequentialize(ms []pmove) error {
	p := append(a.pending[:0], ms...)
	defer func() { a.pending = p[:0] }()
	for len(p) > 0 {
		progressed := false
		for k := 0; k < len(p); {
			if readByOther(p, k) {
				k++
				continue
			}
			if err := a.emitMove(p[k]); err != nil {
				return err
			}
			p[k] = p[len(p)-1]
			p = p[:len(p)-1]
			progressed = true
		}
		if progressed {
			continue
		}
		m := p[0]
		scratch := loc(a.target.Classes[m.class].Scratch)
		if err := a.emitMove(pmove{m.inst, m.phase, m.class, scratch, m.dst}); err != nil {
			return err
		}
		for j := range p {
			if p[j].src == m.dst {
				p[j].src = scratch
			}
		}
	}
	return nil
}

func readByOther(p []pmove, k int) bool {
	for j := range p {
		if j != k && p[j].src == p[k].dst {
			return true
		}
	}
	return false
}

func (a *Allocator) emitMove(m pmove) error {
	e := edit{before: m.inst, class: m.class}
	switch {
	case m.dst.isReg() && m.src.isReg():
		e.kind, e.reg, e.other = editMove, PReg(m.dst), uint32(m.src)
	case m.src.isReg():
		e.kind, e.reg, e.other = editSpill, PReg(m.src), uint32(m.dst-slotBase)
	case m.dst.isReg():
		e.kind, e.reg, e.other = editReload, PReg(m.dst), uint32(m.src-slotBase)
	default:
		return internal("memory-to-memory move at instruction %d", m.inst)
	}
	a.res.edits = append(a.res.edits, e)
	switch e.kind {
	case editMove:
		a.res.Moves++
	case editSpill:
		a.res.Spills++
	case editReload:
		a.res.Reloads++
	}
	return nil
}
