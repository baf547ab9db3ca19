// Package wat parses the WebAssembly text format: modules (WAT) into
// wasm.Module values and scripts (WAST) into commands.
//
// Parsing happens in two stages. The lexer and tree builder in this file turn
// source bytes into a tree of S-expressions (Node), checking every lexical
// rule of the spec (illegal characters, UTF-8, string escapes, comments,
// annotations). The module and script parsers then walk that tree.
package wat

import (
	"fmt"
	"unicode/utf8"
)

// Error is a text-format error with its 1-based source position.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// NodeKind says what a Node is.
type NodeKind uint8

const (
	// List is a parenthesized list: Children holds its elements.
	List NodeKind = iota
	// Annotation is an annotation `(@id ...)`: Text is the id, Children the contents.
	Annotation
	// Atom is a keyword, number or other bare token: Text is its source text.
	Atom
	// ID is an identifier `$x` or `$"..."`: Text is the name without `$`,
	// with string escapes decoded.
	ID
	// String is a string literal: Text holds the decoded bytes (any bytes;
	// check utf8.ValidString where a name is required).
	String
	// Reserved is a token that is none of the above (e.g. `a"b"` or `,`);
	// it is valid only inside annotations.
	Reserved
)

// Node is one S-expression.
type Node struct {
	Kind     NodeKind
	Text     string
	Children []*Node
	Line     int
	Col      int

	args []*Node // Children without annotations, built on first use
}

// Args returns the list's children with annotations removed. Most parsing
// ignores annotations; use Children to see them.
func (n *Node) Args() []*Node {
	if n.args == nil {
		n.args = make([]*Node, 0, len(n.Children))
		for _, c := range n.Children {
			if c.Kind != Annotation {
				n.args = append(n.args, c)
			}
		}
	}
	return n.args
}

// Head returns the keyword that starts a list, or "" if the list is empty or
// does not start with an atom.
func (n *Node) Head() string {
	if n.Kind != List {
		return ""
	}
	a := n.Args()
	if len(a) == 0 || a[0].Kind != Atom {
		return ""
	}
	return a[0].Text
}

// IsAtom reports whether n is the atom s.
func (n *Node) IsAtom(s string) bool { return n.Kind == Atom && n.Text == s }

// Errorf returns an *Error positioned at n.
func (n *Node) Errorf(format string, args ...any) *Error {
	return &Error{Line: n.Line, Col: n.Col, Msg: fmt.Sprintf(format, args...)}
}

func (n *Node) String() string {
	switch n.Kind {
	case List:
		return "(" + n.Head() + " ...)"
	case Annotation:
		return "(@" + n.Text + " ...)"
	case ID:
		return "$" + n.Text
	case String:
		return fmt.Sprintf("%q", n.Text)
	}
	return n.Text
}

// ParseSExprs parses src into its top-level S-expressions. Bare tokens at top
// level are returned as nodes too (a WAT file may omit `(module ...)`).
func ParseSExprs(src []byte) ([]*Node, error) {
	lx := lexer{src: src, line: 1, lineStart: 0}
	root := &Node{Kind: List, Line: 1, Col: 1}
	stack := []*Node{root}
	annots := 0 // annotations open on the stack: inside one, `(@` is a plain `(`
	for {
		lx.inAnnot = annots > 0
		tok, err := lx.next()
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch tok.kind {
		case tokEOF:
			for _, open := range stack[1:] {
				if open.Kind == Annotation {
					return nil, &Error{Line: open.Line, Col: open.Col, Msg: "unclosed annotation"}
				}
			}
			if len(stack) > 1 {
				return nil, &Error{Line: top.Line, Col: top.Col, Msg: "unclosed parenthesis"}
			}
			return root.Children, nil
		case tokLParen, tokAnnot:
			n := &Node{Kind: List, Line: tok.line, Col: tok.col}
			if tok.kind == tokAnnot {
				n.Kind = Annotation
				n.Text = tok.text
				annots++
			}
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case tokRParen:
			if len(stack) == 1 {
				return nil, &Error{Line: tok.line, Col: tok.col, Msg: "unexpected token"}
			}
			if top.Kind == Annotation {
				annots--
			}
			stack = stack[:len(stack)-1]
		default:
			top.Children = append(top.Children, &Node{Kind: tok.kind.nodeKind(), Text: tok.text, Line: tok.line, Col: tok.col})
		}
	}
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokLParen
	tokRParen
	tokAnnot
	tokAtom
	tokID
	tokString
	tokReserved
)

func (k tokKind) nodeKind() NodeKind {
	switch k {
	case tokID:
		return ID
	case tokString:
		return String
	case tokReserved:
		return Reserved
	}
	return Atom
}

type token struct {
	kind      tokKind
	text      string
	line, col int
}

type lexer struct {
	src       []byte
	pos       int
	line      int
	lineStart int
	inAnnot   bool // inside an annotation's contents
}

