package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/sablewasm/sable/backend/amd64"
	"github.com/sablewasm/sable/backend/arm64"
	"github.com/sablewasm/sable/wasm"
)

// compiledModule is what both back ends produce (one type, shared).
type compiledModule = amd64.Module

// objdumpArch is one back end as objdump drives it. The code is only
// shown, never run: GC instructions compile too.
type objdumpArch struct {
	compile func(m *wasm.Module, host bool) (*compiledModule, error)
	disasm  func(code []byte, pc uint64) []string
}

var objdumpArchs = map[string]objdumpArch{
	"amd64": {
		compile: func(m *wasm.Module, host bool) (*compiledModule, error) {
			var feat amd64.Features
			if host {
				feat = amd64.HostFeatures()
			}
			return amd64.Compile(m, amd64.Options{Features: feat, GC: true})
		},
		disasm: func(code []byte, pc uint64) []string { return lines(amd64.Disassemble(code, pc)) },
	},
	"arm64": {
		compile: func(m *wasm.Module, _ bool) (*compiledModule, error) {
			return arm64.Compile(m, arm64.Options{GC: true})
		},
		disasm: func(code []byte, pc uint64) []string { return lines(arm64.Disassemble(code, pc)) },
	},
}

func lines[L fmt.Stringer](ls []L) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.String()
	}
	return out
}

// runObjdump compiles a module with the back end of --arch (amd64 unless
// told otherwise: the listing does not depend on the machine sable runs
// on) and disassembles its functions. amd64 code is for the baseline CPU
// unless --host is given.
func runObjdump(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("objdump", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fn := fs.Int("func", -1, "disassemble only function `N` (function index space, imports first)")
	archName := fs.String("arch", "amd64", "the back end: `amd64` or arm64")
	host := fs.Bool("host", false, "amd64: use the CPU extensions of this machine (LZCNT, BMI1, POPCNT, SSE4.1)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: sable objdump [--arch amd64|arm64] [--func N] [--host] FILE.wasm|FILE.wat")
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, "Compiles the module for amd64 (or arm64) and prints the machine code of")
		fmt.Fprintln(stderr, "its functions (GNU syntax, addresses relative to the module's code).")
		fmt.Fprintln(stderr, "Either architecture's code can be shown on any host.")
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
	arch, ok := objdumpArchs[*archName]
	if len(pos) != 1 || !ok || (*host && *archName != "amd64") {
		fs.Usage()
		return exitUsage
	}
	path := pos[0]
	m, err := loadModule(path)
	if err != nil {
		fmt.Fprintf(stderr, "sable objdump: %s: %v\n", path, err)
		return exitFail
	}
	cm, err := arch.compile(m, *host)
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
		for _, l := range arch.disasm(cm.Code[f.Offset:f.Offset+f.Size], uint64(f.Offset)) {
			fmt.Fprintln(stdout, l)
		}
		fmt.Fprintln(stdout)
	}
	return exitOK
}
