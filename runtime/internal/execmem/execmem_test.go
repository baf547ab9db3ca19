package execmem

import (
	"bufio"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"testing"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"golang.org/x/sys/unix"
)

// perms returns the permission field ("r-xp", ...) of the mapping in
// /proc/self/maps that contains addr, and fails if the process has any
// mapping that is writable and executable at once.
func perms(t *testing.T, addr uintptr) string {
	t.Helper()
	found := mapping(t, addr)
	if found == "" {
		t.Fatalf("no mapping contains %#x", addr)
	}
	return found
}

// mapping returns the permissions of the mapping containing addr, or ""
// if /proc/self/maps lists none.
func mapping(t *testing.T, addr uintptr) string {
	t.Helper()
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := ""
	for sc := bufio.NewScanner(f); sc.Scan(); {
		var lo, hi uintptr
		var p string
		if _, err := fmt.Sscanf(sc.Text(), "%x-%x %s", &lo, &hi, &p); err != nil {
			t.Fatalf("parsing %q: %v", sc.Text(), err)
		}
		if strings.Contains(p, "w") && strings.Contains(p, "x") {
			t.Errorf("writable and executable mapping: %s", sc.Text())
		}
		if lo <= addr && addr < hi {
			found = p
		}
	}
	return found
}

var sink byte

// faults reports whether reading the byte at addr faults.
func faults(addr uintptr) (fault bool) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() { fault = recover() != nil }()
	sink = *(*byte)(unsafe.Add(nil, addr))
	return false
}

func TestSegmentIsNeverWritableAndExecutable(t *testing.T) {
	seg, err := Alloc(len(returnCode))
	if err != nil {
		t.Fatal(err)
	}
	defer seg.Free()
	if p := perms(t, seg.Addr()); p != "rw-p" {
		t.Fatalf("allocated segment is %s, want rw-p", p)
	}
	copy(seg.Bytes(), returnCode)
	if err := seg.Seal(); err != nil {
		t.Fatal(err)
	}
	if p := perms(t, seg.Addr()); p != "r-xp" {
		t.Fatalf("sealed segment is %s, want r-xp", p)
	}
	if err := seg.Seal(); err == nil {
		t.Error("sealing twice succeeded")
	}

	// The sealed code runs.
	ctx, err := abi.NewExecContext()
	if err != nil {
		t.Fatal(err)
	}
	defer ctx.Free()
	stack, err := NewStack(64 << 10)
	if err != nil {
		t.Fatal(err)
	}
	defer stack.Free()
	ctx.StackTop, ctx.StackLimit = stack.Top(), stack.Base()
	sp, ok := ctx.PushEntry()
	if !ok {
		t.Fatal("PushEntry")
	}
	code := abi.Call(ctx, seg.Addr(), sp)
	ctx.PopEntry()
	if code != abi.ExitReturn {
		t.Fatalf("sealed code exited with %v", code)
	}
}

func TestStackGuardPage(t *testing.T) {
	const size = 100 << 10
	s, err := NewStack(size)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Free()
	page := uintptr(unix.Getpagesize())
	if s.Top()%16 != 0 || s.Top()-s.Base() < size {
		t.Fatalf("stack [%#x, %#x) is misaligned or smaller than %d bytes", s.Base(), s.Top(), size)
	}
	if p := perms(t, s.Base()); p != "rw-p" {
		t.Errorf("stack is %s, want rw-p", p)
	}
	// qemu-user with a reserved guest address space (QEMU_RESERVED_VA,
	// which .ci/run sets for the arm64 run) lists no PROT_NONE mappings;
	// the faults checked below are what matters.
	if p := mapping(t, s.Base()-1); p != "---p" && p != "" {
		t.Errorf("guard page is %s, want ---p", p)
	}
	if faults(s.Top()-1) || faults(s.Base()) {
		t.Error("reading the stack faults")
	}
	if !faults(s.Base()-1) || !faults(s.Base()-page) {
		t.Error("reading the guard page does not fault")
	}
}

// returnCode (code_$GOARCH_test.go) is hand-encoded with these offsets.
func TestReturnCodeOffsets(t *testing.T) {
	if abi.ExecCtxGoSP != 0 || abi.ExecCtxGoFP != 8 || abi.ExecCtxGoLR != 16 || abi.ExecCtxExitCode != 48 || abi.ExitReturn != 1 {
		t.Fatal("the ExecContext layout changed: re-encode returnCode")
	}
}
