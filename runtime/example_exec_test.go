//go:build amd64

package runtime_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/sablewasm/sable/runtime"
)

// Compile a module, instantiate it with a host function, and call its
// WebAssembly code: results, a trap with its backtrace, and a host
// callback.
func ExampleFunc_Call() {
	ctx := context.Background()
	eng := runtime.NewEngine(runtime.Config{})
	mod, err := eng.Compile(wasmBytes(`(module (@name "demo")
		(import "env" "log" (func $log (param i32)))
		(func $fib (@name "fib") (export "fib") (param i32) (result i32)
		  (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
		    (then (local.get 0))
		    (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
		                   (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
		(func (@name "report") (export "report") (param i32)
		  (call $log (call $fib (local.get 0))))
		(func (@name "div") (export "div") (param i32 i32) (result i32)
		  (i32.div_u (local.get 0) (local.get 1))))`))
	if err != nil {
		fmt.Println(err)
		return
	}
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	defer st.Close()
	logf, _ := runtime.NewHostFunc(func(v int32) { fmt.Println("log:", v) })
	var imports runtime.Imports
	imports.Define("env", "log", logf)
	inst, err := st.Instantiate(ctx, mod, &imports)
	if err != nil {
		fmt.Println(err)
		return
	}

	res, err := inst.Func("fib").Call(ctx, runtime.I32(30))
	fmt.Println(res[0].I32(), err)

	_, err = inst.Func("report").Call(ctx, runtime.I32(10))
	fmt.Println(err)

	_, err = inst.Func("div").Call(ctx, runtime.I32(1), runtime.I32(0))
	var trap *runtime.Trap
	if errors.As(err, &trap) {
		fmt.Println(errors.Is(err, runtime.ErrIntegerDivideByZero), trap.Error(), trap.Backtrace[0].FuncName)
	}
	// Output:
	// 832040 <nil>
	// log: 55
	// <nil>
	// true integer divide by zero div
}
