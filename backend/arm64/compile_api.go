package arm64

import (
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/wasm"
)

// Options configure Compile.
type Options struct {
	// TypeIDs are the engine-wide canonical ids of the module's types, per
	// type index (wasm.TypeRegistry.Register); nil canonicalizes with a
	// private registry.
	TypeIDs []wasm.TypeID
	// GC compiles the GC instructions and the subtype checks of
	// call_indirect to non-final types, with backend/amd64's contract
	// (Options.GC there): a runtime sets it once it handles ExitGCAlloc
	// and the GC runtime calls, provides ExecContext.TypeTable and
	// GCHeapBase, and walks frames by the stack maps.
	GC bool
}

// Compile is the runtime's entry point, as amd64.Compile: it compiles
// every defined function of a validated module (frontend, IR passes,
// instruction selection, register allocation and emission, in parallel)
// and links them into a Module. Whatever this back end cannot compile yet
// is reported as an error wrapping ErrUnsupported and
// compiler.ErrUnsupported, never as wrong code. The instance that runs the
// code must lay out its vmctx with Module.Layout.
func Compile(m *wasm.Module, opts Options) (*Module, error) {
	mi, err := compiler.NewModuleInfo(m, opts.TypeIDs)
	if err != nil {
		return nil, err
	}
	return CompileModule(mi, opts)
}
