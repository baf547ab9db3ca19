// Package spectesthost provides "spectest", the host module that the
// WebAssembly spec test scripts import: print functions, four immutable
// globals, a table and a memory, with the types and values of the spec's
// reference interpreter.
package spectesthost

import (
	"context"
	"fmt"
	"io"

	"github.com/sablewasm/sable/runtime"
)

// ModuleName is the import module name the scripts use.
const ModuleName = "spectest"

// Define creates the spectest externs in st and defines them in im under
// ModuleName. The print functions write their arguments to out, one call a
// line, as the reference interpreter does.
func Define(st *runtime.Store, im *runtime.Imports, out io.Writer) error {
	prints := []struct {
		name   string
		params []runtime.ValType
	}{
		{"print", nil},
		{"print_i32", []runtime.ValType{runtime.TypeI32}},
		{"print_i64", []runtime.ValType{runtime.TypeI64}},
		{"print_f32", []runtime.ValType{runtime.TypeF32}},
		{"print_f64", []runtime.ValType{runtime.TypeF64}},
		{"print_i32_f32", []runtime.ValType{runtime.TypeI32, runtime.TypeF32}},
		{"print_f64_f64", []runtime.ValType{runtime.TypeF64, runtime.TypeF64}},
	}
	for _, p := range prints {
		f, err := runtime.NewRawHostFunc(&runtime.FuncType{Params: p.params},
			func(_ context.Context, _ *runtime.Caller, args []runtime.Value) ([]runtime.Value, error) {
				for _, a := range args {
					fmt.Fprintf(out, "%s : %s\n", number(a), a.Type())
				}
				return nil, nil
			})
		if err != nil {
			return err
		}
		im.Define(ModuleName, p.name, f)
	}

	globals := []struct {
		name string
		v    runtime.Value
	}{
		{"global_i32", runtime.I32(666)},
		{"global_i64", runtime.I64(666)},
		{"global_f32", runtime.F32(666.6)},
		{"global_f64", runtime.F64(666.6)},
	}
	for _, g := range globals {
		glob, err := st.NewGlobal(runtime.GlobalType{Type: g.v.Type()}, g.v)
		if err != nil {
			return err
		}
		im.Define(ModuleName, g.name, glob)
	}

	limits := runtime.Limits{Min: 10, Max: 20, HasMax: true}
	for _, t := range []struct {
		name string
		is64 bool
	}{{"table", false}, {"table64", true}} {
		tb, err := st.NewTable(runtime.TableType{Elem: runtime.TypeFuncRef, Limits: limits, Is64: t.is64}, runtime.NullRef(runtime.HeapFunc))
		if err != nil {
			return err
		}
		im.Define(ModuleName, t.name, tb)
	}

	mem, err := st.NewMemory(runtime.MemoryType{Limits: runtime.Limits{Min: 1, Max: 2, HasMax: true}})
	if err != nil {
		return err
	}
	im.Define(ModuleName, "memory", mem)
	return nil
}

// number formats a number argument as the reference interpreter does.
func number(v runtime.Value) string {
	switch v.Type().Kind {
	case runtime.KindI32:
		return fmt.Sprint(v.I32())
	case runtime.KindI64:
		return fmt.Sprint(v.I64())
	case runtime.KindF32:
		return fmt.Sprint(v.F32())
	}
	return fmt.Sprint(v.F64())
}
