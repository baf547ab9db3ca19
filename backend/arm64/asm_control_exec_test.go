//go:build arm64 && linux

package arm64

import (
	"math"
	"testing"

	"github.com/sablewasm/sable/abi"
)

// TestExecuteJumpTable runs br_table-style dispatch: Scratch[0] selects
// one of four targets, anything out of range the default. One target is
// beyond tbz's reach, so the tbz to it is relaxed.
func TestExecuteJumpTable(t *testing.T) {
	a := New()
	targets := []Label{a.NewLabel(), a.NewLabel(), a.NewLabel(), a.NewLabel()}
	def, done := a.NewLabel(), a.NewLabel()
	a.Load(S64, X1, scratch(0))
	a.Tbnz(X1, 40, targets[3]) // 1<<40 takes a far tbnz straight to target 3
	a.Cmp(S32, X1, Imm(len(targets)))
	a.BCond(HS, def)
	a.JumpTable(X1, X2, targets)
	for i, l := range targets {
		a.Bind(l)
		a.MovImm(S64, X0, int64(100+i))
		if i == 1 {
			a.Nop(40 << 10)
		}
		a.B(done)
	}
	a.Bind(def)
	a.MovImm(S64, X0, -1)
	a.Bind(done)
	a.Store(S64, X0, scratch(0))
	emitExit(a, abi.ExitReturn)
	pc := loadSegment(t, finish(t, a))[0]

	ctx := newContext(t)
	for idx, want := range map[uint64]uint64{0: 100, 1: 101, 2: 102, 3: 103, 4: 1<<64 - 1, 1 << 32: 100, 1 << 40: 103, 0xffffffff: 1<<64 - 1} {
		if got := run(t, ctx, pc, idx)[0]; got != want {
			t.Errorf("index %#x: got %d, want %d", idx, int64(got), int64(want))
		}
	}
}

// TestExecuteCall links two functions through a relocation: the caller
// pushes a frame record, calls function 1 (which doubles X0 and reports
// its return address, which must be the caller's Mark) and returns.
func TestExecuteCall(t *testing.T) {
	caller := New()
	caller.Load(S64, X0, scratch(0))
	caller.StorePair(FP, LR, SP, -16, PairPreIndex)
	caller.Mov(S64, FP, SP)
	ret := caller.CallFunc(1)
	caller.LoadPair(FP, LR, SP, 16, PairPostIndex)
	caller.Store(S64, X0, scratch(0))
	caller.Store(S64, X1, scratch(1))
	emitExit(caller, abi.ExitReturn)
	callerCode := finish(t, caller)

	callee := New()
	callee.Nop(12)
	callee.ALU(Add, S64, X0, X0, X0)
	callee.Mov(S64, X1, LR)
	callee.Ret()
	calleeCode := finish(t, callee)

	addrs := loadSegment(t, callerCode, calleeCode)
	ctx := newContext(t)
	out := run(t, ctx, addrs[0], 21)
	if out[0] != 42 {
		t.Errorf("result %d, want 42", out[0])
	}
	if want := uint64(addrs[0]) + uint64(callerCode.PCs[ret]); out[1] != want {
		t.Errorf("return address %#x, want %#x (the Mark)", out[1], want)
	}
}

// TestExecuteFarData runs a function longer than ±1 MiB whose float
// literal and jump table, in the data tail, are reached through the far
// forms (TestFarData shows them).
func TestExecuteFarData(t *testing.T) {
	a := New()
	targets := []Label{a.NewLabel(), a.NewLabel()}
	def, done := a.NewLabel(), a.NewLabel()
	a.FMovConst(S64, V0, math.Float64bits(3.3))
	a.FMovToGP(S64, X3, V0)
	a.Store(S64, X3, scratch(1))
	a.Load(S64, X1, scratch(0))
	a.Cmp(S32, X1, Imm(len(targets)))
	a.BCond(HS, def)
	a.JumpTable(X1, X2, targets)
	for i, l := range targets {
		a.Bind(l)
		a.MovImm(S64, X0, int64(10+i))
		a.B(done)
	}
	a.Bind(def)
	a.MovImm(S64, X0, -1)
	a.Bind(done)
	a.Store(S64, X0, scratch(0))
	a.Nop(1 << 20)
	emitExit(a, abi.ExitReturn)
	pc := loadSegment(t, finish(t, a))[0]

	ctx := newContext(t)
	for idx, want := range map[uint64]uint64{0: 10, 1: 11, 2: 1<<64 - 1} {
		got := run(t, ctx, pc, idx)
		if got[0] != want || math.Float64frombits(got[1]) != 3.3 {
			t.Errorf("index %d: got %d and %v, want %d and 3.3", idx, int64(got[0]), math.Float64frombits(got[1]), int64(want))
		}
	}
}