func (lx *lexer) errAt(pos int, format string, args ...any) *Error {
	return &Error{Line: lx.line, Col: pos - lx.lineStart + 1, Msg: fmt.Sprintf(format, args...)}
}

// isIDChar reports whether c may appear in keywords, ids and numbers.
func isIDChar(c byte) bool {
	switch {
	case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '/', ':', '<', '=', '>', '?', '@', '\\', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

func (lx *lexer) newline(at int) {
	lx.line++
	lx.lineStart = at + 1
}

// skipSpace skips whitespace and comments.
func (lx *lexer) skipSpace() error {
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			lx.pos++
		case c == '\n':
			lx.newline(lx.pos)
			lx.pos++
		case c == ';' && lx.peek(1) == ';':
			// A line comment ends at any newline: LF, CR or CRLF.
			for lx.pos < len(lx.src) && lx.src[lx.pos] != '\n' && lx.src[lx.pos] != '\r' {
				if err := lx.commentChar(); err != nil {
					return err
				}
			}
		case c == '(' && lx.peek(1) == ';':
			if err := lx.blockComment(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
	return nil
}

func (lx *lexer) peek(k int) byte {
	if lx.pos+k < len(lx.src) {
		return lx.src[lx.pos+k]
	}
	return 0
}

// commentChar consumes one (possibly multi-byte) character inside a comment.
// Comments may hold any character, but must be valid UTF-8.
func (lx *lexer) commentChar() error {
	c := lx.src[lx.pos]
	if c < utf8.RuneSelf {
		if c == '\n' {
			lx.newline(lx.pos)
		}
		lx.pos++
		return nil
	}
	r, size := utf8.DecodeRune(lx.src[lx.pos:])
	if r == utf8.RuneError && size <= 1 {
		return lx.errAt(lx.pos, "malformed UTF-8 encoding")
	}
	lx.pos += size
	return nil
}

func (lx *lexer) blockComment() error {
	startLine, startCol := lx.line, lx.pos-lx.lineStart+1
	depth := 0
	for lx.pos < len(lx.src) {
		switch {
		case lx.src[lx.pos] == '(' && lx.peek(1) == ';':
			depth++
			lx.pos += 2
		case lx.src[lx.pos] == ';' && lx.peek(1) == ')':
			depth--
			lx.pos += 2
			if depth == 0 {
				return nil
			}
		default:
			if err := lx.commentChar(); err != nil {
				return err
			}
		}
	}
	return &Error{Line: startLine, Col: startCol, Msg: "unclosed comment"}
}

func (lx *lexer) next() (token, error) {
	if err := lx.skipSpace(); err != nil {
		return token{}, err
	}
	tok := token{line: lx.line, col: lx.pos - lx.lineStart + 1}
	if lx.pos >= len(lx.src) {
		tok.kind = tokEOF
		return tok, nil
	}
	c := lx.src[lx.pos]
	switch {
	case c == '(' && lx.peek(1) == '@' && !lx.inAnnot:
		lx.pos += 2
		if lx.pos < len(lx.src) && lx.src[lx.pos] == '"' {
			s, err := lx.str()
			if err != nil {
				// The spec lexer sees `(@` with no valid id after it.
				return tok, &Error{Line: tok.line, Col: tok.col, Msg: "empty annotation id"}
			}
			if !utf8.ValidString(s) {
				return tok, lx.errAt(lx.pos, "malformed UTF-8 encoding")
			}
			tok.text = s
		} else {
			start := lx.pos
			for lx.pos < len(lx.src) && isIDChar(lx.src[lx.pos]) {
				lx.pos++
			}
			tok.text = string(lx.src[start:lx.pos])
		}
		if tok.text == "" {
			return tok, &Error{Line: tok.line, Col: tok.col, Msg: "empty annotation id"}
		}
		tok.kind = tokAnnot
		return tok, nil
	case c == '(':
		lx.pos++
		tok.kind = tokLParen
		return tok, nil
	case c == ')':
		lx.pos++
		tok.kind = tokRParen
		return tok, nil
	}
	return lx.word(tok)
}

// word lexes a maximal run of idchars, strings and the reserved punctuation
// `, ; [ ] { }` and classifies it.
func (lx *lexer) word(tok token) (token, error) {
	start := lx.pos
	parts, strings := 0, 0
	var strText string
	plain := true // only idchars so far
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		switch {
		case isIDChar(c):
			lx.pos++
			continue
		case c == '"':
			quotedID := lx.pos == start+1 && lx.src[start] == '$' && !lx.inAnnot
			s, err := lx.str()
			if err != nil {
				if quotedID {
					// `$"...` that is not a string is an identifier with no name.
					return tok, &Error{Line: tok.line, Col: tok.col, Msg: "empty identifier"}
				}
				return tok, err
			}
			strings++
			strText = s
			plain = false
			parts++
			continue
		case c == ';' && lx.peek(1) == ';':
		case c == ',' || c == ';' || c == '[' || c == ']' || c == '{' || c == '}':
			lx.pos++
			plain = false
			continue
		}
		break
	}
	if lx.pos == start {
		c := lx.src[lx.pos]
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRune(lx.src[lx.pos:]); r == utf8.RuneError && size <= 1 {
				return tok, lx.errAt(lx.pos, "malformed UTF-8 encoding")
			}
		}
		return tok, lx.errAt(lx.pos, "illegal character")
	}
	text := string(lx.src[start:lx.pos])
	switch {
	case text == "$" && !lx.inAnnot:
		return tok, &Error{Line: tok.line, Col: tok.col, Msg: "empty identifier"}
	case plain && text[0] == '$' && len(text) > 1:
		tok.kind, tok.text = tokID, text[1:]
	case plain:
		tok.kind, tok.text = tokAtom, text
	case strings == 1 && text[0] == '"' && text[len(text)-1] == '"' && parts == 1 && isWholeString(text):
		tok.kind, tok.text = tokString, strText
	case strings == 1 && text[0] == '$' && text[1] == '"' && text[len(text)-1] == '"' && isWholeString(text[1:]):
		if strText == "" {
			return tok, &Error{Line: tok.line, Col: tok.col, Msg: "empty identifier"}
		}
		if !utf8.ValidString(strText) {
			return tok, &Error{Line: tok.line, Col: tok.col, Msg: "malformed UTF-8 encoding"}
		}
		tok.kind, tok.text = tokID, strText
	default:
		tok.kind, tok.text = tokReserved, text
	}
	return tok, nil
}

// isWholeString reports whether text (which starts with `"`) is exactly one
// string literal, i.e. its only unescaped quotes are the first and last.
func isWholeString(text string) bool {
	for i := 1; i < len(text)-1; i++ {
		switch text[i] {
		case '\\':
			i++
		case '"':
			return false
		}
	}
	return true
}

// str lexes a string literal at lx.pos and returns its decoded bytes.
func (lx *lexer) str() (string, error) {
	open := lx.pos
	lx.pos++ // opening quote
	var out []byte
	for {
		if lx.pos >= len(lx.src) {
			return "", lx.errAt(open, "unclosed string")
		}
		c := lx.src[lx.pos]
		switch {
		case c == '"':
			lx.pos++
			return string(out), nil
		case c == '\n':
			return "", lx.errAt(open, "unclosed string")
		case c < 0x20 || c == 0x7f:
			return "", lx.errAt(lx.pos, "illegal character")
		case c == '\\':
			b, err := lx.escape(out)
			if err != nil {
				return "", err
			}
			out = b
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(lx.src[lx.pos:])
			if r == utf8.RuneError && size <= 1 {
				return "", lx.errAt(lx.pos, "malformed UTF-8 encoding")
			}
			out = append(out, lx.src[lx.pos:lx.pos+size]...)
			lx.pos += size
		default:
			out = append(out, c)
			lx.pos++
		}
	}
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// escape decodes the escape sequence at lx.pos (a backslash) onto out.
func (lx *lexer) escape(out []byte) ([]byte, error) {
	at := lx.pos
	lx.pos++
	if lx.pos >= len(lx.src) {
		return nil, lx.errAt(at, "unclosed string")
	}
	c := lx.src[lx.pos]
	lx.pos++
	switch c {
	case 't':
		return append(out, '\t'), nil
	case 'n':
		return append(out, '\n'), nil
	case 'r':
		return append(out, '\r'), nil
	case '"', '\'', '\\':
		return append(out, c), nil
	case 'u':
		if lx.pos >= len(lx.src) || lx.src[lx.pos] != '{' {
			return nil, lx.errAt(at, "illegal escape")
		}
		lx.pos++
		var r uint32
		digits := 0
		for lx.pos < len(lx.src) && lx.src[lx.pos] != '}' {
			d := lx.src[lx.pos]
			if d == '_' && digits > 0 && lx.pos+1 < len(lx.src) && lx.src[lx.pos+1] != '}' {
				lx.pos++
				continue
			}
			v, ok := hexVal(d)
			if !ok {
				return nil, lx.errAt(at, "illegal escape")
			}
			r = r<<4 | uint32(v)
			if r > 0x10ffff {
				return nil, lx.errAt(at, "illegal escape")
			}
			digits++
			lx.pos++
		}
		if lx.pos >= len(lx.src) || digits == 0 || (r >= 0xd800 && r < 0xe000) {
			return nil, lx.errAt(at, "illegal escape")
		}
		lx.pos++ // '}'
		return utf8.AppendRune(out, rune(r)), nil
	}
	hi, ok1 := hexVal(c)
	if lx.pos >= len(lx.src) {
		return nil, lx.errAt(at, "illegal escape")
	}
	lo, ok2 := hexVal(lx.src[lx.pos])
	if !ok1 || !ok2 {
		return nil, lx.errAt(at, "illegal escape")
	}
	lx.pos++
	return append(out, hi<<4|lo), nil
}
