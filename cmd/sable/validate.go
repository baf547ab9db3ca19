package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// wasmMagic starts every binary module; files starting with it are decoded
// as binary whatever their name.
var wasmMagic = []byte("\x00asm")

// runValidate decodes (binary) or parses (text) a module and validates it.
func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: sable validate FILE.wasm|FILE.wat")
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, `Decodes a binary module or parses a text module, validates it and prints`)
		fmt.Fprintln(stderr, `"valid" or the error. Exits with status 1 if the module is not valid.`)
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	path := fs.Arg(0)
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "sable validate: %v\n", err)
		return exitUsage
	}
	if err := validate(src); err != nil {
		fmt.Fprintf(stdout, "%s: %v\n", path, err)
		return exitFail
	}
	fmt.Fprintln(stdout, "valid")
	return exitOK
}

func validate(src []byte) error {
	var m *wasm.Module
	var err error
	if bytes.HasPrefix(src, wasmMagic) {
		m, err = wasm.Decode(src)
	} else {
		m, err = wat.ParseModule(src)
	}
	if err != nil {
		return err
	}
	return wasm.Validate(m)
}
