package tests

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sablewasm/sable/tests/spectest"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// addSpecSeeds seeds f with the binary form of every module (valid or not)
// in a few spec scripts that between them use every part of the format:
// the fuzzer starts from real GC, SIMD, exception and memory64 modules.
func addSpecSeeds(f *testing.F) {
	dir, err := spectest.SuiteDir()
	if err != nil {
		return
	}
	for _, name := range []string{"core/binary.wast", "core/gc/type-subtyping.wast", "core/gc/array.wast",
		"core/gc/br_on_cast.wast", "core/exceptions/try_table.wast", "core/simd/simd_lane.wast",
		"core/memory64/memory64.wast", "core/elem.wast", "core/local_init.wast", "core/br_table.wast"} {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		script, err := wat.ParseScript(src)
		if err != nil {
			continue
		}
		for _, c := range script.Commands {
			if b := moduleBytes(c); b != nil {
				f.Add(b)
			}
		}
	}
}

// moduleBytes returns the binary form of a command's module, or nil.
func moduleBytes(c wat.Command) []byte {
	var src *wat.ModuleSource
	switch c := c.(type) {
	case *wat.ModuleCommand:
		src = c.Module
	case *wat.AssertModule:
		src = c.Module
	default:
		return nil
	}
	switch src.Format {
	case wat.ModuleBinary:
		return src.Bytes
	case wat.ModuleText:
		if m, err := wat.ParseModuleNode(src.Node); err == nil {
			return wasm.Encode(m)
		}
	}
	return nil
}

// FuzzDecodeValidate checks that decoding and validating arbitrary bytes
// returns an error rather than panicking, and that a module that decodes
// survives re-encoding.
func FuzzDecodeValidate(f *testing.F) {
	f.Add([]byte("\x00asm\x01\x00\x00\x00"))
	f.Add([]byte("\x00asm\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7f\x03\x02\x01\x00\x0a\x06\x01\x04\x00\x41\x2a\x0b"))
	f.Add([]byte("\x00asm\x01\x00\x00\x00\x01\x07\x01\x4e\x01\x5f\x01\x7f\x01"))
	addSpecSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := wasm.Decode(b)
		if err != nil {
			return
		}
		_ = wasm.Validate(m)
		if _, err := wasm.Decode(wasm.Encode(m)); err != nil {
			t.Fatalf("decoded module does not survive re-encoding: %v", err)
		}
	})
}

// FuzzParseValidate checks that parsing and validating arbitrary text
// returns an error rather than panicking, and that a parsed module's
// encoding decodes.
func FuzzParseValidate(f *testing.F) {
	f.Add([]byte(`(module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))`))
	f.Add([]byte(`(module (type $s (struct (field (mut i32)))) (func (result (ref $s)) (struct.new $s (i32.const 1))))`))
	f.Add([]byte(`(module (memory 1) (func (param v128) (result v128) (i32x4.add (local.get 0) (v128.load (i32.const 0)))))`))
	f.Add([]byte(`(func (block $l (br_table $l $l (i32.const 0)))) (tag $e) (func (try_table (catch_all 0) (throw $e)))`))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := wat.ParseModule(src)
		if err != nil {
			return
		}
		_ = wasm.Validate(m)
		if _, err := wasm.Decode(wasm.Encode(m)); err != nil {
			t.Fatalf("parsed module's encoding does not decode: %v", err)
		}
	})
}
