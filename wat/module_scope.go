package wat

// numSpaces is the number of index spaces (see space).
const numSpaces = int(spaceData) + 1

// spaceInfo names an index space in messages: the reference interpreter says
// "unknown function $f" but "duplicate func $f".
var spaceInfo = [numSpaces]struct{ unknown, duplicate string }{
	spaceType:   {"type", "type"},
	spaceFunc:   {"function", "func"},
	spaceTable:  {"table", "table"},
	spaceMem:    {"memory", "memory"},
	spaceGlobal: {"global", "global"},
	spaceTag:    {"tag", "tag"},
	spaceElem:   {"elem segment", "elem"},
	spaceData:   {"data segment", "data"},
}

// indexSpace tracks the identifiers bound in one index space and how many
// entries it has.
type indexSpace struct {
	ids   map[string]uint32
	count uint32
}

// bind adds the next entry of space sp, binding id if it is non-nil.
func (p *moduleParser) bind(sp space, id *Node) error {
	s := &p.spaces[sp]
	if id != nil {
		if s.ids == nil {
			s.ids = map[string]uint32{}
		}
		if _, dup := s.ids[id.Text]; dup {
			return id.Errorf("duplicate %s $%s", spaceInfo[sp].duplicate, id.Text)
		}
		s.ids[id.Text] = s.count
	}
	s.count++
	return nil
}

// index implements moduleScope.
func (p *moduleParser) index(sp space, n *Node) (uint32, error) {
	switch n.Kind {
	case ID:
		if idx, ok := p.spaces[sp].ids[n.Text]; ok {
			return idx, nil
		}
		return 0, n.Errorf("unknown %s $%s", spaceInfo[sp].unknown, n.Text)
	case Atom:
		return u32Literal(n)
	}
	return 0, unexpected(n)
}

// field implements moduleScope: field ids are scoped to their struct type.
func (p *moduleParser) field(typeIdx uint32, n *Node) (uint32, error) {
	if n.Kind == ID {
		if idx, ok := p.fieldIDs[typeIdx][n.Text]; ok {
			return idx, nil
		}
		return 0, n.Errorf("unknown field $%s", n.Text)
	}
	if n.Kind == Atom {
		return u32Literal(n)
	}
	return 0, unexpected(n)
}

// u32Literal parses an index written as a number.
func u32Literal(n *Node) (uint32, error) {
	v, err := parseU32(n.Text)
	switch {
	case err == errUnknownOperator:
		return 0, unexpected(n)
	case err != nil:
		return 0, n.Errorf("%v", err)
	}
	return v, nil
}

// localScope binds the parameter and local ids of one function.
type localScope struct {
	ids   map[string]uint32
	count uint32
}

func (l *localScope) bind(id *Node) error {
	if id != nil {
		if l.ids == nil {
			l.ids = map[string]uint32{}
		}
		if _, dup := l.ids[id.Text]; dup {
			return id.Errorf("duplicate local $%s", id.Text)
		}
		l.ids[id.Text] = l.count
	}
	l.count++
	return nil
}

var _ moduleScope = (*moduleParser)(nil)
