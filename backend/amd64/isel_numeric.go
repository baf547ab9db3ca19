package amd64

import (
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/compiler/regalloc"
	"github.com/sablewasm/sable/wasm"
)

// shape is how a numeric operator's operands map onto registers.
type shape uint8

const (
	shBinary    shape = iota + 1 // UseDef dst (= a), Use b: x86's two-address form
	shALU                        // as shBinary, b may be an immediate
	shShift                      // UseDef dst (= a), count fixed in RCX or an immediate
	shDivide                     // dividend fixed in RAX, result fixed in RAX or RDX
	shUnary                      // Def dst, Use src
	shUnaryTemp                  // Def dst, Use src, UseDef an integer temporary
	shCompare                    // Def dst, Use a[, Use b | immediate]
)

var numShapes = map[wasm.Op]shape{}

func init() {
	set := func(sh shape, ops ...wasm.Op) {
		for _, op := range ops {
			numShapes[op] = sh
		}
	}
	set(shALU, wasm.OpI32Add, wasm.OpI32Sub, wasm.OpI32And, wasm.OpI32Or, wasm.OpI32Xor,
		wasm.OpI64Add, wasm.OpI64Sub, wasm.OpI64And, wasm.OpI64Or, wasm.OpI64Xor)
	set(shBinary, wasm.OpI32Mul, wasm.OpI64Mul,
		wasm.OpF32Add, wasm.OpF32Sub, wasm.OpF32Mul, wasm.OpF32Div, wasm.OpF32Min, wasm.OpF32Max, wasm.OpF32Copysign,
		wasm.OpF64Add, wasm.OpF64Sub, wasm.OpF64Mul, wasm.OpF64Div, wasm.OpF64Min, wasm.OpF64Max, wasm.OpF64Copysign)
	set(shShift, wasm.OpI32Shl, wasm.OpI32ShrS, wasm.OpI32ShrU, wasm.OpI32Rotl, wasm.OpI32Rotr,
		wasm.OpI64Shl, wasm.OpI64ShrS, wasm.OpI64ShrU, wasm.OpI64Rotl, wasm.OpI64Rotr)
	set(shDivide, wasm.OpI32DivS, wasm.OpI32DivU, wasm.OpI32RemS, wasm.OpI32RemU,
		wasm.OpI64DivS, wasm.OpI64DivU, wasm.OpI64RemS, wasm.OpI64RemU)
	set(shUnary, wasm.OpI32Clz, wasm.OpI32Ctz, wasm.OpI32Popcnt, wasm.OpI64Clz, wasm.OpI64Ctz, wasm.OpI64Popcnt,
		wasm.OpI32Extend8S, wasm.OpI32Extend16S, wasm.OpI64Extend8S, wasm.OpI64Extend16S, wasm.OpI64Extend32S,
		wasm.OpI32WrapI64, wasm.OpI64ExtendI32S, wasm.OpI64ExtendI32U,
		wasm.OpI32ReinterpretF32, wasm.OpI64ReinterpretF64, wasm.OpF32ReinterpretI32, wasm.OpF64ReinterpretI64,
		wasm.OpF32Abs, wasm.OpF32Neg, wasm.OpF32Sqrt, wasm.OpF32Ceil, wasm.OpF32Floor, wasm.OpF32Trunc, wasm.OpF32Nearest,
		wasm.OpF64Abs, wasm.OpF64Neg, wasm.OpF64Sqrt, wasm.OpF64Ceil, wasm.OpF64Floor, wasm.OpF64Trunc, wasm.OpF64Nearest,
		wasm.OpF32ConvertI32S, wasm.OpF32ConvertI32U, wasm.OpF32ConvertI64S,
		wasm.OpF64ConvertI32S, wasm.OpF64ConvertI32U, wasm.OpF64ConvertI64S,
		wasm.OpF32DemoteF64, wasm.OpF64PromoteF32,
		wasm.OpI32TruncF32S, wasm.OpI32TruncF32U, wasm.OpI32TruncF64S, wasm.OpI32TruncF64U,
		wasm.OpI64TruncF32S, wasm.OpI64TruncF32U, wasm.OpI64TruncF64S, wasm.OpI64TruncF64U,
		wasm.OpI32TruncSatF32S, wasm.OpI32TruncSatF32U, wasm.OpI32TruncSatF64S, wasm.OpI32TruncSatF64U,
		wasm.OpI64TruncSatF32S, wasm.OpI64TruncSatF32U, wasm.OpI64TruncSatF64S, wasm.OpI64TruncSatF64U)
	set(shUnaryTemp, wasm.OpF32ConvertI64U, wasm.OpF64ConvertI64U)
	set(shCompare, wasm.OpF32Eq, wasm.OpF32Ne, wasm.OpF32Lt, wasm.OpF32Gt, wasm.OpF32Le, wasm.OpF32Ge,
		wasm.OpF64Eq, wasm.OpF64Ne, wasm.OpF64Lt, wasm.OpF64Gt, wasm.OpF64Le, wasm.OpF64Ge)
	for op := range intCompares {
		numShapes[op] = shCompare
	}
}

