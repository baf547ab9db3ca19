package codegen

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// Emission is the ISA-independent bookkeeping of emitting one function:
// the out-of-line code to place after the body, and the positions (marks
// of the ISA's assembler, type M) of trap exits and safepoints, which
// become the function's trap sites and stack maps once the code is
// assembled. A back end's emitter embeds one.
type Emission[M ~int] struct {
	cold      []func()
	trapTails map[abi.TrapCode]int
	traps     []trapMark[M]
	// safepoints maps a safepoint Inst's index to the mark of its return
	// address (or exit continuation), the key of its stack map.
	safepoints map[int]M
}

type trapMark[M ~int] struct {
	mark   M
	code   abi.TrapCode
	offset uint32
}

// Cold queues out-of-line code (trap and interrupt stubs): emitted after
// the function body, so the hot path falls through.
func (e *Emission[M]) Cold(emit func()) { e.cold = append(e.cold, emit) }

// EmitCold runs the queued out-of-line code, including what it queues.
func (e *Emission[M]) EmitCold() {
	for i := 0; i < len(e.cold); i++ {
		e.cold[i]()
	}
	e.cold = nil
}

// TrapTail returns the function's shared trap exit for code (a label of
// the backend's), calling create for it on first use. A trap site calls
// the shared exit, whose return address then identifies the site: a site
// is one call instead of an exit sequence of its own, which matters as
// every bounds, null and cast check has one.
func (e *Emission[M]) TrapTail(code abi.TrapCode, create func() int) int {
	if l, ok := e.trapTails[code]; ok {
		return l
	}
	if e.trapTails == nil {
		e.trapTails = make(map[abi.TrapCode]int)
	}
	l := create()
	e.trapTails[code] = l
	return l
}

// TrapAt records a trap site: the exit's continuation at mark.
func (e *Emission[M]) TrapAt(mark M, code abi.TrapCode, offset uint32) {
	e.traps = append(e.traps, trapMark[M]{mark, code, offset})
}

// SafepointAt records that the safepoint Inst inst continues at mark.
func (e *Emission[M]) SafepointAt(inst int, mark M) {
	if e.safepoints == nil {
		e.safepoints = map[int]M{}
	}
	e.safepoints[inst] = mark
}

// Func builds the function from its assembled code (the instructions are
// the first textLen bytes): pcs maps marks to
// offsets, res (nil for code without an allocation, such as an entry
// preamble) gives the stack maps, spillBase the frame-pointer offset of
// spill slot 0.
func (e *Emission[M]) Func(code []byte, textLen int, relocs []Reloc, pcs []uint32, res *regalloc.Result, spillBase int32) *Func {
	f := &Func{Code: code, TextLen: uint32(textLen), Relocs: relocs}
	for _, t := range e.traps {
		f.TrapSites = append(f.TrapSites, TrapSite{PC: pcs[t.mark], Code: t.code, Offset: t.offset})
	}
	if res == nil {
		return f
	}
	for _, sm := range res.StackMaps() {
		m := StackMap{PC: pcs[e.safepoints[sm.Inst]]}
		for _, slot := range sm.Slots {
			m.Slots = append(m.Slots, int32(slot)+spillBase)
		}
		f.StackMaps = append(f.StackMaps, m)
	}
	return f
}
