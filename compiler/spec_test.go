package compiler

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// The spec scripts run through the frontend and the evaluator twice: once
// on the frontend's IR and once after every pass (verified after each),
// and an assertion passes only if both runs match the expectation.

var specFiles = []string{
	"i32", "i64", "f32", "f32_bitwise", "f32_cmp", "f64", "f64_bitwise", "f64_cmp",
	"conversions", "float_exprs", "float_misc", "float_memory", "int_exprs", "int_literals",
	"float_literals", "const", "block", "loop", "br", "br_if", "br_table", "if", "call",
	"call_indirect", "fac", "local_get", "local_set", "local_tee", "local_init", "select",
	"return", "unreachable", "unwind", "stack", "switch", "labels", "nop", "left-to-right",
	"memory", "load", "store", "address", "endianness", "traps", "memory_trap",
	"memory_redundancy", "memory_size", "memory_grow", "forward", "func", "global",
	"func_ptrs", "return_call", "return_call_indirect", "return_call_ref", "call_ref",
	"ref_null", "ref_is_null", "ref_func", "ref_as_non_null", "br_on_null", "br_on_non_null",
	"table_get", "table_set", "table_size", "table_grow", "data", "elem",
	"start", "type", "align", "exports", "names", "skip-stack-guard-page",
	"ref", "type-canon", "type-equivalence", "type-rec",
}

// specDirs are run whole: every file in them uses only what the compiler
// supports, or is skipped module by module.
var specDirs = []string{"memory64", "multi-memory", "bulk-memory", "gc"}

func testsuiteDir(t *testing.T) string {
	dir := os.Getenv("SABLE_TESTSUITE")
	if dir == "" {
		dir = "../../shared/testsuite"
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("SKIPPING spec tests: testsuite not found at %s (set SABLE_TESTSUITE)", dir)
	}
	return dir
}

type specCounts struct{ pass, fail, skip int }

func TestSpecEval(t *testing.T) {
	dir := testsuiteDir(t)
	var total specCounts
	var paths []string
	for _, name := range specFiles {
		paths = append(paths, filepath.Join(dir, "core", name+".wast"))
	}
	for _, d := range specDirs {
		more, _ := filepath.Glob(filepath.Join(dir, "core", d, "*.wast"))
		paths = append(paths, more...)
	}
	for _, path := range paths {
		if _, err := os.Stat(path); err != nil {
			t.Errorf("missing spec file %s", path)
			continue
		}
		name, _ := filepath.Rel(filepath.Join(dir, "core"), path)
		t.Run(name, func(t *testing.T) {
			c := runSpecFile(t, path)
			t.Logf("%s: %d passed, %d failed, %d skipped", name, c.pass, c.fail, c.skip)
			total.pass += c.pass
			total.fail += c.fail
			total.skip += c.skip
		})
	}
	t.Logf("TOTAL: %d passed, %d failed, %d skipped", total.pass, total.fail, total.skip)
}

// specModule is a module instantiated twice: unoptimized and optimized.
type specModule struct {
	plain, opt *Instance
	exports    map[string]wasm.Export
	imports    bool  // the module has imports (and is therefore unsupported)
	err        error // why the module is unsupported, if it is
}

