package codegen

import (
	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
)

// Allocation is the ISA-independent first half of compiling a function:
// instruction selection and register allocation. A back end's
// FuncCompiler keeps one (it reuses its buffers; use one per goroutine)
// and emits what Run returns.
type Allocation struct {
	m     *Machine
	alloc *regalloc.Allocator
	rf    regalloc.Func
	sel   Selector
}

// NewAllocation returns the selection and allocation state for machine m,
// whose registers target describes.
func NewAllocation(m *Machine, target *regalloc.Target) (*Allocation, error) {
	alloc, err := regalloc.NewAllocator(target)
	if err != nil {
		return nil, err
	}
	return &Allocation{m: m, alloc: alloc}, nil
}

// Run selects f's instructions and allocates their registers. The
// results are valid until the next Run.
func (a *Allocation) Run(mi *compiler.ModuleInfo, l *abi.VMLayout, f *compiler.Func) (*Selector, *regalloc.Result, error) {
	a.rf.Reset()
	s := &a.sel
	if err := s.reset(a.m, mi, l, f, &a.rf); err != nil {
		return nil, nil, err
	}
	if err := s.SelectFunc(); err != nil {
		return nil, nil, err
	}
	res, err := a.alloc.Allocate(&a.rf)
	if err != nil {
		return nil, nil, err
	}
	return s, res, nil
}

// NumBlocks is the number of machine blocks of the last Run.
func (a *Allocation) NumBlocks() int { return a.rf.NumBlocks() }
