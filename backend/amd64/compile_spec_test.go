//go:build amd64 && linux

package amd64

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sablewasm/sable/internal/testsuite"
	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// The spec scripts' assert_return, assert_trap and assert_exhaustion run
// natively for every module without imports that the back end compiles;
// the assertions of other modules are counted as skipped, with the reason
// logged per module. Expected values come from the scripts.

var backendSpecFiles = []string{
	"i32", "i64", "f32", "f64", "f32_cmp", "f64_cmp", "f32_bitwise", "f64_bitwise",
	"conversions", "int_exprs", "float_exprs", "float_misc", "int_literals", "float_literals",
	"const", "fac", "block", "loop", "br", "br_if", "br_table", "if", "call", "return",
	"select", "local_get", "local_set", "local_tee", "labels", "switch", "stack", "nop",
	"unreachable", "unwind", "forward", "left-to-right", "func",
}

func TestSpecNative(t *testing.T) {
	dir := testsuite.Require(t)
	var total specTally
	for _, name := range backendSpecFiles {
		path := filepath.Join(dir, "core", name+".wast")
		t.Run(name, func(t *testing.T) {
			c := runSpecScript(t, path)
			t.Logf("%-14s %4d passed, %3d failed, %4d skipped", name, c.pass, c.fail, c.skip)
			total.add(c)
		})
	}
	t.Logf("TOTAL: %d passed, %d failed, %d skipped", total.pass, total.fail, total.skip)
}

type specTally struct{ pass, fail, skip int }

func (c *specTally) add(o specTally) { c.pass += o.pass; c.fail += o.fail; c.skip += o.skip }

type specInstance struct {
	m   *wasm.Module
	mc  *machine
	err error // why its assertions are skipped
}

var errSpecSkip = errors.New("skipped")

func runSpecScript(t *testing.T, path string) specTally {
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
	named := map[string]*specInstance{}
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
			cur = loadSpecInstance(t, cmd.Module)
			if cur.err != nil {
				t.Logf("line %d: module skipped: %v", line, cur.err)
			}
			if cmd.Module.Name != "" {
				named[cmd.Module.Name] = cur
			}
		case *wat.ActionCommand:
			if si := lookup(cmd.Action); si != nil && si.err == nil {
				si.invoke(cmd.Action)
			}
		case *wat.AssertReturn:
			tally(line, checkSpecReturn(lookup(cmd.Action), cmd))
		case *wat.AssertTrap:
			if cmd.Action == nil {
				continue // module traps at instantiation: not this package's business
			}
			tally(line, checkSpecTrap(lookup(cmd.Action), cmd.Action, cmd.Message))
		case *wat.AssertExhaustion:
			tally(line, checkSpecTrap(lookup(cmd.Action), cmd.Action, cmd.Message))
		}
	}
	return c
}

func loadSpecInstance(t *testing.T, ms *wat.ModuleSource) *specInstance {
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
		return &specInstance{err: fmt.Errorf("%w: invalid module: %v", errSpecSkip, err)}
	}
	if len(m.Imports) > 0 {
		return &specInstance{err: fmt.Errorf("%w: module has imports", errSpecSkip)}
	}
	for _, g := range [][]any{{len(m.Mems), "memories"}, {len(m.Tables), "tables"}, {len(m.Globals), "globals"}} {
		if g[0].(int) > 0 {
			// Data and element segments, and globals read by exports,
			// need the instance context that is not wired up here yet.
			return &specInstance{err: fmt.Errorf("%w: module has %s", errSpecSkip, g[1])}
		}
	}
	mc, err := newMachine(t, m, 1<<20, HostFeatures())
	if err != nil {
		if errors.Is(err, ErrUnsupported) {
			return &specInstance{err: fmt.Errorf("%w: %v", errSpecSkip, err)}
		}
		return &specInstance{err: err}
	}
	return &specInstance{m: m, mc: mc}
}

func (si *specInstance) invoke(a *wat.Action) ([]uint64, error) {
	if a.Kind != wat.Invoke {
		return nil, fmt.Errorf("%w: get", errSpecSkip)
	}
	idx, ok := export(si.m, a.Name)
	if !ok {
		return nil, fmt.Errorf("no export %q", a.Name)
	}
	args := make([]uint64, len(a.Args))
	for i, v := range a.Args {
		switch v.Kind {
		case wat.ValI32, wat.ValI64, wat.ValF32, wat.ValF64:
			args[i] = v.Bits
		default:
			return nil, fmt.Errorf("%w: argument kind", errSpecSkip)
		}
	}
	return si.mc.call(idx, args)
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
		ok, known := specMatch(got[i], want)
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
	code := trapOf(err)
	if code == 0 {
		return fmt.Errorf("%s: got %v, want trap %q", a.Name, err, msg)
	}
	if got := code.String(); !strings.HasPrefix(got, msg) && !strings.HasPrefix(msg, got) {
		return fmt.Errorf("%s: trapped %q, want %q", a.Name, got, msg)
	}
	return nil
}

func specMatch(got uint64, want wat.Result) (ok, known bool) {
	switch want.Kind {
	case wat.ResultValue:
		switch v := want.Value; v.Kind {
		case wat.ValI32, wat.ValF32:
			return got == v.Bits&0xffffffff, true
		case wat.ValI64, wat.ValF64:
			return got == v.Bits, true
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
	case wat.ResultEither:
		for _, alt := range want.Either {
			if ok, known := specMatch(got, alt); ok && known {
				return true, true
			}
		}
		return false, true
	}
	return false, false
}
