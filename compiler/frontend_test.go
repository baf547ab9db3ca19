package compiler

import (
	"errors"
	"testing"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// compileWAT parses and validates src and translates every defined
// function, failing the test on any error.
func compileWAT(t testing.TB, src string) (*ModuleInfo, []*Func) {
	t.Helper()
	m, err := wat.ParseModule([]byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if err := wasm.Validate(m); err != nil {
		t.Fatalf("validate: %v", err)
	}
	mi, err := NewModuleInfo(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	var fs []*Func
	for i := range m.Funcs {
		f, err := Translate(mi, mi.NumImportedFuncs+uint32(i))
		if err != nil {
			t.Fatalf("translate: %v", err)
		}
		fs = append(fs, f)
	}
	return mi, fs
}

func TestFrontendGolden(t *testing.T) {
	_, fs := compileWAT(t, goldenSrc)
	f := fs[0]
	if err := Verify(f); err != nil {
		t.Fatal(err)
	}
	if got := f.String(); got != goldenFrontend {
		t.Errorf("frontend IR:\n%s\nwant:\n%s", got, goldenFrontend)
	}
	Optimize(f)
	if err := Verify(f); err != nil {
		t.Fatal(err)
	}
	if got := f.String(); got != goldenOptimized {
		t.Errorf("optimized IR:\n%s\nwant:\n%s", got, goldenOptimized)
	}
}

// goldenSrc sums the i32s at [p, p+4n): a loop with two locals carried
// around the back edge, a loop-invariant one, a memory access and a divide.
const goldenSrc = `(module (memory 1)
  (func $sum (param $p i32) (param $n i32) (result i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (i32.div_s (local.get $s) (i32.const 3))))`

const goldenFrontend = `func sum(i32, i32) -> (i32) {
b0(v1:i32, v2:i32):
  safepoint
  v16:i32 = const 0x0
  jump b1(v2, v16, v1)
b1(v4:i32, v6:i32, v7:i32):
  safepoint
  v5:i32 = i32.eqz v4
  br_if v5, b3(), b2()
b2():
  v8:i64 = mem.len mem0
  bounds_check v7, v8 mem0 extent=8 trap(out of bounds memory access)
  v9:i64 = mem.base mem0
  v10:i32 = load v7, v9 mem0+4 size=4
  v11:i32 = i32.add v6, v10
  v12:i32 = const 0x4
  v13:i32 = i32.add v7, v12
  v14:i32 = const 0x1
  v15:i32 = i32.sub v4, v14
  jump b1(v15, v11, v13)
b3():
  v17:i32 = const 0x3
  trap_if_zero v17 trap(integer divide by zero)
  check_sdiv v6, v17 trap(integer overflow)
  v18:i32 = i32.div_s v6, v17
  return v18
}
`
const goldenOptimized = `func sum(i32, i32) -> (i32) {
b0(v1:i32, v2:i32):
  safepoint
  v16:i32 = const 0x0
  v19:i64 = mem.len mem0
  v20:i64 = mem.base mem0
  jump b1(v2, v16, v1)
b1(v4:i32, v6:i32, v7:i32):
  safepoint
  v5:i32 = i32.eqz v4
  br_if v5, b3(), b2()
b2():
  bounds_check v7, v19 mem0 extent=8 trap(out of bounds memory access)
  v10:i32 = load v7, v20 mem0+4 size=4
  v11:i32 = i32.add v6, v10
  v12:i32 = const 0x4
  v13:i32 = i32.add v7, v12
  v14:i32 = const 0x1
  v15:i32 = i32.sub v4, v14
  jump b1(v15, v11, v13)
b3():
  v17:i32 = const 0x3
  v18:i32 = i32.div_s v6, v17
  return v18
}
`

func TestFrontendSkipsUnreachableCode(t *testing.T) {
	_, fs := compileWAT(t, `(module (func (param i32) (result i32)
	  (block (result i32)
	    (return (i32.const 1))
	    (drop (i32.add (i32.const 2) (i32.const 3)))
	    (block (loop (br 0)))
	    (if (result i32) (local.get 0) (then (i32.const 4)) (else (unreachable))))))`)
	f := fs[0]
	if err := Verify(f); err != nil {
		t.Fatal(err)
	}
	if len(f.Blocks) != 1 || countOps(f, OpNumeric) != 0 || countOps(f, OpConst) != 1 {
		t.Errorf("unreachable code translated:\n%s", f)
	}
}

// Trap sites carry the module offset of the Wasm instruction that traps.
func TestTrapOffsets(t *testing.T) {
	mi, fs := compileWAT(t, `(module (memory 1)
	  (func (param i32 i32) (result i32)
	    (i32.load offset=65536 (i32.div_u (local.get 0) (local.get 1)))))`)
	code := mi.Module.Codes[0]
	offsets := map[wasm.Op]uint32{}
	r := wasm.NewInstrReader(code.Body, code.BodyOffset)
	var in wasm.Instr
	for r.Next(&in) == nil {
		offsets[in.Op] = uint32(in.Offset)
	}
	inst, err := NewInstance(mi, fs)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []uint64
		code string
		op   wasm.Op
	}{
		{[]uint64{1, 0}, "integer divide by zero", wasm.OpI32DivU},
		{[]uint64{1, 1}, "out of bounds memory access", wasm.OpI32Load},
	} {
		_, err := inst.Call(0, tc.args)
		var trap *Trap
		if !errors.As(err, &trap) || trap.Code.String() != tc.code || trap.Offset != offsets[tc.op] {
			t.Errorf("%v: got %v, want %q at %#x", tc.args, err, tc.code, offsets[tc.op])
		}
	}
}
