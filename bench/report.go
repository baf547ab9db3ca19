package main

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// results is everything one run measured; it is written as JSON beside
// the markdown report and the chart.
type results struct {
	Started  time.Time         `json:"started"`
	Finished time.Time         `json:"finished"`
	Command  string            `json:"command"`
	Machine  machineInfo       `json:"machine"`
	Engines  map[string]string `json:"engines"` // name -> version
	Rounds   int               `json:"rounds"`
	Quick    bool              `json:"quick"`
	CPU      []workloadResult  `json:"cpu"`
	GC       []workloadResult  `json:"gc"`
	Compile  []compileResult   `json:"compile"`
	Inst     []instResult      `json:"instantiate"`
	Calls    *callResult       `json:"calls,omitempty"`
}

func fmtMS(o *outcome) string {
	if o == nil {
		return "–"
	}
	if !o.ok() {
		return "not supported yet"
	}
	return fmt.Sprintf("%.2f", float64(o.median())/1e6)
}

func fmtRatio(r float64) string {
	if math.IsNaN(r) || r == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f", r)
}

func fmtMiB(b int64) string { return fmt.Sprintf("%.1f", float64(b)/(1<<20)) }

// ratioOf is the paired ratio a/b of one workload's engines.
func ratioOf(m map[string]*outcome, a, b string) float64 { return pairRatio(m[a], m[b]) }

// cpuView is m in CPU time.
func cpuView(m map[string]*outcome) map[string]*outcome {
	out := map[string]*outcome{}
	for k, o := range m {
		out[k] = o.cpuOutcome()
		if o.Unsupported != "" {
			out[k] = o
		}
	}
	return out
}

