package wasm

import (
	"errors"
	"fmt"
	"io"
	"sync"
)

// This file holds the entry points of instruction-sequence validation and
// the main loop. The algorithm is the one of the spec's validation appendix:
// an operand stack of value types (with an "unknown" type for the
// polymorphic stack of unreachable code) and a stack of control frames.
// Related files:
//
//	validate_func_stack.go   operand and control stacks, label types, errors
//	validate_func_locals.go  local types and initialization of non-defaultable locals
//	validate_ops_*.go        the typing rules of the instruction families

// funcValidator is the reusable state of one body or constant expression
// validation. Its slices keep their capacity across uses (see validatorPool)
// so steady-state validation does not allocate per instruction.
type funcValidator struct {
	ctx *moduleCtx
	env *typeEnv

	// funcIdx is the function being validated (-1 for constant
	// expressions); it goes into every error.
	funcIdx int
	// constExpr restricts the instructions to the constant ones;
	// numGlobals bounds global.get there.
	constExpr  bool
	numGlobals int

	in     Instr // the instruction being validated
	vals   []ValType
	ctrls  []ctrlFrame
	locals localTable
}

var validatorPool = sync.Pool{New: func() any { return new(funcValidator) }}

func getValidator(ctx *moduleCtx, funcIdx int) *funcValidator {
	v := validatorPool.Get().(*funcValidator)
	v.ctx, v.env, v.funcIdx = ctx, ctx.types, funcIdx
	v.constExpr, v.numGlobals = false, 0
	v.vals, v.ctrls = v.vals[:0], v.ctrls[:0]
	return v
}

func putValidator(v *funcValidator) {
	v.ctx, v.env = nil, nil
	v.locals.release()
	validatorPool.Put(v)
}

// validateFunc validates the body of defined function funcIdx (an index in
// the function index space) against its type.
func validateFunc(ctx *moduleCtx, funcIdx uint32, code *Code) error {
	v := getValidator(ctx, int(funcIdx))
	defer putValidator(v)

	if uint64(funcIdx) >= uint64(len(ctx.funcs)) {
		return v.errAt(code.BodyOffset, "unknown function %d", funcIdx)
	}
	typeIdx := ctx.funcs[funcIdx]
	ft := ctx.types.funcType(typeIdx)
	if ft == nil {
		return v.errAt(code.BodyOffset, "unknown type %d", typeIdx)
	}
	for _, d := range code.Locals {
		if err := ctx.types.checkValType(d.Type); err != nil {
			return v.wrapAt(code.BodyOffset, err)
		}
	}
	v.locals.reset(ft.Params, code.Locals)
	v.ctrls = append(v.ctrls, ctrlFrame{kind: frameFunc, indexed: true, typeIdx: typeIdx})
	return v.run(code.Body, code.BodyOffset)
}

// validateConstExpr validates a constant expression producing want. Only
// the first numGlobals globals may be read (global initializers see the
// imports and the globals defined before them).
func validateConstExpr(ctx *moduleCtx, expr ConstExpr, want ValType, numGlobals int) error {
	v := getValidator(ctx, -1)
	defer putValidator(v)
	v.constExpr, v.numGlobals = true, numGlobals
	v.locals.reset(nil, nil)
	f := ctrlFrame{kind: frameFunc, single: true}
	f.one[0] = want
	v.ctrls = append(v.ctrls, f)
	return v.run(expr.Code, expr.Offset)
}

// run validates the instructions of code (module offset base) inside the
// outermost frame already pushed, up to and including its `end`.
func (v *funcValidator) run(code []byte, base int) error {
	rd := NewInstrReader(code, base)
	for len(v.ctrls) > 0 {
		if err := rd.Next(&v.in); err != nil {
			if errors.Is(err, io.EOF) {
				return &DecodeError{Offset: rd.Offset(), Msg: "unexpected end of section or function"}
			}
			return err
		}
		if err := v.instr(); err != nil {
			return err
		}
	}
	if rd.Offset() != base+len(code) {
		return &DecodeError{Offset: rd.Offset(), Msg: "operators remaining after end of function"}
	}
	return nil
}

// instr validates v.in.
func (v *funcValidator) instr() error {
	in := &v.in
	info := Lookup(in.Op)
	if info == nil {
		return &DecodeError{Offset: in.Offset, Msg: fmt.Sprintf("illegal opcode %s", in.Op)}
	}
	if v.constExpr && !isConstInstr(in.Op) {
		return v.errorf("constant expression required")
	}
	if info.Sig != "" {
		return v.fixedSig(info)
	}
	// The instructions without a fixed signature, by family.
	switch in.Op {
	case OpUnreachable, OpBlock, OpLoop, OpIf, OpElse, OpEnd, OpBr, OpBrIf, OpBrTable, OpReturn,
		OpBrOnNull, OpBrOnNonNull, OpBrOnCast, OpBrOnCastFail,
		OpTryTable, OpThrow, OpThrowRef, OpTry, OpCatch, OpCatchAll, OpDelegate, OpRethrow:
		return v.control()
	case OpCall, OpCallIndirect, OpCallRef, OpReturnCall, OpReturnCallIndirect, OpReturnCallRef:
		return v.call()
	case OpDrop, OpSelect, OpSelectT, OpLocalGet, OpLocalSet, OpLocalTee, OpGlobalGet, OpGlobalSet:
		return v.variable()
	case OpRefNull, OpRefIsNull, OpRefFunc, OpRefEq, OpRefAsNonNull,
		OpRefTest, OpRefTestNull, OpRefCast, OpRefCastNull,
		OpAnyConvertExtern, OpExternConvertAny, OpRefI31, OpI31GetS, OpI31GetU:
		return v.reference()
	case OpTableGet, OpTableSet:
		return v.bulk()
	}
	switch in.Op.Prefix() {
	case PrefixGC: // struct.* and array.*
		return v.aggregate()
	case PrefixMisc: // bulk memory and table instructions
		return v.bulk()
	}
	return v.errorf("unsupported instruction %s", in.Op)
}

// isConstInstr reports whether op may appear in a constant expression
// (extended constant expressions and GC allocation included).
func isConstInstr(op Op) bool {
	switch op {
	case OpEnd, OpI32Const, OpI64Const, OpF32Const, OpF64Const, OpV128Const,
		OpRefNull, OpRefFunc, OpGlobalGet,
		OpI32Add, OpI32Sub, OpI32Mul, OpI64Add, OpI64Sub, OpI64Mul,
		OpRefI31, OpStructNew, OpStructNewDefault,
		OpArrayNew, OpArrayNewDefault, OpArrayNewFixed,
		OpAnyConvertExtern, OpExternConvertAny:
		return true
	}
	return false
}
