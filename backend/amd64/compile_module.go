package amd64

import (
	"fmt"

	"github.com/sablewasm/sable/abi"
	"runtime"
	"slices"
	"sync"

	"github.com/sablewasm/sable/compiler"
)

// Module is a compiled module: one code buffer to map as a whole (every
// function 16-byte aligned, calls already relocated, so it is position
// independent) and the tables the runtime needs to run and walk it. All
// PCs are offsets from the start of Code.
type Module struct {
	Code []byte
	// Layout is the vmctx layout whose offsets the code was compiled
	// with: abi.NewVMLayout(abi.ShapeOf(module)).
	Layout *abi.VMLayout
	// Funcs is indexed by function index; imported functions have no code
	// (Size 0) but an Entry.
	Funcs []FuncInfo
	// TrapSites and StackMaps are sorted by PC.
	TrapSites []TrapSite
	StackMaps []StackMap
}

// FuncInfo locates one function.
type FuncInfo struct {
	Offset, Size uint32
	// Entry is the offset of the entry preamble for the function's
	// signature (compile_entry.go).
	Entry uint32
}

// FuncAt returns the index of the function whose code contains pc, the
// PC -> function table of backtraces.
func (m *Module) FuncAt(pc uint32) (uint32, bool) {
	for i, f := range m.Funcs {
		if f.Size > 0 && pc >= f.Offset && pc < f.Offset+f.Size {
			return uint32(i), true
		}
	}
	return 0, false
}

// TrapAt returns the trap site whose continuation address is pc.
func (m *Module) TrapAt(pc uint32) (TrapSite, bool) {
	i, ok := slices.BinarySearchFunc(m.TrapSites, pc, func(t TrapSite, pc uint32) int { return int(t.PC) - int(pc) })
	if !ok {
		return TrapSite{}, false
	}
	return m.TrapSites[i], true
}

// CompileModule compiles every defined function of a validated module,
// in parallel, and links them. opts.TypeIDs is not used: mi has the ids.
func CompileModule(mi *compiler.ModuleInfo, opts Options) (*Module, error) {
	layout, err := abi.NewVMLayout(abi.ShapeOf(mi.Module))
	if err != nil {
		return nil, err
	}
	nImp := int(mi.NumImportedFuncs)
	n := len(mi.FuncTypes)
	funcs := make([]*CompiledFunc, n)
	errs := make([]error, n)
	var next sync.Mutex
	idx := nImp
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n-nImp, 1)) {
		fc, err := NewFuncCompiler(opts.Features)
		if err != nil {
			return nil, err
		}
		fc.gc = opts.GC
		wg.Go(func() {
			for {
				next.Lock()
				i := idx
				idx++
				next.Unlock()
				if i >= n {
					return
				}
				funcs[i], errs[i] = compileOne(fc, mi, layout, uint32(i))
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("function %d: %w", i, err)
		}
	}
	m, err := link(mi, funcs)
	if err != nil {
		return nil, err
	}
	m.Layout = layout
	return m, nil
}

// compileOne translates, optimizes and compiles one function; a compiler
// panic becomes that function's error rather than the program's crash.
func compileOne(fc *FuncCompiler, mi *compiler.ModuleInfo, layout *abi.VMLayout, idx uint32) (cf *CompiledFunc, err error) {
	defer func() {
		if r := recover(); r != nil {
			cf, err = nil, fmt.Errorf("amd64: internal compiler error: %v", r)
		}
	}()
	f, err := compiler.Translate(mi, idx)
	if err != nil {
		return nil, err
	}
	compiler.Optimize(f)
	return fc.Compile(mi, layout, f)
}

// link lays the functions and one entry preamble per signature out in one
// buffer and resolves the calls.
func link(mi *compiler.ModuleInfo, funcs []*CompiledFunc) (*Module, error) {
	m := &Module{Funcs: make([]FuncInfo, len(funcs))}
	place := func(cf *CompiledFunc) uint32 {
		off := uint32(len(m.Code))
		m.Code = append(m.Code, cf.Code.Bytes...)
		for len(m.Code)%16 != 0 {
			m.Code = append(m.Code, 0xcc)
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
			m.Funcs[i] = FuncInfo{Offset: place(cf), Size: uint32(len(cf.Code.Bytes))}
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
			ec, err := compileEntry(params, results)
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
		for _, r := range cf.Code.Relocs {
			if int(r.Func) >= len(funcs) || funcs[r.Func] == nil {
				return nil, fmt.Errorf("function %d calls function %d, which has no code", i, r.Func)
			}
			if err := r.Apply(code, int64(fi.Offset), int64(m.Funcs[r.Func].Offset)); err != nil {
				return nil, err
			}
		}
	}
	slices.SortFunc(m.TrapSites, func(a, b TrapSite) int { return int(a.PC) - int(b.PC) })
	slices.SortFunc(m.StackMaps, func(a, b StackMap) int { return int(a.PC) - int(b.PC) })
	return m, nil
}
