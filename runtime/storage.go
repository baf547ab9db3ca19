package runtime

import (
	"encoding/binary"
	"unsafe"

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
// elements. Element sizes up to 8 divide 8, so the element's bytes
// repeated make one 64-bit pattern whose phase matches element
// boundaries from b[0] on: the fill is 8-byte stores (unaligned ones are
// fine on both ISAs) and a byte tail; a v128 is stored once and doubled.
func fillStorage(b []byte, s abi.Storage, r rawValue) {
	if len(b) == 0 {
		return
	}
	var pattern uint64
	switch s.Size() {
	case 1:
		pattern = uint64(byte(r.lo)) * 0x0101_0101_0101_0101
	case 2:
		pattern = uint64(uint16(r.lo)) * 0x0001_0001_0001_0001
	case 4:
		pattern = uint64(uint32(r.lo)) * 0x0000_0001_0000_0001
	case 8:
		pattern = r.lo
	default:
		putStorage(b[:16], s, r)
		for done := 16; done < len(b); done *= 2 {
			copy(b[done:], b[:done])
		}
		return
	}
	words := unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), len(b)/8)
	for i := range words {
		words[i] = pattern
	}
	for i := len(words) * 8; i < len(b); i++ {
		b[i] = byte(pattern >> (8 * (i & 7)))
	}
}
