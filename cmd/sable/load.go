package main

import (
	"bytes"
	"flag"
	"os"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// loadModule reads a binary (by its magic, whatever the file's name) or
// text module and validates it. A text module goes through its binary
// encoding, so that the offsets in backtraces are those of the .wasm file
// it would be.
func loadModule(path string) (*wasm.Module, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(src, wasmMagic) {
		m, err := wat.ParseModule(src)
		if err != nil {
			return nil, err
		}
		src = wasm.Encode(m)
	}
	m, err := wasm.Decode(src)
	if err != nil {
		return nil, err
	}
	if err := wasm.Validate(m); err != nil {
		return nil, err
	}
	return m, nil
}

// parseInterspersed parses fs's flags wherever they appear among the
// positional arguments (`sable objdump FILE --func 3`), up to a "--",
// which ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
