package runtime

import (
	"encoding/binary"

	"github.com/sablewasm/sable/abi"
)

// getStorage reads a field or element stored as s (b is exactly its
// bytes) as a raw value: packed values zero-extended, GC references as
// their u32, function references as their record address.
func getStorage(b []byte, s abi.Storage) rawValue {
	switch s {
	case abi.StorageI8:
		return rawValue{lo: uint64(b[0])}
	case abi.StorageI16:
		return rawValue{lo: uint64(binary.LittleEndian.Uint16(b))}
	case abi.StorageI32, abi.StorageF32, abi.StorageGCRef:
		return rawValue{lo: uint64(binary.LittleEndian.Uint32(b))}
	case abi.StorageV128:
		return rawValue{lo: binary.LittleEndian.Uint64(b), hi: binary.LittleEndian.Uint64(b[8:])}
	}
	return rawValue{lo: binary.LittleEndian.Uint64(b)} // i64, f64, funcref
}

// putStorage stores r as s into b (exactly its bytes), truncating packed
// values.
func putStorage(b []byte, s abi.Storage, r rawValue) {
	switch s {
	case abi.StorageI8:
		b[0] = byte(r.lo)
	case abi.StorageI16:
		binary.LittleEndian.PutUint16(b, uint16(r.lo))
	case abi.StorageI32, abi.StorageF32, abi.StorageGCRef:
		binary.LittleEndian.PutUint32(b, uint32(r.lo))
	case abi.StorageV128:
		binary.LittleEndian.PutUint64(b, r.lo)
		binary.LittleEndian.PutUint64(b[8:], r.hi)
	default:
		binary.LittleEndian.PutUint64(b, r.lo)
	}
}

// fillStorage stores r as s into every element of b, a whole number of
// elements: the element's bytes once, then doubling copies.
func fillStorage(b []byte, s abi.Storage, r rawValue) {
	if len(b) == 0 {
		return
	}
	size := int(s.Size())
	putStorage(b[:size], s, r)
	for done := size; done < len(b); done *= 2 {
		copy(b[done:], b[:done])
	}
}
