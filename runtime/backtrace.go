package runtime

import (
	"iter"

	"github.com/sablewasm/sable/abi"
)

// maxBacktrace bounds a trap's backtrace: stack exhaustion leaves tens of
// thousands of frames, and the innermost ones are what matters.
const maxBacktrace = 100

// trapAtExit builds the trap for the innermost activation's exit: code,
// and the backtrace of every live activation (innermost first, across the
// host functions between nested activations).
func (st *Store) trapAtExit(ec *abi.ExecContext, code abi.TrapCode) *Trap {
	t := newTrap(code)
	for act := range ec.Activations() {
		t.Backtrace = st.walk(t.Backtrace, act)
		if len(t.Backtrace) >= maxBacktrace {
			break
		}
	}
	return t
}

// walk appends the Wasm frames of one activation (see frames); PCs
// outside any module (entry preambles' callers, host trampolines) are
// skipped.
func (st *Store) walk(bt []Frame, act *abi.Activation) []Frame {
	for pc, fp := range st.frames(act) {
		if len(bt) >= maxBacktrace {
			break
		}
		if fr, ok := st.frameAt(pc, fp == act.WasmFP && pc == act.ContPC); ok {
			bt = append(bt, fr)
		}
	}
	return bt
}

// frames yields the (pc, fp) pairs of one activation, from its exit point
// out along the frame-pointer chain: pc is a PC in the frame's code (the
// exit itself first, then return addresses) and fp the frame pointer of
// the code containing it, which is what stack maps are relative to. [FP]
// is the caller's FP, [FP+8] the return address, and FP 0 ends the
// activation. The chain is only followed upwards within the Wasm stack,
// so a corrupt frame cannot make the walk read elsewhere or loop.
func (st *Store) frames(act *abi.Activation) iter.Seq2[uintptr, uintptr] {
	return func(yield func(pc, fp uintptr) bool) {
		pc, fp := act.ContPC, act.WasmFP
		for {
			if !yield(pc, fp) || fp == 0 || !st.onStack(fp, 16) {
				return
			}
			next := wordAt(fp)
			pc = wordAt(fp + 8)
			if next != 0 && next <= fp {
				return
			}
			fp = next
		}
	}
}

// frameAt describes the Wasm function containing pc. For a trap exit the
// trap site gives the instruction's offset; elsewhere the offset is
// unknown (-1): call sites have no Wasm offsets yet.
func (st *Store) frameAt(pc uintptr, exact bool) (Frame, bool) {
	for _, mod := range st.modules {
		c := mod.code
		if c == nil || !c.contains(pc) {
			continue
		}
		look := pc
		if !exact {
			look-- // a return address may be the first byte after the function
		}
		fn, ok := c.funcAt(look)
		if !ok {
			return Frame{}, false // an entry preamble
		}
		fr := Frame{Module: mod.Name(), FuncIndex: fn, FuncName: mod.funcName(fn), Offset: -1}
		// Offset 0 (the module header) marks a trap with no instruction
		// of its own, such as a prologue's stack check.
		if site, ok := c.trapAt(pc); ok && exact && site.Offset != 0 {
			fr.Offset = int(site.Offset)
		}
		return fr, true
	}
	return Frame{}, false
}
