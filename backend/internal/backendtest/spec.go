//go:build linux

package backendtest

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/internal/testsuite"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// The spec scripts' assert_return, assert_trap and assert_exhaustion run
// natively for every module without imports that the back end compiles;
// the assertions of other modules are counted as skipped, with the reason
// logged per module. Expected values come from the scripts.

// Spec runs every top-level script of core/ (or of the suite's
// directory SABLE_SPEC_DIR, such as core/memory64). Set SABLE_SPEC_FILE to
// a file's base name to run only that one.
func Spec(t *testing.T, b Backend) {
	dir := testsuite.Require(t)
	sub := os.Getenv("SABLE_SPEC_DIR")
	if sub == "" {
		sub = "core"
	}
	paths, err := filepath.Glob(filepath.Join(dir, sub, "*.wast"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scripts in %s: %v", dir, err)
	}
	only := os.Getenv("SABLE_SPEC_FILE")
	var total specTally
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".wast")
		if only != "" && name != only {
			continue
		}
		t.Run(name, func(t *testing.T) {
			c := runSpecScript(t, b, path)
			t.Logf("%-24s %5d passed, %3d failed, %5d skipped", name, c.pass, c.fail, c.skip)
			total.add(c)
		})
	}
	t.Logf("TOTAL: %d passed, %d failed, %d skipped", total.pass, total.fail, total.skip)
}

type specTally struct{ pass, fail, skip int }

func (c *specTally) add(o specTally) { c.pass += o.pass; c.fail += o.fail; c.skip += o.skip }

type specInstance struct {
	m   *wasm.Module
	mc  *Machine
	err error // why its assertions are skipped
	// linked: the module imports from another instance, which its
	// instantiation may change (segments written into a shared table).
	linked bool
}

var errSpecSkip = errors.New("skipped")

func runSpecScript(t *testing.T, b Backend, path string) specTally {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	script, err := wat.ParseScript(src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var c specTally
	var cur *specInstance
	// One store for the script: linked instances share objects.
	st, err := NewStore(t, 1<<20, gc.Config{Stress: *gcStress, Poison: *gcStress})
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]*specInstance{}
	registered := map[string]*specInstance{}
	var all []*specInstance
	taint := func(line int) {
		for _, si := range all {
			if si.err == nil {
				si.err = fmt.Errorf("%w: linked to a module that was not instantiated (line %d)", errSpecSkip, line)
			}
		}
	}
	lookup := func(a *wat.Action) *specInstance {
		if a.Module != "" {
			return named[a.Module]
		}
		return cur
	}
	tally := func(line int, err error) {
		switch {
		case err == nil:
			c.pass++
		case errors.Is(err, errSpecSkip):
			c.skip++
		default:
			c.fail++
			t.Errorf("line %d: %v", line, err)
		}
	}
	for _, cmd := range script.Commands {
		line := cmd.Position().Line
		switch cmd := cmd.(type) {
		case *wat.ModuleCommand:
			if cmd.Definition {
				continue
			}
			cur = loadSpecInstance(t, b, st, cmd.Module, registered)
			if cur.err != nil {
				t.Logf("line %d: module skipped: %v", line, cur.err)
				if cur.linked {
					// Its instantiation would have changed instances it
					// links to: their later results are not comparable.
					taint(line)
				}
			}
			all = append(all, cur)
			if cmd.Module.Name != "" {
				named[cmd.Module.Name] = cur
			}
		case *wat.RegisterCommand:
			si := cur
			if cmd.Module != "" {
				si = named[cmd.Module]
			}
			registered[cmd.As] = si
		case *wat.ActionCommand:
			if si := lookup(cmd.Action); si != nil && si.err == nil {
				si.invoke(cmd.Action)
			}
		case *wat.AssertReturn:
			tally(line, checkSpecReturn(lookup(cmd.Action), cmd))
		case *wat.AssertTrap:
			if cmd.Action == nil {
				// A module that traps at instantiation is not this
				// package's business, but what it wrote into instances
				// it links to before trapping stays there.
				if m, err := parseSpecModule(cmd.Module); err != nil || linksTo(m) {
					taint(line)
				}
				continue
			}
			tally(line, checkSpecTrap(lookup(cmd.Action), cmd.Action, cmd.Message))
		case *wat.AssertExhaustion:
			tally(line, checkSpecTrap(lookup(cmd.Action), cmd.Action, cmd.Message))
		}
	}
	return c
}

func parseSpecModule(ms *wat.ModuleSource) (*wasm.Module, error) {
	switch ms.Format {
	case wat.ModuleText:
		return wat.ParseModuleNode(ms.Node)
	case wat.ModuleBinary:
		return wasm.Decode(ms.Bytes)
	}
	return wat.ParseModule(ms.Bytes)
}

// linksTo reports whether instantiating m may change another instance of
// the script: segments written into an imported table or memory, or a
// start function reaching the other instance's state.
func linksTo(m *wasm.Module) bool {
	for _, im := range m.Imports {
		if im.Module != "spectest" && (im.Kind != wasm.ExternFunc || m.Start != nil) {
			return true
		}
	}
	return false
}

