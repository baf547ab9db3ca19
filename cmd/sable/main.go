// Command sable is the command-line interface of the Sable WebAssembly
// runtime.
//
//	sable run [--invoke NAME] FILE [ARGS...]  call a module's function
//	sable wast [--json] FILE.wast...         run spec test scripts
//	sable validate FILE.wasm|FILE.wat        check that a module is valid
//	sable objdump [--arch A] [--func N] FILE disassemble the compiled code
package main

import (
	"fmt"
	"io"
	"os"
)

// A subcommand runs with its arguments and returns the process exit status.
type subcommand struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var subcommands = []subcommand{
	{"run", "run a module (.wasm or .wat): its _start or --invoke NAME with ARGS", runRun},
	{"wast", "run WebAssembly spec test scripts (.wast)", runWast},
	{"validate", "decode or parse a module (.wasm or .wat) and validate it", runValidate},
	{"objdump", "disassemble a module's compiled amd64 or arm64 code", runObjdump},
}

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // a test failed, a module is invalid, a call trapped
	exitUsage = 2 // bad command line or unreadable input
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	for _, c := range subcommands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "sable: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Sable is a WebAssembly 3.0 runtime for Go.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: sable <command> [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range subcommands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "sable <command> -h" for a command's options.`)
}
