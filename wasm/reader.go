package wasm

import "errors"

// InstrReader decodes the instructions of a function body or constant
// expression one at a time, without allocating per instruction.
type InstrReader struct {
	code []byte
	pos  int
	base int // module offset of code[0]
}

// NewInstrReader reads code, whose first byte is at module offset base.
func NewInstrReader(code []byte, base int) *InstrReader {
	return &InstrReader{code: code, base: base}
}

// Next decodes the next instruction into in (reusing its slices). It returns
// io.EOF when no bytes remain and a *DecodeError for malformed input.
func (r *InstrReader) Next(in *Instr) error {
	return errors.New("InstrReader.Next: not implemented yet") // owned by the decoder helper
}

// Offset returns the module offset of the next byte to be read.
func (r *InstrReader) Offset() int { return r.base + r.pos }
