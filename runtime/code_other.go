//go:build !amd64 && !arm64

package runtime

import (
	"fmt"
	goruntime "runtime"

	"github.com/sablewasm/sable/wasm"
)

// errNoBackend is why nothing compiles on an architecture without a back
// end yet.
var errNoBackend = fmt.Errorf("no code generator for %s yet", goruntime.GOARCH)

func compileNative(*wasm.Module, []wasm.TypeID) (*codeImage, error) { return nil, errNoBackend }

func hostTrampoline(*wasm.FuncType) ([]byte, error) { return nil, errNoBackend }

// noCodeStub is empty: without a back end no generated code can call a
// function record.
var noCodeStub []byte