// intCompares maps the integer comparisons to the condition that holds
// after cmp a, b (test a, a for eqz).
var intCompares = map[wasm.Op]Cond{
	wasm.OpI32Eqz: E, wasm.OpI32Eq: E, wasm.OpI32Ne: NE, wasm.OpI32LtS: LT, wasm.OpI32LtU: B,
	wasm.OpI32GtS: GT, wasm.OpI32GtU: A, wasm.OpI32LeS: LE, wasm.OpI32LeU: BE, wasm.OpI32GeS: GE, wasm.OpI32GeU: AE,
	wasm.OpI64Eqz: E, wasm.OpI64Eq: E, wasm.OpI64Ne: NE, wasm.OpI64LtS: LT, wasm.OpI64LtU: B,
	wasm.OpI64GtS: GT, wasm.OpI64GtU: A, wasm.OpI64LeS: LE, wasm.OpI64LeU: BE, wasm.OpI64GeS: GE, wasm.OpI64GeU: AE,
}

// Immediate accepts any 32-bit value for i32, a sign-extended 32-bit one
// for i64: what x86's immediate forms take.
func (isa) Immediate(bits uint64, t compiler.Type) (int64, bool) {
	switch {
	case t == compiler.TypeI32:
		return int64(int32(bits)), true
	case t == compiler.TypeI64 && int64(bits) == int64(int32(bits)):
		return int64(bits), true
	}
	return 0, false
}

func (isa) SelectNumeric(s *codegen.Selector, in *compiler.Instr) error {
	sh := numShapes[in.Num]
	if sh == 0 {
		return unsupported("numeric operator %v", in.Num)
	}
	argT := s.F.TypeOf(in.Args[0])
	m := codegen.Inst{Kind: codegen.Numeric, Num: in.Num, Type: argT}
	dst, err := s.VReg(in.Result())
	if err != nil {
		return err
	}
	switch sh {
	case shBinary, shALU, shShift:
		if err := s.CopyOf(in.Args[0], dst); err != nil {
			return err
		}
		ops := []regalloc.Operand{regalloc.UseDefOf(dst)}
		if imm, ok := s.Immediate(in.Args[1], argT); ok && sh != shBinary {
			m.HasImm, m.Imm = true, imm
		} else {
			b, err := s.Use(in.Args[1])
			if err != nil {
				return err
			}
			if sh == shShift {
				ops = append(ops, regalloc.FixedUse(b, gpPReg(RCX)))
			} else {
				ops = append(ops, regalloc.UseOf(b))
			}
		}
		s.Add(m, 0, ops...)
	case shDivide:
		a, err := s.Use(in.Args[0])
		if err != nil {
			return err
		}
		b, err := s.Use(in.Args[1])
		if err != nil {
			return err
		}
		if b == a {
			c := s.RF.NewVReg(regalloc.ClassInt, false)
			s.Move(argT, c, a)
			b = c
		}
		res, clob := RAX, RDX
		if isRem(in.Num) {
			res, clob = RDX, RAX
		}
		s.AddClobber(m, 0, regalloc.RegSet(0).With(gpPReg(clob)),
			regalloc.FixedUse(a, gpPReg(RAX)), regalloc.UseOf(b), regalloc.FixedDef(dst, gpPReg(res)))
	case shUnary, shUnaryTemp:
		src, err := s.Use(in.Args[0])
		if err != nil {
			return err
		}
		ops := []regalloc.Operand{regalloc.DefOf(dst), regalloc.UseOf(src)}
		if sh == shUnaryTemp {
			ops = append(ops, regalloc.UseDefOf(s.Temp()))
		}
		s.Add(m, 0, ops...)
	case shCompare:
		m, ops, err := s.CompareOperands(in)
		if err != nil {
			return err
		}
		s.Add(m, 0, append([]regalloc.Operand{regalloc.DefOf(dst)}, ops...)...)
	}
	return nil
}

func isRem(op wasm.Op) bool {
	switch op {
	case wasm.OpI32RemS, wasm.OpI32RemU, wasm.OpI64RemS, wasm.OpI64RemU:
		return true
	}
	return false
}
