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
// in parallel, and links them.
func CompileModule(mi *compiler.ModuleInfo) (*Module, error) {
	return codegen.CompileModule(arch{}, mi)
}

// arch is arm64's codegen.Arch.
type arch struct{}

func (arch) Name() string { return "arm64" }

func (arch) NewFuncCompiler() (codegen.FuncCompiler, error) { return NewFuncCompiler() }

func (arch) Entry(params, results []compiler.Type) (*codegen.Func, error) {
	return compileEntry(params, results)
}

// Padding is brk #0.
func (arch) Padding() []byte { return []byte{0x00, 0x00, 0x20, 0xd4} }

func (arch) Patch(code []byte, r codegen.Reloc, codeOff, targetOff int64) error {
	return Relocation{Offset: r.Offset, Func: r.Func}.Apply(code, codeOff, targetOff)
}
