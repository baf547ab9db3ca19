package runtime

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sablewasm/sable/abi"
)

// sentinels lists every exported trap sentinel; the test checks it covers
// every abi.TrapCode, so a new code cannot go without one.
var sentinels = []error{
	ErrUnreachable, ErrIntegerDivideByZero, ErrIntegerOverflow, ErrInvalidConversion,
	ErrOutOfBoundsMemory, ErrOutOfBoundsTable, ErrUndefinedElement, ErrUninitializedElement,
	ErrIndirectCallTypeMismatch, ErrNullFunctionReference, ErrNullReference, ErrNullStructReference,
	ErrNullArrayReference, ErrNullI31Reference, ErrCastFailure, ErrOutOfBoundsArray,
	ErrStackExhausted, ErrAllocationTooLarge, ErrGCHeapOutOfMemory, ErrInterrupted, ErrUnhandledException,
}

func TestTrapSentinels(t *testing.T) {
	byCode := map[abi.TrapCode]error{}
	for _, s := range sentinels {
		byCode[s.(*Trap).Code] = s
	}
	n := 0
	for c := abi.TrapCode(1); !strings.HasPrefix(c.String(), "TrapCode("); c++ {
		n++
		s, ok := byCode[c]
		if !ok {
			t.Errorf("trap code %d (%s) has no sentinel", c, c)
			continue
		}
		trap := &Trap{Code: c, Backtrace: []Frame{{FuncIndex: 1}}}
		if !errors.Is(trap, s) || trap.Error() != c.String() || s.Error() != c.String() {
			t.Errorf("trap %v does not match its sentinel %v", trap, s)
		}
		wrapped := fmt.Errorf("call: %w", trap)
		if !errors.Is(wrapped, s) {
			t.Errorf("wrapped trap %v does not match", c)
		}
		for _, other := range sentinels {
			if other != s && errors.Is(trap, other) {
				t.Errorf("trap %v matches %v", c, other)
			}
		}
	}
	if n != len(sentinels) {
		t.Errorf("%d trap codes, %d sentinels", n, len(sentinels))
	}
}

func TestTrapFormat(t *testing.T) {
	trap := &Trap{Code: abi.TrapUnreachable, Backtrace: []Frame{
		{Module: "m", FuncIndex: 3, FuncName: "inner", Offset: 0x2a},
		{FuncIndex: 1, Offset: 0x10},
	}}
	if got := fmt.Sprint(trap); got != "unreachable" {
		t.Errorf("%%v = %q", got)
	}
	want := "unreachable\n\tm!inner @ 0x2a\n\tfunc[1] @ 0x10"
	if got := fmt.Sprintf("%+v", trap); got != want {
		t.Errorf("%%+v = %q, want %q", got, want)
	}
	if err := interrupted(context.DeadlineExceeded); !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrInterrupted) {
		t.Errorf("interrupt trap does not match its cause and sentinel: %v", err)
	}
}
