package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/sablewasm/sable/backend/amd64"
)

// runObjdump compiles a module with the amd64 back end and disassembles
// its functions. It compiles for the baseline CPU unless --host is given,
// so the listing does not depend on the machine it runs on.
func runObjdump(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("objdump", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fn := fs.Int("func", -1, "disassemble only function `N` (function index space, imports first)")
	host := fs.Bool("host", false, "use the CPU extensions of this machine (LZCNT, BMI1, POPCNT, SSE4.1)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: sable objdump [--func N] [--host] FILE.wasm|FILE.wat")
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, "Compiles the module for amd64 and prints the machine code of its")
		fmt.Fprintln(stderr, "functions (GNU syntax, addresses relative to the module's code).")
		fmt.Fprintln(stderr)
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	path := pos[0]
	m, err := loadModule(path)
	if err != nil {
		fmt.Fprintf(stderr, "sable objdump: %s: %v\n", path, err)
		return exitFail
	}
	var feat amd64.Features
	if *host {
		feat = amd64.HostFeatures()
	}
	// The code is only shown, never run: GC instructions compile too.
	cm, err := amd64.Compile(m, amd64.Options{Features: feat, GC: true})
	if err != nil {
		fmt.Fprintf(stderr, "sable objdump: %s: %v\n", path, err)
		return exitFail
	}
	if *fn >= len(cm.Funcs) {
		fmt.Fprintf(stderr, "sable objdump: %s has %d functions; no function %d\n", path, len(cm.Funcs), *fn)
		return exitUsage
	}
	for i, f := range cm.Funcs {
		if (*fn >= 0 && i != *fn) || f.Size == 0 {
			if i == *fn {
				fmt.Fprintf(stderr, "sable objdump: function %d is imported: it has no code\n", i)
				return exitUsage
			}
			continue
		}
		name := ""
		if m.Names != nil && m.Names.Funcs[uint32(i)] != "" {
			name = " $" + m.Names.Funcs[uint32(i)]
		}
		fmt.Fprintf(stdout, "func[%d]%s:\n", i, name)
		for _, l := range amd64.Disassemble(cm.Code[f.Offset:f.Offset+f.Size], uint64(f.Offset)) {
			fmt.Fprintln(stdout, l)
		}
		fmt.Fprintln(stdout)
	}
	return exitOK
}
