package codegen

import (
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// Convention is an ISA's part of the Wasm-to-Wasm calling convention: the
// registers of the first integer (and reference) and float arguments, in
// order. Results are assigned to the same registers, independently of the
// arguments. Everything else is common (see SigLayout).
type Convention struct {
	IntArgs, FloatArgs []regalloc.PReg
}

// ArgLoc is where one argument or result lives at a call boundary: a
// register (Reg != regalloc.NoReg) or the stack slot at byte offset Slot
// of the argument (or result) area.
type ArgLoc struct {
	Reg  regalloc.PReg
	Slot int32
}

// InReg reports whether the value is passed in a register.
func (l ArgLoc) InReg() bool { return l.Reg != regalloc.NoReg }

// SigLayout is the convention applied to one signature. Values that do not
// get a register take one 8-byte stack slot each, in order, the first at
// the lowest address. A call site reserves, at its SP, the callee's stack
// argument slots (ArgBytes, rounded up to 16 so that a tail call between
// signatures with different stack arguments keeps SP aligned) followed by
// its stack result slots (ResultBytes). The callee pops its stack
// arguments, so at the return the caller's SP points at the results.
type SigLayout struct {
	Params, Results       []ArgLoc
	ArgBytes, ResultBytes int32
}

// Layout applies the convention to a signature.
func (c *Convention) Layout(params, results []compiler.Type) (SigLayout, error) {
	var l SigLayout
	var err error
	if l.Params, l.ArgBytes, err = c.assign(params); err != nil {
		return l, err
	}
	l.ArgBytes = (l.ArgBytes + 15) &^ 15
	l.Results, l.ResultBytes, err = c.assign(results)
	return l, err
}

func (c *Convention) assign(ts []compiler.Type) ([]ArgLoc, int32, error) {
	locs := make([]ArgLoc, len(ts))
	ni, nf := 0, 0
	var stack int32
	for i, t := range ts {
		class, err := ClassOf(t)
		if err != nil {
			return nil, 0, err
		}
		switch {
		case class == regalloc.ClassInt && ni < len(c.IntArgs):
			locs[i] = ArgLoc{Reg: c.IntArgs[ni]}
			ni++
		case class == regalloc.ClassFloat && nf < len(c.FloatArgs):
			locs[i] = ArgLoc{Reg: c.FloatArgs[nf]}
			nf++
		default:
			locs[i] = ArgLoc{Reg: regalloc.NoReg, Slot: stack}
			stack += 8
		}
	}
	return locs, stack, nil
}

// ClassOf is the register class of IR type t.
func ClassOf(t compiler.Type) (regalloc.Class, error) {
	switch t {
	case compiler.TypeI32, compiler.TypeI64, compiler.TypeRef, compiler.TypeFuncRef:
		return regalloc.ClassInt, nil
	case compiler.TypeF32, compiler.TypeF64:
		return regalloc.ClassFloat, nil
	}
	return 0, Unsupported("values of type %v", t)
}

// IsFloat reports whether values of type t live in float registers.
func IsFloat(t compiler.Type) bool { return t == compiler.TypeF32 || t == compiler.TypeF64 }

// Is32 reports whether values of type t are 32 bits wide (references are
// 64-bit words).
func Is32(t compiler.Type) bool { return t == compiler.TypeI32 || t == compiler.TypeF32 }

// AllocatableSet is every register t hands out: what a call or an exit to
// Go clobbers, since the convention has no callee-saved registers.
func AllocatableSet(t *regalloc.Target) regalloc.RegSet {
	var s regalloc.RegSet
	for _, c := range t.Classes {
		for _, r := range c.Allocatable {
			s = s.With(r)
		}
	}
	return s
}

// HostSig is the signature of a host function of type ft as its
// trampoline sees it: the IR types of its parameters and results (every
// reference as TypeRef: only the register class matters there) and their
// layout under c.
func (c *Convention) HostSig(ft *wasm.FuncType) (params, results []compiler.Type, l SigLayout, err error) {
	types := func(vs []wasm.ValType) ([]compiler.Type, error) {
		out := make([]compiler.Type, len(vs))
		for i, v := range vs {
			switch v.Kind {
			case wasm.I32:
				out[i] = compiler.TypeI32
			case wasm.I64:
				out[i] = compiler.TypeI64
			case wasm.F32:
				out[i] = compiler.TypeF32
			case wasm.F64:
				out[i] = compiler.TypeF64
			case wasm.Ref:
				out[i] = compiler.TypeRef
			default:
				return nil, Unsupported("host functions with %v values", v)
			}
		}
		return out, nil
	}
	if params, err = types(ft.Params); err != nil {
		return nil, nil, l, err
	}
	if results, err = types(ft.Results); err != nil {
		return nil, nil, l, err
	}
	l, err = c.Layout(params, results)
	return params, results, l, err
}
