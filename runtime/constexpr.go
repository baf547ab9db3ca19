package runtime

import (
	"errors"
	"fmt"
	"io"

	"github.com/sablewasm/sable/wasm"
)

// evalConst evaluates a validated constant expression of inst's module:
// the numeric constants, extended-const arithmetic (i32/i64 add, sub,
// mul), global.get of imported and earlier globals, ref.null, ref.func,
// ref.i31 and the extern/any conversions of null. GC allocation
// (struct.new, array.new*) and converting non-null references between the
// extern and any hierarchies need the GC heap, and report
// ErrNotImplemented until it exists.
func (inst *Instance) evalConst(ce wasm.ConstExpr) (Value, error) {
	var stack []Value
	pop := func() (Value, error) {
		if len(stack) == 0 {
			return Value{}, errors.New("runtime: constant expression pops an empty stack")
		}
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		return v, nil
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
		var v Value
		switch in.Op {
		case wasm.OpEnd:
			if len(stack) != 1 {
				return Value{}, fmt.Errorf("runtime: constant expression leaves %d values", len(stack))
			}
			return stack[0], nil
		case wasm.OpI32Const:
			v = I32(int32(uint32(in.Bits)))
		case wasm.OpI64Const:
			v = I64(int64(in.Bits))
		case wasm.OpF32Const:
			v = F32FromBits(uint32(in.Bits))
		case wasm.OpF64Const:
			v = F64FromBits(in.Bits)
		case wasm.OpV128Const:
			v = V128(in.V128)
		case wasm.OpGlobalGet:
			if int(in.Index) >= len(inst.globals) {
				return Value{}, fmt.Errorf("runtime: constant expression reads global %d before it exists", in.Index)
			}
			v = inst.globals[in.Index].Get()
		case wasm.OpRefNull:
			v = NullRef(inst.heapType(in.Heap))
		case wasm.OpRefFunc:
			if int(in.Index) >= len(inst.funcs) {
				return Value{}, fmt.Errorf("runtime: ref.func of unknown function %d", in.Index)
			}
			v = FuncRef(inst.funcs[in.Index])
		case wasm.OpI32Add, wasm.OpI32Sub, wasm.OpI32Mul, wasm.OpI64Add, wasm.OpI64Sub, wasm.OpI64Mul:
			b, err := pop()
			if err != nil {
				return Value{}, err
			}
			a, err := pop()
			if err != nil {
				return Value{}, err
			}
			v = arith(in.Op, a, b)
		case wasm.OpRefI31:
			a, err := pop()
			if err != nil {
				return Value{}, err
			}
			v = I31Ref(a.I32())
		case wasm.OpAnyConvertExtern, wasm.OpExternConvertAny:
			a, err := pop()
			if err != nil {
				return Value{}, err
			}
			if !a.IsNull() {
				return Value{}, fmt.Errorf("%w: %s of a non-null reference (needs the GC heap)", ErrNotImplemented, in.Op)
			}
			v = NullRef(HeapAny)
			if in.Op == wasm.OpExternConvertAny {
				v = NullRef(HeapExtern)
			}
		default:
			// struct.new, array.new and friends: validated, but they
			// allocate, and the GC heap arrives with the GC milestone.
			return Value{}, fmt.Errorf("%w: %s in a constant expression (needs the GC heap)", ErrNotImplemented, in.Op)
		}
		stack = append(stack, v)
	}
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
