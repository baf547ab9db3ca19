package main

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/sablewasm/sable/bench/internal/engines"
)

// outcome is what one engine did on one measurement: samples, or the
// reason it could not run (only ErrUnsupported becomes a reason; any other
// error stops the whole run).
type outcome struct {
	Samples []time.Duration `json:"samples_ns,omitempty"` // wall-clock
	// CPU are the CPU times of the same calls (engines.Timing), when the
	// measurement has them.
	CPU         []time.Duration `json:"cpu_ns,omitempty"`
	Unsupported string          `json:"unsupported,omitempty"`
}

// cpuOutcome is o's CPU-time view: the same samples, in CPU time.
func (o *outcome) cpuOutcome() *outcome {
	if o == nil || len(o.CPU) == 0 {
		return &outcome{Unsupported: "no CPU times"}
	}
	return &outcome{Samples: o.CPU, Unsupported: o.Unsupported}
}

func (o *outcome) ok() bool { return o != nil && o.Unsupported == "" && len(o.Samples) > 0 }

// median of the samples.
func (o *outcome) median() time.Duration {
	if !o.ok() {
		return 0
	}
	s := slices.Clone(o.Samples)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// pairRatio is the median over rounds of a's time / b's time in the same
// round: load that comes and goes on a shared machine hits both engines
// of a round alike, so this is steadier than a ratio of medians.
func pairRatio(a, b *outcome) float64 {
	if !a.ok() || !b.ok() || len(a.Samples) != len(b.Samples) {
		return math.NaN()
	}
	r := make([]float64, len(a.Samples))
	for i := range r {
		r[i] = float64(a.Samples[i]) / float64(b.Samples[i])
	}
	return medianF(r)
}

func medianF(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// geomean of the finite, positive xs.
func geomean(xs []float64) float64 {
	sum, n := 0.0, 0
	for _, x := range xs {
		if x > 0 && !math.IsInf(x, 0) && !math.IsNaN(x) {
			sum += math.Log(x)
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return math.Exp(sum / float64(n))
}

// errWrongAnswer is a checksum mismatch: the run stops, no number is
// reported for anything.
type errWrongAnswer struct {
	workload, engine string
	got, want        uint64
}

func (e *errWrongAnswer) Error() string {
	return fmt.Sprintf("WRONG ANSWER: %s on %s returned %d, want %d", e.workload, e.engine, e.got, e.want)
}

// unsupported turns an ErrUnsupported into a reason and passes every other
// error through.
func unsupported(err error) (string, error) {
	if errors.Is(err, engines.ErrUnsupported) {
		return err.Error(), nil
	}
	return "", err
}

// runInterleaved loads m on every engine, warms each up (warmup calls,
// every result checked), then runs `rounds` rounds in which each engine
// calls fn(arg) once, the order rotating from round to round. Every
// result must equal want.
func runInterleaved(name string, m *engines.Module, es []engines.Engine, fn string, arg, want uint64, warmup, rounds int) (map[string]*outcome, error) {
	out := map[string]*outcome{}
	var live []engines.Engine
	insts := map[string]engines.Instance{}
	defer func() {
		for _, in := range insts {
			in.Close()
		}
	}()
	check := func(e engines.Engine, r uint64) error {
		if r != want {
			return &errWrongAnswer{name, e.Name(), r, want}
		}
		return nil
	}
	for _, e := range es {
		inst, err := e.Load(m)
		if err == nil {
			insts[e.Name()] = inst
			for range warmup {
				var r uint64
				if r, _, err = inst.Call(fn, arg); err != nil {
					break
				}
				if err := check(e, r); err != nil {
					return nil, err
				}
			}
		}
		if err != nil {
			why, err := unsupported(err)
			if err != nil {
				return nil, fmt.Errorf("%s on %s: %w", name, e.Name(), err)
			}
			out[e.Name()] = &outcome{Unsupported: why}
			continue
		}
		out[e.Name()] = &outcome{}
		live = append(live, e)
	}
	for round := range rounds {
		for k := range live {
			e := live[(k+round)%len(live)]
			r, t, err := insts[e.Name()].Call(fn, arg)
			if err != nil {
				return nil, fmt.Errorf("%s on %s: %w", name, e.Name(), err)
			}
			if err := check(e, r); err != nil {
				return nil, err
			}
			o := out[e.Name()]
			o.Samples, o.CPU = append(o.Samples, t.Wall), append(o.CPU, t.CPU)
		}
	}
	return out, nil
}

// coldInterleaved measures compile + instantiate + first call (a fresh,
// uncacheable module every time) on each engine, rounds times, rotating.
func coldInterleaved(name string, m *engines.Module, es []engines.Engine, fn string, arg, want uint64, rounds int) (map[string]*outcome, error) {
	out := map[string]*outcome{}
	for round := range rounds {
		for k := range es {
			e := es[(k+round)%len(es)]
			o := out[e.Name()]
			if o == nil {
				o = &outcome{}
				out[e.Name()] = o
			}
			if o.Unsupported != "" {
				continue
			}
			r, d, err := e.Cold(m, fn, arg)
			if err != nil {
				why, err := unsupported(err)
				if err != nil {
					return nil, fmt.Errorf("%s cold on %s: %w", name, e.Name(), err)
				}
				o.Unsupported = why
				continue
			}
			if r != want {
				return nil, &errWrongAnswer{name + " (cold)", e.Name(), r, want}
			}
			o.Samples = append(o.Samples, d)
		}
	}
	return out, nil
}

// compileInterleaved times compiling bin on each engine, rounds times,
// rotating; an engine implementing engines.Verifier must first pass it.
func compileInterleaved(name string, bin []byte, es []engines.Engine, rounds int) (map[string]*outcome, error) {
	out := map[string]*outcome{}
	var live []engines.Engine
	for _, e := range es {
		if v, ok := e.(engines.Verifier); ok {
			if err := v.FullyCompiles(bin); err != nil {
				why, err := unsupported(err)
				if err != nil {
					return nil, fmt.Errorf("%s on %s: %w", name, e.Name(), err)
				}
				out[e.Name()] = &outcome{Unsupported: why}
				continue
			}
		}
		out[e.Name()] = &outcome{}
		live = append(live, e)
	}
	for round := range rounds {
		for k := range live {
			e := live[(k+round)%len(live)]
			o := out[e.Name()]
			if o.Unsupported != "" {
				continue
			}
			t, err := e.Compile(bin)
			if err != nil {
				why, err := unsupported(err)
				if err != nil {
					return nil, fmt.Errorf("compiling %s on %s: %w", name, e.Name(), err)
				}
				o.Unsupported, o.Samples, o.CPU = why, nil, nil
				continue
			}
			o.Samples, o.CPU = append(o.Samples, t.Wall), append(o.CPU, t.CPU)
		}
	}
	return out, nil
}
