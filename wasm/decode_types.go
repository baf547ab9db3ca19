package wasm

// Type encodings shared by instructions and module sections.

// Value type bytes. Abstract reference shorthands are the heap type's
// single-byte s33 encoding, so they are recognized by value range.
const (
	byteI32     = 0x7f
	byteI64     = 0x7e
	byteF32     = 0x7d
	byteF64     = 0x7c
	byteV128    = 0x7b
	byteI8      = 0x78
	byteI16     = 0x77
	byteRefNull = 0x63
	byteRef     = 0x64
	byteEmpty   = 0x40 // empty block type
)

var numTypeByByte = map[byte]ValType{
	byteI32: TypeI32, byteI64: TypeI64, byteF32: TypeF32, byteF64: TypeF64, byteV128: TypeV128,
}

// abstractByte reports whether c is the single-byte encoding of an abstract
// heap type, and which.
func abstractByte(c byte) (HeapType, bool) {
	h := HeapType(int64(c) - 0x80)
	return h, c < 0x80 && h.ValidAbstract()
}

// valType reads a value type.
func (r *reader) valType() (ValType, error) {
	start := r.pos
	c, err := r.byte()
	if err != nil {
		return ValType{}, err
	}
	if t, ok := numTypeByByte[c]; ok {
		return t, nil
	}
	if t, ok, err := r.refTypeAfter(c); ok || err != nil {
		return t, err
	}
	return ValType{}, r.errAt(start, "malformed value type 0x%02x", c)
}

// refType reads a reference type.
func (r *reader) refType() (ValType, error) {
	start := r.pos
	c, err := r.byte()
	if err != nil {
		return ValType{}, err
	}
	if t, ok, err := r.refTypeAfter(c); ok || err != nil {
		return t, err
	}
	return ValType{}, r.errAt(start, "malformed reference type 0x%02x", c)
}

// refTypeAfter decodes a reference type whose first byte c was just read;
// ok is false (and nothing more is consumed) if c cannot start one.
func (r *reader) refTypeAfter(c byte) (t ValType, ok bool, err error) {
	if h, ok := abstractByte(c); ok {
		return RefType(true, h), true, nil
	}
	if c != byteRefNull && c != byteRef {
		return ValType{}, false, nil
	}
	h, err := r.heapType()
	return RefType(c == byteRefNull, h), true, err
}

// storageType reads a field's storage type: a value type or a packed type.
func (r *reader) storageType() (ValType, error) {
	if c, ok := r.peek(); ok && (c == byteI8 || c == byteI16) {
		r.pos++
		if c == byteI8 {
			return ValType{Kind: I8}, nil
		}
		return ValType{Kind: I16}, nil
	}
	return r.valType()
}

// heapType reads a heap type: an abstract type (one byte, negative as an
// s33) or a type index (a non-negative s33).
func (r *reader) heapType() (HeapType, error) {
	start := r.pos
	c, ok := r.peek()
	if ok && c >= 0x40 && c < 0x80 {
		r.pos++
		if h, ok := abstractByte(c); ok {
			return h, nil
		}
		return 0, r.errAt(start, "malformed heap type 0x%02x", c)
	}
	v, err := r.s33()
	if err != nil {
		return 0, err
	}
	if v < 0 {
		return 0, r.errAt(start, "malformed heap type")
	}
	return HeapType(v), nil
}

// blockType reads a block type: 0x40, a value type, or a type index as a
// non-negative s33.
func (r *reader) blockType() (BlockType, error) {
	start := r.pos
	c, ok := r.peek()
	if ok && c == byteEmpty {
		r.pos++
		return BlockType{Kind: BlockEmpty}, nil
	}
	if ok && c >= 0x40 && c < 0x80 { // a one-byte negative s33: a value type
		t, err := r.valType()
		return BlockType{Kind: BlockValue, Value: t}, err
	}
	v, err := r.s33()
	if err != nil {
		return BlockType{}, err
	}
	if v < 0 {
		return BlockType{}, r.errAt(start, "malformed block type")
	}
	return BlockType{Kind: BlockIndex, Index: uint32(v)}, nil
}

// Limits flag bits.
const (
	limitsHasMax = 1 << 0
	limitsShared = 1 << 1
	limitsIs64   = 1 << 2
)

// limits reads the limits of a memory or table type. The flags are a single
// byte (not a LEB128): 0x81 0x00 is malformed, not a long encoding of 1.
// The shared flag (threads) is decoded so that the validator can reject it.
func (r *reader) limits() (Limits, error) {
	start := r.pos
	flags, err := r.byte()
	if err != nil {
		return Limits{}, err
	}
	if flags&^(limitsHasMax|limitsShared|limitsIs64) != 0 {
		return Limits{}, r.errAt(start, "malformed limits flags 0x%02x", flags)
	}
	l := Limits{HasMax: flags&limitsHasMax != 0, Shared: flags&limitsShared != 0, Is64: flags&limitsIs64 != 0}
	// Bounds are read as u64 whatever the address type, as the reference
	// decoder does; the validator checks that they fit the address type.
	if l.Min, err = r.u64(); err != nil {
		return Limits{}, err
	}
	if l.HasMax {
		l.Max, err = r.u64()
	}
	return l, err
}

func (r *reader) tableType() (TableType, error) {
	elem, err := r.refType()
	if err != nil {
		return TableType{}, err
	}
	l, err := r.limits()
	return TableType{Elem: elem, Limits: l}, err
}

func (r *reader) memType() (MemType, error) {
	l, err := r.limits()
	return MemType{Limits: l}, err
}

func (r *reader) mutability() (bool, error) {
	start := r.pos
	c, err := r.byte()
	if err != nil {
		return false, err
	}
	if c > 1 {
		return false, r.errAt(start, "malformed mutability")
	}
	return c == 1, nil
}

func (r *reader) globalType() (GlobalType, error) {
	t, err := r.valType()
	if err != nil {
		return GlobalType{}, err
	}
	mut, err := r.mutability()
	return GlobalType{Type: t, Mutable: mut}, err
}

// tagType reads a tag type: the attribute byte 0 (exception) and a type index.
func (r *reader) tagType() (TagType, error) {
	start := r.pos
	attr, err := r.byte()
	if err != nil {
		return TagType{}, err
	}
	if attr != 0 {
		return TagType{}, r.errAt(start, "malformed tag attribute 0x%02x", attr)
	}
	idx, err := r.u32()
	return TagType{Type: idx}, err
}
