package wasi

import (
	"context"
	"errors"
	"fmt"

	"github.com/sablewasm/sable/runtime"
)

// Run calls inst's _start export, the entry point of a WASI command,
// and returns its exit code: 0 if _start returns, else what the program
// passed to proc_exit. err reports a run that did not end in an exit: a
// trap, a host function's error, a cancelled context.
func Run(ctx context.Context, inst *runtime.Instance) (exitCode uint32, err error) {
	start := inst.Func("_start")
	if start == nil {
		return 0, errors.New("wasi: the module exports no _start function (not a WASI command)")
	}
	if len(start.Type().Params) != 0 || len(start.Type().Results) != 0 {
		return 0, fmt.Errorf("wasi: _start has type %v, not (func)", start.Type())
	}
	_, err = start.Call(ctx)
	return ExitCode(err)
}

// ExitCode interprets the error of a call into a WASI program: nil is
// exit code 0, an *ExitError its code, any other error is returned.
func ExitCode(err error) (uint32, error) {
	var exit *ExitError
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &exit):
		return exit.Code, nil
	}
	return 0, err
}
