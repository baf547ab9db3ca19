package compiler

import (
	"fmt"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// Translation of the GC instructions (see gc_ops.go for the IR they use).
// Every null check, array bounds check and cast is its own check
// instruction in front of a total operation, like the memory checks.

// gcInstr translates a GC instruction; other opcodes are unsupported.
func (b *builder) gcInstr(op wasm.Op) error {
	in := &b.in
	switch op {
	case wasm.OpStructNew, wasm.OpStructNewDefault:
		return b.structNew(op == wasm.OpStructNewDefault)
	case wasm.OpStructGet, wasm.OpStructGetS, wasm.OpStructGetU:
		return b.structGet(op)
	case wasm.OpStructSet:
		return b.structSet()
	case wasm.OpArrayNew, wasm.OpArrayNewDefault:
		return b.arrayNew(op == wasm.OpArrayNewDefault)
	case wasm.OpArrayNewFixed:
		return b.arrayNewFixed()
	case wasm.OpArrayNewData:
		return b.arrayRuntimeNew(RuntimeArrayNewData, abi.TrapMemoryOutOfBounds)
	case wasm.OpArrayNewElem:
		return b.arrayRuntimeNew(RuntimeArrayNewElem, abi.TrapTableOutOfBounds)
	case wasm.OpArrayGet, wasm.OpArrayGetS, wasm.OpArrayGetU:
		return b.arrayGet(op)
	case wasm.OpArraySet:
		return b.arraySet()
	case wasm.OpArrayLen:
		ref := b.pop()
		b.emit(Instr{Op: OpTrapIfNull, Trap: abi.TrapNullArrayReference}, ref)
		b.push(b.emit1(Instr{Op: OpArrayLen}, TypeI32, ref))
	case wasm.OpArrayFill:
		return b.arrayBulk(RuntimeArrayFill, 4)
	case wasm.OpArrayCopy:
		return b.arrayBulk(RuntimeArrayCopy, 5)
	case wasm.OpArrayInitData:
		return b.arrayBulk(RuntimeArrayInitData, 4)
	case wasm.OpArrayInitElem:
		return b.arrayBulk(RuntimeArrayInitElem, 4)
	case wasm.OpRefI31:
		b.push(b.emit1(Instr{Op: OpRefI31}, TypeRef, b.pop()))
	case wasm.OpI31GetS, wasm.OpI31GetU:
		ref := b.pop()
		b.emit(Instr{Op: OpTrapIfNull, Trap: abi.TrapNullI31Reference}, ref)
		ext := ExtZero
		if op == wasm.OpI31GetS {
			ext = ExtSign
		}
		b.push(b.emit1(Instr{Op: OpI31Get, Ext: ext}, TypeI32, ref))
	case wasm.OpAnyConvertExtern, wasm.OpExternConvertAny:
		// Host values and GC references share one encoding (abi/gc.go):
		// both conversions leave the bits as they are.
	case wasm.OpRefTest, wasm.OpRefTestNull:
		t, err := b.castTarget(in.Heap, op == wasm.OpRefTestNull)
		if err != nil {
			return err
		}
		t.Op = OpRefTest
		b.push(b.emit1(t, TypeI32, b.pop()))
	case wasm.OpRefCast, wasm.OpRefCastNull:
		t, err := b.castTarget(in.Heap, op == wasm.OpRefCastNull)
		if err != nil {
			return err
		}
		t.Op, t.Trap = OpCastCheck, abi.TrapCastFailure
		b.emit(t, b.top(1)[0])
	default:
		return ErrUnsupported
	}
	return nil
}

// castTarget returns an instruction carrying the cast target (ref null? h)
// in its immediates (see OpRefTest).
func (b *builder) castTarget(h wasm.HeapType, nullable bool) (Instr, error) {
	switch {
	case h == wasm.HeapExn || h == wasm.HeapNoExn:
		return Instr{}, fmt.Errorf("%w: casts in the exn hierarchy", ErrUnsupported)
	case !h.IsAbstract() && uint64(h.Index()) >= uint64(len(b.mi.Module.Types)):
		return Instr{}, fmt.Errorf("cast to unknown type %d", h.Index())
	}
	in := Instr{Imm: uint64(h)}
	if nullable {
		in.Index2 = 1
	}
	if !h.IsAbstract() {
		in.Index = h.Index()
	}
	return in, nil
}

// brOnCast translates br_on_cast (branch with the reference when it
// matches the target) and br_on_cast_fail (branch when it does not).
func (b *builder) brOnCast(onFail bool) error {
	t, err := b.castTarget(b.in.Heap2, b.in.CastFlags&wasm.CastTargetNullable != 0)
	if err != nil {
		return err
	}
	t.Op = OpRefTest
	ok := b.emit1(t, TypeI32, b.top(1)[0])
	b.brIf(ok, b.in.Label, onFail)
	return nil
}

// isZeroConst reports whether v is a constant whose bits are all zero,
// which freshly allocated objects already hold.
func (b *builder) isZeroConst(v Value) bool {
	bits, ok := constOf(b.f, v)
	return ok && bits == 0
}

func (b *builder) structNew(isDefault bool) error {
	t, err := b.mi.structType(b.in.Index)
	if err != nil {
		return err
	}
	var vals []Value
	if !isDefault {
		vals = append([]Value(nil), b.popN(len(t.Fields))...)
	}
	ref := b.emit1(Instr{Op: OpNewStruct, Index: b.in.Index}, TypeRef)
	for i, v := range vals {
		if !b.isZeroConst(v) {
			b.emit(b.fieldAccess(OpStructSet, t, uint32(i), ExtNone), ref, v)
		}
	}
	b.push(ref)
	return nil
}

// fieldAccess describes field i of struct type t.
func (b *builder) fieldAccess(op Op, t *GCType, i uint32, ext Ext) Instr {
	s := t.Fields[i]
	return Instr{Op: op, Index: b.in.Index, Index2: i, Imm: uint64(t.Struct.Offsets[i]), Size: uint8(s.Size()), Ext: ext}
}

// fieldExt is how a read of storage s by op extends it to i32.
func fieldExt(s abi.Storage, signed bool) Ext {
	switch {
	case s != abi.StorageI8 && s != abi.StorageI16:
		return ExtNone
	case signed:
		return ExtSign
	}
	return ExtZero
}

// structField returns the struct type and field index of struct.get/set.
func (b *builder) structField() (*GCType, uint32, error) {
	t, err := b.mi.structType(b.in.Index)
	if err != nil {
		return nil, 0, err
	}
	if uint64(b.in.Index2) >= uint64(len(t.Fields)) {
		return nil, 0, fmt.Errorf("field %d of type %d out of range", b.in.Index2, b.in.Index)
	}
	return t, b.in.Index2, nil
}

func (b *builder) structGet(op wasm.Op) error {
	t, i, err := b.structField()
	if err != nil {
		return err
	}
	ref := b.pop()
	b.emit(Instr{Op: OpTrapIfNull, Trap: abi.TrapNullStructReference}, ref)
	acc := b.fieldAccess(OpStructGet, t, i, fieldExt(t.Fields[i], op == wasm.OpStructGetS))
	b.push(b.emit1(acc, storageType(t.Fields[i]), ref))
	return nil
}

func (b *builder) structSet() error {
	t, i, err := b.structField()
	if err != nil {
		return err
	}
	val := b.pop()
	ref := b.pop()
	b.emit(Instr{Op: OpTrapIfNull, Trap: abi.TrapNullStructReference}, ref)
	b.emit(b.fieldAccess(OpStructSet, t, i, ExtNone), ref, val)
	return nil
}

// elemAccess describes the elements of array type t.
func (b *builder) elemAccess(op Op, t *GCType, ext Ext) Instr {
	return Instr{Op: op, Index: b.in.Index, Imm: uint64(t.Array.ElemOffset), Size: uint8(t.Array.ElemSize), Ext: ext}
}

func (b *builder) newArray(length Value) Value {
	return b.emit1(Instr{Op: OpNewArray, Index: b.in.Index, Trap: abi.TrapAllocationTooLarge}, TypeRef, length)
}

func (b *builder) arrayNew(isDefault bool) error {
	t, err := b.mi.arrayType(b.in.Index)
	if err != nil {
		return err
	}
	length := b.pop()
	var val Value
	if !isDefault {
		val = b.pop()
	}
	ref := b.newArray(length)
	if !isDefault && !b.isZeroConst(val) {
		b.emit(b.elemAccess(OpArrayFillAll, t, ExtNone), ref, val)
	}
	b.push(ref)
	return nil
}

func (b *builder) arrayNewFixed() error {
	t, err := b.mi.arrayType(b.in.Index)
	if err != nil {
		return err
	}
	n := b.in.Index2
	vals := append([]Value(nil), b.popN(int(n))...)
	ref := b.newArray(b.constant(TypeI32, uint64(n)))
	for i, v := range vals {
		if !b.isZeroConst(v) {
			b.emit(b.elemAccess(OpArraySet, t, ExtNone), ref, b.constant(TypeI32, uint64(i)), v)
		}
	}
	b.push(ref)
	return nil
}

// arrayRuntimeNew translates array.new_data and array.new_elem, which Go
// performs: it reads the segment, checks the range and the size.
func (b *builder) arrayRuntimeNew(fn RuntimeFn, trap abi.TrapCode) error {
	if _, err := b.mi.arrayType(b.in.Index); err != nil {
		return err
	}
	args := b.popN(2)
	in := Instr{Op: OpRuntimeCall, Imm: uint64(fn), Index: b.in.Index, Index2: b.in.Index2, Trap: trap}
	b.push(b.emit1(in, TypeRef, args...))
	return nil
}

// arrayBulk translates the bulk array operations Go performs (it checks
// nulls and ranges with the spec's traps).
func (b *builder) arrayBulk(fn RuntimeFn, nargs int) error {
	if _, err := b.mi.arrayType(b.in.Index); err != nil {
		return err
	}
	trap := abi.TrapArrayOutOfBounds
	b.runtimeCall(fn, nargs, trap)
	return nil
}

// arrayIndex pops an index and an array and emits their checks.
func (b *builder) arrayIndex() (ref, idx Value) {
	idx = b.pop()
	ref = b.pop()
	b.emit(Instr{Op: OpTrapIfNull, Trap: abi.TrapNullArrayReference}, ref)
	b.emit(Instr{Op: OpArrayBoundsCheck, Trap: abi.TrapArrayOutOfBounds}, ref, idx)
	return ref, idx
}

func (b *builder) arrayGet(op wasm.Op) error {
	t, err := b.mi.arrayType(b.in.Index)
	if err != nil {
		return err
	}
	ref, idx := b.arrayIndex()
	acc := b.elemAccess(OpArrayGet, t, fieldExt(t.Array.Elem, op == wasm.OpArrayGetS))
	b.push(b.emit1(acc, storageType(t.Array.Elem), ref, idx))
	return nil
}

func (b *builder) arraySet() error {
	t, err := b.mi.arrayType(b.in.Index)
	if err != nil {
		return err
	}
	val := b.pop()
	ref, idx := b.arrayIndex()
	b.emit(b.elemAccess(OpArraySet, t, ExtNone), ref, idx, val)
	return nil
}
