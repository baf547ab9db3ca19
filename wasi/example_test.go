package wasi_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing/fstest"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasi"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// compile turns a module in the text format into a compiled Module, as
// a real program's .wasm file would be compiled.
func compile(eng *runtime.Engine, src string) *runtime.Module {
	m, err := wat.ParseModule([]byte(src))
	if err != nil {
		panic(err)
	}
	mod, err := eng.Compile(wasm.Encode(m))
	if err != nil {
		panic(err)
	}
	return mod
}

// A WASI command: it writes to its standard output and exits.
const helloWAT = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello, WASI\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))  ;; iovec.buf
    (i32.store (i32.const 4) (i32.const 12))  ;; iovec.buf_len
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 3))))`

func Example() {
	ctx := context.Background()
	eng := runtime.NewEngine(runtime.Config{})
	mod := compile(eng, helloWAT)
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	defer st.Close()

	sys, err := wasi.New(wasi.Config{Args: []string{"hello"}, Stdout: os.Stdout})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sys.Close()
	var imports runtime.Imports
	if err := sys.Define(&imports); err != nil {
		fmt.Println(err)
		return
	}
	inst, err := st.Instantiate(ctx, mod, &imports)
	if err != nil {
		fmt.Println(err)
		return
	}
	code, err := wasi.Run(ctx, inst)
	fmt.Println("exit code", code, err)
	// Output:
	// hello, WASI
	// exit code 3 <nil>
}

// proc_exit ends the call into the program with an *ExitError, and the
// host goes on.
func ExampleExitError() {
	ctx := context.Background()
	eng := runtime.NewEngine(runtime.Config{})
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	defer st.Close()
	sys, _ := wasi.New(wasi.Config{})
	defer sys.Close()
	var imports runtime.Imports
	sys.Define(&imports)
	inst, err := st.Instantiate(ctx, compile(eng, helloWAT), &imports)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = inst.Func("_start").Call(ctx)
	var exit *wasi.ExitError
	if errors.As(err, &exit) {
		fmt.Println("the program exited with", exit.Code)
	}
	// Output:
	// the program exited with 3
}

// A program sees only its preopens: here a read-only fs.FS as "/".
// This one opens /greeting.txt and copies it to standard output.
func ExampleReadOnlyFS() {
	ctx := context.Background()
	eng := runtime.NewEngine(runtime.Config{})
	mod := compile(eng, `(module
	  (import "wasi_snapshot_preview1" "path_open" (func $path_open
	    (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
	  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
	  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
	  (memory (export "memory") 1)
	  (data (i32.const 100) "greeting.txt")
	  (func (export "_start")
	    ;; path_open(fd 3 = the first preopen, follow links, "greeting.txt",
	    ;;           no oflags, rights FD_READ, no inherited rights, no fdflags, &fd at 0)
	    (drop (call $path_open (i32.const 3) (i32.const 1) (i32.const 100) (i32.const 12)
	      (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0)))
	    (i32.store (i32.const 8) (i32.const 200))  ;; iovec over 200..264
	    (i32.store (i32.const 12) (i32.const 64))
	    (drop (call $fd_read (i32.load (i32.const 0)) (i32.const 8) (i32.const 1) (i32.const 12)))
	    ;; the count read is now the iovec's length: write exactly that
	    (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 16)))))`)
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	defer st.Close()
	sys, err := wasi.New(wasi.Config{
		Stdout: os.Stdout,
		Preopens: []wasi.Preopen{{Path: "/", FS: wasi.ReadOnlyFS(fstest.MapFS{
			"greeting.txt": {Data: []byte("hello from an fs.FS\n")},
		})}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sys.Close()
	var imports runtime.Imports
	sys.Define(&imports)
	inst, err := st.Instantiate(ctx, mod, &imports)
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := wasi.Run(ctx, inst); err != nil {
		fmt.Println(err)
	}
	// Output:
	// hello from an fs.FS
}
