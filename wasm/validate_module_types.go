package wasm

// validateTypes validates the type section one recursion group at a time
// and canonicalizes each group into e, so that later groups (and everything
// after the type section) compare type indices by canonical identity.
//
// Within a group every type is in scope (types may refer to each other
// recursively), later groups are not. Declared supertypes must come earlier
// in the index space; subtype matching uses the supertypes declared by the
// whole group, which is why the group is canonicalized before its subtype
// declarations are checked.
func validateTypes(e *typeEnv) error {
	m := e.m
	var next uint64
	for _, g := range m.RecGroups {
		if uint64(g.Start) != next || uint64(g.Start)+uint64(g.Len) > uint64(len(m.Types)) {
			return moduleErrorf(-1, "recursion groups do not partition the type section (group at type %d)", g.Start)
		}
		next += uint64(g.Len)
		if err := e.checkGroupScope(g); err != nil {
			return err
		}
		ids, err := e.store.canonicalize(m, e.ids, g)
		if err != nil {
			return moduleErrorf(-1, "%v", err)
		}
		e.ids = ids
		for i := g.Start; i < g.Start+g.Len; i++ {
			if err := e.checkSubDecl(i); err != nil {
				return err
			}
		}
	}
	if next != uint64(len(m.Types)) {
		return moduleErrorf(-1, "recursion groups do not partition the type section (%d of %d types covered)", next, len(m.Types))
	}
	return nil
}

// checkGroupScope checks that the types of group g refer only to types up to
// the group's end and name at most one, earlier, supertype.
func (e *typeEnv) checkGroupScope(g RecGroup) error {
	end := uint64(g.Start) + uint64(g.Len)
	for i := g.Start; i < g.Start+g.Len; i++ {
		st := &e.m.Types[i]
		if len(st.Supers) > 1 {
			return moduleErrorf(-1, "sub type %d has more than one supertype", i)
		}
		for _, x := range st.Supers {
			if uint64(x) >= end {
				return moduleErrorf(-1, "unknown type %d", x)
			}
			if x >= i {
				return moduleErrorf(-1, "sub type %d must be declared after its supertype %d", i, x)
			}
		}
		c := &st.Comp
		switch c.Kind {
		case CompFunc:
			for _, ts := range [][]ValType{c.Func.Params, c.Func.Results} {
				for _, t := range ts {
					if t.IsPacked() {
						return moduleErrorf(-1, "invalid value type %s in function type %d", t, i)
					}
					if err := e.checkStorageType(t, end); err != nil {
						return err
					}
				}
			}
		case CompStruct, CompArray:
			if c.Kind == CompArray && len(c.Fields) != 1 {
				return moduleErrorf(-1, "array type %d must have exactly one element type", i)
			}
			for _, f := range c.Fields {
				if err := e.checkStorageType(f.Type, end); err != nil {
					return err
				}
			}
		default:
			return moduleErrorf(-1, "invalid composite type kind %d of type %d", c.Kind, i)
		}
	}
	return nil
}

// checkSubDecl checks type i's declared supertype: it must not be final and
// i's composite type must match the supertype's.
func (e *typeEnv) checkSubDecl(i uint32) error {
	st := &e.m.Types[i]
	for _, x := range st.Supers {
		sup := &e.m.Types[x]
		if sup.Final {
			return moduleErrorf(-1, "sub type %d cannot extend final type %d", i, x)
		}
		if !e.matchComp(&st.Comp, &sup.Comp) {
			return moduleErrorf(-1, "sub type %d does not match super type %d", i, x)
		}
	}
	return nil
}
