//go:build linux

package arm64

import (
	"os"
	"path/filepath"
	"regexp"
	goruntime "runtime"
	"slices"
	"strings"
	"testing"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/backendtest"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/internal/testsuite"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// The round-trip patterns check encodings the instruction selector asks
// for; this test checks that they cover everything it does ask for. It
// compiles a corpus (the spec scripts of core/, core/gc/, core/memory64/,
// core/multi-memory/ and the back-end tests' own programs), with every
// entry preamble, host trampoline and the no-code stub, disassembles the
// instructions of each, and requires the shape of every instruction (its
// mnemonic and the kinds of its operands: register widths, immediates,
// addressing modes) to be the shape of some round-trip pattern, whose
// bytes TestRoundTrip compares with golang.org/x/arch's decoding.

var (
	shapeReg  = regexp.MustCompile(`\b([wx])([0-9]+|zr)\b`)
	shapeVReg = regexp.MustCompile(`\b([bhsdqv])[0-9]+\b`)
	shapeFImm = regexp.MustCompile(`#-?[0-9.]+e[+-][0-9]+`)
	shapeImm  = regexp.MustCompile(`#-?(0x[0-9a-f]+|[0-9]+)`)
	shapePC   = regexp.MustCompile(`\.[+-]0x[0-9a-f]+`)
	shapeCond = regexp.MustCompile(`\b(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al|nv)\b`)
)

// insnShape abstracts an instruction's text to what its encoding depends on
// beyond field values.
func insnShape(text string) string {
	s := shapeReg.ReplaceAllString(text, "$1")
	s = shapeVReg.ReplaceAllString(s, "$1")
	s = shapeFImm.ReplaceAllString(s, "#f")
	s = shapeImm.ReplaceAllString(s, "#i")
	s = shapePC.ReplaceAllString(s, "pc")
	return shapeCond.ReplaceAllString(s, "cond")
}

// corpusCode returns the instructions (code up to TextLen) of everything
// the back end emits for the corpus, with a description of each.
func corpusCode(t *testing.T) map[string][]byte {
	out := map[string][]byte{}
	add := func(name string, f *codegen.Func) { out[name] = append(out[name], f.Code[:f.TextLen]...) }
	fc, err := NewFuncCompiler()
	if err != nil {
		t.Fatal(err)
	}
	fc.SetGC(true)
	sigs := map[string]bool{}
	compile := func(name string, m *wasm.Module) {
		mi, err := compiler.NewModuleInfo(m, nil)
		if err != nil {
			t.Fatal(err)
		}
		layout, err := abi.NewVMLayout(abi.ShapeOf(m))
		if err != nil {
			t.Fatal(err)
		}
		for i := range mi.FuncTypes {
			ft := mi.FuncType(mi.FuncTypes[i])
			params, results := mi.IRTypes(ft.Params), mi.IRTypes(ft.Results)
			if key := codegenEntryKey(params, results); !sigs[key] {
				sigs[key] = true
				if e, err := compileEntry(params, results); err == nil {
					add(name+" entry", e)
				}
				if h, err := HostTrampoline(ft); err == nil {
					out[name+" host"] = append(out[name+" host"], h...)
				}
			}
			if uint32(i) < mi.NumImportedFuncs {
				continue
			}
			f, err := compiler.Translate(mi, uint32(i))
			if err != nil {
				continue // SIMD, exceptions: not this back end's
			}
			compiler.Optimize(f)
			cf, err := fc.Compile(mi, layout, f)
			if err != nil {
				t.Errorf("%s: function %d: %v", name, i, err)
				continue
			}
			add(name, cf)
		}
	}
	for _, src := range []string{backendtest.ProgramsWAT, backendtest.VMWAT, backendtest.Memory64WAT, backendtest.TailCallsWAT, backendtest.GCWAT} {
		m, err := backendtest.ParseValidate([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		compile("backendtest", m)
	}
	dir := testsuite.Require(t)
	var paths []string
	for _, sub := range []string{"core", "core/gc", "core/memory64", "core/multi-memory"} {
		ps, _ := filepath.Glob(filepath.Join(dir, sub, "*.wast"))
		paths = append(paths, ps...)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		script, err := wat.ParseScript(src)
		if err != nil {
			continue
		}
		for _, c := range script.Commands {
			mc, ok := c.(*wat.ModuleCommand)
			if !ok || mc.Module.Format != wat.ModuleText {
				continue
			}
			m, err := wat.ParseModuleNode(mc.Module.Node)
			if err != nil || wasm.Validate(m) != nil {
				continue
			}
			compile(filepath.Base(p), m)
		}
	}
	stub, err := NoCodeStub()
	if err != nil {
		t.Fatal(err)
	}
	out["no-code stub"] = stub
	return out
}

func codegenEntryKey(params, results []compiler.Type) string {
	var b strings.Builder
	for _, t := range params {
		b.WriteByte(byte(t))
	}
	b.WriteByte(0xff)
	for _, t := range results {
		b.WriteByte(byte(t))
	}
	return b.String()
}

func TestEmittedPatternsCovered(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the spec corpus")
	}
	if goruntime.GOARCH != "amd64" {
		// What it checks does not depend on the host, and under qemu
		// compiling the corpus takes minutes; the amd64 run covers it.
		t.Skip("host-independent: run on amd64")
	}
	covered := map[string]bool{}
	for _, p := range allPatterns() {
		for _, w := range p.want {
			covered[insnShape(w)] = true
		}
	}
	missing := map[string]string{} // shape -> an example
	n := 0
	for name, code := range corpusCode(t) {
		for _, l := range Disassemble(code, 0) {
			n++
			if sh := insnShape(l.Text); !covered[sh] {
				missing[sh] = l.Text + " (" + name + ")"
			}
		}
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range missing {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		t.Errorf("no round-trip pattern for %q, e.g. %s", k, missing[k])
	}
	t.Logf("%d instructions, %d shapes covered by the patterns", n, len(covered))
}
