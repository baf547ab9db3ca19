package amd64

import (
	"github.com/twitchyliquid64/golang-asm/obj"
	"github.com/twitchyliquid64/golang-asm/obj/x86"
)

// golang-asm assembles every forward branch in its rel8 form first and,
// when one turns out to be out of reach, assembles the whole function
// again (span6), once per round of branches that grow. In the functions a
// real module has, a forward branch past a few dozen instructions is the
// rule (the cold code a trap check jumps to sits at the end), so most
// functions were assembled two or three times. Before handing the list
// over, widenFarBranches emits the forward branches that are likely out of
// rel8 reach as rel32 bytes that golang-asm copies, and patches their
// displacements itself once the positions are known (patchFarBranches).
// A branch it leaves short is still relaxed by golang-asm if needed, so
// the estimate decides only how often that happens, never correctness.

// forwardBranch is a jmp or jcc emitted before its target was bound.
type forwardBranch struct {
	at   int // index in progs
	l    Label
	jcc  bool
	cond Cond
}

// farBranch is a widened branch: rel is the prog of its rel32 field.
type farBranch struct {
	rel *obj.Prog
	l   Label
}

// rel8Reach is the farthest a rel8 branch reaches forward, counted from
// its own start (the displacement counts from its 2-byte end).
const rel8Reach = 127 + 2

// estProgBytes is the length counted for an instruction prog. Every
// branch whose target is more than rel8Reach estimated bytes ahead is
// widened, so the estimate trades code size against assemblies. Measured
// on the Go module (5055 functions): counting 3 bytes widens only
// branches golang-asm would have relaxed too, and leaves 1.53 assemblies
// per function; 4 leaves 1.10 and makes the code 0.015% larger; 5 leaves
// 1.00 and makes it 0.09% larger.
const estProgBytes = 4

// progBytes is the estimate of p's encoded length.
func progBytes(p *obj.Prog) int32 {
	switch p.As {
	case obj.ANOP:
		return 0 // labels and marks
	case x86.ABYTE:
		return 1
	case x86.AWORD:
		return 2
	case x86.ALONG:
		return 4
	}
	return estProgBytes
}

// widenFarBranches rewrites the forward branches whose estimated distance
// to their target exceeds rel8Reach into rel32 byte sequences.
func (a *Assembler) widenFarBranches() {
	if len(a.fwd) == 0 {
		return
	}
	// start[i] is the estimated offset of progs[i].
	start := a.offsets[:0]
	var off int32
	for _, p := range a.progs {
		start = append(start, off)
		off += progBytes(p)
	}
	a.offsets = start
	inserts := 0
	for _, b := range a.fwd {
		if start[a.labels[b.l].at]-start[b.at] > rel8Reach {
			inserts++
		}
	}
	if inserts == 0 {
		return
	}
	progs := a.spare[:0]
	next, shift := 0, 0
	fwd := a.fwd
	for i, p := range a.progs {
		for next < len(a.aligns) && a.aligns[next].at == i {
			a.aligns[next].at += shift
			next++
		}
		progs = append(progs, p)
		if len(fwd) == 0 || fwd[0].at != i {
			continue
		}
		b := fwd[0]
		fwd = fwd[1:]
		if start[a.labels[b.l].at]-start[i] <= rel8Reach {
			continue
		}
		// The branch prog becomes the opcode, a new prog the rel32.
		p.To = obj.Addr{}
		if b.jcc {
			p.As, p.From = x86.AWORD, constAddr(0x0f|int64(0x80|b.cond)<<8)
		} else {
			p.As, p.From = x86.ABYTE, constAddr(0xe9)
		}
		rel := a.newProg()
		rel.As, rel.From = x86.ALONG, constAddr(0)
		progs = append(progs, rel)
		a.far = append(a.far, farBranch{rel: rel, l: b.l})
		shift++
	}
	for ; next < len(a.aligns); next++ {
		a.aligns[next].at += shift
	}
	a.spare, a.progs = a.progs, progs
}

// patchFarBranches fills in the displacements of the widened branches in
// the assembled code.
func (a *Assembler) patchFarBranches(code []byte) error {
	for _, b := range a.far {
		off := b.rel.Pc
		if err := putRel32(code[off:], a.labels[b.l].prog.Pc-(off+4)); err != nil {
			return err
		}
	}
	return nil
}
