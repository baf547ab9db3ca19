package runtime

import (
	"context"
	"fmt"
	"reflect"
)

// RawHostFunc is the low-level form of a host function: it receives the
// arguments as Values, already checked against its type, and must return
// results of its type. c says who called it.
type RawHostFunc func(ctx context.Context, c *Caller, args []Value) ([]Value, error)

// NewRawHostFunc returns a host function of type typ implemented by fn.
// Reference types in typ must be abstract (funcref, externref, ...).
func NewRawHostFunc(typ *FuncType, fn RawHostFunc) (*Func, error) {
	if typ == nil || fn == nil {
		return nil, fmt.Errorf("runtime: NewRawHostFunc needs a type and a function")
	}
	t := &FuncType{Params: append([]ValType(nil), typ.Params...), Results: append([]ValType(nil), typ.Results...)}
	if _, _, err := hostFuncType(t); err != nil {
		return nil, err
	}
	return &Func{typ: t, host: fn}, nil
}

// NewHostFunc returns a host function implemented by the Go function fn,
// whose signature gives the WebAssembly type:
//
//	int32, uint32      i32
//	int64, uint64      i64
//	float32            f32
//	float64            f64
//	[16]byte           v128
//	*Func              funcref (nil is null)
//	any                externref (nil is null)
//	runtime.Value      anyref: any reference of the any hierarchy —
//	                   an *Object, an i31, a HostRef, or null
//
// fn may take a context.Context first (the one given to Call) and a
// *Caller next, and may return an error last, which aborts the call that
// invoked it. For example:
//
//	runtime.NewHostFunc(func(ctx context.Context, x int32, y float64) (int64, error) { ... })
//
// A panic in fn is recovered and returned as a *PanicError.
func NewHostFunc(fn any) (*Func, error) {
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func || v.IsNil() {
		return nil, fmt.Errorf("runtime: NewHostFunc needs a non-nil func, got %T", fn)
	}
	ft := v.Type()
	if ft.IsVariadic() {
		return nil, fmt.Errorf("runtime: host function %v is variadic", ft)
	}
	in := 0
	wantCtx := in < ft.NumIn() && ft.In(in) == ctxType
	if wantCtx {
		in++
	}
	wantCaller := in < ft.NumIn() && ft.In(in) == callerType
	if wantCaller {
		in++
	}
	typ := &FuncType{}
	for i := in; i < ft.NumIn(); i++ {
		t, ok := goValType(ft.In(i))
		if !ok {
			return nil, fmt.Errorf("runtime: host function %v: parameter %d has unsupported type %v", ft, i, ft.In(i))
		}
		typ.Params = append(typ.Params, t)
	}
	nout := ft.NumOut()
	wantErr := nout > 0 && ft.Out(nout-1) == errorType
	if wantErr {
		nout--
	}
	for i := range nout {
		t, ok := goValType(ft.Out(i))
		if !ok {
			return nil, fmt.Errorf("runtime: host function %v: result %d has unsupported type %v", ft, i, ft.Out(i))
		}
		typ.Results = append(typ.Results, t)
	}
	call := func(ctx context.Context, c *Caller, args []Value) ([]Value, error) {
		goArgs := make([]reflect.Value, 0, ft.NumIn())
		if wantCtx {
			goArgs = append(goArgs, reflect.ValueOf(&ctx).Elem())
		}
		if wantCaller {
			goArgs = append(goArgs, reflect.ValueOf(c))
		}
		for i, a := range args {
			goArgs = append(goArgs, toGo(a, ft.In(in+i)))
		}
		out := v.Call(goArgs)
		if wantErr {
			if err, _ := out[nout].Interface().(error); err != nil {
				return nil, err
			}
		}
		res := make([]Value, nout)
		for i := range nout {
			res[i] = fromGo(out[i])
		}
		return res, nil
	}
	return &Func{typ: typ, host: call}, nil
}

var (
	ctxType    = reflect.TypeFor[context.Context]()
	callerType = reflect.TypeFor[*Caller]()
	errorType  = reflect.TypeFor[error]()
	funcType   = reflect.TypeFor[*Func]()
	anyType    = reflect.TypeFor[any]()
	valueType  = reflect.TypeFor[Value]()
	v128Type   = reflect.TypeFor[[16]byte]()
)

// goValType maps a Go parameter or result type to its Wasm value type.
func goValType(t reflect.Type) (ValType, bool) {
	switch t {
	case funcType:
		return TypeFuncRef, true
	case anyType:
		return TypeExternRef, true
	case valueType:
		return TypeAnyRef, true
	case v128Type:
		return TypeV128, true
	}
	switch t.Kind() {
	case reflect.Int32, reflect.Uint32:
		return TypeI32, true
	case reflect.Int64, reflect.Uint64:
		return TypeI64, true
	case reflect.Float32:
		return TypeF32, true
	case reflect.Float64:
		return TypeF64, true
	}
	return ValType{}, false
}

// toGo converts a checked argument to the Go parameter type t.
func toGo(v Value, t reflect.Type) reflect.Value {
	switch t {
	case funcType:
		return reflect.ValueOf(v.Func())
	case anyType:
		x := v.Extern()
		return reflect.ValueOf(&x).Elem()
	case valueType:
		return reflect.ValueOf(v)
	case v128Type:
		return reflect.ValueOf(v.V128())
	}
	out := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.Int32:
		out.SetInt(int64(v.I32()))
	case reflect.Int64:
		out.SetInt(v.I64())
	case reflect.Uint32, reflect.Uint64:
		out.SetUint(v.Bits())
	case reflect.Float32:
		// Through memory, not SetFloat: widening to float64 and back
		// would quiet a signaling NaN.
		*(*float32)(out.Addr().UnsafePointer()) = v.F32()
	case reflect.Float64:
		*(*float64)(out.Addr().UnsafePointer()) = v.F64()
	}
	return out
}

// fromGo converts a Go result to a Value.
func fromGo(r reflect.Value) Value {
	switch r.Type() {
	case funcType:
		return FuncRef(r.Interface().(*Func))
	case anyType:
		return ExternRef(r.Interface())
	case valueType:
		v := r.Interface().(Value)
		if v == (Value{}) {
			return NullRef(HeapAny) // the zero Value stands for null
		}
		return v
	case v128Type:
		return V128(r.Interface().([16]byte))
	}
	switch r.Kind() {
	case reflect.Int32:
		return I32(int32(r.Int()))
	case reflect.Uint32:
		return I32(int32(uint32(r.Uint())))
	case reflect.Int64:
		return I64(r.Int())
	case reflect.Uint64:
		return I64(int64(r.Uint()))
	}
	// Floats through memory, bit for bit (see toGo).
	tmp := reflect.New(r.Type()).Elem()
	tmp.Set(r)
	if r.Kind() == reflect.Float32 {
		return F32(*(*float32)(tmp.Addr().UnsafePointer()))
	}
	return F64(*(*float64)(tmp.Addr().UnsafePointer()))
}
