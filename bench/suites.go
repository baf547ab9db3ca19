package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/sablewasm/sable/bench/internal/engines"
)

// workloadResult is one workload's measurements on every engine.
type workloadResult struct {
	Name     string              `json:"name"`
	What     string              `json:"what"`
	Arg      uint64              `json:"arg"`
	Checksum uint64              `json:"checksum"`
	Run      map[string]*outcome `json:"run"`            // run only: one call, module loaded and warm
	Cold     map[string]*outcome `json:"cold,omitempty"` // compile + instantiate + first call
	Peak     map[string]*peakMem `json:"peak,omitempty"` // GC workloads: whole-process peak RSS
}

// config is what a run measures.
type config struct {
	rounds, coldRounds, warmup int
	quick                      bool
}

func (c config) argWant(w workload) (uint64, uint64) {
	if c.quick {
		return w.quickArg, w.quickWant
	}
	return w.arg, w.want
}

// runWorkloads runs each workload on es: run-only interleaved, then cold
// (compile + run) on the engines that compile.
func runWorkloads(ws []workload, es, coldEs []engines.Engine, c config, peak bool) ([]workloadResult, error) {
	var out []workloadResult
	for _, w := range ws {
		m, err := loadModule(w)
		if err != nil {
			return nil, err
		}
		arg, want := c.argWant(w)
		fmt.Fprintf(os.Stderr, "  %-13s run(%d): ", w.name, arg)
		t0 := time.Now()
		res := workloadResult{Name: w.name, What: w.what, Arg: arg, Checksum: want}
		if res.Run, err = runInterleaved(w.name, m, es, "run", arg, want, c.warmup, c.rounds); err != nil {
			return nil, err
		}
		if res.Cold, err = coldInterleaved(w.name, m, coldEs, "run", arg, want, c.coldRounds); err != nil {
			return nil, err
		}
		if peak {
			if res.Peak, err = peakMemory(w, m, c); err != nil {
				return nil, err
			}
		}
		for _, e := range es {
			if o := res.Run[e.Name()]; o.ok() {
				fmt.Fprintf(os.Stderr, "%s %s  ", e.Name(), ms(o.median()))
			} else {
				fmt.Fprintf(os.Stderr, "%s n/a  ", e.Name())
			}
		}
		fmt.Fprintf(os.Stderr, "(%.0fs)\n", time.Since(t0).Seconds())
		out = append(out, res)
	}
	return out, nil
}

func ms(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 2, 64) + " ms" }

// peakMem is the peak resident set of a child process that loads the
// module on one engine and calls run once, beside the same for a tiny
// call (the engine's own footprint with the module loaded).
type peakMem struct {
	PeakBytes     int64  `json:"peak_bytes"`
	BaselineBytes int64  `json:"baseline_bytes"`
	Unsupported   string `json:"unsupported,omitempty"`
}

// peakMemory measures Sable (this program re-executed in child mode) and
// V8 (node v8.mjs once) in separate processes, so each peak is one
// engine's alone.
func peakMemory(w workload, m *engines.Module, c config) (map[string]*peakMem, error) {
	arg, want := c.argWant(w)
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	type runner struct {
		name string
		cmd  func(arg uint64) *exec.Cmd
	}
	runners := []runner{
		{"sable", func(a uint64) *exec.Cmd {
			return exec.Command(self, "-child-run", m.Path, "-child-arg", fmt.Sprint(a))
		}},
		{"v8", func(a uint64) *exec.Cmd {
			return exec.Command(nodeBin, "runners/v8.mjs", "once", m.Path, "run", fmt.Sprintf("i32:%d", a))
		}},
	}
	out := map[string]*peakMem{}
	for _, r := range runners {
		var p peakMem
		got, rss, msg, err := runChild(r.cmd(arg))
		if err != nil {
			return nil, fmt.Errorf("%s peak memory on %s: %w", w.name, r.name, err)
		}
		if msg != "" {
			out[r.name] = &peakMem{Unsupported: msg}
			continue
		}
		if got != want {
			return nil, &errWrongAnswer{w.name + " (peak memory run)", r.name, got, want}
		}
		p.PeakBytes = rss
		_, rss, _, err = runChild(r.cmd(w.quickArg))
		if err != nil {
			return nil, err
		}
		p.BaselineBytes = rss
		out[r.name] = &p
	}
	return out, nil
}

// runChild runs cmd, which prints its result and its peak RSS in KiB (or
// "unsupported: REASON"), and returns the result and the peak in bytes.
//
// The child reports its own peak (VmHWM of /proc/self/status) because
// getrusage cannot: Go starts children with vfork semantics, and Linux
// carries the parent's peak into the child's ru_maxrss at exec, so every
// child "peaked" at this harness's own size.
func runChild(cmd *exec.Cmd) (uint64, int64, string, error) {
	cmd.Stderr = os.Stderr
	outb, err := cmd.Output()
	if err != nil {
		return 0, 0, "", fmt.Errorf("%s: %w", strings.Join(cmd.Args, " "), err)
	}
	s := strings.TrimSpace(string(outb))
	if why, ok := strings.CutPrefix(s, "unsupported: "); ok {
		return 0, 0, why, nil
	}
	var r uint64
	var kib int64
	if _, err := fmt.Sscanf(s, "%d %d", &r, &kib); err != nil {
		return 0, 0, "", fmt.Errorf("%s: answer %q: %w", strings.Join(cmd.Args, " "), s, err)
	}
	return r, kib << 10, "", nil
}

