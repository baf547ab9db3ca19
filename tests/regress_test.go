package tests

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sablewasm/sable/runtime"
	"github.com/sablewasm/sable/tests/spectest"
)

// TestRegress runs the regression scripts in regress/, each named after
// the bug it pins, normally and with the GC in stress mode. Every command
// must pass: a skip (something not compiled yet) is reported, not hidden.
func TestRegress(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("regress", "*.wast"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no regression scripts: %v", err)
	}
	for _, stress := range []bool{false, true} {
		for _, f := range files {
			name := filepath.Base(f)
			if stress {
				name = "stress/" + name
			}
			t.Run(name, func(t *testing.T) {
				if _, err := os.Stat(f); err != nil {
					t.Fatal(err)
				}
				eng, err := spectest.NewSableEngineWith(runtime.Config{GCStress: stress})
				if err != nil {
					t.Fatal(err)
				}
				defer eng.Close()
				results := spectest.RunFile(f, eng)
				for _, r := range results {
					switch r.Status {
					case spectest.Fail:
						t.Errorf("%s:%d: %s: %s", name, r.Line, r.Kind, r.Reason)
					case spectest.Skip:
						t.Logf("%s:%d: %s skipped: %s", name, r.Line, r.Kind, r.Reason)
					}
				}
				t.Logf("%s: %s", name, spectest.Tally(results))
			})
		}
	}
}

// TestSeedGoAPI runs the seed of DESIGN §5 — array.new of 536,870,911
// structrefs — through the embedding API: compiled code, a constant
// expression, and Store.NewArray, each the trap allocation size too large,
// with the heap intact afterwards.
func TestSeedGoAPI(t *testing.T) {
	ctx := context.Background()
	eng := runtime.NewEngine(runtime.Config{})
	st := runtime.NewStore(eng, runtime.StoreLimits{})
	defer st.Close()
	src, err := os.ReadFile("../examples/gc.wat")
	if err != nil {
		t.Fatal(err)
	}
	mod := compileText(t, eng, string(src))
	inst, err := st.Instantiate(ctx, mod, nil)
	if err != nil {
		t.Fatal(err)
	}
	structs, err := mod.HeapType(2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.NewArray(structs, 536870911, runtime.Value{}); !errors.Is(err, runtime.ErrAllocationTooLarge) {
		t.Errorf("Store.NewArray: %v", err)
	}
	_, err = st.Instantiate(ctx, compileText(t, eng, `(module (type $e (struct)) (type $s (array structref))
		(global (ref $s) (array.new $s (struct.new_default $e) (i32.const 536870911))))`), nil)
	if !errors.Is(err, runtime.ErrAllocationTooLarge) {
		t.Errorf("constant expression: %v", err)
	}
	_, err = inst.Func("seed").Call(ctx)
	if errors.Is(err, runtime.ErrNotCompiled) {
		t.Skipf("compiled code: %v", err)
	}
	var trap *runtime.Trap
	if !errors.As(err, &trap) || !errors.Is(err, runtime.ErrAllocationTooLarge) || len(trap.Backtrace) == 0 {
		t.Fatalf("seed: %v, want %v with a backtrace", err, runtime.ErrAllocationTooLarge)
	}
	if trap.Error() != "allocation size too large" {
		t.Errorf("trap message %q", trap.Error())
	}
	res, err := inst.Func("sum").Call(ctx, runtime.I32(1000))
	if err != nil || res[0].I32() != 500500 {
		t.Errorf("after the traps, sum(1000) = %v, %v", res, err)
	}
}
