package wat

// ParseScript parses a WAST script into its commands. It stops at the first
// error; a runner that wants to go on past a bad command can call
// ParseSExprs, CommandNodes and ParseCommand itself.
func ParseScript(src []byte) (*Script, error) {
	nodes, err := ParseSExprs(src)
	if err != nil {
		return nil, err
	}
	s := &Script{}
	for _, n := range CommandNodes(nodes) {
		c, err := ParseCommand(n)
		if err != nil {
			return nil, err
		}
		s.Commands = append(s.Commands, c)
	}
	return s, nil
}

// moduleFieldKeywords start the fields of a module.
var moduleFieldKeywords = map[string]bool{
	"type": true, "rec": true, "import": true, "func": true, "table": true, "memory": true,
	"global": true, "export": true, "start": true, "elem": true, "data": true, "tag": true,
}

// CommandNodes returns the command forms among a script's top-level nodes,
// dropping annotations. A script may also be a bare inline module (module
// fields at top level, as in a .wat file); it is returned as one
// `(module ...)` form holding all the nodes.
func CommandNodes(nodes []*Node) []*Node {
	var cmds []*Node
	for _, n := range nodes {
		if n.Kind != Annotation {
			cmds = append(cmds, n)
		}
	}
	if len(cmds) == 0 || !moduleFieldKeywords[cmds[0].Head()] {
		return cmds
	}
	first := cmds[0]
	m := &Node{Kind: List, Line: first.Line, Col: first.Col}
	m.Children = append([]*Node{{Kind: Atom, Text: "module", Line: first.Line, Col: first.Col}}, nodes...)
	return []*Node{m}
}

// ParseCommand parses one top-level script command.
func ParseCommand(n *Node) (Command, error) {
	if n.Kind != List {
		return nil, n.Errorf("unexpected token %s, expected a command", n)
	}
	args := n.Args()
	switch head := n.Head(); head {
	case "module":
		if len(args) > 1 && args[1].IsAtom("instance") {
			return scriptInstance(n)
		}
		m, def, err := scriptModule(n)
		if err != nil {
			return nil, err
		}
		return &ModuleCommand{Pos: posOf(n), Module: m, Definition: def}, nil
	case "register":
		return scriptRegister(n)
	case "invoke", "get":
		a, err := scriptAction(n)
		if err != nil {
			return nil, err
		}
		return &ActionCommand{Pos: posOf(n), Action: a}, nil
	case "assert_return":
		return scriptAssertReturn(n)
	case "assert_trap":
		return scriptAssertTrap(n)
	case "assert_exhaustion":
		if err := wantArgs(n, 3); err != nil {
			return nil, err
		}
		a, err := scriptAction(args[1])
		if err != nil {
			return nil, err
		}
		msg, err := scriptString(n, args[2])
		if err != nil {
			return nil, err
		}
		return &AssertExhaustion{Pos: posOf(n), Action: a, Message: msg}, nil
	case "assert_exception":
		if err := wantArgs(n, 2); err != nil {
			return nil, err
		}
		a, err := scriptAction(args[1])
		if err != nil {
			return nil, err
		}
		return &AssertException{Pos: posOf(n), Action: a}, nil
	case "assert_malformed", "assert_invalid", "assert_unlinkable",
		"assert_malformed_custom", "assert_invalid_custom":
		if err := wantArgs(n, 3); err != nil {
			return nil, err
		}
		m, err := scriptModuleArg(args[1])
		if err != nil {
			return nil, err
		}
		msg, err := scriptString(n, args[2])
		if err != nil {
			return nil, err
		}
		return &AssertModule{Pos: posOf(n), Kind: head, Module: m, Message: msg}, nil
	case "":
		return nil, n.Errorf("unexpected token, expected a command")
	default:
		return nil, n.Errorf("unknown command %s", head)
	}
}

// wantArgs checks that list n has exactly want elements, keyword included.
func wantArgs(n *Node, want int) error {
	args := n.Args()
	switch {
	case len(args) < want:
		return n.Errorf("%s: missing argument", n.Head())
	case len(args) > want:
		return args[want].Errorf("%s: unexpected token %s", n.Head(), args[want])
	}
	return nil
}

// scriptString returns the string literal arg of command n.
func scriptString(n, arg *Node) (string, error) {
	if arg.Kind != String {
		return "", arg.Errorf("%s: expected a string, got %s", n.Head(), arg)
	}
	return arg.Text, nil
}

// scriptModuleArg parses the module operand of an assertion.
func scriptModuleArg(n *Node) (*ModuleSource, error) {
	if n.Head() != "module" {
		return nil, n.Errorf("expected a module, got %s", n)
	}
	if args := n.Args(); len(args) > 1 && args[1].IsAtom("instance") {
		return nil, args[1].Errorf("module instance is not allowed here")
	}
	m, _, err := scriptModule(n)
	return m, err
}

