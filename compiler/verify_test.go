package compiler

import (
	"strings"
	"testing"

	"github.com/sablewasm/sable/wasm"
)

func TestVerifyRejects(t *testing.T) {
	build := func() (*Func, BlockID, Value) {
		f := NewFunc("bad", []Type{TypeI32}, []Type{TypeI32})
		b1 := f.NewBlock()
		f.AddParam(b1, TypeI32)
		s := f.NewSuccs(1)
		s[0] = BlockCall{b1, f.NewArgs(f.Blocks[0].Params)}
		f.Blocks[0].Term = Term{Kind: TermJump, Succs: s}
		return f, b1, f.Blocks[b1].Params[0]
	}
	ret := func(f *Func, b BlockID, v Value) {
		f.Blocks[b].Term = Term{Kind: TermReturn, Values: f.NewArgs([]Value{v})}
	}
	tests := []struct {
		name, want string
		mutate     func(f *Func, b1 BlockID, p Value)
	}{
		{"ok", "", func(f *Func, b1 BlockID, p Value) { ret(f, b1, p) }},
		{"no terminator", "no terminator", func(*Func, BlockID, Value) {}},
		{"use before def", "before its definition", func(f *Func, b1 BlockID, p Value) {
			id := f.Append(b1, Instr{Op: OpNumeric, Num: wasm.OpI32Add}, []Value{p, p}, TypeI32)
			f.Instrs[id].Args[1] = f.Instrs[id].Results[0]
			ret(f, b1, p)
		}},
		{"type", "want i64", func(f *Func, b1 BlockID, p Value) {
			f.Append(b1, Instr{Op: OpNumeric, Num: wasm.OpI64Add}, []Value{p, p}, TypeI64)
			ret(f, b1, p)
		}},
		{"edge arity", "1 values, want 0", func(f *Func, b1 BlockID, p Value) {
			f.Blocks[b1].Params = nil
			ret(f, b1, f.Blocks[0].Params[0])
		}},
		{"not dominated", "not dominated", func(f *Func, b1 BlockID, p Value) {
			b2 := f.NewBlock()
			c := f.Append(b1, Instr{Op: OpConst, Imm: 1}, nil, TypeI32)
			cond := f.Instrs[c].Result()
			s := f.NewSuccs(2)
			s[0] = BlockCall{Block: b2}
			s[1] = BlockCall{Block: b2}
			f.Blocks[b1].Term = Term{Kind: TermBranch, Arg: cond, Succs: s}
			b3 := f.NewBlock()
			ret(f, b3, cond)
			s2 := f.NewSuccs(1)
			s2[0] = BlockCall{Block: b3}
			f.Blocks[b2].Term = Term{Kind: TermJump, Succs: s2}
			// b3 is dominated by b1, so make b3 also reachable from b0.
			s0 := f.NewSuccs(2)
			s0[0] = f.Blocks[0].Term.Succs[0]
			s0[1] = BlockCall{Block: b3}
			f.Blocks[0].Term = Term{Kind: TermBranch, Arg: f.Blocks[0].Params[0], Succs: s0}
		}},
	}
	for _, tc := range tests {
		f, b1, p := build()
		tc.mutate(f, b1, p)
		err := Verify(f)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want error containing %q", tc.name, err, tc.want)
		}
	}
}
