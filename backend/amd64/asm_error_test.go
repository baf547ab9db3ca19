package amd64

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		emit func(a *Assembler)
		want string // substring of the error
	}{
		{"two memory operands", func(a *Assembler) { a.ALU(Add, S64, mBase, mSP) }, "two memory operands"},
		{"two memory float operands", func(a *Assembler) { a.MovF(S64, mBase, mSP) }, "two memory operands"},
		{"imm too wide", func(a *Assembler) { a.ALU(Add, S64, RAX, Imm(1<<31)) }, "does not fit"},
		{"imm too wide 8", func(a *Assembler) { a.ALU(Add, S8, RAX, Imm(256)) }, "does not fit"},
		{"imm store too wide", func(a *Assembler) { a.Mov(S64, mBase, Imm(1<<40)) }, "does not fit"},
		{"bad register", func(a *Assembler) { a.ALU(Add, S64, Reg(16), RAX) }, "invalid register"},
		{"bad xmm register", func(a *Assembler) { a.Float(FAdd, S64, XReg(99), X0) }, "invalid register"},
		{"rsp index", func(a *Assembler) { a.Mov(S64, RAX, BaseIndex(RAX, RSP, 1, 0)) }, "invalid memory operand"},
		{"bad scale", func(a *Assembler) { a.Mov(S64, RAX, BaseIndex(RAX, RCX, 3, 0)) }, "invalid memory operand"},
		{"zero Mem", func(a *Assembler) { a.Mov(S64, RAX, Mem{}) }, "invalid memory operand"},
		{"nil operand", func(a *Assembler) { a.ALU(Add, S64, RAX, nil) }, "missing operand"},
		{"bad size", func(a *Assembler) { a.ALU(Add, Size(3), RAX, RCX) }, "not supported"},
		{"8-bit imul", func(a *Assembler) { a.Imul(S8, RAX, RCX) }, "not supported"},
		{"16-bit lea", func(a *Assembler) { a.Lea(S16, RAX, mBase) }, "not supported"},
		{"bad float size", func(a *Assembler) { a.Float(FAdd, S16, X0, X1) }, "not supported"},
		{"bad ALU op", func(a *Assembler) { a.ALU(ALUOp(99), S64, RAX, RCX) }, "invalid ALU op"},
		{"bad condition", func(a *Assembler) { a.Setcc(Cond(16), RAX) }, "invalid condition"},
		{"shift by rdx", func(a *Assembler) { a.Shift(Shl, S64, RAX, RDX) }, "must be in rcx"},
		{"shift by 256", func(a *Assembler) { a.Shift(Shl, S64, RAX, Imm(256)) }, "out of range"},
		{"test with memory source", func(a *Assembler) { a.Test(S64, RAX, mBase) }, "may not be memory"},
		{"spl", func(a *Assembler) { a.Setcc(E, RSP) }, "spl"},
		{"no extension", func(a *Assembler) { a.MovZX(S64, S32, RAX, RCX) }, "no extension"},
		{"no conversion", func(a *Assembler) { a.CvtIntToFloat(S64, S16, X0, RAX) }, "no conversion"},
		{"bad rounding", func(a *Assembler) { a.Round(S64, RoundMode(4), X0, X1) }, "rounding mode"},
		{"bad alignment", func(a *Assembler) { a.Align(24) }, "power of two"},
		{"negative nop", func(a *Assembler) { a.Nop(-1) }, "negative"},
		{"unknown label", func(a *Assembler) { a.Jmp(Label(5)) }, "unknown label"},
		{"label bound twice", func(a *Assembler) { l := a.NewLabel(); a.Bind(l); a.Bind(l) }, "bound twice"},
		{"unbound label", func(a *Assembler) { a.Jmp(a.NewLabel()) }, "never bound"},
		{"unbound lea label", func(a *Assembler) { a.LeaLabel(RAX, a.NewLabel()) }, "never bound"},
		{"unbound call label", func(a *Assembler) { a.CallLabel(a.NewLabel()) }, "never bound"},
		{"unbound table label", func(a *Assembler) { a.JumpTable(RAX, RCX, []Label{a.NewLabel()}) }, "never bound"},
		{"table registers", func(a *Assembler) { a.JumpTable(RAX, RAX, []Label{a.NewLabel()}) }, "distinct"},
		{"empty table", func(a *Assembler) { a.JumpTable(RAX, RCX, nil) }, "without targets"},
		{"foreign literal", func(a *Assembler) { a.MovF(S64, X0, New().Const64(1)) }, "another function"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := New()
			tc.emit(a)
			a.Ret() // emission after an error is ignored
			code, err := a.Finish()
			if err == nil {
				t.Fatalf("no error; code % x", code.Bytes)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestFinishOnce(t *testing.T) {
	a := New()
	a.Ret()
	if _, err := a.Finish(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Finish(); err == nil {
		t.Error("second Finish succeeded")
	}
	a.Ret()
	if a.Err() == nil {
		t.Error("emission after Finish not reported")
	}
}

func TestEmpty(t *testing.T) {
	code, err := New().Finish()
	if err != nil || len(code.Bytes) != 0 {
		t.Fatalf("empty function: % x, %v", code.Bytes, err)
	}
}

// TestRandomOperandsNeverPanic throws random, often invalid, operands at
// the whole API: every outcome must be code that decodes or an error.
func TestRandomOperandsNeverPanic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	reg := func() Reg { return Reg(r.IntN(17)) }
	xreg := func() XReg { return XReg(r.IntN(17)) }
	size := func() Size {
		if r.IntN(8) == 0 {
			return Size(r.IntN(10))
		}
		return []Size{S8, S16, S32, S64}[r.IntN(4)]
	}
	mem := func() Mem {
		switch r.IntN(8) {
		case 0:
			return Mem{}
		case 1:
			return BaseIndex(reg(), reg(), uint8(r.IntN(10)), int32(r.IntN(256)-128))
		case 2, 3:
			return BaseIndex(reg(), reg(), 1<<r.IntN(4), int32(r.IntN(256)-128))
		}
		return Base(reg(), int32(r.Uint32()))
	}
	rmi := func() RMI {
		switch r.IntN(10) {
		case 0:
			return nil
		case 1, 2, 3:
			return mem()
		case 4, 5, 6:
			return Imm(r.Int64() >> r.IntN(64))
		}
		return reg()
	}
	rm := func() RM {
		if r.IntN(2) == 0 {
			return reg()
		}
		return mem()
	}
	xm := func() XM {
		if r.IntN(2) == 0 {
			return xreg()
		}
		return mem()
	}
	ops := []func(a *Assembler){
		func(a *Assembler) { a.ALU(ALUOp(r.IntN(7)), size(), rm(), rmi()) },
		func(a *Assembler) { a.Test(size(), rm(), rmi()) },
		func(a *Assembler) { a.Mov(size(), rm(), rmi()) },
		func(a *Assembler) { a.Shift(ShiftOp(r.IntN(6)), size(), rm(), rmi()) },
		func(a *Assembler) { a.Unary(UnaryOp(r.IntN(3)), size(), rm()) },
		func(a *Assembler) { a.Lea(size(), reg(), mem()) },
		func(a *Assembler) { a.Imul(size(), reg(), rm()) },
		func(a *Assembler) { a.Imul3(size(), reg(), rm(), Imm(r.Int64()>>r.IntN(64))) },
		func(a *Assembler) { a.MovZX(size(), size(), reg(), rm()) },
		func(a *Assembler) { a.MovSX(size(), size(), reg(), rm()) },
		func(a *Assembler) { a.Div(size(), rm()) },
		func(a *Assembler) { a.IDiv(size(), rm()) },
		func(a *Assembler) { a.SignExtendAX(size()) },
		func(a *Assembler) { a.BitCount(BitOp(r.IntN(6)), size(), reg(), rm()) },
		func(a *Assembler) { a.Setcc(Cond(r.IntN(17)), rm()) },
		func(a *Assembler) { a.Cmov(Cond(r.IntN(17)), size(), reg(), rm()) },
		func(a *Assembler) { a.Push(reg()) },
		func(a *Assembler) { a.Pop(reg()) },
		func(a *Assembler) { a.MovF(size(), xm(), xm()) },
		func(a *Assembler) { a.MovAPS(xreg(), xreg()) },
		func(a *Assembler) { a.Float(FloatOp(r.IntN(8)), size(), xreg(), xm()) },
		func(a *Assembler) { a.Ucomis(size(), xreg(), xm()) },
		func(a *Assembler) { a.Round(size(), RoundMode(r.IntN(5)), xreg(), xm()) },
		func(a *Assembler) { a.Packed(PackedOp(r.IntN(5)), xreg(), xm()) },
		func(a *Assembler) { a.CvtIntToFloat(size(), size(), xreg(), rm()) },
		func(a *Assembler) { a.CvtFloatToInt(size(), size(), reg(), xm()) },
		func(a *Assembler) { a.CvtFloat(size(), xreg(), xm()) },
		func(a *Assembler) { a.MovToX(size(), xreg(), rm()) },
		func(a *Assembler) { a.MovFromX(size(), rm(), xreg()) },
		func(a *Assembler) { a.JmpIndirect(rm()) },
		func(a *Assembler) { a.CallIndirect(rm()) },
		func(a *Assembler) { a.CallFunc(r.Uint32()) },
		func(a *Assembler) { a.Packed(AndPS, xreg(), a.Const128(r.Uint64(), r.Uint64())) },
		func(a *Assembler) { a.Float(FAdd, S32, xreg(), a.Const32(r.Uint32())) },
		func(a *Assembler) { a.Nop(r.IntN(20) - 2) },
		func(a *Assembler) { a.Align(1 << r.IntN(8)) },
	}
	failed := 0
	for range 20000 {
		a := New()
		labels := []Label{a.NewLabel(), a.NewLabel()}
		for range 1 + r.IntN(4) {
			switch r.IntN(8) {
			case 0:
				a.Bind(labels[r.IntN(2)])
			case 1:
				a.Jcc(Cond(r.IntN(17)), labels[r.IntN(2)])
			default:
				ops[r.IntN(len(ops))](a)
			}
		}
		code, err := a.Finish()
		if err != nil {
			// The API's own checks must catch what golang-asm would reject.
			if strings.Contains(err.Error(), "golang-asm") {
				t.Errorf("operands not validated: %v", err)
			}
			failed++
			continue
		}
		for _, l := range Disassemble(code.Bytes[:code.TextLen], 0x1000) {
			if l.Text == "(bad)" {
				t.Fatalf("undecodable output % x", code.Bytes[:code.TextLen])
			}
		}
	}
	t.Logf("%d of 20000 random functions rejected", failed)
}

// TestConcurrentAssemblers assembles in parallel, as the compiler does:
// golang-asm's opcode tables are global and written once, by New.
func TestConcurrentAssemblers(t *testing.T) {
	build := func() []byte {
		a := New()
		l := a.NewLabel()
		a.Bind(l)
		a.ALU(Add, S64, RAX, a.Const32(3))
		a.Round(S64, RoundFloor, X0, X1)
		a.Jcc(NE, l)
		a.CallFunc(9)
		code, err := a.Finish()
		if err != nil {
			t.Error(err)
			return nil
		}
		return code.Bytes
	}
	want := build()
	done := make(chan []byte)
	for range 8 {
		go func() {
			for range 50 {
				done <- build()
			}
		}()
	}
	for range 8 * 50 {
		if got := <-done; !slices.Equal(got, want) {
			t.Fatalf("concurrent assembly gave % x, want % x", got, want)
		}
	}
}

func TestCondInvert(t *testing.T) {
	pairs := [][2]Cond{{O, NO}, {B, AE}, {E, NE}, {BE, A}, {S, NS}, {P, NP}, {LT, GE}, {LE, GT}}
	for _, p := range pairs {
		if p[0].Invert() != p[1] || p[1].Invert() != p[0] {
			t.Errorf("%v and %v are not each other's inverse", p[0], p[1])
		}
	}
}

func TestRelocationApply(t *testing.T) {
	a := New()
	a.Nop(1)
	a.CallFunc(4)
	code, err := a.Finish()
	if err != nil {
		t.Fatal(err)
	}
	r := code.Relocs[0]
	if r.Offset != 2 || r.Func != 4 {
		t.Fatalf("relocation %+v, want offset 2, function 4", r)
	}
	// The function at 0x100 in its segment, the target at 0x40.
	if err := r.Apply(code.Bytes, 0x100, 0x40); err != nil {
		t.Fatal(err)
	}
	if got := Disassemble(code.Bytes, 0x100)[1].Text; got != "callq 0x40" {
		t.Errorf("patched call decodes as %q", got)
	}
	if err := r.Apply(code.Bytes, 0, 1<<32); err == nil {
		t.Error("out-of-range target accepted")
	}
	if err := (Relocation{Offset: 4}).Apply(code.Bytes, 0, 0); err == nil {
		t.Error("relocation past the end accepted")
	}
}

func TestCallReturnMarks(t *testing.T) {
	a := New()
	m1 := a.CallIndirect(RAX)          // ff d0
	m2 := a.CallIndirect(Base(R15, 8)) // 41 ff 57 08
	m3 := a.CallFunc(0)                // e8 rel32
	code, err := a.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if got := []uint32{code.PCs[m1], code.PCs[m2], code.PCs[m3]}; !slices.Equal(got, []uint32{2, 6, 11}) {
		t.Errorf("return addresses %v, want [2 6 11]", got)
	}
}
