package compiler

import (
	"fmt"
	"math"
	"strings"
)

// String renders f in a stable text form for debugging and golden tests:
//
//	func name(i32) -> i32 {
//	b0(v1:i32):
//	  v2:i32 = const 0x1
//	  v3:i32 = i32.add v1, v2
//	  return v3
//	}
func (f *Func) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "func %s(%s) -> (%s) {\n", f.Name, joinTypes(f.Params), joinTypes(f.Results))
	for b := range f.Blocks {
		f.writeBlock(&sb, BlockID(b))
	}
	sb.WriteString("}\n")
	return sb.String()
}

func joinTypes(ts []Type) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.String()
	}
	return strings.Join(s, ", ")
}

func (f *Func) writeBlock(sb *strings.Builder, b BlockID) {
	blk := &f.Blocks[b]
	fmt.Fprintf(sb, "b%d(", b)
	for i, p := range blk.Params {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(sb, "v%d:%s", p, f.TypeOf(p))
	}
	sb.WriteString("):\n")
	for id := blk.first; id != 0; id = f.Instrs[id].next {
		sb.WriteString("  ")
		f.writeInstr(sb, &f.Instrs[id])
		sb.WriteByte('\n')
	}
	sb.WriteString("  ")
	f.writeTerm(sb, &blk.Term)
	sb.WriteByte('\n')
}

func (f *Func) writeInstr(sb *strings.Builder, in *Instr) {
	for i, r := range in.Results {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(sb, "v%d:%s", r, f.TypeOf(r))
	}
	if len(in.Results) > 0 {
		sb.WriteString(" = ")
	}
	switch in.Op {
	case OpNumeric:
		sb.WriteString(in.Num.String())
	case OpRuntimeCall:
		fmt.Fprintf(sb, "runtime_call %s", RuntimeFn(in.Imm))
	default:
		sb.WriteString(in.Op.String())
	}
	writeValues(sb, " ", in.Args)
	sb.WriteString(immString(in))
	if in.Trap != 0 && in.Op != OpRuntimeCall {
		fmt.Fprintf(sb, " trap(%s)", in.Trap)
	}
}

// immString renders the immediates an op uses (see ops.go).
func immString(in *Instr) string {
	switch in.Op {
	case OpConst:
		return " " + constString(in.Type, in.Imm)
	case OpCheckTrunc:
		return " " + in.Num.String()
	case OpBoundsCheck:
		return fmt.Sprintf(" mem%d extent=%d", in.Index, in.Imm)
	case OpLoad, OpStore:
		return fmt.Sprintf(" mem%d+%d size=%d", in.Index, in.Imm, in.Size) + extString(in.Ext)
	case OpMemorySize, OpMemoryGrow, OpMemBase, OpMemLen:
		return fmt.Sprintf(" mem%d", in.Index)
	case OpGlobalGet, OpGlobalSet:
		return fmt.Sprintf(" global%d", in.Index)
	case OpTableBoundsCheck, OpTableGet, OpTableSet, OpTableSize, OpTableGrow:
		return fmt.Sprintf(" table%d", in.Index)
	case OpCall, OpReturnCall, OpRefFunc:
		return fmt.Sprintf(" func%d", in.Index)
	case OpCallRef, OpReturnCallRef:
		return fmt.Sprintf(" type%d", in.Index)
	case OpSigCheck:
		return fmt.Sprintf(" type%d canon=%d", in.Index, in.Imm)
	case OpRuntimeCall:
		return fmt.Sprintf(" [%d %d]", in.Index, in.Index2)
	case OpNewStruct, OpNewArray:
		return fmt.Sprintf(" type%d", in.Index)
	case OpStructGet, OpStructSet:
		return fmt.Sprintf(" type%d.%d +%d size=%d%s", in.Index, in.Index2, in.Imm, in.Size, extString(in.Ext))
	case OpArrayGet, OpArraySet, OpArrayFillAll:
		return fmt.Sprintf(" type%d +%d size=%d%s", in.Index, in.Imm, in.Size, extString(in.Ext))
	case OpI31Get:
		return extString(in.Ext)
	case OpRefTest, OpCastCheck:
		h, null := CastTarget(in)
		if null {
			return fmt.Sprintf(" (ref null %s)", h)
		}
		return fmt.Sprintf(" (ref %s)", h)
	}
	return ""
}

func extString(e Ext) string {
	switch e {
	case ExtSign:
		return " sext"
	case ExtZero:
		return " zext"
	}
	return ""
}

func constString(t Type, bits uint64) string {
	switch t {
	case TypeF32:
		return fmt.Sprintf("%v (%#x)", math.Float32frombits(uint32(bits)), bits)
	case TypeF64:
		return fmt.Sprintf("%v (%#x)", math.Float64frombits(bits), bits)
	case TypeRef, TypeFuncRef:
		return "null"
	}
	return fmt.Sprintf("%#x", bits)
}

func writeValues(sb *strings.Builder, sep string, vs []Value) {
	for i, v := range vs {
		if i == 0 {
			sb.WriteString(sep)
		} else {
			sb.WriteString(", ")
		}
		fmt.Fprintf(sb, "v%d", v)
	}
}

func writeCall(sb *strings.Builder, c BlockCall) {
	fmt.Fprintf(sb, "b%d(", c.Block)
	writeValues(sb, "", c.Args)
	sb.WriteByte(')')
}

func (f *Func) writeTerm(sb *strings.Builder, t *Term) {
	switch t.Kind {
	case TermNone:
		sb.WriteString("<no terminator>")
	case TermJump:
		sb.WriteString("jump ")
		writeCall(sb, t.Succs[0])
	case TermBranch:
		fmt.Fprintf(sb, "br_if v%d, ", t.Arg)
		writeCall(sb, t.Succs[0])
		sb.WriteString(", ")
		writeCall(sb, t.Succs[1])
	case TermBrTable:
		fmt.Fprintf(sb, "br_table v%d, [", t.Arg)
		for i, s := range t.Succs {
			if i > 0 {
				sb.WriteString(", ")
			}
			writeCall(sb, s)
		}
		sb.WriteByte(']')
	case TermReturn:
		sb.WriteString("return")
		writeValues(sb, " ", t.Values)
	case TermTrap:
		fmt.Fprintf(sb, "trap(%s)", t.Trap)
	case TermTailCall:
		sb.WriteString("tail_call_exit")
	}
}
