//go:build amd64 && linux

package amd64

import (
	"math/bits"
	"testing"

	"github.com/sablewasm/sable/abi"
)

// TestExecuteJumpTable runs br_table-style dispatch: Scratch[0] selects
// one of four targets, anything out of range the default.
func TestExecuteJumpTable(t *testing.T) {
	a := New()
	targets := []Label{a.NewLabel(), a.NewLabel(), a.NewLabel(), a.NewLabel()}
	def, done := a.NewLabel(), a.NewLabel()
	a.Mov(S32, RCX, scratch(0)) // a 32-bit load: the index is zero-extended
	a.ALU(Cmp, S32, RCX, Imm(len(targets)))
	a.Jcc(AE, def)
	a.JumpTable(RCX, RDX, targets)
	for i, l := range targets {
		a.Bind(l)
		a.Mov(S64, RAX, Imm(100+i))
		if i == 1 {
			// Make one target far enough away for rel32 branches.
			a.Nop(300)
		}
		a.Jmp(done)
	}
	a.Bind(def)
	a.Mov(S64, RAX, Imm(-1))
	a.Bind(done)
	a.Mov(S64, scratch(0), RAX)
	emitExit(a, abi.ExitReturn)
	pc := loadSegment(t, finish(t, a))[0]

	ctx := newContext(t)
	for idx, want := range map[uint64]uint64{0: 100, 1: 101, 2: 102, 3: 103, 4: 1<<64 - 1, 1 << 32: 100, 0xffffffff: 1<<64 - 1} {
		if got := run(t, ctx, pc, idx)[0]; got != want {
			t.Errorf("index %#x: got %d, want %d", idx, int64(got), int64(want))
		}
	}
}

// TestExecuteCall links three functions through relocations: the caller
// calls function 1, which reports its return address (which must be the
// caller's Mark) and tail-calls function 2, which returns to the caller.
func TestExecuteCall(t *testing.T) {
	caller := New()
	caller.Mov(S64, RAX, scratch(0))
	ret := caller.CallFunc(1)
	caller.Mov(S64, scratch(0), RAX)
	emitExit(caller, abi.ExitReturn)
	callerCode := finish(t, caller)

	callee := New()
	callee.Nop(5) // so the callee does not start right at a 16-byte boundary of its own code
	callee.Push(RBP)
	callee.Mov(S64, RBP, RSP)
	callee.Mov(S64, RCX, Base(RBP, 8)) // the return address
	callee.Mov(S64, scratch(1), RCX)
	callee.Lea(S64, RAX, BaseIndex(RAX, RAX, 2, 1)) // 3x + 1
	callee.Pop(RBP)
	callee.JmpFunc(2)
	calleeCode := finish(t, callee)

	tail := New()
	tail.ALU(Add, S64, RAX, Imm(1000))
	tail.Ret()
	tailCode := finish(t, tail)

	if len(callerCode.Relocs) != 1 || callerCode.Relocs[0].Func != 1 {
		t.Fatalf("relocations %+v, want one call to function 1", callerCode.Relocs)
	}
	addrs := loadSegment(t, callerCode, calleeCode, tailCode)
	res := run(t, newContext(t), addrs[0], 14)
	if res[0] != 1043 {
		t.Errorf("result %d, want 1043", res[0])
	}
	if want := uint64(addrs[0]) + uint64(callerCode.PCs[ret]); res[1] != want {
		t.Errorf("return address %#x, want %#x (Mark %d at offset %#x)", res[1], want, ret, callerCode.PCs[ret])
	}
}