func loadSpecInstance(t *testing.T, b Backend, st *Store, ms *wat.ModuleSource, registered map[string]*specInstance) *specInstance {
	m, err := parseSpecModule(ms)
	if err == nil {
		err = wasm.Validate(m)
	}
	if err != nil {
		return &specInstance{err: fmt.Errorf("%w: invalid module: %v", errSpecSkip, err)}
	}
	linked := linksTo(m)
	// Functions imported from registered instances are called directly
	// through the exporter's VMFuncRef: calls that switch instances.
	resolve := func(module, name string) (uintptr, bool) {
		si := registered[module]
		if si == nil || si.err != nil {
			return 0, false
		}
		idx, ok := Export(si.m, name)
		if !ok {
			return 0, false
		}
		return uintptr(si.mc.Inst.FuncRef(idx)), true
	}
	mc, err := NewStoreMachine(t, b, st, m, resolve)
	if err != nil {
		if errors.Is(err, codegen.ErrUnsupported) || errors.Is(err, compiler.ErrUnsupported) {
			err = fmt.Errorf("%w: %v", errSpecSkip, err)
		}
		return &specInstance{err: err, linked: linked}
	}
	return &specInstance{m: m, mc: mc, linked: linked}
}

func (si *specInstance) invoke(a *wat.Action) ([]uint64, error) {
	if a.Kind == wat.Get {
		return si.get(a.Name)
	}
	idx, ok := Export(si.m, a.Name)
	if !ok {
		return nil, fmt.Errorf("no export %q", a.Name)
	}
	args := make([]uint64, len(a.Args))
	for i, v := range a.Args {
		switch v.Kind {
		case wat.ValI32, wat.ValI64, wat.ValF32, wat.ValF64:
			args[i] = v.Bits
		case wat.ValNull:
			args[i] = 0
		case wat.ValExtern, wat.ValHost:
			args[i] = hostRef(v.Host)
		default:
			return nil, fmt.Errorf("%w: argument kind", errSpecSkip)
		}
	}
	return si.mc.Call(idx, args)
}

// get reads an exported global: 8 bytes of its cell (i32 and f32 in the
// low half, the upper half zero).
func (si *specInstance) get(name string) ([]uint64, error) {
	for _, e := range si.m.Exports {
		if e.Name == name && e.Kind == wasm.ExternGlobal {
			if si.mc.Inst.mi.Globals[e.Index].Type.Kind == wasm.V128 {
				return nil, fmt.Errorf("%w: v128 global", errSpecSkip)
			}
			cell := si.mc.Inst.vmctx.Global(int(e.Index))
			return []uint64{*(*uint64)(unsafe.Pointer(cell))}, nil
		}
	}
	return nil, fmt.Errorf("no global export %q", name)
}

func usableInstance(si *specInstance) error {
	if si == nil {
		return fmt.Errorf("%w: no module", errSpecSkip)
	}
	return si.err
}

func checkSpecReturn(si *specInstance, cmd *wat.AssertReturn) error {
	if err := usableInstance(si); err != nil {
		return err
	}
	got, err := si.invoke(cmd.Action)
	if err != nil {
		return fmt.Errorf("%s%v: %w", cmd.Action.Name, cmd.Action.Args, err)
	}
	if len(got) != len(cmd.Results) {
		return fmt.Errorf("%s: %d results, want %d", cmd.Action.Name, len(got), len(cmd.Results))
	}
	for i, want := range cmd.Results {
		ok, known := si.mc.St.specMatch(got[i], want)
		if !known {
			return fmt.Errorf("%w: result pattern", errSpecSkip)
		}
		if !ok {
			return fmt.Errorf("%s%v: result %d = %#x, want %+v", cmd.Action.Name, cmd.Action.Args, i, got[i], want)
		}
	}
	return nil
}

func checkSpecTrap(si *specInstance, a *wat.Action, msg string) error {
	if err := usableInstance(si); err != nil {
		return err
	}
	_, err := si.invoke(a)
	if errors.Is(err, errSpecSkip) {
		return err
	}
	code := TrapOf(err)
	if code == 0 {
		return fmt.Errorf("%s: got %v, want trap %q", a.Name, err, msg)
	}
	if got := code.String(); !strings.HasPrefix(got, msg) && !strings.HasPrefix(msg, got) {
		return fmt.Errorf("%s: trapped %q, want %q", a.Name, got, msg)
	}
	return nil
}

// hostRef is host value h in abi's reference encoding.
func hostRef(h uint32) uint64 { return uint64(h)<<2 | abi.RefHostTag }

func (st *Store) specMatch(got uint64, want wat.Result) (ok, known bool) {
	switch want.Kind {
	case wat.ResultValue:
		switch v := want.Value; v.Kind {
		case wat.ValI32, wat.ValF32:
			return got == v.Bits&0xffffffff, true
		case wat.ValI64, wat.ValF64:
			return got == v.Bits, true
		case wat.ValNull:
			return got == 0, true
		case wat.ValExtern, wat.ValHost:
			return got == hostRef(v.Host), true
		}
	case wat.ResultNaN:
		if want.Value.Kind == wat.ValF64 {
			if want.NaN == wat.NaNCanonical {
				return got&^(1<<63) == 0x7ff8000000000000, true
			}
			return math.IsNaN(math.Float64frombits(got)) && got&(1<<51) != 0, true
		}
		if got>>32 != 0 {
			return false, true
		}
		if want.NaN == wat.NaNCanonical {
			return got&0x7fffffff == 0x7fc00000, true
		}
		return got&0x7f800000 == 0x7f800000 && got&0x00400000 != 0, true
	case wat.ResultNull:
		return got == 0, true
	case wat.ResultRef:
		return st.refMatch(got, want.Heap)
	case wat.ResultEither:
		for _, alt := range want.Either {
			if ok, known := st.specMatch(got, alt); ok && known {
				return true, true
			}
		}
		return false, true
	}
	return false, false
}
