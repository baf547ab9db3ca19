package runtime

import (
	"errors"

	"github.com/sablewasm/sable/abi"
)

// Tag is an exception tag. Tags have identity: two tags of the same type
// are different tags, and a catch clause matches only its own.
type Tag struct {
	st  *Store
	typ *TagType
	rec *abi.VMTag // its address is the tag's identity in generated code
}

func (*Tag) extern() {}

// NewTag creates a tag whose exceptions carry values of the parameter
// types of t (whose results must be empty).
func (st *Store) NewTag(t *FuncType) (*Tag, error) {
	if err := st.check(); err != nil {
		return nil, err
	}
	id, err := st.eng.funcTypeID(t)
	if err != nil {
		return nil, err
	}
	if len(t.Results) != 0 {
		return nil, errors.New("runtime: a tag's function type has no results")
	}
	rec, err := offheapNew[abi.VMTag](st)
	if err != nil {
		return nil, err
	}
	rec.TypeID = uint32(id)
	return &Tag{st: st, typ: &TagType{Type: st.eng.funcType(id), id: id}, rec: rec}, nil
}

// Type returns the tag's type.
func (t *Tag) Type() *TagType { return t.typ }
