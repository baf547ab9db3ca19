// Command bench is Sable's benchmark suite: Sable against wazero v1.12
// (optimizing compiler), V8 (Node 26) and native gcc -O2 code, side by
// side in one run. From this directory:
//
//	go run .            every suite; prints the tables, writes results/
//	go run . -setup     first installs what is missing (apt-get, npm)
//	go run . -quick     small inputs and few rounds: checks the harness
//
// Every engine's result of every call is checked against the workload's
// pinned checksum; a wrong answer stops the run with an error and writes
// no report. See README.md.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	goruntime "runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/sablewasm/sable/bench/internal/engines"
	"github.com/sablewasm/sable/wasm"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		var wrong *errWrongAnswer
		if errors.As(err, &wrong) {
			os.Exit(3)
		}
		os.Exit(1)
	}
}

func run() error {
	var (
		setup      = flag.Bool("setup", false, "install missing tools first (apt-get install clang lld gcc; npm install node@26 into .tools/)")
		quick      = flag.Bool("quick", false, "small inputs, 3 rounds: check the harness, not a benchmark")
		rounds     = flag.Int("rounds", 9, "rounds per workload (each engine runs once per round)")
		suites     = flag.String("suites", "cpu,gc,compile,inst,calls", "comma-separated suites to run")
		only       = flag.String("only", "", "regexp: run only the workloads and modules whose name matches")
		outDir     = flag.String("out", "results", "directory for the report (markdown, SVG chart, JSON)")
		noV8       = flag.Bool("no-v8", false, "leave V8 (Node) out")
		childRunF  = flag.String("child-run", "", "run this module's run(arg) once and print the result (peak memory; profiling with valgrind or perf)")
		childArg   = flag.Uint64("child-arg", 0, "the argument of -child-run")
		childEng   = flag.String("child-engine", "sable", "the engine of -child-run: sable or wazero")
		callsCount = flag.Int("calls", 1_000_000, "calls per round of the call-overhead suite")
		engineList = flag.String("engines", "", "comma-separated: only these engines (sable, wazero, wazero-Nw, v8, v8-eager, native)")
		rerender   = flag.String("report", "", "re-render the markdown and SVG of a results JSON file (no measuring)")
		cpuProfile = flag.String("cpuprofile", "", "write a CPU profile of the whole run (e.g. with -suites compile -only gowasm)")
		memProfile = flag.String("memprofile", "", "write an allocation profile of the whole run at its end")
	)
	flag.Parse()
	if *memProfile != "" {
		goruntime.MemProfileRate = 64 << 10
		defer func() {
			if f, err := os.Create(*memProfile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *rerender != "" {
		b, err := os.ReadFile(*rerender)
		if err != nil {
			return err
		}
		var res results
		if err := json.Unmarshal(b, &res); err != nil {
			return fmt.Errorf("%s: %w", *rerender, err)
		}
		return writeReport(&res, filepath.Dir(*rerender))
	}
	if *childRunF != "" {
		return childRun(*childRunF, *childEng, *childArg)
	}
	if _, err := os.Stat("kernels/build.sh"); err != nil {
		return errors.New("run from the bench/ directory: cd bench && go run .")
	}
	want := map[string]bool{}
	for _, s := range strings.Split(*suites, ",") {
		want[strings.TrimSpace(s)] = true
	}
	filter := regexp.MustCompile(*only)
	if err := checkTools(!*noV8, *setup); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "building kernels (kernels/build.sh) and the Go wasip1 module (gowasm/)")
	if err := buildAll(); err != nil {
		return err
	}
	c := config{rounds: *rounds, coldRounds: min(*rounds, 5), warmup: 2, quick: *quick}
	if *quick {
		c.rounds, c.coldRounds, c.warmup = 3, 2, 1
		*callsCount = 10_000
	}
	res := &results{
		Started: time.Now(),
		Command: commandLine(),
		Machine: readMachine(),
		Engines: map[string]string{},
		Rounds:  c.rounds,
		Quick:   *quick,
	}

	sable, wz := engines.Sable{}, engines.Wazero{}
	wzN := engines.Wazero{Workers: goruntime.GOMAXPROCS(0)}
	native := engines.Native{GCC: "gcc"}
	run := []engines.Engine{sable, wz}
	cold := []engines.Engine{sable, wz}
	compileEs := []engines.Engine{sable, wz, wzN}
	var v8 *engines.V8
	if !*noV8 {
		var err error
		if v8, err = engines.NewV8(nodeBin, "runners/v8.mjs", "v8"); err != nil {
			return err
		}
		defer v8.Close()
		v8eager, err := engines.NewV8(nodeBin, "runners/v8.mjs", "v8-eager", "--no-wasm-lazy-compilation", "--no-liftoff")
		if err != nil {
			return err
		}
		defer v8eager.Close()
		run, cold = append(run, v8), append(cold, v8)
		compileEs = append(compileEs, v8eager)
		res.Engines["v8"] = v8.Version()
	}
	res.Engines["wazero"] = wz.Version()
	res.Engines["native"] = native.Version()
	res.Engines["sable"] = sable.Version()

	keep := func(es []engines.Engine) []engines.Engine {
		if *engineList == "" {
			return es
		}
		var out []engines.Engine
		for _, e := range es {
			if slices.Contains(strings.Split(*engineList, ","), e.Name()) {
				out = append(out, e)
			}
		}
		return out
	}
	pick := func(ws []workload) []workload {
		var out []workload
		for _, w := range ws {
			if filter.MatchString(w.name) {
				out = append(out, w)
			}
		}
		return out
	}
	var err error
	if want["cpu"] {
		fmt.Fprintln(os.Stderr, "CPU workloads (run only, then compile + run):")
		if res.CPU, err = runWorkloads(pick(cpuWorkloads), keep(append(run, native)), keep(cold), c, false); err != nil {
			return err
		}
	}
	if want["gc"] {
		fmt.Fprintln(os.Stderr, "GC workloads (run only, compile + run, peak memory):")
		gcRun, gcCold := []engines.Engine{sable}, []engines.Engine{sable}
		if v8 != nil {
			gcRun, gcCold = append(gcRun, v8), append(gcCold, v8)
		}
		if res.GC, err = runWorkloads(pick(gcWorkloads), keep(gcRun), keep(gcCold), c, v8 != nil); err != nil {
			return err
		}
	}
	if want["compile"] || want["inst"] {
		mods, funcs, err := compileModules(filter, want["compile"])
		if err != nil {
			return err
		}
		if want["compile"] {
			fmt.Fprintln(os.Stderr, "Compilation:")
			if res.Compile, err = runCompile(mods, funcs, keep(compileEs), min(c.rounds, 5), 3); err != nil {
				return err
			}
		}
		if want["inst"] {
			fmt.Fprintln(os.Stderr, "Instantiation")
			var cpuMods []*engines.Module
			for _, m := range mods {
				if m.Native != "" {
					cpuMods = append(cpuMods, m)
				}
			}
			if res.Inst, err = runInstantiate(cpuMods, keep([]engines.Engine{sable, wz}), 21); err != nil {
				return err
			}
		}
	}
	if want["calls"] {
		fmt.Fprintln(os.Stderr, "Call overhead")
		es := []engines.Engine{sable, wz}
		if v8 != nil {
			es = append(es, v8)
		}
		if res.Calls, err = runCalls(keep(es), *callsCount, c.rounds); err != nil {
			return err
		}
	}
	res.Finished = time.Now()
	res.Machine.LoadEnd = loadAvg()
	return writeReport(res, *outDir)
}

// compileModules are the modules of the compile suite: the Go wasip1
// program, every kernel and every GC workload.
func compileModules(filter *regexp.Regexp, withGo bool) ([]*engines.Module, []int, error) {
	var mods []*engines.Module
	if withGo && filter.MatchString("gowasm") {
		bin, err := os.ReadFile(goWasmPath)
		if err != nil {
			return nil, nil, err
		}
		m, err := engines.NewModule("gowasm", bin, goWasmPath, "")
		if err != nil {
			return nil, nil, err
		}
		mods = append(mods, m)
	}
	for _, w := range append(append([]workload{}, cpuWorkloads...), gcWorkloads...) {
		if !filter.MatchString(w.name) {
			continue
		}
		m, err := loadModule(w)
		if err != nil {
			return nil, nil, err
		}
		mods = append(mods, m)
	}
	var funcs []int
	for _, m := range mods {
		dm, err := wasm.Decode(m.Bytes)
		if err != nil {
			return nil, nil, err
		}
		funcs = append(funcs, len(dm.Funcs))
	}
	return mods, funcs, nil
}

func commandLine() string {
	args := os.Args[1:]
	return strings.TrimSpace("cd bench && go run . " + strings.Join(args, " "))
}

// writeReport prints the tables and writes results/DATE-ARCH.{md,svg,json}.
func writeReport(res *results, dir string) error {
	md := res.markdown()
	fmt.Print(md)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	stem := res.Started.UTC().Format("2006-01-02-1504") + "-" + goruntime.GOARCH
	if res.Quick {
		stem += "-quick"
	}
	base := filepath.Join(dir, stem)
	svg := res.svg()
	md += fmt.Sprintf("\n![ratios](%s.svg)\n\nRaw samples: [%s.json](%s.json).\n", stem, stem, stem)
	js, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	for ext, data := range map[string]string{".md": md, ".svg": svg, ".json": string(js)} {
		if err := os.WriteFile(base+ext, []byte(data), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "wrote %s.md, %s.svg, %s.json\n", base, base, base)
	return nil
}
