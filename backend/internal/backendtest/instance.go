//go:build linux

package backendtest

import (
	"fmt"
	"slices"
	"sync"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/wasm"
	"golang.org/x/sys/unix"
)

// A minimal instantiation, standing in for the runtime's: a vmctx laid out
// with Module.Layout, memories and tables in mmap'd reservations, records
// (definitions, host VMFuncRefs, shared global cells) in an mmap'd arena,
// initial contents taken from the compiler's reference evaluator (which
// evaluates the constant expressions, applies the segments and runs the
// start function), and handlers for the exits generated code makes.
// Imports are limited to functions of the "spectest" module, which do
// nothing and run through HostTrampoline.

const (
	pageSize       = 1 << 16
	maxHarnessMem  = 1 << 16 // pages reserved per memory
	maxHarnessElem = 1 << 20 // elements reserved per table
)

type Instance struct {
	mi       *compiler.ModuleInfo
	mod      *codegen.Module
	codeBase uintptr
	vmctx    *abi.VMContext
	mems     []*abi.VMMemoryDef
	memMax   []uint64 // pages
	tables   []*abi.VMTableDef
	tabMax   []uint64
	globals  []*abi.VMGlobal // each global's cell
	st       *Store
	datas    [][]byte
	elems    [][]uint64 // native references
	hosts    map[uint64]string
	// host runs a host function on its argument/result slots (nil: the
	// spectest functions, which return nothing).
	host  func(name string, slots []uint64)
	maps  [][]byte
	arena []byte
}

func (vi *Instance) mmap(size int) ([]byte, error) {
	b, err := unix.Mmap(-1, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON|unix.MAP_NORESERVE)
	if err == nil {
		vi.maps = append(vi.maps, b)
	}
	return b, err
}

// instances maps vmctx addresses to their instances: an exit is handled
// by the instance of the function that made it, which in an activation
// crossing instances need not be the one that was entered.
var instances sync.Map

// exitingInstance returns the instance that handles an exit: for a host
// call the one that owns the host function's VMFuncRef (whose address is
// the id in Scratch[0]), otherwise that of the Wasm function that exited,
// whose vmctx is saved at RBP-8 of its frame.
func exitingInstance(ctx *abi.ExecContext, code abi.ExitCode) (*Instance, error) {
	var found *Instance
	if code == abi.ExitHostCall {
		instances.Range(func(_, v any) bool {
			if _, ok := v.(*Instance).hosts[ctx.Scratch[0]]; ok {
				found = v.(*Instance)
			}
			return found == nil
		})
	} else if v, ok := instances.Load(*(*uintptr)(ptr(ctx.WasmFP - 8))); ok {
		found = v.(*Instance)
	}
	if found == nil {
		return nil, fmt.Errorf("%v exit from an unknown instance", code)
	}
	return found, nil
}

// trapSite finds the trap site of a trap exit's ContPC in whichever
// instance's code it lies.
func trapSite(pc uintptr) (site codegen.TrapSite, found bool) {
	instances.Range(func(_, v any) bool {
		vi := v.(*Instance)
		if pc >= vi.codeBase && pc < vi.codeBase+uintptr(len(vi.mod.Code)) {
			site, found = vi.mod.TrapAt(uint32(pc - vi.codeBase))
			return false
		}
		return true
	})
	return site, found
}

func (vi *Instance) free() {
	if vi.vmctx != nil {
		instances.Delete(vi.vmctx.Addr())
	}
	if vi.st != nil {
		vi.st.insts = slices.DeleteFunc(vi.st.insts, func(x *Instance) bool { return x == vi })
	}
	for _, b := range vi.maps {
		unix.Munmap(b)
	}
	if vi.vmctx != nil {
		vi.vmctx.Free()
	}
}

// record carves n bytes, 16-aligned, from the record arena.
func (vi *Instance) record(n int) unsafe.Pointer {
	p := unsafe.Pointer(&vi.arena[0])
	n = (n + 15) &^ 15
	vi.arena = vi.arena[n:]
	return p
}

// ptr turns the address of mmap'd memory into a pointer (through memory,
// which vet accepts: the memory is not Go's, so no rule is broken).
func ptr(u uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&u)) }

func addr[T any](p *T) uintptr { return uintptr(unsafe.Pointer(p)) }

// mem returns memory i's bytes up to its current length.
func (vi *Instance) mem(i uint64) []byte {
	d := vi.mems[i]
	return unsafe.Slice((*byte)(ptr(d.Base)), d.Len)
}

// table returns table i's elements up to its current length.
func (vi *Instance) table(i uint64) []uint64 {
	d := vi.tables[i]
	return unsafe.Slice((*uint64)(ptr(d.Base)), d.Len)
}

