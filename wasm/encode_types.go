package wasm

// Type encoders shared by AppendInstr and Encode. They write the shortest
// form: nullable abstract reference types use their one-byte shorthand.

func appendValType(dst []byte, t ValType) []byte {
	switch t.Kind {
	case I32:
		return append(dst, byteI32)
	case I64:
		return append(dst, byteI64)
	case F32:
		return append(dst, byteF32)
	case F64:
		return append(dst, byteF64)
	case V128:
		return append(dst, byteV128)
	case I8:
		return append(dst, byteI8)
	case I16:
		return append(dst, byteI16)
	case Ref:
		if t.Nullable && t.Heap.IsAbstract() {
			return appendHeapType(dst, t.Heap)
		}
		if t.Nullable {
			dst = append(dst, byteRefNull)
		} else {
			dst = append(dst, byteRef)
		}
		return appendHeapType(dst, t.Heap)
	}
	// KindInvalid has no encoding; write a byte no decoder accepts so the
	// problem surfaces as a decode error rather than silently shifting bytes.
	return append(dst, 0x00)
}

func appendHeapType(dst []byte, h HeapType) []byte { return appendS64(dst, int64(h)) }

func appendValTypes(dst []byte, ts []ValType) []byte {
	dst = appendU32(dst, uint32(len(ts)))
	for _, t := range ts {
		dst = appendValType(dst, t)
	}
	return dst
}

func appendBlockType(dst []byte, bt BlockType) []byte {
	switch bt.Kind {
	case BlockValue:
		return appendValType(dst, bt.Value)
	case BlockIndex:
		return appendS64(dst, int64(bt.Index))
	}
	return append(dst, byteEmpty)
}

func appendLimits(dst []byte, l Limits) []byte {
	var flags byte
	if l.HasMax {
		flags |= limitsHasMax
	}
	if l.Shared {
		flags |= limitsShared
	}
	if l.Is64 {
		flags |= limitsIs64
	}
	dst = appendU64(append(dst, flags), l.Min)
	if l.HasMax {
		dst = appendU64(dst, l.Max)
	}
	return dst
}

func appendTableType(dst []byte, t TableType) []byte {
	return appendLimits(appendValType(dst, t.Elem), t.Limits)
}

func appendGlobalType(dst []byte, t GlobalType) []byte {
	return append(appendValType(dst, t.Type), boolByte(t.Mutable))
}

func appendTagType(dst []byte, t TagType) []byte {
	return appendU32(append(dst, 0), t.Type)
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}
