package wasm

import "fmt"

// DecodeError is a malformed-binary error: what went wrong and where.
// Msg starts with the spec's wording where the spec has one
// ("unexpected end", "integer too large", "malformed section id", ...).
type DecodeError struct {
	Offset int // byte offset in the module
	Msg    string
}

func (e *DecodeError) Error() string { return fmt.Sprintf("%s (at byte 0x%x)", e.Msg, e.Offset) }

// ValidationError is an invalid-module error. Msg starts with the spec's
// wording ("type mismatch", "unknown function 3", ...); Func is the
// function index (or -1 outside function bodies) and Offset the module byte
// offset of the offending instruction or entry (-1 if unknown).
type ValidationError struct {
	Func   int
	Offset int
	Msg    string
}

func (e *ValidationError) Error() string {
	switch {
	case e.Func >= 0 && e.Offset >= 0:
		return fmt.Sprintf("%s (func %d, at byte 0x%x)", e.Msg, e.Func, e.Offset)
	case e.Offset >= 0:
		return fmt.Sprintf("%s (at byte 0x%x)", e.Msg, e.Offset)
	}
	return e.Msg
}