// FuncRef is the native funcref of function idx.
func (vi *Instance) FuncRef(idx uint32) uint64 {
	l := vi.vmctx.Layout()
	if idx < vi.mi.NumImportedFuncs {
		return uint64(*(*uintptr)(ptr(vi.vmctx.Addr() + uintptr(l.ImportedFuncOffset(int(idx))))))
	}
	return uint64(addr(vi.vmctx.DefinedFunc(int(idx - vi.mi.NumImportedFuncs))))
}

// native converts an evaluator value of Wasm type t: the evaluator's
// funcrefs are function index + 1, its objects live in its own heap
// (translated by heapRef, see importHeap).
func (vi *Instance) native(t wasm.ValType, v uint64, heapRef func(uint64) uint64) uint64 {
	switch {
	case v == 0 || t.Kind != wasm.Ref:
		return v
	case vi.mi.IRType(t) == compiler.TypeFuncRef:
		return vi.FuncRef(uint32(v - 1))
	}
	return heapRef(v)
}

// newInstance instantiates a compiled module whose code is mapped at
// codeBase.
// Imported functions of modules other than spectest are resolved with
// resolve, which returns the address of the exporter's VMFuncRef.
func newInstance(b Backend, mi *compiler.ModuleInfo, mod *codegen.Module, codeBase uintptr, st *Store, funcs []*compiler.Func,
	resolve func(module, name string) (uintptr, bool)) (vi *Instance, err error) {
	m := mi.Module
	ctx := st.Ctx
	inst := &Instance{mi: mi, mod: mod, codeBase: codeBase, hosts: map[uint64]string{}, st: st}
	defer func() {
		if err != nil {
			inst.free()
		}
	}()
	vi = inst
	evMod, err := withSpectest(m)
	if err != nil {
		return nil, err
	}
	evMI, err := compiler.NewModuleInfo(evMod, mi.TypeIDs)
	if err != nil {
		return nil, err
	}
	ev, err := compiler.NewInstance(evMI, funcs)
	if err != nil {
		return nil, fmt.Errorf("%w: evaluator instantiation: %v", errSpecSkip, err)
	}
	if vi.vmctx, err = abi.NewVMContext(mod.Layout); err != nil {
		return nil, err
	}
	if vi.arena, err = vi.mmap(1 << 16); err != nil {
		return nil, err
	}
	vc := vi.vmctx
	instances.Store(vc.Addr(), vi)
	vc.SetExecContext(ctx)
	heapRef, err := st.importHeap(&ev.Heap)
	if err != nil {
		return nil, err
	}
	for i, id := range mi.TypeIDs {
		vc.SetTypeID(i, uint32(id))
	}
	var hostCode uintptr
	for i := range mi.NumImportedFuncs {
		if module, name := importName(m, i); module != "spectest" {
			ref, ok := resolve(module, name)
			if !ok {
				return nil, fmt.Errorf("%w: import %q.%q", errSpecSkip, module, name)
			}
			vc.SetImportedFunc(int(i), (*abi.VMFuncRef)(ptr(ref)))
			continue
		}
		ft := mi.FuncType(mi.FuncTypes[i])
		tramp, err := b.HostTrampoline(ft)
		if err != nil {
			return nil, err
		}
		code, err := mapCode(tramp)
		if err != nil {
			return nil, err
		}
		vi.maps = append(vi.maps, code)
		hostCode = uintptr(unsafe.Pointer(&code[0]))
		ref := (*abi.VMFuncRef)(vi.record(abi.VMFuncRefSize))
		*ref = abi.VMFuncRef{Code: hostCode, VMCtx: addr(ref), TypeID: uint32(mi.TypeIDs[mi.FuncTypes[i]])}
		vc.SetImportedFunc(int(i), ref)
		module, name := importName(m, i)
		vi.hosts[uint64(addr(ref))] = module + "." + name
	}
	for i := mi.NumImportedFuncs; int(i) < len(mi.FuncTypes); i++ {
		*vc.DefinedFunc(int(i - mi.NumImportedFuncs)) = abi.VMFuncRef{
			Code:   codeBase + uintptr(mod.Funcs[i].Offset),
			VMCtx:  vc.Addr(),
			TypeID: uint32(mi.TypeIDs[mi.FuncTypes[i]]),
		}
	}
	for i, mt := range evMI.Mems {
		maxPages := uint64(maxHarnessMem)
		if mt.Limits.HasMax {
			maxPages = min(mt.Limits.Max, maxHarnessMem)
		}
		b, err := vi.mmap(int(maxPages*pageSize) + pageSize)
		if err != nil {
			return nil, err
		}
		copy(b, ev.Mems[i])
		def := (*abi.VMMemoryDef)(vi.record(abi.VMMemoryDefSize))
		*def = abi.VMMemoryDef{Base: uintptr(unsafe.Pointer(&b[0])), Len: uint64(len(ev.Mems[i]))}
		vi.mems = append(vi.mems, def)
		vi.memMax = append(vi.memMax, maxPages)
		vc.SetMemory(i, def)
	}
	for i, tt := range evMI.Tables {
		maxElems := uint64(maxHarnessElem)
		if tt.Limits.HasMax {
			maxElems = min(tt.Limits.Max, maxHarnessElem)
		}
		b, err := vi.mmap(int(maxElems*8) + 8)
		if err != nil {
			return nil, err
		}
		def := (*abi.VMTableDef)(vi.record(abi.VMTableDefSize))
		*def = abi.VMTableDef{Base: uintptr(unsafe.Pointer(&b[0])), Len: uint64(len(ev.Tables[i]))}
		vi.tables = append(vi.tables, def)
		for k, v := range ev.Tables[i] {
			vi.table(uint64(i))[k] = vi.native(tt.Elem, v, heapRef)
		}
		vi.tabMax = append(vi.tabMax, maxElems)
		vc.SetTable(i, def)
	}
	for i, g := range mi.Globals {
		cell := vc.Global(i)
		if mod.Layout.GlobalShared(i) {
			cell = (*abi.VMGlobal)(vi.record(abi.VMGlobalSize))
			vc.SetGlobalCell(i, cell)
		}
		*(*uint64)(unsafe.Pointer(cell)) = vi.native(g.Type, ev.Globals[i], heapRef)
		vi.globals = append(vi.globals, cell)
	}
	vi.datas = ev.Datas
	for i, seg := range m.Elems {
		var items []uint64
		for _, v := range ev.Elems[i] {
			items = append(items, vi.native(seg.Type, v, heapRef))
		}
		vi.elems = append(vi.elems, items)
	}
	// Only now are the instance's roots all in place.
	st.insts = append(st.insts, vi)
	return vi, nil
}

