package arm64

import (
	"encoding/binary"
	"fmt"

	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/arm64"
)

// The reach of the short branches, in bytes either way: b.cond, cbz and
// cbnz encode a 19-bit, tbz and tbnz a 14-bit word offset. b and bl reach
// ±128 MiB (26 bits), which bounds a function's size; calls to farther
// functions go through the linker's veneers.
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

// relaxFixups makes far the references into the data tail that the
// layout just assembled (instructions ending at end) puts out of reach of
// adr and ldr literal, and reports whether it made any. They only point
// forward (the data follows the instructions); the far form adds the
// distance to the address of its own adr:
//
//	ldr rt, lit         adr  x16, .                 adr  rd, table   adr  rd, .
//	                    movz x17, #d                                 movz x16, #d
//	                    movk x17, #d>>16, lsl #16                    movk x16, #d>>16, lsl #16
//	                    ldr  rt, [x16, x17]                          add  rd, rd, x16
//
// Exit continuations (adr of a label) stay near: they are a few
// instructions away.
func (a *Assembler) relaxFixups(end int64) bool {
	litOff, tableOff, _ := a.dataOffsets((end + 15) &^ 15)
	relaxed := false
	for i := range a.fixups {
		f := &a.fixups[i]
		var target int64
		switch f.ref {
		case refLit:
			target = litOff[f.index]
		case refTable:
			target = tableOff[f.index]
		default:
			continue
		}
		if f.far || target-f.prog.Pc < condReach-relaxMargin {
			continue
		}
		f.far, relaxed = true, true
		f.prog.To.Offset = int64(0x10000000 | f.farBase.hw()) // adr base, .
		for k, w := range [3]uint32{0xd2800000 | f.farOff.hw(), 0xf2a00000 | f.farOff.hw(), f.farLast} {
			p := a.ctxt.NewProg()
			p.As, p.To = arm64.AWORD, constAddr(int64(w))
			f.extra[k] = p
		}
	}
	return relaxed
}

// patchFar fills the distance d (from the far form's adr) into its movz
// and movk.
func (f *fixup) patchFar(code []byte, d int64) error {
	if d < 0 || d >= 1<<32 {
		return fmt.Errorf("arm64: data reference %#x beyond 4 GiB", d)
	}
	for k, half := range [2]uint32{uint32(d) & 0xffff, uint32(d) >> 16} {
		pc := f.extra[k].Pc
		w := binary.LittleEndian.Uint32(code[pc:])
		binary.LittleEndian.PutUint32(code[pc:], w|half<<5)
	}
	return nil
}
