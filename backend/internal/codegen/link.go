package codegen

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
)

// Arch is what a back end supplies to CompileModule.
type Arch interface {
	// Name is the GOARCH the back end generates code for.
	Name() string
	// NewFuncCompiler returns a compiler for one worker goroutine.
	NewFuncCompiler() (FuncCompiler, error)
	// Entry builds the entry preamble of one signature: the code that
	// bridges abi.Call to the Wasm calling convention.
	Entry(params, results []compiler.Type) (*Func, error)
	// Padding is the instruction that fills the gaps between functions:
	// one that traps, whose length divides 16.
	Padding() []byte
	// Patch applies relocation r in code, the function's bytes as placed
	// at offset codeOff of the module's code, for a target placed at
	// targetOff.
	Patch(code []byte, r Reloc, codeOff, targetOff int64) error
}

// FuncCompiler compiles one function; a back end reuses its buffers across
// calls, so each worker has its own.
type FuncCompiler interface {
	// Compile compiles f, a function of the module described by mi whose
	// instances have vmctx layout l.
	Compile(mi *compiler.ModuleInfo, l *abi.VMLayout, f *compiler.Func) (*Func, error)
}

// CompileModule compiles every defined function of a validated module,
// in parallel, and links them.
func CompileModule(arch Arch, mi *compiler.ModuleInfo) (*Module, error) {
	layout, err := abi.NewVMLayout(abi.ShapeOf(mi.Module))
	if err != nil {
		return nil, err
	}
	nImp := int(mi.NumImportedFuncs)
	n := len(mi.FuncTypes)
	funcs := make([]*Func, n)
	errs := make([]error, n)
	var next sync.Mutex
	idx := nImp
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n-nImp, 1)) {
		fc, err := arch.NewFuncCompiler()
		if err != nil {
			return nil, err
		}
		wg.Go(func() {
			for {
				next.Lock()
				i := idx
				idx++
				next.Unlock()
				if i >= n {
					return
				}
				funcs[i], errs[i] = compileOne(arch, fc, mi, layout, uint32(i))
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("function %d: %w", i, err)
		}
	}
	m, err := link(arch, mi, funcs)
	if err != nil {
		return nil, err
	}
	m.Layout = layout
	return m, nil
}

// compileOne translates, optimizes and compiles one function; a compiler
// panic becomes that function's error rather than the program's crash.
func compileOne(arch Arch, fc FuncCompiler, mi *compiler.ModuleInfo, layout *abi.VMLayout, idx uint32) (cf *Func, err error) {
	defer func() {
		if r := recover(); r != nil {
			cf, err = nil, fmt.Errorf("%s: internal compiler error: %v", arch.Name(), r)
		}
	}()
	f, err := compiler.Translate(mi, idx)
	if err != nil {
		return nil, err
	}
	compiler.Optimize(f)
	cf, err = fc.Compile(mi, layout, f)
	if errors.Is(err, ErrUnsupported) {
		// Say which back end; its assembler's errors say so already.
		err = fmt.Errorf("%s: %w", arch.Name(), err)
	}
	if err != nil {
		return nil, err
	}
	cf.Index = idx
	return cf, nil
}

// link lays the functions and one entry preamble per signature out in one
// buffer and resolves the calls.
func link(arch Arch, mi *compiler.ModuleInfo, funcs []*Func) (*Module, error) {
	m := &Module{Funcs: make([]FuncInfo, len(funcs))}
	pad := arch.Padding()
	place := func(cf *Func) uint32 {
		off := uint32(len(m.Code))
		m.Code = append(m.Code, cf.Code...)
		for len(m.Code)%16 != 0 {
			m.Code = append(m.Code, pad...)
		}
		for _, t := range cf.TrapSites {
			t.PC += off
			m.TrapSites = append(m.TrapSites, t)
		}
		for _, s := range cf.StackMaps {
			s.PC += off
			m.StackMaps = append(m.StackMaps, s)
		}
		return off
	}
	for i, cf := range funcs {
		if cf != nil {
			m.Funcs[i] = FuncInfo{Offset: place(cf), Size: uint32(len(cf.Code))}
		}
	}
	// Every function gets the preamble of its signature, imports too: the
	// runtime enters an exported import through it, with the import's
	// VMFuncRef.Code and VMCtx.
	entries := map[string]uint32{}
	for i := range funcs {
		ft := mi.FuncType(mi.FuncTypes[i])
		params, results := mi.IRTypes(ft.Params), mi.IRTypes(ft.Results)
		key := entryKey(params, results)
		off, ok := entries[key]
		if !ok {
			ec, err := arch.Entry(params, results)
			if err != nil {
				return nil, fmt.Errorf("entry preamble of function %d: %w", i, err)
			}
			off = place(ec)
			entries[key] = off
		}
		m.Funcs[i].Entry = off
	}
	for i, cf := range funcs {
		if cf == nil {
			continue
		}
		fi := m.Funcs[i]
		code := m.Code[fi.Offset : fi.Offset+fi.Size]
		for _, r := range cf.Relocs {
			if int(r.Func) >= len(funcs) || funcs[r.Func] == nil {
				return nil, fmt.Errorf("function %d calls function %d, which has no code", i, r.Func)
			}
			if err := arch.Patch(code, r, int64(fi.Offset), int64(m.Funcs[r.Func].Offset)); err != nil {
				return nil, err
			}
		}
	}
	slices.SortFunc(m.TrapSites, func(a, b TrapSite) int { return int(a.PC) - int(b.PC) })
	slices.SortFunc(m.StackMaps, func(a, b StackMap) int { return int(a.PC) - int(b.PC) })
	return m, nil
}

// entryKey identifies a signature for preamble sharing.
func entryKey(params, results []compiler.Type) string {
	b := make([]byte, 0, len(params)+len(results)+1)
	for _, t := range params {
		b = append(b, byte(t))
	}
	b = append(b, 0xff)
	for _, t := range results {
		b = append(b, byte(t))
	}
	return string(b)
}