// peakRSSKiB is this process's peak resident set (VmHWM), in KiB.
func peakRSSKiB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// childRun is the child mode of peakMemory (and a handle for profilers):
// run the module at path once on one engine and print the result.
func childRun(path, engine string, arg uint64) error {
	bin, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	m, err := engines.NewModule(path, bin, path, "")
	if err != nil {
		return err
	}
	var e engines.Engine
	switch engine {
	case "sable":
		e = engines.Sable{}
	case "wazero":
		e = engines.Wazero{}
	default:
		return fmt.Errorf("-child-engine %q: sable or wazero", engine)
	}
	inst, err := e.Load(m)
	if err == nil {
		var r uint64
		if r, _, err = inst.Call("run", arg); err == nil {
			fmt.Println(r, peakRSSKiB())
			return nil
		}
	}
	if why, err := unsupported(err); err == nil {
		fmt.Println("unsupported: " + why)
		return nil
	}
	return err
}

// compileResult is one module's compile times per engine.
type compileResult struct {
	Name    string              `json:"name"`
	Bytes   int                 `json:"bytes"`
	Funcs   int                 `json:"funcs"`
	Compile map[string]*outcome `json:"compile"`
}

// runCompile times compiling each module; modules over a megabyte get
// bigRounds rounds (the Go module takes seconds per compile per engine).
func runCompile(mods []*engines.Module, funcs []int, es []engines.Engine, rounds, bigRounds int) ([]compileResult, error) {
	var out []compileResult
	for i, m := range mods {
		n := rounds
		if len(m.Bytes) > 1<<20 {
			n = min(rounds, bigRounds)
		}
		fmt.Fprintf(os.Stderr, "  %-13s %8d bytes: ", m.Name, len(m.Bytes))
		r := compileResult{Name: m.Name, Bytes: len(m.Bytes), Funcs: funcs[i]}
		var err error
		if r.Compile, err = compileInterleaved(m.Name, m.Bytes, es, n); err != nil {
			return nil, err
		}
		for _, e := range es {
			if o := r.Compile[e.Name()]; o.ok() {
				fmt.Fprintf(os.Stderr, "%s %s  ", e.Name(), ms(o.median()))
			} else {
				fmt.Fprintf(os.Stderr, "%s n/a  ", e.Name())
			}
		}
		fmt.Fprintln(os.Stderr)
		out = append(out, r)
	}
	return out, nil
}

// instantiater is implemented by the in-process engines.
type instantiater interface {
	Instantiate(m *engines.Module, n int) ([]time.Duration, error)
}

type instResult struct {
	Name string              `json:"name"`
	Inst map[string]*outcome `json:"instantiate"`
}

func runInstantiate(mods []*engines.Module, es []engines.Engine, n int) ([]instResult, error) {
	var out []instResult
	for _, m := range mods {
		r := instResult{Name: m.Name, Inst: map[string]*outcome{}}
		for _, e := range es {
			in, ok := e.(instantiater)
			if !ok {
				continue
			}
			ds, err := in.Instantiate(m, n)
			if err != nil {
				why, err := unsupported(err)
				if err != nil {
					return nil, fmt.Errorf("instantiating %s on %s: %w", m.Name, e.Name(), err)
				}
				r.Inst[e.Name()] = &outcome{Unsupported: why}
				continue
			}
			r.Inst[e.Name()] = &outcome{Samples: ds}
		}
		out = append(out, r)
	}
	return out, nil
}

// callResult is the per-call overhead of crossing between host and Wasm.
type callResult struct {
	// HostToWasm: the host calls the exported nop(i32) in a loop.
	// WasmToHost: Wasm calls the imported env.inc(i32) in a loop.
	// Samples are the time of all Calls calls.
	HostToWasm map[string]*outcome `json:"host_to_wasm"`
	WasmToHost map[string]*outcome `json:"wasm_to_host"`
	Calls      int                 `json:"calls"`
}

func runCalls(es []engines.Engine, calls, rounds int) (*callResult, error) {
	bin, err := watToWasm("testdata/hostcall.wat")
	if err != nil {
		return nil, err
	}
	path := "build/hostcall.wasm"
	if err := os.WriteFile(path, bin, 0o644); err != nil {
		return nil, err
	}
	m, err := engines.NewModule("hostcall", bin, path, "")
	if err != nil {
		return nil, err
	}
	res := &callResult{HostToWasm: map[string]*outcome{}, WasmToHost: map[string]*outcome{}, Calls: calls}
	insts := map[string]engines.Instance{}
	for _, e := range es {
		inst, err := e.Load(m)
		if err != nil {
			return nil, fmt.Errorf("hostcall on %s: %w", e.Name(), err)
		}
		defer inst.Close()
		insts[e.Name()] = inst
		res.HostToWasm[e.Name()], res.WasmToHost[e.Name()] = &outcome{}, &outcome{}
	}
	for round := range rounds + 1 { // round 0 warms up
		for k := range es {
			e := es[(k+round)%len(es)]
			inst := insts[e.Name()]
			l, ok := inst.(engines.Looper)
			if !ok {
				return nil, fmt.Errorf("%s cannot loop calls", e.Name())
			}
			d, err := l.Loop("nop", calls)
			if err != nil {
				return nil, fmt.Errorf("host -> wasm on %s: %w", e.Name(), err)
			}
			r, d2, err := inst.Call("call_host", uint64(calls))
			if err != nil {
				return nil, fmt.Errorf("wasm -> host on %s: %w", e.Name(), err)
			}
			if r != uint64(calls) {
				return nil, &errWrongAnswer{"call_host", e.Name(), r, uint64(calls)}
			}
			if round > 0 {
				res.HostToWasm[e.Name()].Samples = append(res.HostToWasm[e.Name()].Samples, d)
				res.WasmToHost[e.Name()].Samples = append(res.WasmToHost[e.Name()].Samples, d2.Wall)
			}
		}
	}
	return res, nil
}
