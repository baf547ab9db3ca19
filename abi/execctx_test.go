package abi

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// The ExecCtx* constants are what generated code and the trampolines (via
// go_asm.h) use; they must match the struct.
func TestExecContextOffsets(t *testing.T) {
	var c ExecContext
	act := unsafe.Offsetof(c.Activation)
	for _, f := range []struct {
		name      string
		got, want uintptr
	}{
		{"GoSP", ExecCtxGoSP, unsafe.Offsetof(c.GoSP)},
		{"GoFP", ExecCtxGoFP, unsafe.Offsetof(c.GoFP)},
		{"GoLR", ExecCtxGoLR, unsafe.Offsetof(c.GoLR)},
		{"WasmSP", ExecCtxWasmSP, act + unsafe.Offsetof(c.Activation.WasmSP)},
		{"WasmFP", ExecCtxWasmFP, act + unsafe.Offsetof(c.Activation.WasmFP)},
		{"ContPC", ExecCtxContPC, act + unsafe.Offsetof(c.Activation.ContPC)},
		{"ExitCode", ExecCtxExitCode, act + unsafe.Offsetof(c.Activation.ExitCode)},
		{"TrapCode", ExecCtxTrapCode, act + unsafe.Offsetof(c.Activation.TrapCode)},
		{"Scratch", ExecCtxScratch, act + unsafe.Offsetof(c.Activation.Scratch)},
		{"StackLimit", ExecCtxStackLimit, unsafe.Offsetof(c.StackLimit)},
		{"InterruptFlag", ExecCtxInterruptFlag, unsafe.Offsetof(c.InterruptFlag)},
		{"VMContext", ExecCtxVMContext, unsafe.Offsetof(c.VMContext)},
		{"PrevEntry", ExecCtxPrevEntry, unsafe.Offsetof(c.PrevEntry)},
		{"StackTop", ExecCtxStackTop, unsafe.Offsetof(c.StackTop)},
		{"GCHeapBase", ExecCtxGCHeapBase, unsafe.Offsetof(c.GCHeapBase)},
		{"GCAllocPtr", ExecCtxGCAllocPtr, unsafe.Offsetof(c.GCAllocPtr)},
		{"GCAllocLimit", ExecCtxGCAllocLimit, unsafe.Offsetof(c.GCAllocLimit)},
		{"TypeTable", ExecCtxTypeTable, unsafe.Offsetof(c.TypeTable)},
		{"size", ExecCtxSize, unsafe.Sizeof(c)},
	} {
		if f.got != f.want {
			t.Errorf("ExecCtx%s = %d, struct says %d", f.name, f.got, f.want)
		}
	}
	// Generated code stores exit and trap codes with 32-bit stores and
	// reads the interrupt flag with a 32-bit load.
	if unsafe.Sizeof(c.ExitCode) != 4 || unsafe.Sizeof(c.TrapCode) != 4 || unsafe.Sizeof(c.InterruptFlag) != 4 {
		t.Error("ExitCode, TrapCode and InterruptFlag must be 32-bit")
	}
}

// ExecContext and EntryRecord live outside the Go heap and are written by
// machine code: they must never hold a Go pointer, which the collector would
// not see.
func TestNoGoPointers(t *testing.T) {
	var check func(path string, typ reflect.Type)
	check = func(path string, typ reflect.Type) {
		switch typ.Kind() {
		case reflect.Struct:
			for i := range typ.NumField() {
				check(path+"."+typ.Field(i).Name, typ.Field(i).Type)
			}
		case reflect.Array:
			check(path+"[]", typ.Elem())
		case reflect.Bool, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
			reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		default:
			t.Errorf("%s is a %s; only plain integers are allowed", path, typ.Kind())
		}
	}
	check("ExecContext", reflect.TypeFor[ExecContext]())
	check("EntryRecord", reflect.TypeFor[EntryRecord]())
}

func TestCodeStrings(t *testing.T) {
	for c := ExitReturn; c <= ExitInterrupt; c++ {
		if strings.HasPrefix(c.String(), "ExitCode(") {
			t.Errorf("exit code %d has no name", c)
		}
	}
	seen := map[string]TrapCode{}
	for c := TrapUnreachable; c <= TrapUnhandledException; c++ {
		s := c.String()
		if strings.HasPrefix(s, "TrapCode(") {
			t.Errorf("trap code %d has no message", c)
		}
		if prev, dup := seen[s]; dup {
			t.Errorf("trap codes %d and %d share the message %q", prev, c, s)
		}
		seen[s] = c
	}
	if s := TrapCode(0).String(); s != "TrapCode(0)" {
		t.Errorf("TrapCode(0) = %q", s)
	}
}

// Every trap message the spec test suite expects must be produced by one
// of our trap codes. The suite matches by prefix, and some expectations
// carry details after the message ("uninitialized element 2").
func TestTrapMessagesMatchSpecSuite(t *testing.T) {
	dir := os.Getenv("SABLE_TESTSUITE")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "testsuite")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("spec test suite not found at %s (set SABLE_TESTSUITE)", dir)
	}
	expected := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".wast") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, cmd := range []string{"(assert_trap", "(assert_exhaustion"} {
			for rest := src; ; {
				i := bytes.Index(rest, []byte(cmd))
				if i < 0 {
					break
				}
				var msg string
				msg, rest = lastString(rest[i+1:])
				expected[msg] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(expected) < 10 {
		t.Fatalf("found only %d distinct trap messages; is the pattern broken?", len(expected))
	}
	t.Logf("%d distinct expected trap messages", len(expected))
	for msg := range expected {
		found := false
		for c := TrapUnreachable; c <= TrapUnhandledException && !found; c++ {
			found = strings.HasPrefix(msg, c.String())
		}
		if !found {
			t.Errorf("the suite expects trap %q, which no TrapCode produces", msg)
		}
	}
}

// lastString scans an S-expression whose opening parenthesis has been
// consumed and returns its last top-level string (the expected message of
// an assertion) and the input after it.
func lastString(src []byte) (string, []byte) {
	depth, last := 1, ""
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return last, src[i+1:]
			}
		case ';':
			if i+1 < len(src) && src[i+1] == ';' {
				n := bytes.IndexByte(src[i:], '\n')
				if n < 0 {
					return last, nil
				}
				i += n
			}
		case '"':
			j := i + 1
			for ; j < len(src) && src[j] != '"'; j++ {
				if src[j] == '\\' {
					j++
				}
			}
			if depth == 1 {
				last = string(src[i+1 : j])
			}
			i = j
		}
	}
	return last, nil
}
