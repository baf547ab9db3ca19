package amd64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// FuncCompiler compiles functions one at a time, reusing its allocator and
// buffers; use one per goroutine.
type FuncCompiler struct {
	feat    Features
	machine codegen.Machine
	sel     *codegen.Allocation
	asm     *Assembler
	labels  []Label
	// busy is set while a function compiles: if it is still set at the
	// next Compile, the last one panicked and the Assembler's state is
	// suspect, so a new one replaces it.
	busy bool
}

// NewFuncCompiler returns a compiler for code that will run on a CPU with
// feat.
func NewFuncCompiler(feat Features) (*FuncCompiler, error) {
	c := &FuncCompiler{feat: feat, machine: machine}
	sel, err := codegen.NewAllocation(&c.machine, target)
	if err != nil {
		return nil, err
	}
	c.sel = sel
	return c, nil
}

// SetGC says whether to compile the GC instructions (Options.GC).
func (c *FuncCompiler) SetGC(on bool) { c.machine.GC = on }

// Compile compiles f, a function of the module described by mi whose
// instances have vmctx layout l, through instruction selection, register
// allocation and emission.
func (c *FuncCompiler) Compile(mi *compiler.ModuleInfo, l *abi.VMLayout, f *compiler.Func) (*codegen.Func, error) {
	s, res, err := c.sel.Run(mi, l, f)
	if err != nil {
		return nil, err
	}
	if c.asm == nil || c.busy {
		c.asm = New()
	} else {
		c.asm.Reset()
	}
	c.busy = true
	e := &emitter{
		a:     c.asm,
		s:     s,
		feat:  c.feat,
		frame: newFrameLayout(int32(res.SpillAreaSize), s.Outgoing),
	}
	c.labels = c.labels[:0]
	for range c.sel.NumBlocks() {
		c.labels = append(c.labels, e.a.NewLabel())
	}
	e.labels = c.labels
	res.Emit(e)
	fn, err := e.finish(res)
	c.busy = false
	return fn, err
}

// finish emits the cold code and assembles the function; res is its
// allocation (nil for code without one, such as an entry preamble).
func (e *emitter) finish(res *regalloc.Result) (*codegen.Func, error) {
	e.EmitCold()
	code, err := e.a.Finish()
	if err != nil {
		return nil, err
	}
	var relocs []codegen.Reloc
	for _, r := range code.Relocs {
		relocs = append(relocs, codegen.Reloc{Offset: r.Offset, Func: r.Func})
	}
	return e.Func(code.Bytes, code.TextLen, relocs, code.PCs, res, -e.frame.spill), nil
}