func importName(m *wasm.Module, fn uint32) (module, name string) {
	n := uint32(0)
	for _, im := range m.Imports {
		if im.Kind == wasm.ExternFunc {
			if n == fn {
				return im.Module, im.Name
			}
			n++
		}
	}
	return "?", "?"
}

// withSpectest returns m with its imports of spectest's globals, memory
// and table turned into definitions with spectest's values and limits,
// which keeps every index space as it was; the evaluator instantiates
// that. Other imports, except spectest's functions, are not supported.
func withSpectest(m *wasm.Module) (*wasm.Module, error) {
	out := *m
	out.Imports = nil
	var globals []wasm.Global
	var mems []wasm.MemType
	var tables []wasm.Table
	for _, im := range m.Imports {
		if im.Kind == wasm.ExternFunc {
			out.Imports = append(out.Imports, im)
			continue
		}
		if im.Module != "spectest" {
			return nil, fmt.Errorf("%w: import %q.%q", errSpecSkip, im.Module, im.Name)
		}
		switch im.Kind {
		case wasm.ExternGlobal:
			want := map[string]struct {
				kind wasm.ValKind
				code []byte
			}{
				"global_i32": {wasm.I32, []byte{0x41, 0x9a, 0x05, 0x0b}},
				"global_i64": {wasm.I64, []byte{0x42, 0x9a, 0x05, 0x0b}},
				"global_f32": {wasm.F32, []byte{0x43, 0x66, 0xa6, 0x26, 0x44, 0x0b}},
				"global_f64": {wasm.F64, []byte{0x44, 0xcd, 0xcc, 0xcc, 0xcc, 0xcc, 0xd4, 0x84, 0x40, 0x0b}},
			}[im.Name]
			if want.code == nil || im.Global.Type.Kind != want.kind || im.Global.Mutable {
				return nil, fmt.Errorf("%w: import %q.%q", errSpecSkip, im.Module, im.Name)
			}
			globals = append(globals, wasm.Global{Type: im.Global, Init: wasm.ConstExpr{Code: want.code}})
		case wasm.ExternMemory:
			mt := im.Mem
			mt.Limits = wasm.Limits{Min: 1, Max: 2, HasMax: true}
			mems = append(mems, mt)
		case wasm.ExternTable:
			tt := im.Table
			tt.Limits = wasm.Limits{Min: 10, Max: 20, HasMax: true}
			tables = append(tables, wasm.Table{Type: tt})
		default:
			return nil, fmt.Errorf("%w: import %q.%q", errSpecSkip, im.Module, im.Name)
		}
	}
	out.Globals = append(globals, m.Globals...)
	out.Mems = append(mems, m.Mems...)
	out.Tables = append(tables, m.Tables...)
	return &out, nil
}

