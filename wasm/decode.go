package wasm

import "errors"

// Decode decodes a binary module. It checks everything the binary format
// defines as malformed, including every function body's instruction
// encoding, but not validity (see Validate).
func Decode(b []byte) (*Module, error) {
	return nil, errors.New("Decode: not implemented yet")
}
