package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasi"
)

// runRun instantiates a module and calls one of its functions. A module
// that imports WASI runs as a WASI program: ARGS are its arguments and
// its exit code is sable's. Otherwise ARGS are the parameters of the
// function called, and its results are printed one per line.
func runRun(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	invoke := fs.String("invoke", "", "call the exported function `NAME` (default: _start, if exported)")
	stackSize := fs.Int("max-wasm-stack", 0, "the Wasm stack's size in `BYTES` (default 1 MiB); deeper recursion traps")
	var w wasiFlags
	w.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: sable run [flags] FILE.wasm|FILE.wat [ARGS...]")
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, "Instantiates the module (running its start function) and calls _start,")
		fmt.Fprintln(stderr, "or the exported function NAME of --invoke.")
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, "A module that imports WASI (wasi_snapshot_preview1) gets ARGS as its")
		fmt.Fprintln(stderr, "arguments (after FILE, its name), the standard streams, the directories")
		fmt.Fprintln(stderr, "of --dir and the environment of --env and --inherit-env; sable exits")
		fmt.Fprintln(stderr, "with its exit code. With --invoke, a WASI reactor's _initialize runs")
		fmt.Fprintln(stderr, "first.")
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, "Otherwise ARGS are NAME's parameters, parsed by their types (integers")
		fmt.Fprintln(stderr, "in decimal or 0x hex, floats as Go parses them, nan, inf; null for")
		fmt.Fprintln(stderr, "references), and the results are printed one per line.")
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, "A trap prints its message and backtrace and exits with status 1.")
		fmt.Fprintln(stderr)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() < 1 {
		fs.Usage()
		return exitUsage
	}
	path, callArgs := fs.Arg(0), fs.Args()[1:]
	m, err := loadModule(path)
	if err != nil {
		fmt.Fprintf(stderr, "sable run: %s: %v\n", path, err)
		return exitFail
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	eng := runtime.NewEngine(runtime.Config{})
	mod, err := eng.CompileModule(m)
	if err != nil {
		fmt.Fprintf(stderr, "sable run: %s: %v\n", path, err)
		return exitFail
	}
	st := runtime.NewStore(eng, runtime.StoreLimits{StackSize: *stackSize})
	defer st.Close()

	var imports runtime.Imports
	isWASI := importsWASI(mod)
	if isWASI {
		wasiArgs := callArgs
		if *invoke != "" {
			wasiArgs = nil
		}
		sys, err := w.system(path, wasiArgs, stdout, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "sable run: %v\n", err)
			return exitUsage
		}
		defer sys.Close()
		if err := sys.Define(&imports); err != nil {
			fmt.Fprintf(stderr, "sable run: %v\n", err)
			return exitFail
		}
	} else if w.used() {
		fmt.Fprintln(stderr, "sable run: --dir, --env and --inherit-env need a module that imports WASI")
		return exitUsage
	}
	inst, err := st.Instantiate(ctx, mod, &imports)
	if err != nil {
		return reportError(stderr, err)
	}
	if isWASI && *invoke == "" {
		if inst.Func("_start") == nil {
			fmt.Fprintf(stderr, "sable run: %s imports WASI but exports no _start: use --invoke\n", path)
			return exitUsage
		}
		code, err := wasi.Run(ctx, inst)
		if err != nil {
			return reportError(stderr, err)
		}
		return int(code)
	}
	if isWASI && inst.Func("_initialize") != nil {
		if _, err := inst.Func("_initialize").Call(ctx); err != nil {
			return reportWASIError(stderr, err)
		}
	}
	name := *invoke
	if name == "" {
		if inst.Func("_start") == nil {
			if len(callArgs) > 0 {
				fmt.Fprintln(stderr, "sable run: arguments given, but no --invoke and no _start export")
				return exitUsage
			}
			return exitOK
		}
		name = "_start"
	}
	f := inst.Func(name)
	if f == nil {
		fmt.Fprintf(stderr, "sable run: %s has no exported function %q\n", path, name)
		return exitUsage
	}
	params := f.Type().Params
	if len(callArgs) != len(params) {
		fmt.Fprintf(stderr, "sable run: %s%v takes %d arguments, got %d\n", name, f.Type(), len(params), len(callArgs))
		return exitUsage
	}
	vals := make([]runtime.Value, len(params))
	for i, a := range callArgs {
		if vals[i], err = parseArg(a, params[i]); err != nil {
			fmt.Fprintf(stderr, "sable run: argument %d: %v\n", i+1, err)
			return exitUsage
		}
	}
	res, err := f.Call(ctx, vals...)
	if err != nil {
		if isWASI {
			return reportWASIError(stderr, err)
		}
		return reportError(stderr, err)
	}
	for _, r := range res {
		fmt.Fprintln(stdout, formatResult(r))
	}
	return exitOK
}

