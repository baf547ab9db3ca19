package runtime

import (
	"context"
	goruntime "runtime"
	"testing"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// compileWAT compiles a module written in the text format, through the
// binary encoding (the path every user module takes).
func compileWAT(t testing.TB, eng *Engine, src string) *Module {
	t.Helper()
	m, err := wat.ParseModule([]byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	mod, err := eng.Compile(wasm.Encode(m))
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return mod
}

// newTestStore returns a Store of a fresh Engine, closed when the test ends.
func newTestStore(t testing.TB, limits StoreLimits) *Store {
	t.Helper()
	st := NewStore(NewEngine(Config{}), limits)
	t.Cleanup(func() { st.Close() })
	return st
}

// instantiateWAT compiles src in st's Engine and instantiates it.
func instantiateWAT(t testing.TB, st *Store, src string, imports *Imports) (*Instance, error) {
	t.Helper()
	return st.Instantiate(context.Background(), compileWAT(t, st.Engine(), src), imports)
}

// mustInstantiate is instantiateWAT for modules that must instantiate.
func mustInstantiate(t testing.TB, st *Store, src string, imports *Imports) *Instance {
	t.Helper()
	inst, err := instantiateWAT(t, st, src, imports)
	if err != nil {
		t.Fatalf("instantiate: %v", err)
	}
	return inst
}

// haveBackend says whether this architecture compiles Wasm functions; on
// others, calling one must fail with ErrNotCompiled.
const haveBackend = goruntime.GOARCH == "amd64" || goruntime.GOARCH == "arm64"
