package wat

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sablewasm/sable/wasm"
)

// The annotations the module parser gives meaning to:
//
//	(@custom "name" place? "data"*)   a custom section, at module level only
//	(@name "text")                    names for the module, functions, locals
//
// Every other annotation is ignored (Node.Args drops them).

// Section ids in the order sections appear in a binary module; custom
// section placement is relative to this order.
var sectionOrder = []byte{1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11}

// sectionIDs maps the section kinds of `(before kind)` / `(after kind)`.
var sectionIDs = map[string]byte{
	"type": 1, "import": 2, "func": 3, "table": 4, "memory": 5, "global": 6,
	"export": 7, "start": 8, "elem": 9, "code": 10, "data": 11, "datacount": 12,
	"tag": 13,
}

// afterLast is the placement of custom sections with none given: the end.
const afterLast = 11

// nameable lists the forms that may carry an @name annotation right after
// their keyword and optional id.
var nameable = map[string]bool{
	"module": true, "func": true, "param": true, "local": true, "type": true,
	"field": true, "table": true, "memory": true, "global": true, "tag": true,
	"elem": true, "data": true, "block": true, "loop": true, "if": true,
	"try": true, "try_table": true,
}

// nameSection accumulates the @name annotations of a module.
type nameSection struct {
	present   bool
	hasModule bool
	module    string
	funcs     map[uint32]string
	locals    map[uint32]map[uint32]string
}

// annotations checks where @custom and @name annotations stand anywhere in
// the module and records the module-level ones. node is the `(module ...)`
// node, or nil for a bare field sequence whose nodes are children.
func (p *moduleParser) annotations(node *Node, children []*Node) error {
	beforeFields := true // the module's @name must precede its fields
	for _, ch := range children {
		if ch.Kind != Annotation {
			if node == nil || !(ch.IsAtom("module") || ch.Kind == ID) {
				beforeFields = false
			}
			continue
		}
		switch {
		case ch.Text == "custom":
			cs, err := customSection(ch)
			if err != nil {
				return err
			}
			p.m.Customs = append(p.m.Customs, cs)
		case ch.Text == "name":
			if !beforeFields {
				return ch.Errorf("misplaced @name annotation")
			}
			if p.names.hasModule {
				return ch.Errorf("@name annotation: multiple module")
			}
			name, err := nameText(ch)
			if err != nil {
				return err
			}
			p.names.present, p.names.hasModule, p.names.module = true, true, name
		case strings.HasPrefix(ch.Text, "metadata.code."):
			return ch.Errorf("@%s annotation: not in a function", ch.Text)
		}
	}
	return checkNestedAnnotations(children)
}

