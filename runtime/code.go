package runtime

import (
	"fmt"
	"slices"
	"sync"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/runtime/internal/execmem"
	"github.com/sablewasm/sable/wasm"
)

// codeImage is what a back end produces for a module, in the runtime's
// architecture-independent terms: one position-independent code buffer and
// its tables, all PCs offsets from the start of Code.
type codeImage struct {
	Code      []byte
	Funcs     []funcCode // by function index; imported functions are zero
	Traps     []trapSite // sorted by PC
	StackMaps []stackMap // sorted by PC
}

// funcCode locates one function's body and the entry preamble of its
// signature. Size 0 means the function has no code.
type funcCode struct {
	Off, Size, Entry uint32
}

// trapSite is one trap exit: the ContPC it reports, the trap, and the Wasm
// instruction it implements.
type trapSite struct {
	PC     uint32
	Code   abi.TrapCode
	Offset uint32
}

// stackMap lists the frame slots that hold GC references at one
// safepoint: PC is a call's return address or an exit's ContPC, Slots are
// offsets from the frame pointer of the function containing PC, each slot
// a u32 reference in the low half of 8 bytes (compiler.StackMap).
type stackMap struct {
	PC    uint32
	Slots []int32
}

// moduleCode is a module's machine code, mapped read-execute once per
// Module and shared by all its instances in every Store (the code is
// position independent and reads everything instance-specific from the
// vmctx).
type moduleCode struct {
	seg   *execmem.Segment
	base  uintptr
	size  uintptr
	funcs []funcCode
	traps []trapSite
	maps  []stackMap
	order []uint32 // function indices with code, by ascending offset: PC -> function
}

// loadCode maps img W^X. The mapping is freed when the Module that owns the
// returned code becomes unreachable (see newModule): Stores keep the Modules
// they instantiated, so no live funcref can outlive it.
func loadCode(img *codeImage) (*moduleCode, error) {
	if len(img.Code) == 0 {
		return &moduleCode{funcs: img.Funcs}, nil
	}
	seg, err := execmem.Load(img.Code)
	if err != nil {
		return nil, fmt.Errorf("runtime: mapping %d bytes of code: %w", len(img.Code), err)
	}
	c := &moduleCode{seg: seg, base: seg.Addr(), size: uintptr(len(img.Code)), funcs: img.Funcs, traps: img.Traps, maps: img.StackMaps}
	for i, f := range img.Funcs {
		if f.Size > 0 {
			c.order = append(c.order, uint32(i))
		}
	}
	slices.SortFunc(c.order, func(a, b uint32) int { return int(c.funcs[a].Off) - int(c.funcs[b].Off) })
	return c, nil
}

// has reports whether function idx (in the module's index space) has code.
func (c *moduleCode) has(idx uint32) bool { return int(idx) < len(c.funcs) && c.funcs[idx].Size > 0 }

// funcAddr is the address of function idx's body.
func (c *moduleCode) funcAddr(idx uint32) uintptr { return c.base + uintptr(c.funcs[idx].Off) }

// entryAddr is the address of the entry preamble for function idx.
func (c *moduleCode) entryAddr(idx uint32) uintptr { return c.base + uintptr(c.funcs[idx].Entry) }

// contains reports whether pc is inside this module's code.
func (c *moduleCode) contains(pc uintptr) bool { return pc >= c.base && pc-c.base < c.size }

// funcAt returns the function whose body contains pc.
func (c *moduleCode) funcAt(pc uintptr) (uint32, bool) {
	if !c.contains(pc) {
		return 0, false
	}
	off := uint32(pc - c.base)
	i, found := slices.BinarySearchFunc(c.order, off, func(fn, off uint32) int { return int(c.funcs[fn].Off) - int(off) })
	if !found {
		i-- // the last function starting before off
	}
	if i < 0 {
		return 0, false
	}
	fn := c.order[i]
	if f := c.funcs[fn]; off >= f.Off && off < f.Off+f.Size {
		return fn, true
	}
	return 0, false
}