// scriptModule parses `(module definition? $id? ...)` with a text, binary
// or quote body; it reports whether the form is a definition.
func scriptModule(n *Node) (*ModuleSource, bool, error) {
	args := n.Args()
	m := &ModuleSource{Pos: posOf(n), Node: n}
	i, def := 1, false
	if i < len(args) && args[i].IsAtom("definition") {
		def = true
		i++
		// ParseModuleNode knows nothing of `definition`: give it the form
		// without that keyword (annotations are kept where they were).
		stripped := &Node{Kind: List, Line: n.Line, Col: n.Col}
		for _, c := range n.Children {
			if c != args[1] {
				stripped.Children = append(stripped.Children, c)
			}
		}
		m.Node = stripped
	}
	if i < len(args) && args[i].Kind == ID {
		m.Name = args[i].Text
		i++
	}
	if i < len(args) && (args[i].IsAtom("binary") || args[i].IsAtom("quote")) {
		m.Format = ModuleBinary
		if args[i].IsAtom("quote") {
			m.Format = ModuleQuote
		}
		m.Node = nil
		for _, s := range args[i+1:] {
			if s.Kind != String {
				return nil, false, s.Errorf("module %s: expected a string, got %s", m.Format, s)
			}
			m.Bytes = append(m.Bytes, s.Text...)
		}
	}
	return m, def, nil
}

// scriptInstance parses `(module instance $inst? $def?)`.
func scriptInstance(n *Node) (Command, error) {
	args := n.Args()
	c := &InstanceCommand{Pos: posOf(n)}
	rest := args[2:]
	if len(rest) > 2 {
		return nil, rest[2].Errorf("module instance: unexpected token %s", rest[2])
	}
	for _, a := range rest {
		if a.Kind != ID {
			return nil, a.Errorf("module instance: expected a module name, got %s", a)
		}
	}
	if len(rest) > 0 {
		c.Instance = rest[0].Text
	}
	if len(rest) > 1 {
		c.Definition = rest[1].Text
	}
	return c, nil
}

// scriptRegister parses `(register "name" $id?)`.
func scriptRegister(n *Node) (Command, error) {
	args := n.Args()
	if len(args) < 2 {
		return nil, n.Errorf("register: missing module name")
	}
	as, err := scriptString(n, args[1])
	if err != nil {
		return nil, err
	}
	c := &RegisterCommand{Pos: posOf(n), As: as}
	if len(args) > 2 {
		if args[2].Kind != ID {
			return nil, args[2].Errorf("register: expected a module name, got %s", args[2])
		}
		c.Module = args[2].Text
	}
	if len(args) > 3 {
		return nil, args[3].Errorf("register: unexpected token %s", args[3])
	}
	return c, nil
}

// scriptAction parses `(invoke $id? "name" const*)` or `(get $id? "name")`.
func scriptAction(n *Node) (*Action, error) {
	a := &Action{Pos: posOf(n)}
	switch n.Head() {
	case "invoke":
		a.Kind = Invoke
	case "get":
		a.Kind = Get
	default:
		return nil, n.Errorf("expected an action (invoke or get), got %s", n)
	}
	args := n.Args()
	i := 1
	if i < len(args) && args[i].Kind == ID {
		a.Module = args[i].Text
		i++
	}
	if i >= len(args) {
		return nil, n.Errorf("%s: missing export name", n.Head())
	}
	name, err := scriptString(n, args[i])
	if err != nil {
		return nil, err
	}
	a.Name = name
	i++
	if a.Kind == Get && i < len(args) {
		return nil, args[i].Errorf("get: unexpected token %s", args[i])
	}
	for _, c := range args[i:] {
		v, err := scriptConst(c)
		if err != nil {
			return nil, err
		}
		a.Args = append(a.Args, v)
	}
	return a, nil
}

// scriptAssertReturn parses `(assert_return action result*)`.
func scriptAssertReturn(n *Node) (Command, error) {
	args := n.Args()
	if len(args) < 2 {
		return nil, n.Errorf("assert_return: missing action")
	}
	a, err := scriptAction(args[1])
	if err != nil {
		return nil, err
	}
	c := &AssertReturn{Pos: posOf(n), Action: a}
	for _, r := range args[2:] {
		res, err := scriptResult(r, true)
		if err != nil {
			return nil, err
		}
		c.Results = append(c.Results, res)
	}
	return c, nil
}

// scriptAssertTrap parses `(assert_trap action "msg")` and
// `(assert_trap module "msg")`.
func scriptAssertTrap(n *Node) (Command, error) {
	if err := wantArgs(n, 3); err != nil {
		return nil, err
	}
	args := n.Args()
	c := &AssertTrap{Pos: posOf(n)}
	var err error
	if args[1].Head() == "module" {
		c.Module, err = scriptModuleArg(args[1])
	} else {
		c.Action, err = scriptAction(args[1])
	}
	if err != nil {
		return nil, err
	}
	c.Message, err = scriptString(n, args[2])
	if err != nil {
		return nil, err
	}
	return c, nil
}
