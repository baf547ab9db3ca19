package runtime

import (
	"encoding/binary"
	"fmt"

	"github.com/sablewasm/sable/abi"
)

// Global is a global variable.
type Global struct {
	st   *Store
	typ  GlobalType
	cell *abi.VMGlobal // in a vmctx (unshared globals) or the Store's arena
}

func (*Global) extern() {}

// NewGlobal creates a global of type t holding v. Importing it into
// instances shares it: they all see Set, and each other's global.set.
func (st *Store) NewGlobal(t GlobalType, v Value) (*Global, error) {
	if err := st.check(); err != nil {
		return nil, err
	}
	cell, err := offheapNew[abi.VMGlobal](st)
	if err != nil {
		return nil, err
	}
	g := &Global{st: st, typ: t, cell: cell}
	if err := g.set(v); err != nil {
		return nil, err
	}
	st.trackGlobal(g)
	return g, nil
}

// Type returns the global's type.
func (g *Global) Type() *GlobalType {
	t := g.typ
	return &t
}

// Get returns the global's value.
func (g *Global) Get() Value {
	r := rawValue{lo: binary.LittleEndian.Uint64(g.cell[:8]), hi: binary.LittleEndian.Uint64(g.cell[8:])}
	switch g.typ.Type.Kind {
	case KindI32, KindF32:
		r.lo &= 0xffffffff // generated code may store just 4 bytes
		fallthrough
	default:
		r.hi = 0 // an unshared scalar global owns only its first 8 bytes
	case KindV128:
	}
	v, err := g.st.fromRaw(g.typ.Type, r)
	if err != nil {
		return Value{} // only a corrupt heap makes a reference unreadable
	}
	return v
}

// Set stores v in a mutable global. It fails with ErrImmutableGlobal for
// an immutable one, and if v does not fit the global's type.
func (g *Global) Set(v Value) error {
	if err := g.st.check(); err != nil {
		return err
	}
	if !g.typ.Mutable {
		return ErrImmutableGlobal
	}
	return g.set(v)
}

func (g *Global) set(v Value) error {
	if !g.st.eng.valueFits(v, g.typ.Type) {
		return fmt.Errorf("runtime: %v does not fit global of %v", v, g.typ.Type)
	}
	r, err := g.st.toRaw(v)
	if err != nil {
		return err
	}
	g.store(r)
	return nil
}

// store writes the raw value, leaving the bytes a scalar global does not
// own alone (they may be the next inline global).
func (g *Global) store(r rawValue) {
	binary.LittleEndian.PutUint64(g.cell[:8], r.lo)
	if g.typ.Type.Kind == KindV128 {
		binary.LittleEndian.PutUint64(g.cell[8:], r.hi)
	}
}
