package runtime

import (
	"errors"
	"fmt"
	"io"

	"github.com/sablewasm/sable/wasm"
)

// evalConstRaw evaluates a constant expression to its raw form, ready to
// be stored in a global, a table or an element segment. Objects the
// expression allocates are rooted only while it runs: the caller must
// store the result in a root before anything else allocates.
func (inst *Instance) evalConstRaw(ce wasm.ConstExpr) (rawValue, error) {
	defer inst.st.OpenScope().Close()
	v, err := inst.evalConst(ce)
	if err != nil {
		return rawValue{}, err
	}
	return inst.st.toRaw(v)
}

// evalConst evaluates a validated constant expression of inst's module:
// the numeric constants, extended-const arithmetic (i32/i64 add, sub,
// mul), global.get of imported and earlier globals, ref.null, ref.func,
// ref.i31, the extern/any conversions and GC allocation (struct.new,
// struct.new_default, array.new, array.new_default, array.new_fixed),
// which applies the same size rule and may collect like any other
// allocation. Intermediate objects are Values holding rooted Objects, so
// a collection during a later allocation keeps and updates them.
func (inst *Instance) evalConst(ce wasm.ConstExpr) (Value, error) {
	var stack []Value
	pop := func(n int) ([]Value, error) {
		if len(stack) < n {
			return nil, errors.New("runtime: constant expression pops an empty stack")
		}
		vs := stack[len(stack)-n:]
		stack = stack[:len(stack)-n]
		return vs, nil
	}
	rd := wasm.NewInstrReader(ce.Code, ce.Offset)
	var in wasm.Instr
	for {
		if err := rd.Next(&in); err != nil {
			if err == io.EOF {
				err = errors.New("runtime: constant expression without end")
			}
			return Value{}, err
		}
		if in.Op == wasm.OpEnd {
			if len(stack) != 1 {
				return Value{}, fmt.Errorf("runtime: constant expression leaves %d values", len(stack))
			}
			return stack[0], nil
		}
		args, err := pop(constArity(&in, inst))
		if err != nil {
			return Value{}, err
		}
		// args aliases the stack's free space: consume it before pushing.
		v, err := inst.evalConstInstr(&in, args)
		if err != nil {
			return Value{}, err
		}
		stack = append(stack, v)
	}
}

// constArity is how many operands a constant instruction pops.
func constArity(in *wasm.Instr, inst *Instance) int {
	switch in.Op {
	case wasm.OpI32Add, wasm.OpI32Sub, wasm.OpI32Mul, wasm.OpI64Add, wasm.OpI64Sub, wasm.OpI64Mul, wasm.OpArrayNew:
		return 2
	case wasm.OpRefI31, wasm.OpAnyConvertExtern, wasm.OpExternConvertAny, wasm.OpArrayNewDefault:
		return 1
	case wasm.OpArrayNewFixed:
		return int(in.Index2)
	case wasm.OpStructNew:
		if int(in.Index) < len(inst.mod.m.Types) {
			return len(inst.mod.m.Types[in.Index].Comp.Fields)
		}
	}
	return 0
}

// evalConstInstr applies one instruction other than end to its operands.
func (inst *Instance) evalConstInstr(in *wasm.Instr, args []Value) (Value, error) {
	st := inst.st
	switch in.Op {
	case wasm.OpI32Const:
		return I32(int32(uint32(in.Bits))), nil
	case wasm.OpI64Const:
		return I64(int64(in.Bits)), nil
	case wasm.OpF32Const:
		return F32FromBits(uint32(in.Bits)), nil
	case wasm.OpF64Const:
		return F64FromBits(in.Bits), nil
	case wasm.OpV128Const:
		return V128(in.V128), nil
	case wasm.OpGlobalGet:
		if int(in.Index) >= len(inst.globals) {
			return Value{}, fmt.Errorf("runtime: constant expression reads global %d before it exists", in.Index)
		}
		return inst.globals[in.Index].Get(), nil
	case wasm.OpRefNull:
		return NullRef(inst.heapType(in.Heap)), nil
	case wasm.OpRefFunc:
		if int(in.Index) >= len(inst.funcs) {
			return Value{}, fmt.Errorf("runtime: ref.func of unknown function %d", in.Index)
		}
		return FuncRef(inst.funcs[in.Index]), nil
	case wasm.OpI32Add, wasm.OpI32Sub, wasm.OpI32Mul, wasm.OpI64Add, wasm.OpI64Sub, wasm.OpI64Mul:
		return arith(in.Op, args[0], args[1]), nil
	case wasm.OpRefI31:
		return I31Ref(args[0].I32()), nil
	case wasm.OpAnyConvertExtern:
		return internalize(args[0]), nil
	case wasm.OpExternConvertAny:
		return externalize(args[0]), nil
	}
	// Allocation.
	if int(in.Index) >= len(inst.mod.typeIDs) {
		return Value{}, fmt.Errorf("runtime: %s of unknown type %d", in.Op, in.Index)
	}
	id := inst.mod.typeIDs[in.Index]
	var ref uint32
	var err error
	switch in.Op {
	case wasm.OpStructNew:
		ref, err = st.newStruct(id, args)
	case wasm.OpStructNewDefault:
		ref, err = st.newStruct(id, nil)
	case wasm.OpArrayNew:
		ref, err = st.newArray(id, uint32(args[1].I32()), args[0])
	case wasm.OpArrayNewDefault:
		ref, err = st.newArray(id, uint32(args[0].I32()), Value{})
	case wasm.OpArrayNewFixed:
		ref, err = st.newArrayOf(id, args)
	default:
		return Value{}, fmt.Errorf("runtime: %s in a constant expression", in.Op)
	}
	if err != nil {
		return Value{}, err
	}
	o, err := st.newObject(ref)
	return ObjectRef(o), err
}

// internalize is any.convert_extern: the same reference, seen as an anyref.
func internalize(v Value) Value {
	switch x := v.ref.(type) {
	case nil:
		if v.IsNull() {
			return NullRef(HeapAny)
		}
		return I31Ref(v.I31())
	case hostValue:
		return HostRef(x.x)
	case *Object:
		return ObjectRef(x)
	}
	return v
}

// externalize is extern.convert_any: the same reference, seen as an
// externref.
func externalize(v Value) Value {
	if v.IsNull() {
		return NullRef(HeapExtern)
	}
	v.typ = RefType(false, HeapExtern)
	return v
}

// arith applies an extended-const operator, with wrapping arithmetic.
func arith(op wasm.Op, a, b Value) Value {
	switch op {
	case wasm.OpI32Add:
		return I32(a.I32() + b.I32())
	case wasm.OpI32Sub:
		return I32(a.I32() - b.I32())
	case wasm.OpI32Mul:
		return I32(a.I32() * b.I32())
	case wasm.OpI64Add:
		return I64(a.I64() + b.I64())
	case wasm.OpI64Sub:
		return I64(a.I64() - b.I64())
	}
	return I64(a.I64() * b.I64())
}

// heapType converts a heap type of inst's module to its canonical form.
func (inst *Instance) heapType(h wasm.HeapType) HeapType {
	if h.IsAbstract() {
		return HeapType(h)
	}
	return ConcreteHeapType(inst.mod.typeIDs[h.Index()])
}
