package arm64

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// FuncCompiler compiles functions one at a time, reusing its allocator and
// buffers; use one per goroutine.
type FuncCompiler struct {
	machine codegen.Machine
	sel     *codegen.Allocation
}

// NewFuncCompiler returns a compiler.
func NewFuncCompiler() (*FuncCompiler, error) {
	c := &FuncCompiler{machine: machine}
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
	e := &emitter{
		a:     New(),
		s:     s,
		frame: newFrameLayout(int32(res.SpillAreaSize), s.Outgoing),
	}
	e.labels = make([]Label, c.sel.NumBlocks())
	for i := range e.labels {
		e.labels[i] = e.a.NewLabel()
	}
	res.Emit(e)
	return e.finish(res)
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
