package amd64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
)

// A compiled module and its tables are the back ends' common types
// (backend/internal/codegen).
type (
	Module   = codegen.Module
	FuncInfo = codegen.FuncInfo
	TrapSite = codegen.TrapSite
	StackMap = codegen.StackMap
	Func     = codegen.Func
)

// CompileModule compiles every defined function of a validated module,
// in parallel, and links them. opts.TypeIDs is not used: mi has the ids.
func CompileModule(mi *compiler.ModuleInfo, opts Options) (*Module, error) {
	return codegen.CompileModule(arch{opts}, mi)
}

// arch is amd64's codegen.Arch.
type arch struct{ opts Options }

func (arch) Name() string { return "amd64" }

func (a arch) NewFuncCompiler() (codegen.FuncCompiler, error) {
	fc, err := NewFuncCompiler(a.opts.Features)
	if err == nil {
		fc.SetGC(a.opts.GC)
	}
	return fc, err
}

func (arch) Entry(params, results []compiler.Type) (*codegen.Func, error) {
	return compileEntry(params, results)
}

// Padding is int3.
func (arch) Padding() []byte { return []byte{0xcc} }

func (arch) Patch(code []byte, r codegen.Reloc, codeOff, targetOff int64) error {
	return Relocation{Offset: r.Offset, Func: r.Func}.Apply(code, codeOff, targetOff)
}

// BranchReach: rel32 reaches ±2 GiB, more than a module's code can be
// (Patch reports the impossible rest), so no call needs a veneer.
func (arch) BranchReach() int64 { return 0 }

func (arch) Veneer(int64) []byte { return nil }
