package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasi"
)

// stdin is what a WASI program reads as its standard input (a variable
// so that tests can replace it).
var stdin io.Reader = os.Stdin

// wasiFlags are the flags of `sable run` that describe a WASI program's
// world.
type wasiFlags struct {
	dirs       []wasi.Preopen
	env        []string
	inheritEnv bool
}

func (w *wasiFlags) register(fs *flag.FlagSet) {
	fs.Func("dir", "give the module the host directory `HOST[::GUEST]`, named GUEST (default HOST) inside; repeatable", func(s string) error {
		host, guest, ok := strings.Cut(s, "::")
		if !ok {
			guest = host
		}
		if host == "" || guest == "" {
			return fmt.Errorf("want HOST or HOST::GUEST")
		}
		w.dirs = append(w.dirs, wasi.Preopen{Path: guest, FS: wasi.DirFS(host)})
		return nil
	})
	fs.Func("env", "set the environment variable `NAME=VALUE` (NAME alone: the host's value); repeatable", func(s string) error {
		if !strings.Contains(s, "=") {
			v, ok := os.LookupEnv(s)
			if !ok {
				return nil
			}
			s += "=" + v
		}
		w.env = append(w.env, s)
		return nil
	})
	fs.BoolVar(&w.inheritEnv, "inherit-env", false, "pass the whole host environment (before any --env)")
}

func (w *wasiFlags) used() bool { return len(w.dirs) > 0 || len(w.env) > 0 || w.inheritEnv }

// system builds the WASI world of a program run as file with args.
func (w *wasiFlags) system(file string, args []string, stdout, stderr io.Writer) (*wasi.System, error) {
	var env []string
	if w.inheritEnv {
		env = os.Environ()
	}
	env = append(env, w.env...)
	return wasi.New(wasi.Config{
		Args:     append([]string{file}, args...),
		Env:      env,
		Stdin:    stdin,
		Stdout:   stdout,
		Stderr:   stderr,
		Preopens: w.dirs,
	})
}

// importsWASI says whether mod imports anything of WASI preview1.
func importsWASI(mod *runtime.Module) bool {
	for _, im := range mod.Imports() {
		if im.Module == wasi.ModuleName {
			return true
		}
	}
	return false
}
