package spectest

import (
	"errors"
	"strings"
	"testing"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// fakeFrontEnd is a front end whose verdicts are written in the script:
// a module containing the atom `malformed` fails to parse, `invalid` fails
// validation, and `undecodable` parses but its encoding fails to decode.
// Binary modules are their verdict as bytes ("ok", "malformed", "invalid").
func fakeFrontEnd() *frontEnd {
	verdict := map[*wasm.Module]string{}
	module := func(v string) *wasm.Module {
		m := &wasm.Module{}
		verdict[m] = v
		return m
	}
	fromWords := func(words []string) (*wasm.Module, error) {
		for _, w := range words {
			switch w {
			case "malformed":
				return nil, errors.New("unexpected token")
			case "invalid", "undecodable":
				return module(w), nil
			case "panic":
				panic("front end bug")
			}
		}
		return module("ok"), nil
	}
	return &frontEnd{
		parseNode: func(n *wat.Node) (*wasm.Module, error) {
			var words []string
			for _, a := range n.Args() {
				words = append(words, a.Text)
			}
			return fromWords(words)
		},
		parseText: func(b []byte) (*wasm.Module, error) { return fromWords(strings.Fields(string(b))) },
		encode:    func(m *wasm.Module) []byte { return []byte(verdict[m]) },
		decode: func(b []byte) (*wasm.Module, error) {
			switch v := string(b); v {
			case "ok", "invalid":
				return module(v), nil
			}
			return nil, &wasm.DecodeError{Msg: "unexpected end"}
		},
		validate: func(m *wasm.Module) error {
			if verdict[m] == "invalid" {
				return &wasm.ValidationError{Func: -1, Offset: -1, Msg: "type mismatch"}
			}
			return nil
		},
	}
}

func runFake(t *testing.T, script string, eng Engine) []Result {
	t.Helper()
	return run("test.wast", []byte(script), eng, fakeFrontEnd())
}

// expect checks the status of each result in order, and that each reason
// contains the given text.
func expect(t *testing.T, results []Result, want ...string) {
	t.Helper()
	if len(results) != len(want)/2 {
		t.Fatalf("got %d results, want %d: %v", len(results), len(want)/2, results)
	}
	for i, r := range results {
		status, reason := Status(want[2*i]), want[2*i+1]
		if r.Status != status || !strings.Contains(r.Reason, reason) {
			t.Errorf("command %d (%s, line %d): got %s %q, want %s containing %q", i, r.Kind, r.Line, r.Status, r.Reason, status, reason)
		}
	}
}

func TestModulePassRules(t *testing.T) {
	results := runFake(t, `
(module)
(module malformed)
(module invalid)
(module undecodable)
(module binary "ok")
(module binary "malformed")
(module quote "invalid")
(module definition $d)
(module definition $e invalid)
`, nil)
	expect(t, results,
		"pass", "",
		"fail", "text parser: unexpected token",
		"fail", "validator: type mismatch",
		"fail", "decoder (re-reading the encoded text module): unexpected end",
		"pass", "",
		"fail", "expected a valid module; got decoder: unexpected end",
		"fail", "validator: type mismatch",
		"pass", "",
		"fail", "validator",
	)
	if results[1].Line != 3 || results[1].Kind != "module" || results[1].File != "test.wast" {
		t.Errorf("result 1 = %+v, want test.wast line 3 kind module", results[1])
	}
}

func TestAssertMalformedRules(t *testing.T) {
	expect(t, runFake(t, `
(assert_malformed (module quote "malformed") "unexpected token")
(assert_malformed (module binary "malformed") "unexpected end")
(assert_malformed (module quote "invalid") "unexpected token")
(assert_malformed (module quote "ok") "unexpected token")
(assert_malformed (module undecodable) "unexpected token")
`, nil),
		"pass", `expected "unexpected token"; got text parser: unexpected token`,
		"pass", `got decoder: unexpected end`,
		"fail", "rejected by validator, not malformed: type mismatch",
		"fail", "got a valid module",
		"fail", "re-reading the encoded text module",
	)
}

func TestAssertInvalidRules(t *testing.T) {
	expect(t, runFake(t, `
(assert_invalid (module invalid) "type mismatch")
(assert_invalid (module binary "invalid") "type mismatch")
(assert_invalid (module malformed) "type mismatch")
(assert_invalid (module binary "junk") "type mismatch")
(assert_invalid (module) "type mismatch")
`, nil),
		"pass", `expected "type mismatch"; got validator: type mismatch`,
		"pass", "",
		"fail", "got text parser: unexpected token",
		"fail", "got decoder: unexpected end",
		"fail", "got a valid module",
	)
}

func TestAssertCustomRules(t *testing.T) {
	expect(t, runFake(t, `
(assert_malformed_custom (module quote "malformed") "@custom annotation: unexpected token")
(assert_malformed_custom (module quote "invalid") "@custom annotation: unexpected token")
(assert_malformed_custom (module quote "ok") "@custom annotation: unexpected token")
(assert_invalid_custom (module malformed) "invalid target")
(assert_invalid_custom (module invalid) "invalid target")
(assert_invalid_custom (module) "invalid target")
`, nil),
		"pass", "",
		"fail", "validator",
		"fail", "got a valid module",
		"pass", "",
		"pass", "",
		"fail", "got a valid module",
	)
}

func TestNoEngineSkips(t *testing.T) {
	results := runFake(t, `
(module $m)
(register "m" $m)
(invoke "f" (i32.const 1))
(get "g")
(assert_return (invoke "f") (i32.const 1))
(assert_trap (invoke "f") "unreachable")
(assert_exhaustion (invoke "f") "call stack exhausted")
(assert_exception (invoke "f"))
(assert_trap (module) "unreachable")
(assert_trap (module invalid) "unreachable")
(assert_unlinkable (module) "unknown import")
(assert_unlinkable (module malformed) "unknown import")
(module definition $d)
(module instance $i $d)
(module instance $j $nope)
`, nil)
	expect(t, results,
		"pass", "",
		"skip", "no engine",
		"skip", "no engine",
		"skip", "no engine",
		"skip", "no engine",
		"skip", "no engine",
		"skip", "no engine",
		"skip", "no engine",
		"skip", "no engine",
		"fail", "validator: type mismatch",
		"skip", "no engine",
		"fail", "text parser",
		"pass", "",
		"skip", "no engine",
		"fail", "unknown module definition $nope",
	)
	kinds := []string{"module", "register", "action", "action", "assert_return", "assert_trap",
		"assert_exhaustion", "assert_exception", "assert_trap", "assert_trap", "assert_unlinkable",
		"assert_unlinkable", "module", "module", "module"}
	for i, r := range results {
		if r.Kind != kinds[i] {
			t.Errorf("result %d kind = %q, want %q", i, r.Kind, kinds[i])
		}
	}
}

func TestRecoversFromPanicsAndBadCommands(t *testing.T) {
	results := runFake(t, `
(module panic)
(assert_return (invoke "f") (i32.const 1 2))
(frobnicate)
(module)
`, nil)
	expect(t, results,
		"fail", "panic: front end bug",
		"fail", "script syntax: 3:",
		"fail", "unknown command frobnicate",
		"pass", "",
	)
	if !strings.Contains(results[0].Reason, "goroutine") || strings.Contains(results[0].Reason, "\n") {
		t.Errorf("panic reason should hold the stack on one line: %q", results[0].Reason)
	}
	if results[1].Kind != "assert_return" {
		t.Errorf("unparsable command kind = %q, want assert_return", results[1].Kind)
	}
}

func TestLexErrorFailsFile(t *testing.T) {
	results := Run("bad.wast", []byte("(module)\n(module \"unclosed"), nil)
	if len(results) != 1 || results[0].Status != Fail || results[0].Kind != "script" || results[0].Line != 2 {
		t.Fatalf("got %+v, want one script failure at line 2", results)
	}
}

func TestInlineModuleScript(t *testing.T) {
	results := runFake(t, `(func) (memory 0) (func (export "f"))`, nil)
	expect(t, results, "pass", "")
	if results[0].Kind != "module" {
		t.Errorf("kind = %q, want module", results[0].Kind)
	}
}

// fakeEngine answers invocations by export name.
type fakeEngine struct {
	instances  []string
	registered map[string]string
}

func (e *fakeEngine) Instantiate(name string, m *wasm.Module) error {
	if name == "trap" {
		return &Trap{Message: "unreachable"}
	}
	if name == "unlinkable" {
		return &LinkError{Message: "unknown import"}
	}
	e.instances = append(e.instances, name)
	return nil
}

func (e *fakeEngine) Register(as, instance string) error {
	if e.registered == nil {
		e.registered = map[string]string{}
	}
	e.registered[as] = instance
	return nil
}

func (e *fakeEngine) Invoke(instance, export string, args []wat.Value) ([]wat.Value, error) {
	f32 := func(bits uint32) wat.Value { return wat.Value{Kind: wat.ValF32, Bits: uint64(bits)} }
	switch export {
	case "echo":
		return args, nil
	case "nan":
		return []wat.Value{f32(0x7fc00000), f32(0xffc00001), {Kind: wat.ValF64, Bits: 0xfff8000000000000}}, nil
	case "refs":
		return []wat.Value{
			{Kind: wat.ValNull, Heap: wasm.HeapNone},
			{Kind: wat.ValRef, Heap: wasm.HeapStruct},
			{Kind: wat.ValRef, Heap: wasm.HeapI31},
			{Kind: wat.ValExtern, Host: 7},
			{Kind: wat.ValRef, Heap: wasm.HeapFunc},
		}, nil
	case "lanes":
		v := wat.Value{Kind: wat.ValV128}
		copy(v.V128[:], []byte{0, 0, 0xc0, 0x7f, 0, 0, 0x80, 0x3f, 1, 0, 0xc0, 0xff, 0, 0, 0, 0})
		return []wat.Value{v}, nil
	case "trap":
		return nil, &Trap{Message: "integer divide by zero"}
	case "deep":
		return nil, &Exhaustion{Message: "call stack exhausted"}
	case "throw":
		return nil, &Exception{Message: "tag 0"}
	}
	return nil, errors.New("unknown export " + export)
}

func (e *fakeEngine) Get(instance, export string) (wat.Value, error) {
	return wat.Value{Kind: wat.ValI64, Bits: 42}, nil
}

func TestWithEngine(t *testing.T) {
	eng := &fakeEngine{}
	results := runFake(t, `
(module $m)
(module definition $d)
(module instance $i $d)
(register "reg" $m)
(assert_return (invoke "echo" (i32.const -1) (f32.const -0x1p-1) (ref.extern 3)) (i32.const 0xffffffff) (f32.const -0.5) (ref.extern 3))
(assert_return (invoke "echo" (i32.const 1)) (i32.const 2))
(assert_return (invoke "echo" (i32.const 1)))
(assert_return (invoke "nan") (f32.const nan:canonical) (f32.const nan:arithmetic) (f64.const nan:canonical))
(assert_return (invoke "nan") (f32.const nan:canonical) (f32.const nan:canonical) (f64.const nan))
(assert_return (invoke "refs") (ref.null) (ref.struct) (ref.eq) (ref.extern) (ref.func))
(assert_return (invoke "refs") (ref.null func) (ref.array) (ref.any) (ref.extern 8) (ref.func))
(assert_return (invoke "lanes") (v128.const f32x4 nan:canonical 1.0 nan:arithmetic 0))
(assert_return (invoke "lanes") (v128.const f32x4 nan:canonical 1.0 nan:canonical 0))
(assert_return (invoke "echo" (i32.const 3)) (either (i32.const 1) (i32.const 3)))
(assert_return (get "g") (i64.const 42))
(assert_trap (invoke "trap") "integer divide by zero")
(assert_trap (invoke "echo") "integer divide by zero")
(assert_exhaustion (invoke "deep") "call stack exhausted")
(assert_exhaustion (invoke "trap") "call stack exhausted")
(assert_exception (invoke "throw"))
(assert_trap (module $trap) "unreachable")
(assert_unlinkable (module $unlinkable) "unknown import")
(assert_unlinkable (module) "unknown import")
(invoke "missing")
`, eng)
	expect(t, results,
		"pass", "",
		"pass", "",
		"pass", "",
		"pass", "",
		"pass", "",
		"fail", "result 0: expected (i32 0x00000002); got (i32 0x00000001)",
		"fail", "expected 0 results; got 1",
		"pass", "",
		"fail", "result 1: expected (f32 nan:canonical)",
		"pass", "",
		"fail", "result 1: expected (ref.array); got (ref struct)",
		"pass", "",
		"fail", "result 0: expected (v128 f32x4 lanes",
		"pass", "",
		"pass", "",
		"pass", `expected "integer divide by zero"; got trap: integer divide by zero`,
		"fail", "got success",
		"pass", "",
		"fail", `expected "call stack exhausted"; got trap: integer divide by zero`,
		"pass", "",
		"pass", "",
		"pass", "",
		"fail", "got success",
		"fail", "unknown export missing",
	)
	if got := strings.Join(eng.instances, ","); got != "m,i," {
		t.Errorf("instances = %q, want m, i and one anonymous", got)
	}
	if eng.registered["reg"] != "m" {
		t.Errorf("registered = %v", eng.registered)
	}
}

func TestTally(t *testing.T) {
	c := Tally([]Result{{Status: Pass}, {Status: Fail}, {Status: Skip}, {Status: Skip}})
	if got := c.String(); got != "1 passed, 1 failed, 2 skipped" {
		t.Errorf("Tally = %q", got)
	}
}
