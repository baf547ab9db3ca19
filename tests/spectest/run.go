package spectest

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

const noEngine = "no engine"

// RunFile runs the script at path; see Run.
func RunFile(path string, eng Engine) []Result {
	src, err := os.ReadFile(path)
	if err != nil {
		return []Result{{File: path, Line: 0, Kind: "script", Status: Fail, Reason: err.Error()}}
	}
	return Run(path, src, eng)
}

// Run runs the script src (named file in results) and returns one Result
// per command, in order. eng may be nil: commands that need execution are
// then skipped. A command that cannot be parsed, or whose module fails to
// load, fails on its own; the commands after it still run.
func Run(file string, src []byte, eng Engine) []Result {
	return run(file, src, eng, &sable)
}

func run(file string, src []byte, eng Engine, fe *frontEnd) []Result {
	nodes, err := wat.ParseSExprs(src)
	if err != nil {
		line := 0
		var we *wat.Error
		if errors.As(err, &we) {
			line = we.Line
		}
		return []Result{{File: file, Line: line, Kind: "script", Status: Fail, Reason: "script syntax: " + err.Error()}}
	}
	r := &runner{file: file, eng: eng, fe: fe, defs: map[string]*wasm.Module{}}
	var results []Result
	for _, n := range wat.CommandNodes(nodes) {
		results = append(results, r.command(n))
	}
	return results
}

// runner holds the state a script builds up across commands.
type runner struct {
	file    string
	eng     Engine
	fe      *frontEnd
	defs    map[string]*wasm.Module // module definitions by name
	lastDef *wasm.Module            // the most recent module definition
}

// command parses and runs one command. A panic anywhere below is turned
// into a failure of this command alone.
func (r *runner) command(n *wat.Node) (res Result) {
	res = Result{File: r.file, Line: n.Line, Kind: n.Head()}
	switch res.Kind {
	case "":
		res.Kind = "script"
	case "invoke", "get":
		res.Kind = "action"
	}
	defer func() {
		if p := recover(); p != nil {
			res.Status = Fail
			res.Reason = oneLine(fmt.Sprintf("panic: %v\n%s", p, debug.Stack()))
		}
	}()
	c, err := wat.ParseCommand(n)
	if err != nil {
		res.Status, res.Reason = Fail, "script syntax: "+err.Error()
		return res
	}
	res.Kind = c.Keyword()
	res.Status, res.Reason = r.run(c)
	res.Reason = oneLine(res.Reason)
	return res
}

func (r *runner) run(c wat.Command) (Status, string) {
	switch c := c.(type) {
	case *wat.ModuleCommand:
		return r.module(c)
	case *wat.InstanceCommand:
		return r.instance(c)
	case *wat.RegisterCommand:
		if r.eng == nil {
			return Skip, noEngine
		}
		return errStatus(r.eng.Register(c.As, c.Module))
	case *wat.ActionCommand:
		if r.eng == nil {
			return Skip, noEngine
		}
		_, err := r.act(c.Action)
		return errStatus(err)
	case *wat.AssertReturn:
		return r.assertReturn(c)
	case *wat.AssertTrap:
		if c.Module != nil {
			return r.assertInstantiation(c.Module, c.Message, asTrap)
		}
		return r.assertFailure(c.Action, c.Message, asTrap)
	case *wat.AssertExhaustion:
		return r.assertFailure(c.Action, c.Message, asExhaustion)
	case *wat.AssertException:
		return r.assertFailure(c.Action, "uncaught exception", asException)
	case *wat.AssertModule:
		return r.assertModule(c)
	}
	return Fail, fmt.Sprintf("unsupported command %T", c)
}

func errStatus(err error) (Status, string) {
	if reason, ok := skipReason(err); ok {
		return Skip, reason
	}
	if err != nil {
		return Fail, err.Error()
	}
	return Pass, ""
}

// module loads a module (which must parse, decode and validate) and, given
// an engine, instantiates it unless it is only a definition.
func (r *runner) module(c *wat.ModuleCommand) (Status, string) {
	m, lerr := r.fe.load(c.Module)
	if lerr != nil {
		return Fail, "expected a valid module; got " + lerr.Error()
	}
	if c.Definition {
		r.defs[c.Module.Name] = m
		r.lastDef = m
		return Pass, ""
	}
	if r.eng == nil {
		return Pass, ""
	}
	if err := r.eng.Instantiate(c.Module.Name, m); err != nil {
		if reason, ok := skipReason(err); ok {
			// The front end accepted it; only instantiating had to wait.
			return Skip, "valid module; instantiation skipped: " + reason
		}
		return Fail, "instantiation: " + err.Error()
	}
	return Pass, ""
}

