package runtime

import (
	"github.com/sablewasm/sable/backend/amd64"
	"github.com/sablewasm/sable/wasm"
)

// nativeModule is what the back end of this architecture produces.
type nativeModule = amd64.Module

// compileNative compiles m with the amd64 back end for this CPU.
func compileNative(m *wasm.Module, ids []wasm.TypeID) (*codeImage, error) {
	cm, err := amd64.Compile(m, amd64.Options{TypeIDs: ids, Features: amd64.HostFeatures(), GC: true})
	if err != nil {
		return nil, err
	}
	return imageOf(cm), nil
}

// noCodeStub is what the record of a function without code points at (a
// Wasm function the back end could not compile, a host function whose
// signature has no trampoline), so that a call through it from generated
// code exits to Go instead of jumping to address 0. It is the exit sequence
// of package abi with R14 (the callee's VMCtx, which such records set to
// their own address + 1) in Scratch[0]; Go reports the call as failed and
// never resumes it.
var noCodeStub = []byte{
	0x4d, 0x89, 0x77, 0x38, // mov [r15+ExecCtxScratch], r14
	0x41, 0xc7, 0x47, 0x30, 0x03, 0x00, 0x00, 0x00, // mov dword [r15+ExecCtxExitCode], ExitHostCall
	0x49, 0x89, 0x67, 0x18, // mov [r15+ExecCtxWasmSP], rsp
	0x49, 0x89, 0x6f, 0x20, // mov [r15+ExecCtxWasmFP], rbp
	0x48, 0x8d, 0x05, 0x0c, 0x00, 0x00, 0x00, // lea rax, [rip+12] (cont)
	0x49, 0x89, 0x47, 0x28, // mov [r15+ExecCtxContPC], rax
	0x49, 0x8b, 0x27, // mov rsp, [r15+ExecCtxGoSP]
	0x49, 0x8b, 0x6f, 0x08, // mov rbp, [r15+ExecCtxGoFP]
	0xc3, // ret
	0xcc, // cont: int3 (never resumed)
}

// hostTrampoline is the code host functions of type ft run as when called
// from generated code.
func hostTrampoline(ft *wasm.FuncType) ([]byte, error) { return amd64.HostTrampoline(ft) }
