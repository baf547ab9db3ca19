package arm64

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

// arch is arm64's codegen.Arch.
type arch struct{ opts Options }

func (arch) Name() string { return "arm64" }

func (a arch) NewFuncCompiler() (codegen.FuncCompiler, error) {
	fc, err := NewFuncCompiler()
	if err == nil {
		fc.SetGC(a.opts.GC)
	}
	return fc, err
}

func (arch) Entry(params, results []compiler.Type) (*codegen.Func, error) {
	return compileEntry(params, results)
}

// Padding is brk #0.
func (arch) Padding() []byte { return []byte{0x00, 0x00, 0x20, 0xd4} }

func (arch) Patch(code []byte, r codegen.Reloc, codeOff, targetOff int64) error {
	return Relocation{Offset: r.Offset, Func: r.Func}.Apply(code, codeOff, targetOff)
}
