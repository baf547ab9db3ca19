package compiler

import (
	"fmt"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/wasm"
)

// runtimeCall performs a bulk memory or table operation with the spec's
// bounds checks (all checked before anything is written).
func (in *Instance) runtimeCall(ins *Instr, vals []uint64) abi.TrapCode {
	a := func(i int) uint64 { return vals[ins.Args[i]] }
	switch RuntimeFn(ins.Imm) {
	case RuntimeMemoryInit:
		return copyChecked(in.Mems[ins.Index2], in.Datas[ins.Index], a(0), a(1), a(2), abi.TrapMemoryOutOfBounds)
	case RuntimeDataDrop:
		in.Datas[ins.Index] = nil
	case RuntimeMemoryCopy:
		return copyChecked(in.Mems[ins.Index], in.Mems[ins.Index2], a(0), a(1), a(2), abi.TrapMemoryOutOfBounds)
	case RuntimeMemoryFill:
		mem := in.Mems[ins.Index]
		d, n := a(0), a(2)
		if !inBounds(d, n, len(mem)) {
			return abi.TrapMemoryOutOfBounds
		}
		fill := mem[d : d+n]
		for i := range fill {
			fill[i] = byte(a(1))
		}
	case RuntimeTableInit:
		return copyChecked(in.Tables[ins.Index2], in.Elems[ins.Index], a(0), a(1), a(2), abi.TrapTableOutOfBounds)
	case RuntimeElemDrop:
		in.Elems[ins.Index] = nil
	case RuntimeTableCopy:
		return copyChecked(in.Tables[ins.Index], in.Tables[ins.Index2], a(0), a(1), a(2), abi.TrapTableOutOfBounds)
	case RuntimeTableFill:
		tab := in.Tables[ins.Index]
		d, n := a(0), a(2)
		if !inBounds(d, n, len(tab)) {
			return abi.TrapTableOutOfBounds
		}
		for i := d; i < d+n; i++ {
			tab[i] = a(1)
		}
	default:
		return in.arrayRuntimeCall(ins, vals)
	}
	return 0
}

func inBounds(start, n uint64, length int) bool {
	return start <= uint64(length) && n <= uint64(length)-start
}

// copyChecked copies n elements from src[s:] to dst[d:] (overlap-safe) or
// returns trap if either range is out of bounds.
func copyChecked[T any](dst, src []T, d, s, n uint64, trap abi.TrapCode) abi.TrapCode {
	if !inBounds(d, n, len(dst)) || !inBounds(s, n, len(src)) {
		return trap
	}
	copy(dst[d:d+n], src[s:s+n])
	return 0
}

// NewInstance instantiates a module whose functions are given in IR (by
// function index, nil for imports): it evaluates global initializers,
// creates memories and tables, applies active segments and runs the
// start function. Modules with imports other than functions are rejected;
// calling an imported function fails with ErrNoImports. A trap during
// instantiation is returned as *Trap.
func NewInstance(mi *ModuleInfo, funcs []*Func) (*Instance, error) {
	m := mi.Module
	for i := range m.Imports {
		if m.Imports[i].Kind != wasm.ExternFunc {
			return nil, fmt.Errorf("eval: %s import %q.%q not supported", m.Imports[i].Kind, m.Imports[i].Module, m.Imports[i].Name)
		}
	}
	in := &Instance{Info: mi, Funcs: funcs}
	for _, g := range m.Globals {
		v, err := in.constExpr(g.Init, g.Type.Type)
		if err != nil {
			return nil, err
		}
		in.Globals = append(in.Globals, v)
	}
	for _, mt := range mi.Mems {
		if mt.Limits.Min > maxEvalPages {
			return nil, fmt.Errorf("eval: memory of %d pages is too large", mt.Limits.Min)
		}
		in.Mems = append(in.Mems, make([]byte, mt.Limits.Min*pageSize))
	}
	for _, t := range m.Tables {
		if t.Type.Limits.Min > 1<<24 {
			return nil, fmt.Errorf("eval: table of %d elements is too large", t.Type.Limits.Min)
		}
		var init uint64
		if t.Init.Code != nil {
			var err error
			if init, err = in.constExpr(t.Init, t.Type.Elem); err != nil {
				return nil, err
			}
		}
		tab := make([]uint64, t.Type.Limits.Min)
		for i := range tab {
			tab[i] = init
		}
		in.Tables = append(in.Tables, tab)
	}
	if err := in.initElems(); err != nil {
		return nil, err
	}
	if err := in.initDatas(); err != nil {
		return nil, err
	}
	if m.Start != nil {
		if _, err := in.Call(*m.Start, nil); err != nil {
			return nil, err
		}
	}
	return in, nil
}

func (in *Instance) constExpr(e wasm.ConstExpr, t wasm.ValType) (uint64, error) {
	f, err := TranslateConstExpr(in.Info, e, t)
	if err != nil {
		return 0, err
	}
	res, err := in.run(f, nil)
	if err != nil {
		return 0, err
	}
	return res[0], nil
}

func (in *Instance) initElems() error {
	m := in.Info.Module
	for _, seg := range m.Elems {
		items := make([]uint64, len(seg.Init))
		for i, e := range seg.Init {
			v, err := in.constExpr(e, seg.Type)
			if err != nil {
				return err
			}
			items[i] = v
		}
		in.Elems = append(in.Elems, items)
	}
	for i, seg := range m.Elems {
		switch seg.Mode {
		case wasm.SegmentActive:
			off, err := in.constExpr(seg.Offset, wasm.ValType{Kind: addrKind(in.Info.Tables[seg.Table].Limits)})
			if err != nil {
				return err
			}
			if code := copyChecked(in.Tables[seg.Table], in.Elems[i], off, 0, uint64(len(in.Elems[i])), abi.TrapTableOutOfBounds); code != 0 {
				return &Trap{Code: code, Func: "instantiate"}
			}
			in.Elems[i] = nil
		case wasm.SegmentDeclarative:
			in.Elems[i] = nil
		}
	}
	return nil
}

func (in *Instance) initDatas() error {
	m := in.Info.Module
	for _, seg := range m.Datas {
		in.Datas = append(in.Datas, seg.Init)
	}
	for i, seg := range m.Datas {
		if seg.Mode != wasm.SegmentActive {
			continue
		}
		off, err := in.constExpr(seg.Offset, wasm.ValType{Kind: addrKind(in.Info.Mems[seg.Mem].Limits)})
		if err != nil {
			return err
		}
		if code := copyChecked(in.Mems[seg.Mem], seg.Init, off, 0, uint64(len(seg.Init)), abi.TrapMemoryOutOfBounds); code != 0 {
			return &Trap{Code: code, Func: "instantiate"}
		}
		in.Datas[i] = nil
	}
	return nil
}

func addrKind(l wasm.Limits) wasm.ValKind {
	if l.Is64 {
		return wasm.I64
	}
	return wasm.I32
}
