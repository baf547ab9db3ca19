package wasm

import (
	"encoding/binary"
)

// opcode reads an opcode (a byte, or a prefix byte and a u32 sub-opcode)
// and returns its description from the opcode table.
func (r *reader) opcode() (*OpInfo, error) {
	start := r.pos
	c, err := r.byte()
	if err != nil {
		return nil, err
	}
	switch c {
	case PrefixGC, PrefixMisc, PrefixSIMD:
		sub, err := r.u32()
		if err != nil {
			return nil, err
		}
		var info *OpInfo
		if sub <= 0xffff {
			info = Lookup(Op(c)<<16 | Op(sub))
		}
		if info == nil {
			return nil, r.errAt(start, "illegal opcode %02x %x", c, sub)
		}
		return info, nil
	}
	if info := opsPlain[c]; info != nil {
		return info, nil
	}
	return nil, r.errAt(start, "illegal opcode %02x", c)
}

// immediates reads the immediates of shape k into in.
func (r *reader) immediates(k ImmKind, in *Instr) (err error) {
	switch k {
	case ImmNone:
	case ImmBlock:
		in.Block, err = r.blockType()
	case ImmLabel:
		in.Label, err = r.u32()
	case ImmBrTable:
		err = r.brTable(in)
	case ImmFunc, ImmType, ImmTag, ImmLocal, ImmGlobal, ImmTable, ImmMem, ImmData, ImmElem:
		in.Index, err = r.u32()
	case ImmCallIndirect, ImmTypeField, ImmTypeCount, ImmTypeData, ImmTypeElem,
		ImmTypeType, ImmMemInit, ImmMemMem, ImmTableInit, ImmTableTable:
		if in.Index, err = r.u32(); err == nil {
			in.Index2, err = r.u32()
		}
	case ImmSelectT:
		err = r.selectTypes(in)
	case ImmTryTable:
		if in.Block, err = r.blockType(); err == nil {
			err = r.catchClauses(in)
		}
	case ImmMemArg:
		in.Mem, err = r.memArg()
	case ImmMemArgLane:
		if in.Mem, err = r.memArg(); err == nil {
			in.Lane, err = r.byte()
		}
	case ImmLane:
		in.Lane, err = r.byte()
	case ImmI32:
		var v int32
		v, err = r.s32()
		in.Bits = uint64(uint32(v))
	case ImmI64:
		var v int64
		v, err = r.s64()
		in.Bits = uint64(v)
	case ImmF32:
		var b []byte
		if b, err = r.bytes(4); err == nil {
			in.Bits = uint64(binary.LittleEndian.Uint32(b))
		}
	case ImmF64:
		var b []byte
		if b, err = r.bytes(8); err == nil {
			in.Bits = binary.LittleEndian.Uint64(b)
		}
	case ImmV128, ImmShuffle:
		var b []byte
		if b, err = r.bytes(16); err == nil {
			copy(in.V128[:], b)
		}
	case ImmHeapType:
		in.Heap, err = r.heapType()
	case ImmBrOnCast:
		err = r.brOnCast(in)
	default:
		// Unreachable for opcodes from the table; guards against a table
		// entry added without decoder support.
		return r.errAt(r.pos, "unsupported immediate kind %d", k)
	}
	return err
}

func (r *reader) brTable(in *Instr) error {
	n, err := r.len32()
	if err != nil {
		return err
	}
	// n+1 labels: the targets, then the default. Each takes at least one
	// byte, so a lying count fails at the end of the input, not in append.
	for i := uint64(0); i <= uint64(n); i++ {
		l, err := r.u32()
		if err != nil {
			return err
		}
		in.Labels = append(in.Labels, l)
	}
	return nil
}

func (r *reader) selectTypes(in *Instr) error {
	n, err := r.len32()
	if err != nil {
		return err
	}
	for range n {
		t, err := r.valType()
		if err != nil {
			return err
		}
		in.Types = append(in.Types, t)
	}
	return nil
}

func (r *reader) catchClauses(in *Instr) error {
	n, err := r.len32()
	if err != nil {
		return err
	}
	for range n {
		start := r.pos
		k, err := r.byte()
		if err != nil {
			return err
		}
		c := CatchClause{Kind: CatchKind(k)}
		switch c.Kind {
		case Catch, CatchRef:
			if c.Tag, err = r.u32(); err != nil {
				return err
			}
		case CatchAll, CatchAllRef:
		default:
			return r.errAt(start, "malformed catch clause kind 0x%02x", k)
		}
		if c.Label, err = r.u32(); err != nil {
			return err
		}
		in.Catches = append(in.Catches, c)
	}
	return nil
}

// memArg reads a memory immediate: flags, an optional memory index, and the
// offset. Bit 6 of the flags announces the memory index (multi-memory); the
// remaining six bits are the alignment exponent, and larger flags are
// malformed.
func (r *reader) memArg() (MemArg, error) {
	start := r.pos
	flags, err := r.u32()
	if err != nil {
		return MemArg{}, err
	}
	if flags >= 0x80 {
		return MemArg{}, r.errAt(start, "malformed memop flags")
	}
	m := MemArg{Align: flags &^ 0x40}
	if flags&0x40 != 0 {
		if m.Mem, err = r.u32(); err != nil {
			return MemArg{}, err
		}
	}
	m.Offset, err = r.u64()
	return m, err
}

func (r *reader) brOnCast(in *Instr) (err error) {
	start := r.pos
	if in.CastFlags, err = r.byte(); err != nil {
		return err
	}
	if in.CastFlags&^(CastSourceNullable|CastTargetNullable) != 0 {
		return r.errAt(start, "malformed br_on_cast flags")
	}
	if in.Label, err = r.u32(); err != nil {
		return err
	}
	if in.Heap, err = r.heapType(); err != nil {
		return err
	}
	in.Heap2, err = r.heapType()
	return err
}
