package spectest

import (
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// Engine executes validated modules. The runner drives it with the script's
// commands; without one, commands that need execution are skipped.
//
// Errors report how an operation failed so that assertions can be checked:
// an instantiation or invocation that traps returns a *Trap, one that runs
// out of stack or other resources an *Exhaustion, an uncaught Wasm exception
// an *Exception, and an instantiation whose imports do not match a
// *LinkError. Any other error is a harness failure.
type Engine interface {
	// Instantiate instantiates m, which has been validated, and names the
	// instance name (or leaves it anonymous when name is ""). It becomes
	// the current instance that actions without a module name address.
	Instantiate(name string, m *wasm.Module) error
	// Register makes the exports of instance (the current one when "")
	// importable under the module name as.
	Register(as, instance string) error
	// Invoke calls exported function export of instance (the current one
	// when "") with args and returns its results.
	Invoke(instance, export string, args []wat.Value) ([]wat.Value, error)
	// Get reads exported global export of instance (the current one when "").
	Get(instance, export string) (wat.Value, error)
}

// Trap is an execution trap; Message is the trap's message ("integer
// divide by zero", "unreachable", ...).
type Trap struct{ Message string }

func (e *Trap) Error() string { return "trap: " + e.Message }

// Exhaustion is resource exhaustion, such as call stack overflow.
type Exhaustion struct{ Message string }

func (e *Exhaustion) Error() string { return "exhaustion: " + e.Message }

// Exception is an uncaught Wasm exception escaping an invocation.
type Exception struct{ Message string }

func (e *Exception) Error() string { return "uncaught exception: " + e.Message }

// LinkError is an instantiation failure due to imports.
type LinkError struct{ Message string }

func (e *LinkError) Error() string { return "link error: " + e.Message }
