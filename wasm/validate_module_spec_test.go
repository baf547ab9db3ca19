package wasm_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sablewasm/sable/internal/testsuite"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// The spec scripts that exercise module-level validation and typing.
var moduleValidationScripts = []string{
	"core/type.wast", "core/type-canon.wast", "core/type-equivalence.wast", "core/type-rec.wast",
	"core/gc/*.wast",
	"core/imports.wast", "core/exports.wast", "core/start.wast", "core/global.wast",
	"core/memory.wast", "core/table.wast", "core/elem.wast", "core/data.wast", "core/ref.wast",
	"core/exceptions/tag.wast",
	"core/memory64/memory64.wast", "core/memory64/table64.wast", "core/memory64/memory64-imports.wast",
	"core/multi-memory/imports*.wast", "core/multi-memory/exports0.wast", "core/multi-memory/data*.wast",
}

// specModule is one module of a script whose validity the script asserts.
type specModule struct {
	pos     string // file:line
	node    *wat.Node
	invalid string // expected message for assert_invalid, "" for valid modules
}

// TestSpecModuleValidation decodes (or parses) every module of the scripts
// above and checks Validate's verdict: modules used by the scripts must
// validate, assert_invalid modules must fail with the expected message.
// Modules that cannot be decoded or parsed yet are counted, not failed:
// that is the decoder's and text parser's business.
func TestSpecModuleValidation(t *testing.T) {
	dir := specSuiteDir(t)
	for _, pattern := range moduleValidationScripts {
		paths, _ := filepath.Glob(filepath.Join(dir, pattern))
		if len(paths) == 0 {
			t.Errorf("no spec script matches %s", pattern)
		}
		for _, path := range paths {
			rel, _ := filepath.Rel(dir, path)
			t.Run(rel, func(t *testing.T) { checkSpecScript(t, path, rel) })
		}
	}
}

func checkSpecScript(t *testing.T, path, rel string) {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := wat.ParseSExprs(src)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	var mods []specModule
	for _, n := range nodes {
		mods = collectSpecModules(rel, n, mods)
	}
	var checked, unparsed int
	for _, sm := range mods {
		m, err := buildSpecModule(sm.node)
		if err != nil {
			unparsed++
			continue
		}
		checked++
		err = wasm.Validate(m)
		var verr *wasm.ValidationError
		switch {
		case sm.invalid == "" && err != nil:
			t.Errorf("%s: valid module rejected: %v", sm.pos, err)
		case sm.invalid != "" && err == nil:
			t.Errorf("%s: invalid module accepted, want %q", sm.pos, sm.invalid)
		case sm.invalid != "" && !errors.As(err, &verr):
			t.Errorf("%s: got %T %v, want a *wasm.ValidationError %q", sm.pos, err, err, sm.invalid)
		case sm.invalid != "" && !strings.HasPrefix(verr.Msg, sm.invalid):
			t.Errorf("%s: got %q, want %q", sm.pos, verr.Msg, sm.invalid)
		}
	}
	t.Logf("%s: %d modules validated, %d not decodable/parsable yet", rel, checked, unparsed)
}

// collectSpecModules appends the modules of script command n.
func collectSpecModules(file string, n *wat.Node, out []specModule) []specModule {
	args := n.Args()
	pos := fmt.Sprintf("%s:%d", file, n.Line)
	switch n.Head() {
	case "module":
		if len(args) > 1 && args[1].IsAtom("instance") {
			return out // instantiates a module defined earlier
		}
		return append(out, specModule{pos: pos, node: n})
	case "assert_invalid":
		if len(args) == 3 && args[1].Head() == "module" && args[2].Kind == wat.String {
			return append(out, specModule{pos: pos, node: args[1], invalid: args[2].Text})
		}
	case "assert_unlinkable", "assert_trap", "assert_uninstantiable":
		// Linking and instantiation failures presuppose a valid module.
		if len(args) > 1 && args[1].Head() == "module" {
			return append(out, specModule{pos: pos, node: args[1]})
		}
	}
	return out
}

// buildSpecModule turns a script's module form into a Module: binary forms
// are decoded, quoted and plain text forms parsed.
func buildSpecModule(n *wat.Node) (*wasm.Module, error) {
	args := n.Args()
	i := 1
	for i < len(args) && (args[i].Kind == wat.ID || args[i].IsAtom("definition")) {
		i++
	}
	if i < len(args) && (args[i].IsAtom("binary") || args[i].IsAtom("quote")) {
		var b []byte
		for _, s := range args[i+1:] {
			if s.Kind != wat.String {
				return nil, fmt.Errorf("line %d: expected a string", s.Line)
			}
			b = append(b, s.Text...)
			if args[i].IsAtom("quote") {
				b = append(b, ' ')
			}
		}
		if args[i].IsAtom("binary") {
			return wasm.Decode(b)
		}
		return wat.ParseModule(b)
	}
	for j := 1; j < i; j++ {
		if args[j].IsAtom("definition") {
			// Rebuild the form without the script-level keyword, which the
			// module parser does not accept.
			kids := append(append([]*wat.Node{}, args[:j]...), args[j+1:]...)
			return wat.ParseModuleNode(&wat.Node{Kind: wat.List, Children: kids, Line: n.Line, Col: n.Col})
		}
	}
	return wat.ParseModuleNode(n)
}

func specSuiteDir(t *testing.T) string { return testsuite.Require(t) }