// markdown renders the report. The same tables are printed on stdout.
func (r *results) markdown() string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("# Sable benchmark results, %s\n\n", r.Started.UTC().Format("2006-01-02 15:04 UTC"))
	p("Reproduce: `%s`\n\n", r.Command)
	p("Every figure is the median of %d rounds; in each round every engine runs the workload once, the order rotating, ", r.Rounds)
	p("and a ratio is the median of the per-round ratios (load that comes and goes hits both engines of a round alike). ")
	p("Run times are CPU time of the thread that ran the call (the process's, for V8 and native: single-threaded here), ")
	p("which leaves out the time a call waited for a core on this shared machine; the wall-clock ratio is given beside it. ")
	p("Every result of every call was checked against the pinned checksum: a wrong answer stops the run.\n\n")
	if r.Quick {
		p("**Quick run** (-quick): small inputs, for checking the harness; these figures are not the benchmark.\n\n")
	}
	m := r.Machine
	p("## Machine and versions\n\n| | |\n|---|---|\n")
	p("| CPU | %s (%d cores, GOMAXPROCS=%d) |\n| memory | %s |\n| OS | %s, %s, %s |\n", m.CPU, m.Cores, m.GoMaxPro, m.Memory, m.OS, m.Kernel, m.Arch)
	p("| load average | %s at the start, %s at the end |\n", m.Load, m.LoadEnd)
	p("| Go | %s |\n| Sable | commit %s |\n", m.Go, m.Commit)
	for _, name := range []string{"wazero", "v8", "native"} {
		if v, ok := r.Engines[name]; ok {
			p("| %s | %s |\n", name, v)
		}
	}
	p("| clang (wasm32 kernels) | %s, `--target=wasm32 -O2 -nostdlib -Wl,--no-entry` |\n| run | %s – %s |\n\n", m.Clang,
		r.Started.UTC().Format("15:04:05"), r.Finished.UTC().Format("15:04:05 UTC"))

	if len(r.CPU) > 0 {
		p("## CPU workloads: run time (CPU ms per call, module compiled and warm)\n\n")
		p("| kernel | Sable | wazero | V8 | native gcc -O2 | **Sable / wazero** | Sable / wazero, wall | Sable / native | wazero / native | Sable / V8 |\n")
		p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		var sw, sww, sn, wn, sv []float64
		for _, w := range r.CPU {
			c := cpuView(w.Run)
			a, aw := ratioOf(c, "sable", "wazero"), ratioOf(w.Run, "sable", "wazero")
			n, d, e := ratioOf(c, "sable", "native"), ratioOf(c, "wazero", "native"), ratioOf(c, "sable", "v8")
			sw, sww, sn, wn, sv = append(sw, a), append(sww, aw), append(sn, n), append(wn, d), append(sv, e)
			p("| %s | %s | %s | %s | %s | **%s** | %s | %s | %s | %s |\n", w.Name, fmtMS(c["sable"]), fmtMS(c["wazero"]),
				fmtMS(c["v8"]), fmtMS(c["native"]), fmtRatio(a), fmtRatio(aw), fmtRatio(n), fmtRatio(d), fmtRatio(e))
		}
		p("| **geometric mean** | | | | | **%s** | %s | %s | %s | %s |\n\n", fmtRatio(geomean(sw)), fmtRatio(geomean(sww)), fmtRatio(geomean(sn)), fmtRatio(geomean(wn)), fmtRatio(geomean(sv)))
		var slower []string
		for i, w := range r.CPU {
			if sw[i] > 1 {
				slower = append(slower, fmt.Sprintf("%s (%.3f)", w.Name, sw[i]))
			}
		}
		p("Target: Sable <= wazero on every kernel and geometric mean <= 0.8. Measured: geometric mean %s; ", fmtRatio(geomean(sw)))
		if len(slower) == 0 {
			p("Sable is not slower than wazero on any kernel.\n\n")
		} else {
			p("Sable is slower than wazero on %s.\n\n", strings.Join(slower, ", "))
		}
		p("Kernels:\n\n")
		for _, w := range r.CPU {
			p("- `%s` run(%d): %s\n", w.Name, w.Arg, w.What)
		}
		p("\n### CPU workloads: compile + instantiate + first call (ms)\n\n")
		p("A fresh module every time (a nonce custom section defeats every code cache).\n\n")
		p("| kernel | Sable | wazero | V8 | Sable / wazero |\n|---|---:|---:|---:|---:|\n")
		var cr []float64
		for _, w := range r.CPU {
			x := ratioOf(w.Cold, "sable", "wazero")
			cr = append(cr, x)
			p("| %s | %s | %s | %s | %s |\n", w.Name, fmtMS(w.Cold["sable"]), fmtMS(w.Cold["wazero"]), fmtMS(w.Cold["v8"]), fmtRatio(x))
		}
		p("| **geometric mean** | | | | %s |\n\n", fmtRatio(geomean(cr)))
	}

	if len(r.GC) > 0 {
		p("## GC workloads: run time (ms per call) and peak memory\n\n")
		p("wazero v1.12 does not implement Wasm GC. Peak memory is the whole process's peak resident set (getrusage) running the workload once, ")
		p("in a process of its own; \"idle\" is the same process with a tiny input (the engine's own footprint with the module loaded).\n\n")
		p("Times are wall-clock (V8's GC works on helper threads too); the CPU-time ratio counts all of V8's threads.\n\n")
		p("| workload | Sable | V8 | **Sable / V8** | Sable / V8, CPU | Sable peak MiB (idle) | V8 peak MiB (idle) | Sable compile+run | V8 compile+run |\n")
		p("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		var sv, svc []float64
		for _, w := range r.GC {
			x, xc := ratioOf(w.Run, "sable", "v8"), ratioOf(cpuView(w.Run), "sable", "v8")
			sv, svc = append(sv, x), append(svc, xc)
			p("| %s | %s | %s | **%s** | %s | %s | %s | %s | %s |\n", w.Name, fmtMS(w.Run["sable"]), fmtMS(w.Run["v8"]), fmtRatio(x), fmtRatio(xc),
				fmtPeak(w.Peak["sable"]), fmtPeak(w.Peak["v8"]), fmtMS(w.Cold["sable"]), fmtMS(w.Cold["v8"]))
		}
		p("| **geometric mean** | | | **%s** | %s | | | | |\n\n", fmtRatio(geomean(sv)), fmtRatio(geomean(svc)))
		p("Target: geometric mean of Sable / V8 <= 1.5.\n\n")
		for _, w := range r.GC {
			p("- `%s` run(%d): %s\n", w.Name, w.Arg, w.What)
		}
		for _, w := range r.GC {
			if o := w.Run["sable"]; o != nil && o.Unsupported != "" {
				p("\nSable on the GC workloads: %s\n", firstLine(o.Unsupported))
				break
			}
		}
		p("\n")
	}

	if len(r.Compile) > 0 {
		p("## Compilation (ms per module, and throughput in MB/s of module bytes)\n\n")
		p("Every compile is of a fresh module (nonce custom section, fresh Sable Engine, fresh wazero runtime). ")
		p("Sable compiles functions in parallel on GOMAXPROCS goroutines; wazero compiles on one unless told otherwise, so wazero-%dw ", r.Machine.GoMaxPro)
		p("(experimental.WithCompilationWorkers) is shown too. v8-eager is `new WebAssembly.Module` under `--no-wasm-lazy-compilation --no-liftoff` ")
		p("(every function through TurboFan; V8 compiles lazily by default). Sable's timings are of modules its back end compiles completely (checked ")
		p("by running the back end over every function first); others are \"not supported yet\".\n\n")
		p("The CPU columns are the CPU time of all the process's threads during the compile (the Go GC's included): ")
		p("the work a compile costs, which on this shared machine moves less than its wall-clock time.\n\n")
		p("| module | bytes | functions | Sable | Sable MB/s | wazero | wazero MB/s | wazero-%dw | v8-eager | **Sable / wazero** | Sable / wazero-%dw | Sable CPU | wazero CPU | Sable / wazero, CPU |\n", r.Machine.GoMaxPro, r.Machine.GoMaxPro)
		p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		multi := fmt.Sprintf("wazero-%dw", r.Machine.GoMaxPro)
		for _, c := range r.Compile {
			cpu := cpuView(c.Compile)
			p("| %s | %d | %d | %s | %s | %s | %s | %s | %s | **%s** | %s | %s | %s | %s |\n", c.Name, c.Bytes, c.Funcs,
				fmtMS(c.Compile["sable"]), mbps(c.Bytes, c.Compile["sable"]), fmtMS(c.Compile["wazero"]), mbps(c.Bytes, c.Compile["wazero"]),
				fmtMS(c.Compile[multi]), fmtMS(c.Compile["v8-eager"]),
				fmtRatio(ratioOf(c.Compile, "sable", "wazero")), fmtRatio(ratioOf(c.Compile, "sable", multi)),
				fmtMS(cpu["sable"]), fmtMS(cpu["wazero"]), fmtRatio(ratioOf(cpu, "sable", "wazero")))
		}
		p("\nTarget: compile throughput >= wazero's on the large Go module (`gowasm`).\n\n")
	}

	if len(r.Inst) > 0 {
		p("## Instantiation (µs, median of %d)\n\n", len(firstOK(r.Inst[0].Inst).Samples))
		p("Sable: a new Store and Instantiate of a compiled module; wazero: InstantiateModule of a compiled module in a runtime.\n\n")
		p("| module | Sable | wazero | Sable / wazero |\n|---|---:|---:|---:|\n")
		for _, in := range r.Inst {
			s, w := in.Inst["sable"], in.Inst["wazero"]
			p("| %s | %s | %s | %s |\n", in.Name, fmtUS(s), fmtUS(w), fmtRatio(float64(s.median())/float64(w.median())))
		}
		p("\n")
	}

	if c := r.Calls; c != nil {
		p("## Call overhead (ns per call, median of %d rounds of %d calls)\n\n", r.Rounds, c.Calls)
		p("host -> Wasm: the embedder (Go, or JS for V8) calls the exported `nop(i32) -> i32` in a loop. ")
		p("Wasm -> host: Wasm calls the imported `env.inc(i32) -> i32` (a Go function, or JS for V8) in a loop.\n\n")
		p("| direction | Sable | wazero | V8 | Sable / wazero |\n|---|---:|---:|---:|---:|\n")
		for _, row := range []struct {
			name string
			m    map[string]*outcome
		}{{"host -> Wasm", c.HostToWasm}, {"Wasm -> host", c.WasmToHost}} {
			p("| %s | %s | %s | %s | %s |\n", row.name, perCall(row.m["sable"], c.Calls), perCall(row.m["wazero"], c.Calls),
				perCall(row.m["v8"], c.Calls), fmtRatio(ratioOf(row.m, "sable", "wazero")))
		}
		p("\n")
	}
	return b.String()
}

func fmtPeak(p *peakMem) string {
	if p == nil {
		return "–"
	}
	if p.Unsupported != "" {
		return "not supported yet"
	}
	return fmt.Sprintf("%s (%s)", fmtMiB(p.PeakBytes), fmtMiB(p.BaselineBytes))
}

func mbps(bytes int, o *outcome) string {
	if !o.ok() {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(bytes)/1e6/o.median().Seconds())
}

func fmtUS(o *outcome) string {
	if !o.ok() {
		return "–"
	}
	return fmt.Sprintf("%.1f", float64(o.median())/1e3)
}

func perCall(o *outcome, n int) string {
	if !o.ok() {
		return "–"
	}
	return fmt.Sprintf("%.1f", float64(o.median())/float64(n))
}

func firstOK(m map[string]*outcome) *outcome {
	for _, o := range m {
		if o.ok() {
			return o
		}
	}
	return &outcome{}
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }
