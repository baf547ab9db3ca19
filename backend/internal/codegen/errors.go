package codegen

import (
	"errors"
	"fmt"

	"github.com/sablewasm/sable/compiler"
)

// ErrUnsupported is wrapped by every "this back end cannot compile that
// yet", so that a caller can tell a missing feature from a compiler bug.
// Errors made with Unsupported are also compiler.ErrUnsupported, the
// project-wide sentinel.
var ErrUnsupported = errors.New("unsupported")

// Unsupported returns an error that is both ErrUnsupported and
// compiler.ErrUnsupported.
func Unsupported(format string, args ...any) error {
	return &unsupportedError{fmt.Sprintf(format, args...)}
}

type unsupportedError struct{ what string }

func (e *unsupportedError) Error() string { return "unsupported: " + e.what }

func (e *unsupportedError) Is(target error) bool {
	return target == ErrUnsupported || target == compiler.ErrUnsupported
}