// trapAt returns the trap site whose continuation is pc.
func (c *moduleCode) trapAt(pc uintptr) (trapSite, bool) {
	if !c.contains(pc) {
		return trapSite{}, false
	}
	off := uint32(pc - c.base)
	i, ok := slices.BinarySearchFunc(c.traps, off, func(t trapSite, off uint32) int { return int(t.PC) - int(off) })
	if !ok {
		return trapSite{}, false
	}
	return c.traps[i], true
}

// stackMapAt returns the reference slots live at safepoint pc, if pc is
// one.
func (c *moduleCode) stackMapAt(pc uintptr) ([]int32, bool) {
	if !c.contains(pc) {
		return nil, false
	}
	off := uint32(pc - c.base)
	i, ok := slices.BinarySearchFunc(c.maps, off, func(m stackMap, off uint32) int { return int(m.PC) - int(off) })
	if !ok {
		return nil, false
	}
	return c.maps[i].Slots, true
}

func (c *moduleCode) free() {
	if c.seg != nil {
		c.seg.Free()
	}
}

// compileCode runs the back end of this architecture over a validated
// module and maps the result. A module (or function) the back end cannot
// compile is not an error of Engine.Compile: its functions report
// ErrNotCompiled with the reason when called, and everything else works.
func compileCode(m *wasm.Module, ids []wasm.TypeID) (*moduleCode, error) {
	img, err := compileNative(m, ids)
	if err != nil {
		return nil, err
	}
	return loadCode(img)
}

// trampolines are the host-function trampolines of an Engine, one per
// canonical function type, mapped on first use and shared by all Stores.
type trampolines struct {
	mu    sync.Mutex
	addrs map[wasm.TypeID]uintptr
	segs  []*execmem.Segment
	stub  uintptr // noCodeStub, once mapped
}

// trampoline returns the address of the host-call trampoline for the
// function type with canonical id.
func (e *Engine) trampoline(id wasm.TypeID) (uintptr, error) {
	t := e.tramps
	t.mu.Lock()
	defer t.mu.Unlock()
	if addr, ok := t.addrs[id]; ok {
		return addr, nil
	}
	ft := &e.types.Info(id).Sub.Comp.Func
	code, err := hostTrampoline(ft)
	if err != nil {
		return 0, err
	}
	seg, err := execmem.Load(code)
	if err != nil {
		return 0, err
	}
	if t.addrs == nil {
		t.addrs = map[wasm.TypeID]uintptr{}
	}
	t.segs = append(t.segs, seg)
	t.addrs[id] = seg.Addr()
	return seg.Addr(), nil
}

// noCode returns the address of the Engine's copy of noCodeStub, or 0 when
// there is no back end (and so no code that could call it).
func (e *Engine) noCode() uintptr {
	t := e.tramps
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stub == 0 && len(noCodeStub) > 0 {
		if seg, err := execmem.Load(noCodeStub); err == nil {
			t.segs = append(t.segs, seg)
			t.stub = seg.Addr()
		}
	}
	return t.stub
}

// setNoCode points ref at the no-code stub. VMCtx is the record's own
// address + 1: records are 8-aligned, so the odd id tells the host-call
// exit that it came from the stub, not from a trampoline.
func (e *Engine) setNoCode(ref *abi.VMFuncRef) {
	ref.Code, ref.VMCtx = e.noCode(), refAddr(ref)+1
}

func (t *trampolines) free() {
	for _, s := range t.segs {
		s.Free()
	}
}

// wordsAt views n 64-bit words at addr, which is off the Go heap (the Wasm
// stack). Going through memory says so to vet (see abi.recordAt).
func wordsAt(addr uintptr, n int) []uint64 {
	if n == 0 {
		return nil
	}
	return unsafe.Slice(*(**uint64)(unsafe.Pointer(&addr)), n)
}

// wordAt reads the 64-bit word at addr, which must be readable.
func wordAt(addr uintptr) uintptr { return uintptr(wordsAt(addr, 1)[0]) }