// checkNestedAnnotations rejects @custom below module level, @name anywhere
// it cannot name something and code metadata given twice to one instruction. It walks the tree with an explicit
// stack, as nesting depth is under the input's control.
func checkNestedAnnotations(top []*Node) error {
	var stack []*Node
	for _, n := range top {
		if n.Kind == List {
			stack = append(stack, n)
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		seen := 0
		prefix := true // only the head keyword and an optional id so far
		pending := ""  // the code metadata annotation awaiting its instruction
		var hint *Node // a branch hint awaiting its instruction
		for _, ch := range n.Children {
			if ch.Kind == Annotation {
				switch {
				case ch.Text == "custom":
					return ch.Errorf("misplaced @custom annotation")
				case ch.Text == "name" && (!prefix || !nameable[n.Head()]):
					return ch.Errorf("misplaced @name annotation")
				case strings.HasPrefix(ch.Text, "metadata.code."):
					// Code metadata annotates the next instruction, once.
					if ch.Text == pending {
						return ch.Errorf("@%s annotation: duplicate annotation", ch.Text)
					}
					pending = ch.Text
					if ch.Text == branchHint {
						hint = ch
					}
				}
				continue
			}
			if hint != nil && !hintable(ch) {
				return hint.Errorf("@%s annotation: invalid target", branchHint)
			}
			pending, hint = "", nil
			seen++
			prefix = prefix && (seen == 1 || (seen == 2 && ch.Kind == ID))
			if ch.Kind == List {
				stack = append(stack, ch)
			}
		}
	}
	return nil
}

const branchHint = "metadata.code.branch_hint"

// hintable reports whether n is an instruction a branch hint may annotate:
// a conditional branch (if or br_if), plain or folded.
func hintable(n *Node) bool {
	switch n.Kind {
	case Atom:
		return n.Text == "if" || n.Text == "br_if"
	case List:
		h := n.Head()
		return h == "if" || h == "br_if"
	}
	return false
}

// nameOf returns the @name annotation of a nameable form, or "" if none.
// what describes the form for the "multiple" error.
func nameOf(n *Node, what string) (string, bool, error) {
	var found *Node
	for _, ch := range n.Children {
		if ch.Kind == Annotation && ch.Text == "name" {
			if found != nil {
				return "", false, ch.Errorf("@name annotation: multiple %s", what)
			}
			found = ch
		}
	}
	if found == nil {
		return "", false, nil
	}
	name, err := nameText(found)
	return name, err == nil, err
}

// nameText reads the single string of an @name annotation.
func nameText(a *Node) (string, error) {
	if len(a.Children) != 1 || a.Children[0].Kind != String {
		return "", a.Errorf("@name annotation: expected one string")
	}
	s := a.Children[0].Text
	if !utf8.ValidString(s) {
		return "", a.Errorf("@name annotation: malformed UTF-8 encoding")
	}
	return s, nil
}

// nameFunc records the @name of function idx declared by n.
func (p *moduleParser) nameFunc(n *Node, idx uint32) error {
	name, ok, err := nameOf(n, "function")
	if ok {
		if p.names.funcs == nil {
			p.names.funcs = map[uint32]string{}
		}
		p.names.present, p.names.funcs[idx] = true, name
	}
	return err
}

// nameLocal records the @name of local idx of function funcIdx declared by n.
func (p *moduleParser) nameLocal(n *Node, funcIdx, idx uint32) error {
	name, ok, err := nameOf(n, "local")
	if ok {
		if p.names.locals == nil {
			p.names.locals = map[uint32]map[uint32]string{}
		}
		if p.names.locals[funcIdx] == nil {
			p.names.locals[funcIdx] = map[uint32]string{}
		}
		p.names.present, p.names.locals[funcIdx][idx] = true, name
	}
	return err
}

// finishNames stores the collected names as Module.Names and as the "name"
// custom section, placed at the end of the module.
func (p *moduleParser) finishNames() {
	ns := &p.names
	// A function's $id names it too (as wat2wasm's debug names do), so
	// backtraces of text modules read well; an @name annotation wins.
	for id, idx := range p.spaces[spaceFunc].ids {
		if _, named := ns.funcs[idx]; !named {
			if ns.funcs == nil {
				ns.funcs = map[uint32]string{}
			}
			ns.funcs[idx] = id
			ns.present = true
		}
	}
	if !ns.present {
		return
	}
	p.m.Names = &wasm.NameSection{Module: ns.module, Funcs: ns.funcs, Locals: ns.locals}
	p.m.Customs = append(p.m.Customs, wasm.CustomSection{Name: "name", Data: p.m.Names.Encode(), After: afterLast})
}

// customSection parses `(@custom "name" place? "data"*)`.
func customSection(a *Node) (wasm.CustomSection, error) {
	args := a.Children
	if len(args) == 0 || args[0].Kind != String {
		return wasm.CustomSection{}, a.Errorf("@custom annotation: missing section name")
	}
	cs := wasm.CustomSection{Name: args[0].Text, After: afterLast, Data: []byte{}}
	if !utf8.ValidString(cs.Name) {
		return cs, args[0].Errorf("@custom annotation: malformed UTF-8 encoding")
	}
	args = args[1:]
	if len(args) > 0 && args[0].Kind == List {
		after, err := placement(args[0])
		if err != nil {
			return cs, err
		}
		cs.After, args = after, args[1:]
	}
	for _, s := range args {
		if s.Kind != String {
			return cs, s.Errorf("@custom annotation: unexpected token")
		}
		cs.Data = append(cs.Data, s.Text...)
	}
	return cs, nil
}

// placement parses `(before kind)` or `(after kind)` (kind may also be
// first or last) into the id of the section the custom section follows.
func placement(n *Node) (byte, error) {
	args := n.Children
	if len(args) == 0 || (!args[0].IsAtom("before") && !args[0].IsAtom("after")) {
		return 0, n.Errorf("@custom annotation: malformed placement")
	}
	if len(args) != 2 || args[1].Kind != Atom {
		return 0, n.Errorf("@custom annotation: malformed section kind")
	}
	before := args[0].Text == "before"
	switch kind := args[1].Text; kind {
	case "first":
		return 0, nil
	case "last":
		return afterLast, nil
	default:
		id, ok := sectionIDs[kind]
		if !ok {
			return 0, args[1].Errorf("@custom annotation: malformed section kind")
		}
		if !before {
			return id, nil
		}
		i := slices.Index(sectionOrder, id)
		if i == 0 {
			return 0, nil
		}
		return sectionOrder[i-1], nil
	}
}
