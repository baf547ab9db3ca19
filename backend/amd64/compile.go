package amd64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// TrapSite maps the address a trap exit reports (its ContPC) to the trap.
type TrapSite struct {
	PC     uint32 // from the start of the function (CompiledFunc) or module (Module)
	Code   abi.TrapCode
	Offset uint32 // Wasm module offset of the trapping instruction
}

// StackMap lists the frame slots holding live GC references at a call:
// PC is the call's return address, Slots are offsets from the frame
// pointer of the calling function's frame.
type StackMap struct {
	PC    uint32
	Slots []int32
}

// CompiledFunc is one function's machine code and metadata.
type CompiledFunc struct {
	Index     uint32
	Code      *Code
	TrapSites []TrapSite
	StackMaps []StackMap
}

// FuncCompiler compiles functions one at a time, reusing its allocator and
// buffers; use one per goroutine.
type FuncCompiler struct {
	feat  Features
	gc    bool // compile GC instructions (Options.GC)
	alloc *regalloc.Allocator
	rf    regalloc.Func
}

// NewFuncCompiler returns a compiler for code that will run on a CPU with
// feat.
func NewFuncCompiler(feat Features) (*FuncCompiler, error) {
	alloc, err := regalloc.NewAllocator(target)
	if err != nil {
		return nil, err
	}
	return &FuncCompiler{feat: feat, alloc: alloc}, nil
}

// Compile compiles f, a function of the module described by mi whose
// instances have vmctx layout l, through instruction selection, register
// allocation and emission.
func (c *FuncCompiler) Compile(mi *compiler.ModuleInfo, l *abi.VMLayout, f *compiler.Func) (*CompiledFunc, error) {
	sig, err := layoutSig(f.Params, f.Results)
	if err != nil {
		return nil, err
	}
	c.rf.Reset()
	s := &selector{mi: mi, layout: l, f: f, rf: &c.rf, sig: sig, gc: c.gc}
	if err := s.selectFunc(); err != nil {
		return nil, err
	}
	res, err := c.alloc.Allocate(&c.rf)
	if err != nil {
		return nil, err
	}
	e := &emitter{
		a:     New(),
		s:     s,
		feat:  c.feat,
		frame: newFrameLayout(int32(res.SpillAreaSize), s.outgoing),
		calls: make(map[int]Mark),
	}
	e.labels = make([]Label, c.rf.NumBlocks())
	for i := range e.labels {
		e.labels[i] = e.a.NewLabel()
	}
	res.Emit(e)
	for i := 0; i < len(e.cold); i++ {
		e.cold[i]()
	}
	code, err := e.a.Finish()
	if err != nil {
		return nil, err
	}
	out := &CompiledFunc{Index: f.Index, Code: code}
	for _, t := range e.traps {
		out.TrapSites = append(out.TrapSites, TrapSite{PC: code.PCs[t.mark], Code: t.code, Offset: t.offset})
	}
	for _, sm := range res.StackMaps() {
		m := StackMap{PC: code.PCs[e.calls[sm.Inst]]}
		for _, slot := range sm.Slots {
			m.Slots = append(m.Slots, int32(slot)-e.frame.spill)
		}
		out.StackMaps = append(out.StackMaps, m)
	}
	return out, nil
}
