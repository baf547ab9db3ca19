package wasm

import "encoding/binary"

// AppendInstr appends the binary encoding of in to dst. Immediates are
// written in their canonical (shortest LEB128) form. An Op missing from the
// opcode table is written as its opcode bytes alone.
func AppendInstr(dst []byte, in *Instr) []byte {
	if p := in.Op.Prefix(); p != 0 {
		dst = appendU32(append(dst, p), in.Op.Sub())
	} else {
		dst = append(dst, byte(in.Op))
	}
	info := Lookup(in.Op)
	if info == nil {
		return dst
	}
	switch info.Imm {
	case ImmBlock:
		dst = appendBlockType(dst, in.Block)
	case ImmLabel:
		dst = appendU32(dst, in.Label)
	case ImmBrTable:
		// Labels holds the targets then the default; the count excludes the default.
		n := max(len(in.Labels)-1, 0)
		dst = appendU32(dst, uint32(n))
		for _, l := range in.Labels {
			dst = appendU32(dst, l)
		}
		if len(in.Labels) == 0 {
			dst = appendU32(dst, 0)
		}
	case ImmFunc, ImmType, ImmTag, ImmLocal, ImmGlobal, ImmTable, ImmMem, ImmData, ImmElem:
		dst = appendU32(dst, in.Index)
	case ImmCallIndirect, ImmTypeField, ImmTypeCount, ImmTypeData, ImmTypeElem,
		ImmTypeType, ImmMemInit, ImmMemMem, ImmTableInit, ImmTableTable:
		dst = appendU32(appendU32(dst, in.Index), in.Index2)
	case ImmSelectT:
		dst = appendValTypes(dst, in.Types)
	case ImmTryTable:
		dst = appendBlockType(dst, in.Block)
		dst = appendU32(dst, uint32(len(in.Catches)))
		for _, c := range in.Catches {
			dst = append(dst, byte(c.Kind))
			if c.Kind == Catch || c.Kind == CatchRef {
				dst = appendU32(dst, c.Tag)
			}
			dst = appendU32(dst, c.Label)
		}
	case ImmMemArg:
		dst = appendMemArg(dst, in.Mem)
	case ImmMemArgLane:
		dst = append(appendMemArg(dst, in.Mem), in.Lane)
	case ImmLane:
		dst = append(dst, in.Lane)
	case ImmI32:
		dst = appendS64(dst, int64(int32(uint32(in.Bits))))
	case ImmI64:
		dst = appendS64(dst, int64(in.Bits))
	case ImmF32:
		dst = binary.LittleEndian.AppendUint32(dst, uint32(in.Bits))
	case ImmF64:
		dst = binary.LittleEndian.AppendUint64(dst, in.Bits)
	case ImmV128, ImmShuffle:
		dst = append(dst, in.V128[:]...)
	case ImmHeapType:
		dst = appendHeapType(dst, in.Heap)
	case ImmBrOnCast:
		dst = append(dst, in.CastFlags)
		dst = appendU32(dst, in.Label)
		dst = appendHeapType(appendHeapType(dst, in.Heap), in.Heap2)
	}
	return dst
}

// appendMemArg writes the memory index only when it is not 0, as the
// multi-memory encoding allows.
func appendMemArg(dst []byte, m MemArg) []byte {
	if m.Mem != 0 {
		dst = appendU32(dst, m.Align|0x40)
		dst = appendU32(dst, m.Mem)
	} else {
		dst = appendU32(dst, m.Align)
	}
	return appendU64(dst, m.Offset)
}
