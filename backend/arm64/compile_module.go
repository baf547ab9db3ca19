package arm64

import (
	"encoding/binary"

	"github.com/sablewasm/sable/backend/internal/codegen"
	"github.com/sablewasm/sable/compiler"
)

// A compiled module and its tables are the back ends' common types
// (backend/internal/codegen).
type (
	Module   = codegen.Module
	FuncInfo = codegen.FuncInfo
	TrapSite = codegen.TrapSite
	StackMap = codegen.StackMap
	Func     = codegen.Func
)

// CompileModule compiles every defined function of a validated module,
// in parallel, and links them. opts.TypeIDs is not used: mi has the ids.
func CompileModule(mi *compiler.ModuleInfo, opts Options) (*Module, error) {
	return codegen.CompileModule(arch{opts: opts}, mi)
}

// arch is arm64's codegen.Arch. reach, when not 0, replaces bl's reach
// (tests make it small to exercise veneers).
type arch struct {
	opts  Options
	reach int64
}

func (arch) Name() string { return "arm64" }

func (a arch) NewFuncCompiler() (codegen.FuncCompiler, error) {
	fc, err := NewFuncCompiler()
	if err == nil {
		fc.SetGC(a.opts.GC)
	}
	return fc, err
}

func (arch) Entry(params, results []compiler.Type) (*codegen.Func, error) {
	return compileEntry(params, results)
}

// Padding is brk #0.
func (arch) Padding() []byte { return []byte{0x00, 0x00, 0x20, 0xd4} }

func (arch) Patch(code []byte, r codegen.Reloc, codeOff, targetOff int64) error {
	return Relocation{Offset: r.Offset, Func: r.Func}.Apply(code, codeOff, targetOff)
}

// BranchReach is bl's and b's: a signed 26-bit word offset.
func (a arch) BranchReach() int64 {
	if a.reach != 0 {
		return a.reach
	}
	return branchReach
}

// Veneer jumps d bytes from its start, anywhere, through IP0 and IP1,
// which hold nothing at a call or tail call (frame_abi.go):
//
//	adr  x16, .          ; the veneer's address
//	ldr  x17, .+12       ; d, the literal after br
//	add  x16, x16, x17
//	br   x16
//	.quad d
//
// The linker places it 8-byte aligned, so the literal is aligned.
func (arch) Veneer(d int64) []byte {
	b := make([]byte, 0, 24)
	for _, w := range [...]uint32{
		0x10000000 | Scratch.hw(),                                       // adr x16, .
		0x58000000 | 3<<5 | Scratch2.hw(),                               // ldr x17, .+12
		0x8b000000 | Scratch2.hw()<<16 | Scratch.hw()<<5 | Scratch.hw(), // add x16, x16, x17
		0xd61f0000 | Scratch.hw()<<5,                                    // br x16
	} {
		b = binary.LittleEndian.AppendUint32(b, w)
	}
	return binary.LittleEndian.AppendUint64(b, uint64(d))
}
