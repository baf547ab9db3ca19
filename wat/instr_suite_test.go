package wat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sablewasm/sable/internal/testsuite"
	"github.com/sablewasm/sable/wasm"
)

// The spec test suite exercised on instruction parsing alone: every
// function body and constant expression of every module the scripts
// define must parse, and every `module quote` the scripts expect to be
// malformed for an instruction-level reason must be rejected with the
// spec's message. Module fields are taken apart just enough to find the
// instructions; names resolve through the lenient fake scope.

func instrSuiteDir(t *testing.T) string { return testsuite.Require(t) }

// instrMessages are the malformed-module messages that instruction
// parsing produces; other malformed modules fail for module-level reasons.
var instrMessages = []string{
	"unknown operator", "constant out of range", "alignment", "mismatching label",
	"unknown label", "wrong number of lane literals", "invalid lane length",
	"i8 constant out of range", "unexpected token",
}

func TestParseInstrsSpecSuite(t *testing.T) {
	root := instrSuiteDir(t)
	var files []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".wast") {
			files = append(files, path)
		}
		return nil
	})
	var bodies, rejected, missed int
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cmds, err := ParseSExprs(src)
		if err != nil {
			continue // lexically malformed scripts are the lexer's tests
		}
		name, _ := filepath.Rel(root, path)
		for _, cmd := range cmds {
			mod, malformed := instrScriptModule(cmd)
			if mod == nil {
				continue
			}
			fields, quoted := instrModuleFields(mod)
			if fields == nil && !quoted {
				continue
			}
			err := instrParseFields(fields, &bodies)
			switch {
			case malformed == "" && err != nil:
				t.Errorf("%s:%d: valid module rejected: %v", name, cmd.Line, err)
			case malformed != "" && isInstrMessage(malformed) && !instrQuotedLexError(mod):
				if err == nil {
					// A stray token outside any instruction ("(data\"a\")",
					// "(global anyfunc ...)") is the module parser's to reject.
					missed++
					report := t.Errorf
					if strings.HasPrefix(malformed, "unknown operator") || malformed == "unexpected token" {
						report = t.Logf
					}
					report("%s:%d: malformed module (%q) accepted", name, cmd.Line, malformed)
				} else if !strings.Contains(err.Error(), malformed) {
					t.Errorf("%s:%d: got %v, want %q", name, cmd.Line, err, malformed)
				} else {
					rejected++
				}
			}
		}
	}
	t.Logf("%d files, %d instruction sequences parsed, %d malformed rejected, %d left to the module parser", len(files), bodies, rejected, missed)
}

func isInstrMessage(msg string) bool {
	for _, m := range instrMessages {
		if strings.HasPrefix(msg, m) {
			return true
		}
	}
	return false
}

// instrScriptModule returns the module form of a script command and, for
// assert_malformed, the expected message.
func instrScriptModule(cmd *Node) (*Node, string) {
	args := cmd.Args()
	switch cmd.Head() {
	case "module":
		return cmd, ""
	case "assert_invalid", "assert_unlinkable", "assert_trap", "assert_uninstantiable":
		if len(args) > 1 && args[1].Head() == "module" {
			return args[1], ""
		}
	case "assert_malformed":
		if len(args) == 3 && args[1].Head() == "module" && args[2].Kind == String {
			return args[1], args[2].Text
		}
	}
	return nil, ""
}

// instrModuleFields returns the fields of a text module, unquoting `module
// quote`. Binary modules have none.
func instrModuleFields(mod *Node) ([]*Node, bool) {
	args := mod.Args()[1:]
	if len(args) > 0 && args[0].IsAtom("definition") {
		args = args[1:]
	}
	if len(args) > 0 && args[0].Kind == ID {
		args = args[1:]
	}
	if len(args) > 0 && args[0].IsAtom("binary") {
		return nil, false
	}
	if len(args) > 0 && args[0].IsAtom("quote") {
		var text strings.Builder
		for _, s := range args[1:] {
			text.WriteString(s.Text + " ")
		}
		nodes, err := ParseSExprs([]byte(text.String()))
		if err != nil {
			return nil, true
		}
		if len(nodes) == 1 && nodes[0].Head() == "module" {
			return instrModuleFields(nodes[0])
		}
		return nodes, true
	}
	return args, false
}

// instrQuotedLexError reports whether a quoted module fails to lex: its error is
// the lexer's, not instruction parsing's.
func instrQuotedLexError(mod *Node) bool {
	args := mod.Args()
	for i, a := range args {
		if a.IsAtom("quote") {
			var text strings.Builder
			for _, s := range args[i+1:] {
				text.WriteString(s.Text + " ")
			}
			_, err := ParseSExprs([]byte(text.String()))
			return err != nil
		}
	}
	return false
}

// instrParseFields parses the instructions of every field.
func instrParseFields(fields []*Node, count *int) error {
	for _, f := range fields {
		var seqs [][]*Node
		var locals map[string]uint32
		switch f.Head() {
		case "func":
			body, names, ok := instrFuncBody(f)
			if !ok {
				continue
			}
			seqs, locals = [][]*Node{body}, names
		case "global":
			if init := instrGlobalInit(f); init != nil {
				seqs = [][]*Node{init}
			}
		case "elem", "data", "table":
			for _, c := range f.Args()[1:] {
				switch {
				case c.Head() == "offset" || c.Head() == "item":
					seqs = append(seqs, c.Args()[1:])
				case c.Kind == List && wasm.LookupName(c.Head()) != nil:
					seqs = append(seqs, []*Node{c})
				}
			}
		}
		for _, seq := range seqs {
			*count++
			if _, err := parseInstrs(newInstrFakeScope(false), locals, seq, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// instrFuncBody splits a func field into its local names and body; imported
// functions have no body.
func instrFuncBody(f *Node) ([]*Node, map[string]uint32, bool) {
	args := f.Args()[1:]
	names := map[string]uint32{}
	var n uint32
	i := 0
	if i < len(args) && args[i].Kind == ID {
		i++
	}
	for ; i < len(args); i++ {
		a := args[i].Args()
		switch args[i].Head() {
		case "import":
			return nil, nil, false
		case "export", "type", "result":
		case "param", "local":
			if len(a) > 1 && a[1].Kind == ID {
				names[a[1].Text] = n
				n++
				continue
			}
			n += uint32(len(a) - 1)
		default:
			return args[i:], names, true
		}
	}
	return nil, names, true
}

// instrGlobalInit returns the initializer of a global field, or nil if imported.
func instrGlobalInit(f *Node) []*Node {
	args := f.Args()[1:]
	i := 0
	if i < len(args) && args[i].Kind == ID {
		i++
	}
	for ; i < len(args) && args[i].Head() == "export"; i++ {
	}
	if i >= len(args) || args[i].Head() == "import" {
		return nil
	}
	return args[i+1:] // after the global type
}