// mapCode maps code read-only and executable.
func mapCode(code []byte) ([]byte, error) {
	size := max((len(code)+4095)&^4095, 4096)
	b, err := unix.Mmap(-1, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		return nil, err
	}
	copy(b, code)
	if err := unix.Mprotect(b, unix.PROT_READ|unix.PROT_EXEC); err != nil {
		unix.Munmap(b)
		return nil, err
	}
	return b, nil
}

// handleExit performs a resumable exit; a non-zero trap code ends the
// activation with that trap instead.
func (vi *Instance) handleExit(ctx *abi.ExecContext, code abi.ExitCode) (abi.TrapCode, error) {
	s := &ctx.Scratch
	switch code {
	case abi.ExitMemoryGrow:
		d := vi.mems[s[0]]
		old := d.Len / pageSize
		if s[1] > vi.memMax[s[0]]-old {
			s[0] = ^uint64(0)
		} else {
			d.Len += s[1] * pageSize
			s[0] = old
		}
	case abi.ExitTableGrow:
		d := vi.tables[s[0]]
		old := d.Len
		if s[1] > vi.tabMax[s[0]]-old {
			s[0] = ^uint64(0)
			break
		}
		d.Len += s[1]
		t := vi.table(s[0])
		for i := old; i < d.Len; i++ {
			t[i] = s[2]
		}
		s[0] = old
	case abi.ExitHostCall:
		name, ok := vi.hosts[s[0]]
		if !ok {
			return 0, fmt.Errorf("host call with unknown id %#x", s[0])
		}
		if vi.host != nil {
			vi.host(name, unsafe.Slice((*uint64)(ptr(uintptr(s[1]))), 16))
		}
	case abi.ExitRuntimeCall:
		if fn := compiler.RuntimeFn(s[0]); fn.IsGC() {
			return vi.gcRuntimeCall(fn, uint32(s[1]), uint32(s[2]), s[3:])
		}
		return vi.runtimeCall(compiler.RuntimeFn(s[0]), s[1], s[2], s[3], s[4], s[5]), nil
	default:
		return 0, fmt.Errorf("unexpected exit %v", code)
	}
	return 0, nil
}

// inRange reports whether [start, start+n) lies within length.
func inRange(start, n, length uint64) bool { return start <= length && n <= length-start }

func (vi *Instance) runtimeCall(fn compiler.RuntimeFn, x, y, a, b, n uint64) abi.TrapCode {
	switch fn {
	case compiler.RuntimeMemoryInit:
		mem, data := vi.mem(y), vi.datas[x]
		if !inRange(a, n, uint64(len(mem))) || !inRange(b, n, uint64(len(data))) {
			return abi.TrapMemoryOutOfBounds
		}
		copy(mem[a:], data[b:b+n])
	case compiler.RuntimeDataDrop:
		vi.datas[x] = nil
	case compiler.RuntimeMemoryCopy:
		dst, src := vi.mem(x), vi.mem(y)
		if !inRange(a, n, uint64(len(dst))) || !inRange(b, n, uint64(len(src))) {
			return abi.TrapMemoryOutOfBounds
		}
		copy(dst[a:a+n], src[b:b+n])
	case compiler.RuntimeMemoryFill:
		mem := vi.mem(x)
		if !inRange(a, n, uint64(len(mem))) {
			return abi.TrapMemoryOutOfBounds
		}
		for i := range mem[a : a+n] {
			mem[a+uint64(i)] = byte(b)
		}
	case compiler.RuntimeTableInit:
		t, e := vi.table(y), vi.elems[x]
		if !inRange(a, n, uint64(len(t))) || !inRange(b, n, uint64(len(e))) {
			return abi.TrapTableOutOfBounds
		}
		copy(t[a:], e[b:b+n])
	case compiler.RuntimeElemDrop:
		vi.elems[x] = nil
	case compiler.RuntimeTableCopy:
		dst, src := vi.table(x), vi.table(y)
		if !inRange(a, n, uint64(len(dst))) || !inRange(b, n, uint64(len(src))) {
			return abi.TrapTableOutOfBounds
		}
		copy(dst[a:a+n], src[b:b+n])
	case compiler.RuntimeTableFill:
		t := vi.table(x)
		if !inRange(a, n, uint64(len(t))) {
			return abi.TrapTableOutOfBounds
		}
		for i := a; i < a+n; i++ {
			t[i] = b
		}
	}
	return 0
}
