package arm64

import (
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// The reach of the short branches, in bytes either way: b.cond, cbz and
// cbnz encode a 19-bit, tbz and tbnz a 14-bit word offset. b and bl reach
// ±128 MiB (26 bits), which bounds a function's size and, for calls, the
// distance between caller and callee: beyond it calls need veneers, which
// the linker does not produce yet.
const (
	condReach = 1 << 20
	testReach = 1 << 15
)

// relaxMargin is how close to its reach a branch may come before Finish
// rewrites it. golang-asm has its own rewrite, which fires 10 bytes before
// the limit and produces a branch to a branch (b.c L1; b L2; L1: b target;
// L2:); measuring with a wider margin, on a layout that is never tighter
// than golang-asm's, keeps it from ever firing.
const relaxMargin = 64

// shortBranch is a b.cond, cbz/cbnz or tbz/tbnz. When its target is out
// of reach Finish makes it far: the branch is inverted to skip over an
// unconditional b, which reaches ±128 MiB:
//
//	b.!c  skip            cbnz r, skip          tbnz r, #n, skip
//	b     target          b    target           b    target
//	skip:                 skip:                 skip:
type shortBranch struct {
	p       *obj.Prog // the branch as emitted
	as, inv obj.As    // its mnemonic and the inverted one
	target  *obj.Prog // the label it branches to
	reach   int64
	far     bool
	b, skip *obj.Prog // the b and the skip label of the far form
}

func (a *Assembler) shortBranch(as, inv obj.As, from obj.Addr, reg int16, l Label, reach int64) {
	t := a.label(l)
	if t == nil {
		return
	}
	p := a.emit(as, from, obj.Addr{Type: obj.TYPE_BRANCH})
	p.Reg = reg
	p.To.SetTarget(t)
	b := a.ctxt.NewProg()
	b.As, b.To.Type = arm64.AB, obj.TYPE_BRANCH
	b.To.SetTarget(t)
	skip := a.ctxt.NewProg()
	skip.As = obj.ANOP
	a.short = append(a.short, &shortBranch{p: p, as: as, inv: inv, target: t, reach: reach, b: b, skip: skip})
}

// expand appends the branch to list in its current form.
func (sb *shortBranch) expand(list []*obj.Prog) []*obj.Prog {
	if !sb.far {
		sb.p.As = sb.as
		sb.p.To.SetTarget(sb.target)
		return append(list, sb.p)
	}
	sb.p.As = sb.inv
	sb.p.To.SetTarget(sb.skip)
	return append(list, sb.p, sb.b, sb.skip)
}

// outOfReach reports whether the branch, in the layout just assembled,
// is too close to or beyond its reach.
func (sb *shortBranch) outOfReach() bool {
	d := sb.target.Pc - sb.p.Pc
	return d <= -(sb.reach-relaxMargin) || d >= sb.reach-relaxMargin
}
