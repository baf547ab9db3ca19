package runtime

import (
	"github.com/sablewasm/sable/backend/arm64"
	"github.com/sablewasm/sable/wasm"
)

// nativeModule is what the back end of this architecture produces.
type nativeModule = arm64.Module

// compileNative compiles m with the arm64 back end.
func compileNative(m *wasm.Module, ids []wasm.TypeID) (*codeImage, error) {
	cm, err := arm64.Compile(m, arm64.Options{TypeIDs: ids, GC: true})
	if err != nil {
		return nil, err
	}
	return imageOf(cm), nil
}

// noCodeStub is what the record of a function without code points at
// (arm64.NoCodeStub: abi's exit with ExitHostCall and the record's odd
// VMCtx in Scratch[0]). It is assembled once; a failure, which a test
// rules out, leaves it empty and records without code at address 0.
var noCodeStub = func() []byte {
	b, err := arm64.NoCodeStub()
	if err != nil {
		return nil
	}
	return b
}()

// hostTrampoline is the code host functions of type ft run as when called
// from generated code.
func hostTrampoline(ft *wasm.FuncType) ([]byte, error) { return arm64.HostTrampoline(ft) }
