package runtime

import (
	"errors"
	"fmt"
)

var (
	// ErrNotCompiled is matched by the error of a call of a WebAssembly
	// function the back end cannot compile yet (the error says why), or
	// of any function on an architecture without a back end. Host
	// functions, and instantiation up to the start function, work
	// without code.
	ErrNotCompiled = errors.New("runtime: WebAssembly function not compiled")
	// ErrNotImplemented marks a feature this version of the runtime does not
	// support yet (such as GC allocation in constant expressions).
	ErrNotImplemented = errors.New("runtime: not implemented")
	// ErrUnknownImport and ErrIncompatibleImport classify a *LinkError;
	// their texts are the spec's assert_unlinkable messages.
	ErrUnknownImport      = errors.New("unknown import")
	ErrIncompatibleImport = errors.New("incompatible import type")
	// ErrStoreClosed is returned by operations on a closed Store.
	ErrStoreClosed = errors.New("runtime: store closed")
	// ErrWrongStore is returned when an object of one Store is used with
	// another.
	ErrWrongStore = errors.New("runtime: object belongs to a different store")
	// ErrImmutableGlobal is returned by Global.Set on an immutable global.
	ErrImmutableGlobal = errors.New("runtime: global is immutable")
	// ErrLimit is returned when a Store limit (StoreLimits) forbids an
	// allocation.
	ErrLimit = errors.New("runtime: store limit exceeded")
)

// LinkError reports an import that cannot be satisfied. errors.Is matches
// it against ErrUnknownImport or ErrIncompatibleImport.
type LinkError struct {
	Module, Name string
	Err          error  // ErrUnknownImport or ErrIncompatibleImport
	Detail       string // what was expected and what was found
}

func (e *LinkError) Error() string {
	s := fmt.Sprintf("%v %q %q", e.Err, e.Module, e.Name)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func (e *LinkError) Unwrap() error { return e.Err }

// PanicError is a Go panic raised by a host function, turned into an error
// so that it never unwinds through the runtime (or through Wasm frames).
type PanicError struct {
	Value any    // what the host function panicked with
	Stack []byte // the goroutine's stack at the panic
}

func (e *PanicError) Error() string { return fmt.Sprintf("host function panicked: %v", e.Value) }

// Unwrap returns the panic value if it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