// TestExecuteAlignedLoop sums 1..n in a loop whose header is aligned, with
// odd-sized code before it.
func TestExecuteAlignedLoop(t *testing.T) {
	a := New()
	a.Mov(S64, RCX, scratch(0))
	a.ALU(Xor, S32, RAX, RAX)
	a.Nop(3)
	loop, done := a.NewLabel(), a.NewLabel()
	a.Align(16)
	head := a.Mark()
	a.Bind(loop)
	a.Test(S64, RCX, RCX)
	a.Jcc(E, done)
	a.ALU(Add, S64, RAX, RCX)
	a.ALU(Sub, S64, RCX, Imm(1))
	a.Jmp(loop)
	a.Bind(done)
	a.Mov(S64, scratch(0), RAX)
	emitExit(a, abi.ExitReturn)
	code := finish(t, a)
	if pc := code.PCs[head]; pc%16 != 0 {
		t.Errorf("loop header at %#x, not 16-byte aligned", pc)
	}
	pc := loadSegment(t, code)[0]
	if got := run(t, newContext(t), pc, 1000)[0]; got != 500500 {
		t.Errorf("sum = %d, want 500500", got)
	}
}

// TestExecuteForwardBranches runs a forward jcc and jmp over
// bodies of three lengths, every condition with operand pairs that set
// and clear it: bodies in rel8 reach; bodies whose jmp Finish widens
// although rel8 would reach (3-byte moves, shorter than the estimate) and
// whose jcc is out of rel8 reach; and bodies far past it.
func TestExecuteForwardBranches(t *testing.T) {
	flags := func(x, y uint64) [16]bool {
		d := x - y
		of := int64(x) < 0 != (int64(y) < 0) && int64(d) < 0 != (int64(x) < 0)
		cf, zf, sf := x < y, d == 0, int64(d) < 0
		pf := bits.OnesCount8(uint8(d))%2 == 0
		return [16]bool{O: of, NO: !of, B: cf, AE: !cf, E: zf, NE: !zf, BE: cf || zf, A: !cf && !zf,
			S: sf, NS: !sf, P: pf, NP: !pf, LT: sf != of, GE: sf == of, LE: zf || sf != of, GT: !zf && sf == of}
	}
	pairs := [][2]uint64{{1, 2}, {2, 1}, {5, 5}, {1 << 63, 1}, {0, 1 << 63}, {3, 0}}
	for _, body := range []struct {
		movs     int // 3-byte register moves between branch and target
		widened  bool
		reachMin int // the real distance is at least this
	}{{movs: 10}, {movs: 40, widened: true}, {movs: 100, widened: true, reachMin: 128}} {
		for c := O; c <= GT; c++ {
			a := New()
			taken, done := a.NewLabel(), a.NewLabel()
			a.Mov(S64, RAX, scratch(0))
			a.Mov(S64, RCX, scratch(1))
			a.Mov(S64, RDX, Imm(1))
			a.ALU(Cmp, S64, RAX, RCX)
			a.Jcc(c, taken)
			for range body.movs {
				a.Mov(S64, RBX, RSI)
			}
			a.Mov(S64, RDX, Imm(0))
			a.Jmp(done)
			for range body.movs {
				a.Mov(S64, RBX, RSI)
			}
			a.Bind(taken)
			a.Bind(done)
			a.Mov(S64, scratch(0), RDX)
			emitExit(a, abi.ExitReturn)
			code := finish(t, a)
			if got := len(a.far) > 0; got != body.widened {
				t.Fatalf("%d moves, %v: widened %v, want %v", body.movs, c, got, body.widened)
			}
			if body.reachMin > 0 && code.TextLen < body.reachMin {
				t.Fatalf("%d moves: %d bytes of code, want the branch out of rel8 reach", body.movs, code.TextLen)
			}
			pc := loadSegment(t, code)[0]
			ctx := newContext(t)
			for _, p := range pairs {
				want := uint64(0)
				if flags(p[0], p[1])[c] {
					want = 1
				}
				if got := run(t, ctx, pc, p[0], p[1])[0]; got != want {
					t.Errorf("%d moves, j%v after cmp %#x, %#x: got %d, want %d", body.movs, c, p[0], p[1], got, want)
				}
			}
		}
	}
}
