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
	// BranchReach is how far a Reloc's branch reaches either way, in
	// bytes; 0 means anywhere in a module.
	BranchReach() int64
	// Veneer is the code of a jump to the place d bytes from the veneer's
	// start, which a Reloc's branch targets instead of a function beyond
	// BranchReach. Its size does not depend on d and is a multiple of 8;
	// it may clobber only registers that hold nothing at a call.
	Veneer(d int64) []byte
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
			var tr compiler.Translator
			for {
				next.Lock()
				i := idx
				idx++
				next.Unlock()
				if i >= n {
					return
				}
				funcs[i], errs[i] = compileOne(arch, fc, &tr, mi, layout, uint32(i))
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
func compileOne(arch Arch, fc FuncCompiler, tr *compiler.Translator, mi *compiler.ModuleInfo, layout *abi.VMLayout, idx uint32) (cf *Func, err error) {
	defer func() {
		if r := recover(); r != nil {
			*tr = compiler.Translator{} // its state is suspect after a panic
			cf, err = nil, fmt.Errorf("%s: internal compiler error: %v", arch.Name(), r)
		}
	}()
	f, err := tr.Translate(mi, idx)
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

// link lays the functions, their veneer islands (if calls need them) and
// one entry preamble per signature out in one buffer and resolves the
// calls.
func link(arch Arch, mi *compiler.ModuleInfo, funcs []*Func) (*Module, error) {
	// Every function gets the preamble of its signature, imports too: the
	// runtime enters an exported import through it, with the import's
	// VMFuncRef.Code and VMCtx.
	var preambles []*Func
	entryOf := make([]int, len(funcs)) // index into preambles
	byKey := map[string]int{}
	for i := range funcs {
		ft := mi.FuncType(mi.FuncTypes[i])
		params, results := mi.IRTypes(ft.Params), mi.IRTypes(ft.Results)
		key := entryKey(params, results)
		k, ok := byKey[key]
		if !ok {
			ec, err := arch.Entry(params, results)
			if err != nil {
				return nil, fmt.Errorf("entry preamble of function %d: %w", i, err)
			}
			k = len(preambles)
			preambles = append(preambles, ec)
			byKey[key] = k
		}
		entryOf[i] = k
	}
	for i, cf := range funcs {
		for _, r := range relocsOf(cf) {
			if int(r.Func) >= len(funcs) || funcs[r.Func] == nil {
				return nil, fmt.Errorf("function %d calls function %d, which has no code", i, r.Func)
			}
		}
	}
	islands := planVeneers(arch, funcs, preambles)
	l := layout(arch, funcs, preambles, islands)

	m := &Module{Funcs: make([]FuncInfo, len(funcs)), Code: make([]byte, 0, l.end)}
	pad := arch.Padding()
	place := func(code []byte, off int64) {
		for int64(len(m.Code)) < off {
			m.Code = append(m.Code, pad...)
		}
		m.Code = append(m.Code, code...)
	}
	addTables := func(cf *Func, off int64) {
		for _, t := range cf.TrapSites {
			t.PC += uint32(off)
			m.TrapSites = append(m.TrapSites, t)
		}
		for _, s := range cf.StackMaps {
			s.PC += uint32(off)
			m.StackMaps = append(m.StackMaps, s)
		}
	}
	for i, cf := range funcs {
		if cf == nil {
			continue
		}
		place(cf.Code, l.funcs[i])
		addTables(cf, l.funcs[i])
		m.Funcs[i] = FuncInfo{Offset: uint32(l.funcs[i]), Size: uint32(len(cf.Code))}
		for k, target := range islandOf(islands, i) {
			place(arch.Veneer(l.funcs[target]-l.veneer(i, k)), l.veneer(i, k))
		}
	}
	for k, ec := range preambles {
		place(ec.Code, l.preambles[k])
		addTables(ec, l.preambles[k])
	}
	place(nil, l.end)
	for i := range funcs {
		m.Funcs[i].Entry = uint32(l.preambles[entryOf[i]])
	}
	for i, cf := range funcs {
		if cf == nil {
			continue
		}
		fi := m.Funcs[i]
		code := m.Code[fi.Offset : fi.Offset+fi.Size]
		for _, r := range cf.Relocs {
			target := l.funcs[r.Func]
			if k := slices.Index(islandOf(islands, i), r.Func); k >= 0 {
				target = l.veneer(i, k)
			}
			if err := arch.Patch(code, r, int64(fi.Offset), target); err != nil {
				return nil, err
			}
		}
	}
	slices.SortFunc(m.TrapSites, func(a, b TrapSite) int { return int(a.PC) - int(b.PC) })
	slices.SortFunc(m.StackMaps, func(a, b StackMap) int { return int(a.PC) - int(b.PC) })
	return m, nil
}

// islandOf is the far callees of function fn (none without islands).
func islandOf(islands [][]uint32, fn int) []uint32 {
	if islands == nil {
		return nil
	}
	return islands[fn]
}

func relocsOf(f *Func) []Reloc {
	if f == nil {
		return nil
	}
	return f.Relocs
}

// codeLayout places the module's code: every function, preamble and
// veneer island 16-byte aligned, each function's island (its veneers,
// one per far callee, veneerSize bytes each) right after it.
type codeLayout struct {
	funcs, preambles []int64
	islands          []int64 // per function: the offset of its island
	veneerSize       int64
	end              int64
}

func (l *codeLayout) veneer(fn, k int) int64 { return l.islands[fn] + int64(k)*l.veneerSize }

func layout(arch Arch, funcs, preambles []*Func, islands [][]uint32) *codeLayout {
	l := &codeLayout{funcs: make([]int64, len(funcs)), preambles: make([]int64, len(preambles)),
		islands: make([]int64, len(funcs))}
	if islands != nil {
		l.veneerSize = int64(len(arch.Veneer(0)))
	}
	align := func(n int64) int64 { return (n + 15) &^ 15 }
	off := int64(0)
	for i, cf := range funcs {
		if cf == nil {
			continue
		}
		l.funcs[i] = off
		off = align(off + int64(len(cf.Code)))
		if n := len(islandOf(islands, i)); n > 0 {
			l.islands[i] = off
			off = align(off + int64(n)*l.veneerSize)
		}
	}
	for k, ec := range preambles {
		l.preambles[k] = off
		off = align(off + int64(len(ec.Code)))
	}
	l.end = off
	return l
}

// planVeneers decides which calls go through veneers: none when every
// call reaches its callee, otherwise, per calling function, the callees
// a call may not reach once islands are inserted, which move every
// function by at most the islands' total size. A veneer sits right after
// its caller, well within reach of the call, and reaches anywhere.
func planVeneers(arch Arch, funcs, preambles []*Func) [][]uint32 {
	reach := arch.BranchReach()
	if reach == 0 {
		return nil
	}
	l := layout(arch, funcs, preambles, nil)
	relocs := 0
	for _, cf := range funcs {
		relocs += len(relocsOf(cf))
	}
	veneer := int64(len(arch.Veneer(0)))
	slack := int64(relocs)*veneer + 16*int64(len(funcs))
	var islands [][]uint32
	for i, cf := range funcs {
		for _, r := range relocsOf(cf) {
			d := l.funcs[r.Func] - (l.funcs[i] + int64(r.Offset))
			if d > -(reach-slack) && d < reach-slack {
				continue
			}
			if islands == nil {
				islands = make([][]uint32, len(funcs))
			}
			if !slices.Contains(islands[i], r.Func) {
				islands[i] = append(islands[i], r.Func)
			}
		}
	}
	return islands
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
