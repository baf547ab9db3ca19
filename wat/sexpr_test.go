package wat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sablewasm/sable/internal/testsuite"
)

func TestSExprsSpecFilesLex(t *testing.T) {
	root := testsuite.Require(t)
	files, _ := filepath.Glob(filepath.Join(root, "*/*.wast"))
	more, _ := filepath.Glob(filepath.Join(root, "*/*/*.wast"))
	more2, _ := filepath.Glob(filepath.Join(root, "*/*/*/*.wast"))
	files = append(append(files, more...), more2...)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseSExprs(src); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestSExprsErrors(t *testing.T) {
	for src, want := range map[string]string{
		"(@)":            "empty annotation id",
		"(@ x)":          "empty annotation id",
		"(a \x01)":       "illegal character",
		"(a \x80)":       "malformed UTF-8",
		"(a \"x":         "unclosed string",
		"(a (; x":        "unclosed comment",
		"(a":             "unclosed parenthesis",
		")":              "unexpected token",
		`(a "\q")`:       "illegal escape",
		`(a "\u{d800}")`: "illegal escape",
	} {
		_, err := ParseSExprs([]byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}

func TestSExprsTokens(t *testing.T) {
	nodes, err := ParseSExprs([]byte(`(module $m (@a (@) x) (func $"a b" "s\41\u{42}" 0x1_0 a"b") ;; c
	(; nested (; ;) ;) )`))
	if err != nil {
		t.Fatal(err)
	}
	m := nodes[0]
	if m.Head() != "module" || len(m.Args()) != 3 || m.Args()[1].Kind != ID || m.Args()[1].Text != "m" {
		t.Fatalf("bad module node: %+v", m.Args())
	}
	if m.Children[2].Kind != Annotation || m.Children[2].Text != "a" {
		t.Fatalf("annotation not kept: %+v", m.Children[2])
	}
	f := m.Args()[2].Args()
	if f[1].Kind != ID || f[1].Text != "a b" || f[2].Kind != String || f[2].Text != "sAB" ||
		f[3].Kind != Atom || f[3].Text != "0x1_0" || f[4].Kind != Reserved {
		t.Fatalf("bad func tokens: %v %v %v %v", f[1], f[2], f[3], f[4])
	}
}

func TestLineCommentEndsAtCR(t *testing.T) {
	nodes, err := ParseSExprs([]byte("(a ;; comment\rb)"))
	if err != nil {
		t.Fatal(err)
	}
	if args := nodes[0].Args(); len(args) != 2 || !args[1].IsAtom("b") {
		t.Fatalf("a lone CR did not end the comment: %v", args)
	}
}