func runSpecFile(t *testing.T, path string) specCounts {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	script, err := wat.ParseScript(src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var c specCounts
	var cur *specModule
	named := map[string]*specModule{}
	lookup := func(a *wat.Action) *specModule {
		if a.Module != "" {
			return named[a.Module]
		}
		return cur
	}
	for _, cmd := range script.Commands {
		line := cmd.Position().Line
		switch cmd := cmd.(type) {
		case *wat.ModuleCommand:
			if cmd.Definition {
				continue
			}
			cur = loadSpecModule(t, cmd.Module)
			if cmd.Module.Name != "" {
				named[cmd.Module.Name] = cur
			}
			if cur.imports {
				taint(named)
			}
		case *wat.ActionCommand:
			if sm := lookup(cmd.Action); sm != nil && sm.err == nil {
				runAction(sm, cmd.Action)
			}
		case *wat.AssertReturn:
			c.count(t, line, checkReturn(lookup(cmd.Action), cmd))
		case *wat.AssertModule:
			if cmd.Kind == "assert_unlinkable" {
				taint(named)
			}
		case *wat.AssertTrap:
			if cmd.Action == nil {
				taint(named)
				c.skip++
				continue
			}
			c.count(t, line, checkTrap(lookup(cmd.Action), cmd.Action, cmd.Message))
		case *wat.AssertExhaustion:
			c.count(t, line, checkTrap(lookup(cmd.Action), cmd.Action, cmd.Message))
		}
	}
	return c
}

var errSkip = errors.New("skipped")

// taint marks every named module unusable. An importing module (linked,
// failing to link, or trapping in its start function) can change the
// state of the modules it imports from, through its segments or start
// function; the evaluator does not model imports, so the earlier modules'
// state can no longer be trusted.
func taint(named map[string]*specModule) {
	for _, sm := range named {
		if sm.err == nil {
			sm.err = errors.New("state shared with an importing module")
		}
	}
}

func (c *specCounts) count(t *testing.T, line int, err error) {
	switch {
	case err == nil:
		c.pass++
	case errors.Is(err, errSkip):
		c.skip++
	default:
		c.fail++
		t.Errorf("line %d: %v", line, err)
	}
}

func loadSpecModule(t *testing.T, ms *wat.ModuleSource) *specModule {
	var m *wasm.Module
	var err error
	switch ms.Format {
	case wat.ModuleText:
		m, err = wat.ParseModuleNode(ms.Node)
	case wat.ModuleBinary:
		m, err = wasm.Decode(ms.Bytes)
	default:
		m, err = wat.ParseModule(ms.Bytes)
	}
	if err == nil {
		err = wasm.Validate(m)
	}
	if err != nil {
		t.Errorf("line %d: module: %v", ms.Line, err)
		return &specModule{err: err}
	}
	sm := &specModule{exports: map[string]wasm.Export{}, imports: len(m.Imports) > 0}
	for _, e := range m.Exports {
		sm.exports[e.Name] = e
	}
	mi, err := NewModuleInfo(m, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := int(mi.NumImportedFuncs) + len(m.Funcs)
	plain, opt := make([]*Func, n), make([]*Func, n)
	for i := int(mi.NumImportedFuncs); i < n; i++ {
		f, err := Translate(mi, uint32(i))
		if err != nil {
			if !errors.Is(err, ErrUnsupported) {
				t.Errorf("line %d: %v", ms.Line, err)
			}
			sm.err = err
			return sm
		}
		if err := Verify(f); err != nil {
			t.Errorf("line %d: after frontend: %v\n%s", ms.Line, err, f)
			sm.err = err
			return sm
		}
		plain[i] = f
		g, _ := Translate(mi, uint32(i))
		for _, p := range Passes {
			p.Run(g)
			if err := Verify(g); err != nil {
				t.Errorf("line %d: after %s: %v\n%s", ms.Line, p.Name, err, g)
				sm.err = err
				return sm
			}
		}
		opt[i] = g
	}
	if sm.plain, err = NewInstance(mi, plain); err == nil {
		sm.opt, err = NewInstance(mi, opt)
	}
	if err != nil {
		sm.err = err
	}
	return sm
}

// runAction runs a on both instances and returns both outcomes.
func runAction(sm *specModule, a *wat.Action) (plain, opt []uint64, perr, oerr error) {
	e, ok := sm.exports[a.Name]
	if !ok {
		err := fmt.Errorf("no export %q", a.Name)
		return nil, nil, err, err
	}
	if a.Kind == wat.Get {
		if e.Kind != wasm.ExternGlobal || int(e.Index) >= len(sm.plain.Globals) {
			return nil, nil, errSkip, errSkip
		}
		return []uint64{sm.plain.Globals[e.Index]}, []uint64{sm.opt.Globals[e.Index]}, nil, nil
	}
	args := make([]uint64, len(a.Args))
	for i, v := range a.Args {
		x, ok := scriptValue(v)
		if !ok {
			return nil, nil, errSkip, errSkip
		}
		args[i] = x
	}
	plain, perr = sm.plain.Call(e.Index, args)
	opt, oerr = sm.opt.Call(e.Index, args)
	return plain, opt, perr, oerr
}

func scriptValue(v wat.Value) (uint64, bool) {
	switch v.Kind {
	case wat.ValI32, wat.ValI64, wat.ValF32, wat.ValF64:
		return v.Bits, true
	case wat.ValNull:
		return 0, true
	case wat.ValExtern, wat.ValHost:
		return hostRef(v.Host), true
	}
	return 0, false
}

// hostRef is host value h in abi's reference encoding.
func hostRef(h uint32) uint64 { return uint64(h)<<2 | abi.RefHostTag }

func usable(sm *specModule) error {
	if sm == nil {
		return fmt.Errorf("%w: no module", errSkip)
	}
	if sm.err != nil {
		return fmt.Errorf("%w: %v", errSkip, sm.err)
	}
	return nil
}

func checkReturn(sm *specModule, cmd *wat.AssertReturn) error {
	if err := usable(sm); err != nil {
		return err
	}
	plain, opt, perr, oerr := runAction(sm, cmd.Action)
	for i, r := range [2][]uint64{plain, opt} {
		err := [2]error{perr, oerr}[i]
		which := [2]string{"unoptimized", "optimized"}[i]
		if errors.Is(err, errSkip) || errors.Is(err, ErrNoImports) {
			return fmt.Errorf("%w: %v", errSkip, err)
		}
		if err != nil {
			return fmt.Errorf("%s %s: %v", which, cmd.Action.Name, err)
		}
		if len(r) != len(cmd.Results) {
			return fmt.Errorf("%s %s: %d results, want %d", which, cmd.Action.Name, len(r), len(cmd.Results))
		}
		inst := [2]*Instance{sm.plain, sm.opt}[i]
		for j, want := range cmd.Results {
			ok, known := matchResult(inst, r[j], want)
			if !known {
				return errSkip
			}
			if !ok {
				return fmt.Errorf("%s %s%v: result %d = %#x, want %+v", which, cmd.Action.Name, cmd.Action.Args, j, r[j], want)
			}
		}
	}
	return nil
}

func checkTrap(sm *specModule, a *wat.Action, msg string) error {
	if err := usable(sm); err != nil {
		return err
	}
	_, _, perr, oerr := runAction(sm, a)
	for _, err := range []error{perr, oerr} {
		if errors.Is(err, errSkip) || errors.Is(err, ErrNoImports) {
			return fmt.Errorf("%w: %v", errSkip, err)
		}
		var trap *Trap
		if !errors.As(err, &trap) {
			return fmt.Errorf("%s: got %v, want trap %q", a.Name, err, msg)
		}
		// The spec interpreter's messages sometimes carry details (an
		// element index) after the text every engine shares.
		if got := trap.Code.String(); !strings.HasPrefix(got, msg) && !strings.HasPrefix(msg, got) {
			return fmt.Errorf("%s: trapped %q, want %q", a.Name, trap.Code, msg)
		}
	}
	return nil
}

// matchResult matches a result pattern; known is false for patterns the
// evaluator cannot produce values for (v128 lanes).
func matchResult(in *Instance, got uint64, want wat.Result) (ok, known bool) {
	switch want.Kind {
	case wat.ResultValue:
		v := want.Value
		switch v.Kind {
		case wat.ValI32, wat.ValF32:
			return got == v.Bits&0xffffffff, true
		case wat.ValI64, wat.ValF64:
			return got == v.Bits, true
		case wat.ValNull:
			return got == 0, true
		case wat.ValExtern, wat.ValHost:
			return got == hostRef(v.Host), true
		}
		return false, false
	case wat.ResultNaN:
		return isNaNClass(got, want.Value.Kind == wat.ValF64, want.NaN), true
	case wat.ResultNull:
		return got == 0, true
	case wat.ResultRef:
		return matchRef(in, got, want.Heap)
	case wat.ResultEither:
		for _, alt := range want.Either {
			if ok, known := matchResult(in, got, alt); ok && known {
				return true, true
			}
		}
		return false, true
	}
	return false, false
}

// matchRef matches a non-null reference of abstract heap type h. The
// evaluator's funcrefs are function indices + 1, which only func (and
// the top types of other hierarchies, none of which a script compares a
// funcref with) can describe.
func matchRef(in *Instance, got uint64, h wasm.HeapType) (ok, known bool) {
	if got == 0 {
		return false, true
	}
	switch h {
	case wasm.HeapFunc:
		return true, true
	case wasm.HeapExtern:
		return true, true
	case wasm.HeapAny, wasm.HeapEq, wasm.HeapI31, wasm.HeapStruct, wasm.HeapArray:
		return in.RefMatches(got, h, false), true
	}
	return false, false
}

func isNaNClass(bits uint64, is64 bool, class wat.NaNClass) bool {
	if is64 {
		x := math.Float64frombits(bits)
		if class == wat.NaNCanonical {
			return bits&^(1<<63) == 0x7ff8000000000000
		}
		return x != x && bits&0x0008000000000000 != 0
	}
	x := math.Float32frombits(uint32(bits))
	if class == wat.NaNCanonical {
		return bits&0x7fffffff == 0x7fc00000
	}
	return x != x && bits&0x00400000 != 0
}
