package compiler

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Config selects what Compile does.
type Config struct {
	// Target lowers each function; nil stops after the IR passes.
	Target Target
	// NoOptimize skips the pass pipeline (for debugging and for checking
	// the frontend on its own).
	NoOptimize bool
	// Workers bounds the parallelism; 0 means GOMAXPROCS.
	Workers int
}

// Module is the result of compiling every defined function of a module.
// Both slices are indexed by defined-function index (function index minus
// the number of imported functions).
type Module struct {
	Info  *ModuleInfo
	Funcs []*Func // optimized IR
	Code  []*Code // nil entries when Config.Target is nil
}

// Compile translates, optimizes and (with a Target) lowers every defined
// function of a validated module. Functions compile independently on a
// pool of workers; the output does not depend on scheduling, and when
// several functions fail the error reported is that of the lowest index.
//
// An internal invariant violation (a panic in the frontend, a pass or the
// target) becomes an error naming the function rather than crashing the
// process.
func Compile(mi *ModuleInfo, cfg Config) (*Module, error) {
	n := len(mi.Module.Codes)
	out := &Module{Info: mi, Funcs: make([]*Func, n), Code: make([]*Code, n)}
	errs := make([]error, n)
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b builder // reused across this worker's functions
			for {
				i := int(next.Add(1) - 1)
				if i >= n || failed.Load() {
					return
				}
				idx := mi.NumImportedFuncs + uint32(i)
				out.Funcs[i], out.Code[i], errs[i] = compileOne(&b, mi, idx, cfg)
				if errs[i] != nil {
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func compileOne(b *builder, mi *ModuleInfo, idx uint32, cfg Config) (f *Func, code *Code, err error) {
	defer func() {
		if r := recover(); r != nil {
			*b = builder{} // its state is suspect after a panic
			f, code = nil, nil
			err = fmt.Errorf("compiler: internal error in %s: %v", funcName(mi.Module, idx), r)
		}
	}()
	f, err = b.translateFunc(mi, idx, new(Func)) // out keeps every Func
	if err != nil {
		return nil, nil, fmt.Errorf("compiler: %s: %w", funcName(mi.Module, idx), err)
	}
	if !cfg.NoOptimize {
		Optimize(f)
	}
	if cfg.Target != nil {
		code, err = cfg.Target.Lower(f, mi)
		if err != nil {
			return nil, nil, fmt.Errorf("compiler: %s: %s: %w", funcName(mi.Module, idx), cfg.Target.Name(), err)
		}
	}
	return f, code, nil
}
