package wat

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sablewasm/sable/internal/testsuite"
	"github.com/sablewasm/sable/wasm"
)

func testsuiteDir(t *testing.T) string { return testsuite.Require(t) }

// corpusCase is one module of a .wast script: its node or, for quoted
// modules, its text, and the script command it appears in.
type corpusCase struct {
	where    string
	node     *Node  // a `(module ...)` text module
	quoted   string // the source of a `(module quote ...)`
	command  string // "module", "assert_malformed", "assert_invalid", ...
	expected string // the expected message of an assertion
}

// wellFormed reports whether the case's module must parse.
func (c *corpusCase) wellFormed() bool { return !strings.HasPrefix(c.command, "assert_malformed") }

// parse parses the case's module.
func (c *corpusCase) parse() (*wasm.Module, error) {
	if c.node != nil {
		return ParseModuleNode(c.node)
	}
	return ParseModule([]byte(c.quoted))
}

// moduleKeyword returns the script keyword after `module $id?`, if any.
func moduleKeyword(n *Node) string {
	c := newCursor(n)
	c.id()
	if k := c.peek(); k != nil && k.Kind == Atom {
		switch k.Text {
		case "binary", "quote", "definition", "instance":
			return k.Text
		}
	}
	return ""
}

// quotedSource joins the strings of a `(module quote ...)`.
func quotedSource(n *Node) string {
	var parts []string
	for _, a := range n.Args() {
		if a.Kind == String {
			parts = append(parts, a.Text)
		}
	}
	return strings.Join(parts, " ")
}

// collectCorpus extracts the text-format modules of one script.
func collectCorpus(file string, cmds []*Node) []corpusCase {
	var cases []corpusCase
	add := func(cmd string, n *Node, expected string) {
		c := corpusCase{where: file + ":" + strconv.Itoa(n.Line), command: cmd, expected: expected}
		switch moduleKeyword(n) {
		case "":
			c.node = n
		case "quote":
			c.quoted = quotedSource(n)
		default:
			return // binary and script-level forms are not text modules
		}
		cases = append(cases, c)
	}
	for _, cmd := range cmds {
		args := cmd.Args()
		switch h := cmd.Head(); h {
		case "module":
			add(h, cmd, "")
		case "assert_malformed", "assert_malformed_custom", "assert_invalid", "assert_invalid_custom",
			"assert_unlinkable", "assert_uninstantiable", "assert_trap", "assert_exception":
			if len(args) > 2 && args[1].Head() == "module" && args[2].Kind == String {
				add(h, args[1], args[2].Text)
			} else if len(args) > 1 && args[1].Head() == "module" {
				add(h, args[1], "")
			}
		}
	}
	return cases
}

// forEachCorpusCase calls fn for every text module of the spec testsuite.
func forEachCorpusCase(t *testing.T, fn func(c *corpusCase)) {
	dir := testsuiteDir(t)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".wast") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		cmds, err := ParseSExprs(src)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		for _, c := range collectCorpus(rel, cmds) {
			fn(&c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSpecCorpus parses every text module of the spec testsuite: modules that
// must be well formed must parse, assert_malformed ones must be rejected.
func TestSpecCorpus(t *testing.T) {
	var accepted, rejected, badAccept, badReject, otherMsg int
	forEachCorpusCase(t, func(c *corpusCase) {
		_, err := c.parse()
		switch {
		case c.command == "assert_invalid_custom":
			// Custom-section semantics (e.g. a branch hint's target) are
			// checked while parsing text, so rejecting here is right.
			if err != nil && !strings.HasPrefix(errorMessage(err), c.expected) {
				t.Errorf("%s: rejected with %q, spec says %q", c.where, errorMessage(err), c.expected)
			}
		case c.wellFormed() && err == nil:
			accepted++
		case !c.wellFormed() && err != nil:
			rejected++
			if msg := errorMessage(err); !strings.HasPrefix(msg, c.expected) {
				otherMsg++
				t.Logf("%s: rejected with %q, spec says %q", c.where, msg, c.expected)
			}
		case c.wellFormed():
			badReject++
			t.Errorf("%s: well-formed module rejected: %v", c.where, err)
		default:
			badAccept++
			t.Errorf("%s: malformed module accepted (expected %q)", c.where, c.expected)
		}
	})
	t.Logf("well-formed parsed: %d/%d; malformed rejected: %d/%d (%d with a message other than the spec's)",
		accepted, accepted+badReject, rejected, rejected+badAccept, otherMsg)
}

// TestSpecCorpusValidity checks the parsed modules against the validator:
// the assert_invalid ones must fail validation, the others pass. It catches
// modules that parse but mean something other than their text.
func TestSpecCorpusValidity(t *testing.T) {
	forEachCorpusCase(t, func(c *corpusCase) {
		if !c.wellFormed() || c.command == "assert_invalid_custom" {
			return
		}
		m, err := c.parse()
		if err != nil {
			return // reported by TestSpecCorpus
		}
		err = wasm.Validate(m)
		switch {
		case c.command == "assert_invalid" && err == nil:
			t.Errorf("%s: invalid module validates (expected %q)", c.where, c.expected)
		case c.command != "assert_invalid" && err != nil:
			t.Errorf("%s: valid module fails validation: %v", c.where, err)
		}
	})
}

// errorMessage returns an error's message without its position.
func errorMessage(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Msg
	}
	return err.Error()
}
