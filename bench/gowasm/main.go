// Command gowasm is the large real module of the compile benchmark: a Go
// program built with GOOS=wasip1 GOARCH=wasm (the harness builds it into
// build/gowasm.wasm). It uses a broad slice of the standard library so that
// the module is big and varied, as real Go programs are; the compile
// benchmark never runs it, but it is a working program:
//
//	reads Go source on stdin, reformats it, and prints a JSON summary
//	(declarations, identifiers matching a pattern, a SHA-256 and the
//	deflated size of the formatted source) through a text/template.
package main

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"os"
	"regexp"
	"sort"
	"text/template"
)

type summary struct {
	Decls       []string `json:"decls"`
	Matches     []string `json:"matches"`
	SHA256      string   `json:"sha256"`
	Deflated    int      `json:"deflated"`
	FormattedSz int      `json:"formatted"`
}

var report = template.Must(template.New("r").Parse("{{.Count}} declarations\n{{.JSON}}\n"))

func main() {
	src, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "stdin.go", src, parser.ParseComments)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var s summary
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			s.Decls = append(s.Decls, "func "+d.Name.Name)
		case *ast.GenDecl:
			s.Decls = append(s.Decls, d.Tok.String())
		}
	}
	re := regexp.MustCompile(`^[A-Z][a-zA-Z0-9]*$`)
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && re.MatchString(id.Name) {
			s.Matches = append(s.Matches, id.Name)
		}
		return true
	})
	sort.Strings(s.Matches)
	var out bytes.Buffer
	if err := format.Node(&out, fset, f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sum := sha256.Sum256(out.Bytes())
	s.SHA256 = hex.EncodeToString(sum[:])
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(out.Bytes())
	w.Close()
	s.Deflated, s.FormattedSz = z.Len(), out.Len()
	js, _ := json.MarshalIndent(s, "", "  ")
	report.Execute(os.Stdout, map[string]any{"Count": len(s.Decls), "JSON": string(js)})
}
