package amd64

import (
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/wasm"
)

// Options configure Compile.
type Options struct {
	// TypeIDs are the engine-wide canonical ids of the module's types, per
	// type index (wasm.TypeRegistry.Register); nil canonicalizes with a
	// private registry. Generated code never contains them (it reads the
	// ids from the vmctx), so the choice only matters to the compiler's
	// own analyses.
	TypeIDs []wasm.TypeID
	// Features are the CPU extensions the code may use: HostFeatures() for
	// code that runs in this process.
	Features Features
	// GC compiles the GC instructions and the subtype checks of
	// call_indirect to non-final types. Their code exits to Go with
	// abi.ExitGCAlloc and the RuntimeArray* runtime calls, reads
	// ExecContext.TypeTable and GCHeapBase, and needs its frames walked by
	// the stack maps: a runtime sets GC once it does all of that. Without
	// it, functions using them are unsupported.
	GC bool
}

// Compile is the runtime's one entry point: it compiles every defined
// function of a validated module (frontend, IR passes, instruction
// selection, register allocation and emission, in parallel) and links
// them into a Module. The instance that runs the code must lay out its
// vmctx with Module.Layout.
func Compile(m *wasm.Module, opts Options) (*Module, error) {
	mi, err := compiler.NewModuleInfo(m, opts.TypeIDs)
	if err != nil {
		return nil, err
	}
	return CompileModule(mi, opts)
}
