package wasm

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// Messages for running out of bytes. The spec distinguishes the end of the
// whole module from the end of a section or function body (the bounded
// regions every item is decoded from).
const (
	msgEOF        = "unexpected end"
	msgEOFSection = "unexpected end of section or function"
)

// reader is a cursor over a byte region of a module. Every read checks the
// region's bounds; errors are *DecodeError carrying module offsets.
type reader struct {
	b    []byte
	pos  int
	base int    // module offset of b[0]
	eof  string // message reported when the region runs out
}

// sub returns a reader over the next n bytes and advances past them. The
// caller has checked that n bytes remain.
func (r *reader) sub(n int) reader {
	s := reader{b: r.b[r.pos : r.pos+n], base: r.base + r.pos, eof: msgEOFSection}
	r.pos += n
	return s
}

func (r *reader) offset() int    { return r.base + r.pos }
func (r *reader) remaining() int { return len(r.b) - r.pos }

func (r *reader) errAt(pos int, format string, args ...any) error {
	return &DecodeError{Offset: r.base + pos, Msg: fmt.Sprintf(format, args...)}
}

func (r *reader) eofErr() error { return &DecodeError{Offset: r.base + len(r.b), Msg: r.eof} }

func (r *reader) byte() (byte, error) {
	if r.pos >= len(r.b) {
		return 0, r.eofErr()
	}
	r.pos++
	return r.b[r.pos-1], nil
}

func (r *reader) peek() (byte, bool) {
	if r.pos >= len(r.b) {
		return 0, false
	}
	return r.b[r.pos], true
}

// bytes returns the next n bytes (aliasing the input).
func (r *reader) bytes(n uint64) ([]byte, error) {
	if n > uint64(r.remaining()) {
		return nil, r.eofErr()
	}
	s := r.b[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return s, nil
}

// byteVec reads a length-prefixed byte vector.
func (r *reader) byteVec() ([]byte, error) {
	n, err := r.len32()
	if err != nil {
		return nil, err
	}
	return r.bytes(uint64(n))
}

// name reads a length-prefixed UTF-8 name.
func (r *reader) name() (string, error) {
	start := r.pos
	b, err := r.byteVec()
	if err != nil {
		return "", err
	}
	if !utf8.Valid(b) {
		return "", r.errAt(start, "malformed UTF-8 encoding")
	}
	return string(b), nil
}

// len32 reads a length (of a vector, string or section). Like the spec's
// reference decoder, it rejects a length larger than the bytes that remain
// from the length's own first byte ("length out of bounds"); a length that
// passes may still run past the end, reported when the bytes are read. As
// every element takes at least one byte, this bound also keeps a lying
// count from driving a huge allocation.
func (r *reader) len32() (uint32, error) {
	start := r.pos
	n, err := r.u32()
	if err != nil {
		return 0, err
	}
	if uint64(n) > uint64(len(r.b)-start) {
		return 0, r.errAt(start, "length out of bounds: %d exceeds the %d remaining bytes", n, len(r.b)-start)
	}
	return n, nil
}

// InstrReader decodes the instructions of a function body or constant
// expression one at a time, without allocating per instruction.
type InstrReader struct {
	r reader
}

// NewInstrReader reads code, whose first byte is at module offset base.
func NewInstrReader(code []byte, base int) *InstrReader {
	return &InstrReader{r: reader{b: code, base: base, eof: msgEOFSection}}
}

// Offset returns the module offset of the next byte to be read.
func (ir *InstrReader) Offset() int { return ir.r.offset() }

// Next decodes the next instruction into in (reusing its slices). It returns
// io.EOF when no bytes remain and a *DecodeError for malformed input.
func (ir *InstrReader) Next(in *Instr) error {
	r := &ir.r
	if r.remaining() == 0 {
		return io.EOF
	}
	start := r.pos
	info, err := r.opcode()
	if err != nil {
		return err
	}
	*in = Instr{
		Op:      info.Op,
		Offset:  r.base + start,
		Labels:  in.Labels[:0],
		Types:   in.Types[:0],
		Catches: in.Catches[:0],
	}
	return r.immediates(info.Imm, in)
}
