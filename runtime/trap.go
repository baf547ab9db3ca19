package runtime

import (
	"fmt"

	"github.com/sablewasm/sable/abi"
)

// Trap is a WebAssembly trap: execution (or instantiation) stopped because
// an instruction could not complete. Its Error is the spec's message for
// the trap ("out of bounds memory access", ...), and errors.Is matches it
// against the sentinel of its code:
//
//	if errors.Is(err, runtime.ErrOutOfBoundsMemory) { ... }
type Trap struct {
	Code abi.TrapCode
	// Backtrace is the Wasm call stack at the trap, innermost frame first.
	// The dispatch loop of compiled code fills it; traps raised by
	// instantiation itself (segment initialization) have none.
	Backtrace []Frame
	cause     error // what requested an interrupt (ctx.Err()), if that is why
}

// Frame is one frame of a Wasm backtrace.
type Frame struct {
	Module    string // the module's name from its name section, if any
	FuncIndex uint32 // in the module's function index space
	FuncName  string // from the name section, if any
	Offset    int    // module byte offset of the instruction, or -1 if unknown
}

func (f Frame) String() string {
	name := f.FuncName
	if name == "" {
		name = fmt.Sprintf("func[%d]", f.FuncIndex)
	}
	if f.Module != "" {
		name = f.Module + "!" + name
	}
	if f.Offset < 0 {
		return name
	}
	return fmt.Sprintf("%s @ 0x%x", name, f.Offset)
}

func (t *Trap) Error() string { return t.Code.String() }

// Is makes errors.Is(err, ErrX) true for every trap with ErrX's code.
func (t *Trap) Is(target error) bool {
	s, ok := target.(*Trap)
	return ok && s.Code == t.Code
}

// Unwrap returns the cause of an interrupt (context.Canceled or
// context.DeadlineExceeded), so errors.Is sees it too.
func (t *Trap) Unwrap() error { return t.cause }

// Format prints the message; %+v adds the backtrace, one frame a line.
func (t *Trap) Format(s fmt.State, verb rune) {
	fmt.Fprint(s, t.Error())
	if verb == 'v' && s.Flag('+') {
		for _, f := range t.Backtrace {
			fmt.Fprintf(s, "\n\t%s", f)
		}
	}
}

func newTrap(code abi.TrapCode) *Trap { return &Trap{Code: code} }

// The trap sentinels, one per abi.TrapCode; their messages come from abi.
// Compare with errors.Is, never ==: a trap that happened is a new *Trap.
var (
	ErrUnreachable              error = newTrap(abi.TrapUnreachable)
	ErrIntegerDivideByZero      error = newTrap(abi.TrapIntegerDivideByZero)
	ErrIntegerOverflow          error = newTrap(abi.TrapIntegerOverflow)
	ErrInvalidConversion        error = newTrap(abi.TrapInvalidConversion)
	ErrOutOfBoundsMemory        error = newTrap(abi.TrapMemoryOutOfBounds)
	ErrOutOfBoundsTable         error = newTrap(abi.TrapTableOutOfBounds)
	ErrUndefinedElement         error = newTrap(abi.TrapUndefinedElement)
	ErrUninitializedElement     error = newTrap(abi.TrapUninitializedElement)
	ErrIndirectCallTypeMismatch error = newTrap(abi.TrapIndirectCallTypeMismatch)
	ErrNullFunctionReference    error = newTrap(abi.TrapNullFunctionReference)
	ErrNullReference            error = newTrap(abi.TrapNullReference)
	ErrNullStructReference      error = newTrap(abi.TrapNullStructReference)
	ErrNullArrayReference       error = newTrap(abi.TrapNullArrayReference)
	ErrNullI31Reference         error = newTrap(abi.TrapNullI31Reference)
	ErrCastFailure              error = newTrap(abi.TrapCastFailure)
	ErrOutOfBoundsArray         error = newTrap(abi.TrapArrayOutOfBounds)
	ErrStackExhausted           error = newTrap(abi.TrapStackExhausted)
	ErrAllocationTooLarge       error = newTrap(abi.TrapAllocationTooLarge)
	ErrGCHeapOutOfMemory        error = newTrap(abi.TrapGCHeapOutOfMemory)
	ErrInterrupted              error = newTrap(abi.TrapInterrupted)
	ErrUnhandledException       error = newTrap(abi.TrapUnhandledException)
)

// interrupted is the trap for a call whose context is done.
func interrupted(cause error) *Trap { return &Trap{Code: abi.TrapInterrupted, cause: cause} }
