package arm64

import (
	"bytes"
	"strings"
	"testing"
)

// TestErrors checks that misuse is reported by Finish, never panics.
func TestErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		emit func(a *Assembler)
		want string
	}{
		"x18":            {func(a *Assembler) { a.Mov(S64, X18, X0) }, "reserved"},
		"x28 in memory":  {func(a *Assembler) { a.Load(S64, X0, Base(X28, 0)) }, "reserved"},
		"sp as gp":       {func(a *Assembler) { a.ALU(Eor, S64, X0, SP, X1) }, "sp not allowed"},
		"zr as base":     {func(a *Assembler) { a.Load(S64, X0, Base(ZR, 0)) }, "invalid memory operand"},
		"zr as index sp": {func(a *Assembler) { a.Load(S64, X0, BaseIndex(X0, SP, IndexLSL, false)) }, "sp not allowed"},
		"bad width":      {func(a *Assembler) { a.ALU(Add, S16, X0, X0, X1) }, "32- or 64-bit"},
		"scratch base":   {func(a *Assembler) { a.Load(S64, X0, Base(Scratch, 1<<20)) }, "scratch"},
		"pair offset":    {func(a *Assembler) { a.StorePair(FP, LR, SP, -1024, PairPreIndex) }, "pair offset"},
		"unbound label":  {func(a *Assembler) { a.B(a.NewLabel()) }, "never bound"},
		"bound twice": {func(a *Assembler) {
			l := a.NewLabel()
			a.Bind(l)
			a.Bind(l)
		}, "bound twice"},
		"bic imm":     {func(a *Assembler) { a.ALU(Bic, S64, X0, X0, Imm(1)) }, "register operand"},
		"cset al":     {func(a *Assembler) { a.CSet(X0, AL) }, "cannot be used"},
		"empty table": {func(a *Assembler) { a.JumpTable(X0, X1, nil) }, "without targets"},
	} {
		a := New()
		tc.emit(a)
		_, err := a.Finish()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, tc.want)
		}
	}
	a := New()
	a.Ret()
	a.Finish()
	if _, err := a.Finish(); err == nil {
		t.Error("second Finish succeeded")
	}
}

func TestDisassemble(t *testing.T) {
	// nop, an undefined word, ret, a trailing partial word.
	code := []byte{0x1f, 0x20, 0x03, 0xd5, 0, 0, 0, 0, 0xc0, 0x03, 0x5f, 0xd6, 0x01}
	var got []string
	for _, l := range Disassemble(code, 0x1000) {
		got = append(got, l.Text)
	}
	want := []string{"nop", ".word 0x00000000", "ret", "(bad)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	// Branch targets are absolute with a non-zero pc.
	if l := Disassemble([]byte{0x02, 0x00, 0x00, 0x14}, 0x1000); l[0].Text != "b 0x1008" {
		t.Errorf("b: %q", l[0].Text)
	}
}

// FuzzDisassemble checks that any bytes disassemble without panicking and
// that the lines cover the input exactly.
func FuzzDisassemble(f *testing.F) {
	f.Add([]byte{0x1f, 0x20, 0x03, 0xd5, 0xc0, 0x03, 0x5f})
	f.Fuzz(func(t *testing.T, code []byte) {
		var joined []byte
		for _, l := range Disassemble(code, 0x1000) {
			joined = append(joined, l.Bytes...)
		}
		if !bytes.Equal(joined, code) {
			t.Fatalf("lines cover % x, input % x", joined, code)
		}
	})
}