// reportWASIError is reportError for a call that may end in proc_exit,
// whose code becomes the exit status.
func reportWASIError(stderr io.Writer, err error) int {
	code, err := wasi.ExitCode(err)
	if err != nil {
		return reportError(stderr, err)
	}
	return int(code)
}

// reportError prints a failed instantiation or call: a trap's message and
// backtrace, or the error.
func reportError(stderr io.Writer, err error) int {
	var trap *runtime.Trap
	if errors.As(err, &trap) {
		fmt.Fprintf(stderr, "sable run: trap: %+v\n", trap)
		return exitFail
	}
	fmt.Fprintf(stderr, "sable run: %v\n", err)
	return exitFail
}

// parseArg parses a command-line argument as a value of type t.
func parseArg(s string, t runtime.ValType) (runtime.Value, error) {
	switch t.Kind {
	case runtime.KindI32:
		n, err := parseInt(s, 32)
		return runtime.I32(int32(uint32(n))), err
	case runtime.KindI64:
		n, err := parseInt(s, 64)
		return runtime.I64(int64(n)), err
	case runtime.KindF32:
		f, err := parseFloat(s, 32)
		return runtime.F32(float32(f)), err
	case runtime.KindF64:
		f, err := parseFloat(s, 64)
		return runtime.F64(f), err
	case runtime.KindRef:
		if s == "null" && t.Nullable {
			return runtime.NullRef(t.Heap), nil
		}
	}
	return runtime.Value{}, fmt.Errorf("cannot pass %q as %v", s, t)
}

// parseInt accepts signed and unsigned forms: -1 and 4294967295 are the
// same i32.
func parseInt(s string, bits int) (uint64, error) {
	if n, err := strconv.ParseInt(s, 0, bits); err == nil {
		return uint64(n), nil
	}
	n, err := strconv.ParseUint(s, 0, bits)
	if err != nil {
		return 0, fmt.Errorf("%q is not an i%d", s, bits)
	}
	return n, nil
}

func parseFloat(s string, bits int) (float64, error) {
	switch strings.ToLower(strings.TrimPrefix(s, "+")) {
	case "nan":
		return math.NaN(), nil
	case "inf", "infinity":
		return math.Inf(1), nil
	case "-inf", "-infinity":
		return math.Inf(-1), nil
	}
	f, err := strconv.ParseFloat(s, bits)
	if err != nil {
		return 0, fmt.Errorf("%q is not an f%d", s, bits)
	}
	return f, nil
}

// formatResult prints a result the way it would be written as an argument:
// integers signed, floats in the shortest form that round-trips.
func formatResult(v runtime.Value) string {
	switch v.Type().Kind {
	case runtime.KindI32:
		return strconv.FormatInt(int64(v.I32()), 10)
	case runtime.KindI64:
		return strconv.FormatInt(v.I64(), 10)
	case runtime.KindF32:
		return strconv.FormatFloat(float64(v.F32()), 'g', -1, 32)
	case runtime.KindF64:
		return strconv.FormatFloat(v.F64(), 'g', -1, 64)
	}
	return v.String()
}
