package compiler

import (
	"fmt"
	"math"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// plainInstr translates the instructions that do not end a block.
func (b *builder) plainInstr(op wasm.Op) error {
	in := &b.in
	if sig, ok := numericSig(op); ok {
		b.numeric(op, sig)
		return nil
	}
	if acc, ok := memAccesses[op]; ok {
		b.memAccess(acc)
		return nil
	}
	switch op {
	case wasm.OpNop:
	case wasm.OpDrop:
		b.pop()
	case wasm.OpI32Const:
		b.push(b.constant(TypeI32, in.Bits))
	case wasm.OpI64Const:
		b.push(b.constant(TypeI64, in.Bits))
	case wasm.OpF32Const:
		b.push(b.constant(TypeF32, in.Bits))
	case wasm.OpF64Const:
		b.push(b.constant(TypeF64, in.Bits))
	case wasm.OpLocalGet:
		b.push(b.getLocal(in.Index))
	case wasm.OpLocalSet:
		b.setLocal(in.Index, b.pop())
	case wasm.OpLocalTee:
		b.setLocal(in.Index, b.top(1)[0])
	case wasm.OpGlobalGet:
		b.push(b.emit1(Instr{Op: OpGlobalGet, Index: in.Index}, b.mi.IRType(b.mi.Globals[in.Index].Type)))
	case wasm.OpGlobalSet:
		b.emit(Instr{Op: OpGlobalSet, Index: in.Index}, b.pop())
	case wasm.OpSelect, wasm.OpSelectT:
		cond := b.pop()
		y := b.pop()
		x := b.pop()
		b.push(b.emit1(Instr{Op: OpSelect}, b.f.TypeOf(x), cond, x, y))
	case wasm.OpMemorySize:
		b.push(b.emit1(Instr{Op: OpMemorySize, Index: in.Index}, b.mi.memAddrType(in.Index)))
	case wasm.OpMemoryGrow:
		b.push(b.emit1(Instr{Op: OpMemoryGrow, Index: in.Index}, b.mi.memAddrType(in.Index), b.pop()))
	case wasm.OpCall, wasm.OpReturnCall:
		return b.call(op)
	case wasm.OpCallIndirect, wasm.OpReturnCallIndirect, wasm.OpCallRef, wasm.OpReturnCallRef:
		return b.callIndirect(op)
	case wasm.OpRefNull:
		b.push(b.constant(b.mi.IRType(wasm.RefType(true, in.Heap)), 0))
	case wasm.OpRefIsNull:
		b.push(b.emit1(Instr{Op: OpRefIsNull}, TypeI32, b.pop()))
	case wasm.OpRefEq:
		// References are words with one identity each (null is 0, an i31
		// is its tagged value), so equality is word equality.
		y, x := b.pop(), b.pop()
		b.push(b.emit1(Instr{Op: OpRefEq}, TypeI32, x, y))
	case wasm.OpRefFunc:
		b.push(b.emit1(Instr{Op: OpRefFunc, Index: in.Index}, TypeFuncRef))
	case wasm.OpRefAsNonNull:
		b.emit(Instr{Op: OpTrapIfNull, Trap: abi.TrapNullReference}, b.top(1)[0])
	default:
		return b.tableOrBulk(op)
	}
	return nil
}

func (b *builder) constant(t Type, bits uint64) Value {
	return b.emit1(Instr{Op: OpConst, Imm: bits}, t)
}

// numeric emits a numeric operator preceded by the checks that make its
// traps explicit.
func (b *builder) numeric(op wasm.Op, sig numSig) {
	args := b.popN(int(sig.nparams))
	switch op {
	case wasm.OpI32DivS, wasm.OpI64DivS:
		b.emit(Instr{Op: OpTrapIfZero, Trap: abi.TrapIntegerDivideByZero}, args[1])
		b.emit(Instr{Op: OpCheckSDiv, Trap: abi.TrapIntegerOverflow}, args[0], args[1])
	case wasm.OpI32DivU, wasm.OpI64DivU, wasm.OpI32RemS, wasm.OpI64RemS, wasm.OpI32RemU, wasm.OpI64RemU:
		b.emit(Instr{Op: OpTrapIfZero, Trap: abi.TrapIntegerDivideByZero}, args[1])
	default:
		if isTrappingTrunc(op) {
			b.emit(Instr{Op: OpCheckTrunc, Num: op, Trap: abi.TrapIntegerOverflow}, args[0])
		}
	}
	b.push(b.emit1(Instr{Op: OpNumeric, Num: op}, sig.result, args...))
}

// memAccess describes a load or store operator.
type memAccess struct {
	store bool
	size  uint8
	ext   Ext
	typ   Type // loaded or stored value type
}

var memAccesses = map[wasm.Op]memAccess{
	wasm.OpI32Load:    {false, 4, ExtNone, TypeI32},
	wasm.OpI64Load:    {false, 8, ExtNone, TypeI64},
	wasm.OpF32Load:    {false, 4, ExtNone, TypeF32},
	wasm.OpF64Load:    {false, 8, ExtNone, TypeF64},
	wasm.OpI32Load8S:  {false, 1, ExtSign, TypeI32},
	wasm.OpI32Load8U:  {false, 1, ExtZero, TypeI32},
	wasm.OpI32Load16S: {false, 2, ExtSign, TypeI32},
	wasm.OpI32Load16U: {false, 2, ExtZero, TypeI32},
	wasm.OpI64Load8S:  {false, 1, ExtSign, TypeI64},
	wasm.OpI64Load8U:  {false, 1, ExtZero, TypeI64},
	wasm.OpI64Load16S: {false, 2, ExtSign, TypeI64},
	wasm.OpI64Load16U: {false, 2, ExtZero, TypeI64},
	wasm.OpI64Load32S: {false, 4, ExtSign, TypeI64},
	wasm.OpI64Load32U: {false, 4, ExtZero, TypeI64},
	wasm.OpI32Store:   {true, 4, ExtNone, TypeI32},
	wasm.OpI64Store:   {true, 8, ExtNone, TypeI64},
	wasm.OpF32Store:   {true, 4, ExtNone, TypeF32},
	wasm.OpF64Store:   {true, 8, ExtNone, TypeF64},
	wasm.OpI32Store8:  {true, 1, ExtNone, TypeI32},
	wasm.OpI32Store16: {true, 2, ExtNone, TypeI32},
	wasm.OpI64Store8:  {true, 1, ExtNone, TypeI64},
	wasm.OpI64Store16: {true, 2, ExtNone, TypeI64},
	wasm.OpI64Store32: {true, 4, ExtNone, TypeI64},
}

// memAccess emits the explicit bounds check and the access. The effective
// address is zext(addr) + offset computed without wrapping; the check's
// extent saturates, as no memory can be 2^64 bytes long.
func (b *builder) memAccess(acc memAccess) {
	m := &b.in.Mem
	extent := m.Offset + uint64(acc.size)
	if extent < m.Offset {
		extent = math.MaxUint64
	}
	var val Value
	if acc.store {
		val = b.pop()
	}
	addr := b.pop()
	if c, ok := constOf(b.f, addr); !ok || satAdd(c, extent) > b.mi.MemMinBytes[m.Mem] {
		length := b.emit1(Instr{Op: OpMemLen, Index: m.Mem}, TypeI64)
		b.emit(Instr{Op: OpBoundsCheck, Index: m.Mem, Imm: extent, Trap: abi.TrapMemoryOutOfBounds}, addr, length)
	}
	base := b.emit1(Instr{Op: OpMemBase, Index: m.Mem}, TypeI64)
	in := Instr{Index: m.Mem, Imm: m.Offset, Size: acc.size, Ext: acc.ext}
	if acc.store {
		in.Op = OpStore
		b.emit(in, addr, val, base)
		return
	}
	in.Op = OpLoad
	b.push(b.emit1(in, acc.typ, addr, base))
}

func (b *builder) call(op wasm.Op) error {
	idx := b.in.Index
	if int(idx) >= len(b.mi.FuncTypes) {
		return fmt.Errorf("function %d out of range", idx)
	}
	sig := b.mi.FuncType(b.mi.FuncTypes[idx])
	if sig == nil {
		return fmt.Errorf("function %d has no function type", idx)
	}
	args := b.popN(len(sig.Params))
	if op == wasm.OpReturnCall {
		b.tailCall(Instr{Op: OpReturnCall, Index: idx}, args)
		return nil
	}
	b.callResults(Instr{Op: OpCall, Index: idx}, args, sig)
	return nil
}

// callIndirect translates call_indirect and call_ref (and their tail
// forms) into explicit checks and a call through a checked funcref.
func (b *builder) callIndirect(op wasm.Op) error {
	typeIdx := b.in.Index
	sig := b.mi.FuncType(typeIdx)
	if sig == nil {
		return fmt.Errorf("type %d is not a function type", typeIdx)
	}
	var ref Value
	if op == wasm.OpCallIndirect || op == wasm.OpReturnCallIndirect {
		table := b.in.Index2
		idx := b.pop()
		b.emit(Instr{Op: OpTableBoundsCheck, Index: table, Trap: abi.TrapUndefinedElement}, idx)
		ref = b.emit1(Instr{Op: OpTableGet, Index: table}, TypeFuncRef, idx)
		b.emit(Instr{Op: OpTrapIfNull, Trap: abi.TrapUninitializedElement}, ref)
		b.emit(Instr{Op: OpSigCheck, Index: typeIdx, Imm: uint64(b.mi.TypeIDs[typeIdx]),
			Trap: abi.TrapIndirectCallTypeMismatch}, ref)
	} else {
		// call_ref's operand is typed (ref null $t): no signature check.
		ref = b.pop()
		b.emit(Instr{Op: OpTrapIfNull, Trap: abi.TrapNullFunctionReference}, ref)
	}
	args := append(b.popN(len(sig.Params)), ref) // the stack's spare capacity; copied by Append
	if op == wasm.OpReturnCallIndirect || op == wasm.OpReturnCallRef {
		b.tailCall(Instr{Op: OpReturnCallRef, Index: typeIdx}, args)
		return nil
	}
	b.callResults(Instr{Op: OpCallRef, Index: typeIdx}, args, sig)
	return nil
}

func (b *builder) callResults(in Instr, args []Value, sig *wasm.FuncType) {
	in.Offset = uint32(b.in.Offset)
	var buf [8]Type
	results := buf[:0]
	for _, t := range sig.Results {
		results = append(results, b.mi.IRType(t))
	}
	id := b.f.Append(b.cur, in, args, results...)
	b.stack = append(b.stack, b.f.Instrs[id].Results...)
}

func (b *builder) tailCall(in Instr, args []Value) {
	b.emit(in, args...)
	b.terminate(Term{Kind: TermTailCall})
	b.deadCode()
}

// tableOrBulk translates table access and the bulk memory and table
// operators, and hands everything else to the GC instructions.
func (b *builder) tableOrBulk(op wasm.Op) error {
	in := &b.in
	switch op {
	case wasm.OpTableGet:
		idx := b.pop()
		b.emit(Instr{Op: OpTableBoundsCheck, Index: in.Index, Trap: abi.TrapTableOutOfBounds}, idx)
		b.push(b.emit1(Instr{Op: OpTableGet, Index: in.Index}, b.mi.IRType(b.mi.Tables[in.Index].Elem), idx))
	case wasm.OpTableSet:
		val := b.pop()
		idx := b.pop()
		b.emit(Instr{Op: OpTableBoundsCheck, Index: in.Index, Trap: abi.TrapTableOutOfBounds}, idx)
		b.emit(Instr{Op: OpTableSet, Index: in.Index}, idx, val)
	case wasm.OpTableSize:
		b.push(b.emit1(Instr{Op: OpTableSize, Index: in.Index}, b.mi.tableAddrType(in.Index)))
	case wasm.OpTableGrow:
		args := b.popN(2)
		b.push(b.emit1(Instr{Op: OpTableGrow, Index: in.Index}, b.mi.tableAddrType(in.Index), args...))
	case wasm.OpMemoryInit:
		b.runtimeCall(RuntimeMemoryInit, 3, abi.TrapMemoryOutOfBounds)
	case wasm.OpDataDrop:
		b.runtimeCall(RuntimeDataDrop, 0, 0)
	case wasm.OpMemoryCopy:
		b.runtimeCall(RuntimeMemoryCopy, 3, abi.TrapMemoryOutOfBounds)
	case wasm.OpMemoryFill:
		b.runtimeCall(RuntimeMemoryFill, 3, abi.TrapMemoryOutOfBounds)
	case wasm.OpTableInit:
		b.runtimeCall(RuntimeTableInit, 3, abi.TrapTableOutOfBounds)
	case wasm.OpElemDrop:
		b.runtimeCall(RuntimeElemDrop, 0, 0)
	case wasm.OpTableCopy:
		b.runtimeCall(RuntimeTableCopy, 3, abi.TrapTableOutOfBounds)
	case wasm.OpTableFill:
		b.runtimeCall(RuntimeTableFill, 3, abi.TrapTableOutOfBounds)
	default:
		return b.gcInstr(op)
	}
	return nil
}

func (b *builder) runtimeCall(fn RuntimeFn, nargs int, trap abi.TrapCode) {
	b.emit(Instr{Op: OpRuntimeCall, Imm: uint64(fn), Index: b.in.Index, Index2: b.in.Index2, Trap: trap},
		b.popN(nargs)...)
}
