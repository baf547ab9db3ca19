package runtime_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// wasmBytes turns a module in the text format into the binary a user
// would load from a file.
func wasmBytes(src string) []byte {
	m, err := wat.ParseModule([]byte(src))
	if err != nil {
		panic(err)
	}
	return wasm.Encode(m)
}

func Example() {
	ctx := context.Background()
	eng := runtime.NewEngine(runtime.Config{})
	mod, err := eng.Compile(wasmBytes(`(module
		(import "env" "add" (func $add (param i32 i32) (result i32)))
		(export "add" (func $add))
		(memory (export "memory") 1)
		(data (i32.const 0) "hello"))`))
	if err != nil {
		fmt.Println(err)
		return
	}
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	defer st.Close()

	add, err := runtime.NewHostFunc(func(a, b int32) int32 { return a + b })
	if err != nil {
		fmt.Println(err)
		return
	}
	var imports runtime.Imports
	imports.Define("env", "add", add)
	inst, err := st.Instantiate(ctx, mod, &imports)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := inst.Func("add").Call(ctx, runtime.I32(2), runtime.I32(40))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res[0].I32())
	fmt.Printf("%s\n", inst.Memory("memory").Bytes()[:5])
	// Output:
	// 42
	// hello
}

func ExampleNewHostFunc() {
	// A context, a *Caller and an error result are optional.
	div, err := runtime.NewHostFunc(func(ctx context.Context, a, b int64) (int64, error) {
		if b == 0 {
			return 0, errors.New("division by zero")
		}
		return a / b, nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(div.Type())
	res, err := div.Call(context.Background(), runtime.I64(84), runtime.I64(2))
	fmt.Println(res[0].I64(), err)
	_, err = div.Call(context.Background(), runtime.I64(1), runtime.I64(0))
	fmt.Println(err)
	// Output:
	// (func (param i64 i64) (result i64))
	// 42 <nil>
	// division by zero
}

func ExampleMemory_Grow() {
	st := runtime.NewStore(runtime.NewEngine(runtime.Config{}), runtime.StoreLimits{})
	defer st.Close()
	mem, _ := st.NewMemory(runtime.MemoryType{Limits: runtime.Limits{Min: 1, Max: 2, HasMax: true}})
	prev, err := mem.Grow(1)
	fmt.Println(prev, mem.Size(), err)
	_, err = mem.Grow(1)
	fmt.Println(errors.Is(err, runtime.ErrLimit))
	err = mem.Write(2*runtime.PageSize-1, []byte{1, 2})
	fmt.Println(err, errors.Is(err, runtime.ErrOutOfBoundsMemory))
	// Output:
	// 1 2 <nil>
	// true
	// out of bounds memory access true
}

func ExampleImports_DefineInstance() {
	ctx := context.Background()
	eng := runtime.NewEngine(runtime.Config{})
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	defer st.Close()

	lib, _ := eng.Compile(wasmBytes(`(module (memory (export "mem") 1) (global (export "g") (mut i32) (i32.const 1)))`))
	app, _ := eng.Compile(wasmBytes(`(module
		(import "lib" "mem" (memory 1))
		(import "lib" "g" (global (mut i32)))
		(data (i32.const 0) "shared"))`))

	libInst, _ := st.Instantiate(ctx, lib, nil)
	var imports runtime.Imports
	imports.DefineInstance("lib", libInst)
	if _, err := st.Instantiate(ctx, app, &imports); err != nil {
		fmt.Println(err)
		return
	}
	// The app wrote into the library's memory: imports share, never copy.
	fmt.Printf("%s\n", libInst.Memory("mem").Bytes()[:6])

	_, err := st.Instantiate(ctx, app, new(runtime.Imports))
	fmt.Println(err)
	// Output:
	// shared
	// unknown import "lib" "mem"
}

func ExampleTrap() {
	ctx := context.Background()
	eng := runtime.NewEngine(runtime.Config{})
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	defer st.Close()
	mod, _ := eng.Compile(wasmBytes(`(module (memory 1) (data (i32.const 65535) "too long"))`))
	_, err := st.Instantiate(ctx, mod, nil)
	var trap *runtime.Trap
	fmt.Println(errors.As(err, &trap), errors.Is(err, runtime.ErrOutOfBoundsMemory), err)
	// Output:
	// true true out of bounds memory access
}
