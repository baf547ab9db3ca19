package engines

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/sablewasm/sable/wasm"
)

// V8 runs modules in Node (runners/v8.mjs), one long-lived process that
// holds every loaded instance. Flags are extra V8 flags (e.g. eager
// TurboFan compilation for the compile table).
type V8 struct {
	Node, Runner string
	Label        string
	Flags        []string
	p            *proc
	version      string
	ids          atomic.Int64
}

// NewV8 starts node (the binary at node) with the runner script.
func NewV8(node, runner, label string, flags ...string) (*V8, error) {
	v := &V8{Node: node, Runner: runner, Label: label, Flags: flags}
	out, err := exec.Command(node, "-p", "process.version + ' (V8 ' + process.versions.v8 + ')'").Output()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", node, err)
	}
	v.version = strings.TrimSpace(string(out))
	if len(flags) > 0 {
		v.version += " " + strings.Join(flags, " ")
	}
	args := append(append([]string{}, flags...), runner)
	cmd := exec.Command(node, args...)
	cmd.Stderr = os.Stderr
	if v.p, err = startProc(label, cmd); err != nil {
		return nil, err
	}
	return v, nil
}

func (v *V8) Name() string    { return v.Label }
func (v *V8) Version() string { return "Node " + v.version }
func (v *V8) Close() error    { return v.p.close() }

// nonceFile writes bin with a nonce to a temporary file: V8 keeps a cache
// of native modules keyed by their bytes.
func nonceFile(bin []byte) (string, func(), error) {
	f, err := os.CreateTemp("", "sable-bench-*.wasm")
	if err != nil {
		return "", nil, err
	}
	_, err = f.Write(WithNonce(bin))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return f.Name(), func() { os.Remove(f.Name()) }, err
}

func (v *V8) Compile(bin []byte) (Timing, error) {
	path, done, err := nonceFile(bin)
	if err != nil {
		return Timing{}, err
	}
	defer done()
	w, err := v.p.ask("compile %s", path)
	if err != nil {
		return Timing{}, err
	}
	if len(w) != 2 {
		return Timing{}, fmt.Errorf("v8: bad compile answer %q", w)
	}
	var t Timing
	if t.Wall, err = parseNS(w[0]); err != nil {
		return Timing{}, err
	}
	t.CPU, err = parseNS(w[1])
	return t, err
}

type v8Instance struct {
	v      *V8
	id     string
	params map[string][]wasm.ValType
}

func (v *V8) Load(m *Module) (Instance, error) {
	path, err := filepath.Abs(m.Path)
	if err != nil {
		return nil, err
	}
	id := fmt.Sprint(v.ids.Add(1))
	if _, err := v.p.ask("load %s %s", id, path); err != nil {
		return nil, err
	}
	return &v8Instance{v: v, id: id, params: m.Params}, nil
}

func (v *V8) Cold(m *Module, fn string, args ...uint64) (uint64, time.Duration, error) {
	path, done, err := nonceFile(m.Bytes)
	if err != nil {
		return 0, 0, err
	}
	defer done()
	a, err := typedArgs(m.Params, fn, args)
	if err != nil {
		return 0, 0, err
	}
	return resultAndTime(v.p.ask("cold %s %s%s", path, fn, a))
}

// typedArgs renders args as the runner's " i32:N i64:N" words.
func typedArgs(params map[string][]wasm.ValType, fn string, args []uint64) (string, error) {
	ps, ok := params[fn]
	if !ok {
		return "", fmt.Errorf("v8: no exported function %q", fn)
	}
	if len(ps) != len(args) {
		return "", fmt.Errorf("v8: %s takes %d arguments, not %d", fn, len(ps), len(args))
	}
	var b strings.Builder
	for i, p := range ps {
		switch p.Kind {
		case wasm.I32:
			fmt.Fprintf(&b, " i32:%d", uint32(args[i]))
		case wasm.I64:
			fmt.Fprintf(&b, " i64:%d", args[i])
		default:
			return "", fmt.Errorf("v8: %s: unsupported parameter type %v", fn, p)
		}
	}
	return b.String(), nil
}

func (i *v8Instance) Call(fn string, args ...uint64) (uint64, Timing, error) {
	a, err := typedArgs(i.params, fn, args)
	if err != nil {
		return 0, Timing{}, err
	}
	return resultAndTiming(i.v.p.ask("call %s %s%s", i.id, fn, a))
}

func (i *v8Instance) Loop(fn string, n int) (time.Duration, error) {
	w, err := i.v.p.ask("repeat %s %s %d", i.id, fn, n)
	if err != nil {
		return 0, err
	}
	return parseNS(w[0])
}

func (i *v8Instance) Close() error {
	_, err := i.v.p.ask("drop %s", i.id)
	return err
}
