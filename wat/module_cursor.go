package wat

import (
	"strings"
	"unicode/utf8"
)

// cursor walks the arguments of one list (annotations already removed).
// Every module-level form is read left to right with it, so "what comes next"
// and "nothing may follow" are expressed the same way everywhere.
type cursor struct {
	list *Node
	args []*Node
	i    int
}

// newCursor starts after the list's head keyword.
func newCursor(list *Node) *cursor {
	return &cursor{list: list, args: list.Args(), i: 1}
}

func (c *cursor) done() bool { return c.i >= len(c.args) }

// peek returns the next node, or nil at the end of the list.
func (c *cursor) peek() *Node {
	if c.done() {
		return nil
	}
	return c.args[c.i]
}

func (c *cursor) next() *Node {
	n := c.peek()
	if n != nil {
		c.i++
	}
	return n
}

// rest returns the unread nodes and consumes them.
func (c *cursor) rest() []*Node {
	r := c.args[c.i:]
	c.i = len(c.args)
	return r
}

// id consumes an optional identifier and returns it (nil if absent).
func (c *cursor) id() *Node {
	if n := c.peek(); n != nil && n.Kind == ID {
		c.i++
		return n
	}
	return nil
}

// atom consumes the next node if it is the keyword kw.
func (c *cursor) atom(kw string) bool {
	if n := c.peek(); n != nil && n.IsAtom(kw) {
		c.i++
		return true
	}
	return false
}

// sub consumes the next node if it is a list headed by kw.
func (c *cursor) sub(kw string) *Node {
	if n := c.peek(); n != nil && n.Head() == kw {
		c.i++
		return n
	}
	return nil
}

// peekHead returns the head keyword of the next node if it is a list.
func (c *cursor) peekHead() string {
	if n := c.peek(); n != nil {
		return n.Head()
	}
	return ""
}

// missing reports that the list ended where something else was required.
func (c *cursor) missing() error {
	return c.list.Errorf("unexpected token: %s ended early", c.list)
}

// end reports an error if unread nodes remain.
func (c *cursor) end() error {
	if n := c.peek(); n != nil {
		return unexpected(n)
	}
	return nil
}

// str consumes a string literal.
func (c *cursor) str() (*Node, error) {
	n := c.next()
	if n == nil {
		return nil, c.missing()
	}
	if n.Kind != String {
		return nil, unexpected(n)
	}
	return n, nil
}

// name consumes a string literal that must be a valid UTF-8 name.
func (c *cursor) name() (string, error) {
	n, err := c.str()
	if err != nil {
		return "", err
	}
	if !utf8.ValidString(n.Text) {
		return "", n.Errorf("malformed UTF-8 encoding")
	}
	return n.Text, nil
}

// unexpectedForm reports a list that does not fit where it stands. Its
// head decides the message: a word that is no token of the language is an
// "unknown operator" (see unexpected).
func unexpectedForm(n *Node) error {
	if args := n.Args(); n.Kind == List && len(args) > 0 &&
		(args[0].Kind == Reserved || args[0].Kind == Atom && !isKeyword(args[0].Text)) {
		return unexpected(args[0])
	}
	return unexpected(n)
}

// looksNumeric reports whether s has the shape of a numeric literal (the
// lexer's number tokens), valid or not.
func looksNumeric(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	return (s[0] >= '0' && s[0] <= '9') || s == "inf" || strings.HasPrefix(s, "nan")
}