func (r *runner) instance(c *wat.InstanceCommand) (Status, string) {
	m := r.lastDef
	if c.Definition != "" {
		m = r.defs[c.Definition]
	}
	if m == nil {
		return Fail, fmt.Sprintf("unknown module definition $%s", c.Definition)
	}
	if r.eng == nil {
		return Skip, noEngine
	}
	return errStatus(r.eng.Instantiate(c.Instance, m))
}

func (r *runner) act(a *wat.Action) ([]wat.Value, error) {
	if a.Kind == wat.Get {
		v, err := r.eng.Get(a.Module, a.Name)
		return []wat.Value{v}, err
	}
	return r.eng.Invoke(a.Module, a.Name, a.Args)
}

func (r *runner) assertReturn(c *wat.AssertReturn) (Status, string) {
	if r.eng == nil {
		return Skip, noEngine
	}
	got, err := r.act(c.Action)
	if reason, ok := skipReason(err); ok {
		return Skip, reason
	}
	if err != nil {
		return Fail, "expected a return; got " + err.Error()
	}
	if ok, why := matchResults(c.Results, got); !ok {
		return Fail, why
	}
	return Pass, ""
}

// failureKind recognizes the error an assertion expects and returns its
// message.
type failureKind func(error) (string, bool)

func asTrap(err error) (string, bool)       { return errorMessage[*Trap](err) }
func asExhaustion(err error) (string, bool) { return errorMessage[*Exhaustion](err) }
func asException(err error) (string, bool)  { return errorMessage[*Exception](err) }
func asLinkError(err error) (string, bool)  { return errorMessage[*LinkError](err) }

func errorMessage[E error](err error) (string, bool) {
	var e E
	if errors.As(err, &e) {
		return e.Error(), true
	}
	return "", false
}

// assertFailure runs an action that must fail in the way kind recognizes.
func (r *runner) assertFailure(a *wat.Action, want string, kind failureKind) (Status, string) {
	if r.eng == nil {
		return Skip, noEngine
	}
	_, err := r.act(a)
	return expectFailure(err, want, kind)
}

func expectFailure(err error, want string, kind failureKind) (Status, string) {
	if reason, ok := skipReason(err); ok {
		return Skip, reason
	}
	if err == nil {
		return Fail, fmt.Sprintf("expected %q; got success", want)
	}
	msg, ok := kind(err)
	if !ok {
		return Fail, fmt.Sprintf("expected %q; got %v", want, err)
	}
	return Pass, fmt.Sprintf("expected %q; got %s", want, msg)
}

// assertInstantiation checks a module that must validate but then fail to
// instantiate (assert_unlinkable, assert_trap with a module).
func (r *runner) assertInstantiation(src *wat.ModuleSource, want string, kind failureKind) (Status, string) {
	m, lerr := r.fe.load(src)
	if lerr != nil {
		return Fail, fmt.Sprintf("expected %q at instantiation; got %v", want, lerr)
	}
	if r.eng == nil {
		return Skip, noEngine
	}
	return expectFailure(r.eng.Instantiate(src.Name, m), want, kind)
}

// assertModule applies the pass rules of the module assertions. They are
// strict about which stage rejects the module, so that a front end cannot
// score by rejecting too much.
func (r *runner) assertModule(c *wat.AssertModule) (Status, string) {
	if c.Kind == "assert_unlinkable" {
		return r.assertInstantiation(c.Module, c.Message, asLinkError)
	}
	_, lerr := r.fe.load(c.Module)
	expected := fmt.Sprintf("expected %q", c.Message)
	if lerr == nil {
		return Fail, expected + "; got a valid module"
	}
	got := expected + "; got " + lerr.Error()
	var ok bool
	switch c.Kind {
	case "assert_malformed":
		// Malformed means rejected by the parser of the module's own format:
		// a binary by the decoder, text by the text parser.
		ok = lerr.stage == stageText || lerr.stage == stageDecode
		if lerr.stage == stageValidate {
			got = expected + "; got rejected by validator, not malformed: " + lerr.err.Error()
		}
	case "assert_invalid":
		ok = lerr.stage == stageValidate
	case "assert_malformed_custom":
		ok = lerr.stage == stageText
	case "assert_invalid_custom":
		// Custom annotations are checked while the text is parsed, so an
		// invalid one (e.g. a branch hint on a non-branch instruction) may
		// be rejected there or by the validator; either way the module
		// must not load. It must not be malformed at the binary level.
		ok = lerr.stage == stageText || lerr.stage == stageValidate
	default:
		return Fail, "unknown assertion " + c.Kind
	}
	if !ok {
		return Fail, got
	}
	return Pass, got
}

// skipReason reports whether err says the engine cannot carry out the
// command yet (*Unsupported), and why.
func skipReason(err error) (string, bool) {
	var u *Unsupported
	if errors.As(err, &u) {
		return u.Reason, true
	}
	return "", false
}
