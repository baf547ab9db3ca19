//go:build amd64 && linux

package amd64

import (
	"math"
	"math/bits"
	"testing"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"golang.org/x/sys/unix"
)

// These tests run assembled code for real, entering it through abi.Call, the
// runtime's own trampoline, on an mmap'd Wasm stack (machine code never
// runs on a goroutine stack), with the exit sequence abi documents.

// ctxReg holds the *abi.ExecContext in generated code.
const ctxReg = R15

func ctxField(off int) Mem { return Base(ctxReg, int32(off)) }

func scratch(i int) Mem { return ctxField(abi.ExecCtxScratch + 8*i) }

// emitExit emits abi's exit sequence: record why and where, switch back to
// Go's stack and return into abi.Call.
func emitExit(a *Assembler, code abi.ExitCode) {
	a.Mov(S32, ctxField(abi.ExecCtxExitCode), Imm(code))
	a.Mov(S64, ctxField(abi.ExecCtxWasmSP), RSP)
	a.Mov(S64, ctxField(abi.ExecCtxWasmFP), RBP)
	cont := a.NewLabel()
	a.LeaLabel(RAX, cont)
	a.Mov(S64, ctxField(abi.ExecCtxContPC), RAX)
	a.Mov(S64, RSP, ctxField(abi.ExecCtxGoSP))
	a.Mov(S64, RBP, ctxField(abi.ExecCtxGoFP))
	a.Ret()
	a.Bind(cont)
}

// loadSegment maps the functions one after another, each 16-byte aligned
// as Code requires, applies their relocations and makes the result
// read-execute (W^X: written while read-write, never both). It returns the
// address of each function.
func loadSegment(t *testing.T, fns ...*Code) []uintptr {
	t.Helper()
	offs := make([]int64, len(fns))
	size := int64(0)
	for i, c := range fns {
		offs[i] = size
		size = (size + int64(len(c.Bytes)) + 15) &^ 15
	}
	mem, err := unix.Mmap(-1, 0, int(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Munmap(mem) })
	for i, c := range fns {
		copy(mem[offs[i]:], c.Bytes)
		for _, r := range c.Relocs {
			if err := r.Apply(mem[offs[i]:offs[i]+int64(len(c.Bytes))], offs[i], offs[r.Func]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := unix.Mprotect(mem, unix.PROT_READ|unix.PROT_EXEC); err != nil {
		t.Fatal(err)
	}
	base := uintptr(unsafe.Pointer(&mem[0]))
	addrs := make([]uintptr, len(fns))
	for i := range fns {
		addrs[i] = base + uintptr(offs[i])
	}
	return addrs
}

// newContext returns an ExecContext with a 64 KiB Wasm stack.
func newContext(t *testing.T) *abi.ExecContext {
	t.Helper()
	ctx, err := abi.NewExecContext()
	if err != nil {
		t.Fatal(err)
	}
	const size = 64 << 10
	stack, err := unix.Mmap(-1, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	base := uintptr(unsafe.Pointer(&stack[0]))
	ctx.StackTop, ctx.StackLimit = base+size, base+4096
	t.Cleanup(func() {
		ctx.Free()
		unix.Munmap(stack)
	})
	return ctx
}

// run enters the function at pc with the given scratch words and returns
// the scratch words at its ExitReturn.
func run(t *testing.T, ctx *abi.ExecContext, pc uintptr, args ...uint64) [abi.ScratchWords]uint64 {
	t.Helper()
	sp, ok := ctx.PushEntry()
	if !ok {
		t.Fatal("PushEntry: no room")
	}
	defer ctx.PopEntry()
	copy(ctx.Scratch[:], args)
	if code := abi.Call(ctx, pc, sp); code != abi.ExitReturn {
		t.Fatalf("exit %v, want return", code)
	}
	return ctx.Scratch
}

func finish(t *testing.T, a *Assembler) *Code {
	t.Helper()
	c, err := a.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// kernel is a binary operation under test: it finds its operands in RAX
// and RCX (integers) or X0 and X1 (the same bits) and leaves its result in
// RAX (or X0, for float results).
type kernel struct {
	name     string
	floatIn  bool // operands are floats
	floatRes bool
	emit     func(a *Assembler)
	ref      func(x, y uint64) uint64
	skip     bool // the CPU lacks an extension it needs
}

func compileKernel(t *testing.T, k kernel) *Code {
	a := New()
	a.Mov(S64, RAX, scratch(0))
	a.Mov(S64, RCX, scratch(1))
	a.MovToX(S64, X0, RAX)
	a.MovToX(S64, X1, RCX)
	k.emit(a)
	if k.floatRes {
		a.MovFromX(S64, RAX, X0)
	}
	a.Mov(S64, scratch(0), RAX)
	emitExit(a, abi.ExitReturn)
	return finish(t, a)
}

func f64(x uint64) float64  { return math.Float64frombits(x) }
func bf64(f float64) uint64 { return math.Float64bits(f) }
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func kernels() []kernel {
	feat := HostFeatures()
	return []kernel{
		{name: "i32.add", emit: func(a *Assembler) { a.ALU(Add, S32, RAX, RCX) },
			ref: func(x, y uint64) uint64 { return uint64(uint32(x) + uint32(y)) }},
		{name: "i64.sub", emit: func(a *Assembler) { a.ALU(Sub, S64, RAX, RCX) },
			ref: func(x, y uint64) uint64 { return x - y }},
		{name: "i64.mul", emit: func(a *Assembler) { a.Imul(S64, RAX, RCX) },
			ref: func(x, y uint64) uint64 { return x * y }},
		{name: "i32.mul imm", emit: func(a *Assembler) { a.Imul3(S32, RAX, RAX, -3) },
			ref: func(x, _ uint64) uint64 { return uint64(uint32(x) * uint32(0xfffffffd)) }},
		{name: "i64.xor", emit: func(a *Assembler) { a.ALU(Xor, S64, RAX, RCX) },
			ref: func(x, y uint64) uint64 { return x ^ y }},
		{name: "i32.shl", emit: func(a *Assembler) { a.Shift(Shl, S32, RAX, RCX) },
			ref: func(x, y uint64) uint64 { return uint64(uint32(x) << (y & 31)) }},
		{name: "i64.shr_s", emit: func(a *Assembler) { a.Shift(Sar, S64, RAX, RCX) },
			ref: func(x, y uint64) uint64 { return uint64(int64(x) >> (y & 63)) }},
		{name: "i32.rotr", emit: func(a *Assembler) { a.Shift(Ror, S32, RAX, RCX) },
			ref: func(x, y uint64) uint64 { return uint64(bits.RotateLeft32(uint32(x), -int(y&31))) }},
		{name: "i64.rotl 13", emit: func(a *Assembler) { a.Shift(Rol, S64, RAX, Imm(13)) },
			ref: func(x, _ uint64) uint64 { return bits.RotateLeft64(x, 13) }},
		{name: "i64.div_u", emit: func(a *Assembler) { a.ALU(Xor, S32, RDX, RDX); a.Div(S64, RCX) },
			ref: func(x, y uint64) uint64 { return x / y }},
		{name: "i32.rem_s", emit: func(a *Assembler) { a.SignExtendAX(S32); a.IDiv(S32, RCX); a.Mov(S32, RAX, RDX) },
			ref: func(x, y uint64) uint64 { return uint64(uint32(int32(x) % int32(y))) }},
		{name: "i64.div_s", emit: func(a *Assembler) { a.SignExtendAX(S64); a.IDiv(S64, RCX) },
			ref: func(x, y uint64) uint64 { return uint64(int64(x) / int64(y)) }},
		{name: "i64.clz lzcnt", skip: !feat.LZCNT, emit: func(a *Assembler) { a.BitCount(Lzcnt, S64, RAX, RAX) },
			ref: func(x, _ uint64) uint64 { return uint64(bits.LeadingZeros64(x)) }},
		{name: "i32.clz bsr", emit: func(a *Assembler) {
			// The fallback without LZCNT: 31 - bsr(x), with bsr's
			// undefined zero case replaced by -1 (so the result is 32).
			a.Mov(S32, RDX, Imm(-1))
			a.BitCount(Bsr, S32, RAX, RAX)
			a.Cmov(E, S32, RAX, RDX)
			a.Unary(Neg, S32, RAX)
			a.ALU(Add, S32, RAX, Imm(31))
		}, ref: func(x, _ uint64) uint64 { return uint64(bits.LeadingZeros32(uint32(x))) }},
		{name: "i32.ctz tzcnt", skip: !feat.BMI1, emit: func(a *Assembler) { a.BitCount(Tzcnt, S32, RAX, RAX) },
			ref: func(x, _ uint64) uint64 { return uint64(bits.TrailingZeros32(uint32(x))) }},
		{name: "i64.ctz bsf", emit: func(a *Assembler) {
			a.Mov(S32, RDX, Imm(64))
			a.BitCount(Bsf, S64, RAX, RAX)
			a.Cmov(E, S64, RAX, RDX)
		}, ref: func(x, _ uint64) uint64 { return uint64(bits.TrailingZeros64(x)) }},
		{name: "i64.popcnt", skip: !feat.POPCNT, emit: func(a *Assembler) { a.BitCount(Popcnt, S64, RAX, RAX) },
			ref: func(x, _ uint64) uint64 { return uint64(bits.OnesCount64(x)) }},
		{name: "i32.lt_s", emit: func(a *Assembler) {
			a.ALU(Xor, S32, RDX, RDX)
			a.ALU(Cmp, S32, RAX, RCX)
			a.Setcc(LT, RDX)
			a.Mov(S32, RAX, RDX)
		}, ref: func(x, y uint64) uint64 { return b2u(int32(x) < int32(y)) }},
		{name: "i64.ge_u", emit: func(a *Assembler) {
			a.ALU(Cmp, S64, RAX, RCX)
			a.Setcc(AE, RAX)
			a.MovZX(S8, S32, RAX, RAX)
		}, ref: func(x, y uint64) uint64 { return b2u(x >= y) }},
		{name: "select max_u", emit: func(a *Assembler) { a.ALU(Cmp, S64, RAX, RCX); a.Cmov(B, S64, RAX, RCX) },
			ref: func(x, y uint64) uint64 { return max(x, y) }},
		{name: "i64.extend8_s", emit: func(a *Assembler) { a.MovSX(S8, S64, RAX, RAX) },
			ref: func(x, _ uint64) uint64 { return uint64(int64(int8(x))) }},
		{name: "i32.extend16_s", emit: func(a *Assembler) { a.MovSX(S16, S32, RAX, RAX) },
			ref: func(x, _ uint64) uint64 { return uint64(uint32(int32(int16(x)))) }},
		{name: "i64.extend_i32_s", emit: func(a *Assembler) { a.MovSX(S32, S64, RAX, RAX) },
			ref: func(x, _ uint64) uint64 { return uint64(int64(int32(x))) }},
		{name: "i64.extend_i32_u", emit: func(a *Assembler) { a.MovZX(S32, S64, RAX, RAX) },
			ref: func(x, _ uint64) uint64 { return uint64(uint32(x)) }},
		{name: "i64.load16_u", emit: func(a *Assembler) {
			// Store both operands in a frame, load a halfword back.
			a.ALU(Sub, S64, RSP, Imm(16))
			a.Mov(S64, Base(RSP, 0), RAX)
			a.Mov(S64, Base(RSP, 8), RCX)
			a.Mov(S32, RDX, Imm(7))
			a.MovZX(S16, S64, RAX, BaseIndex(RSP, RDX, 2, 0))
			a.ALU(Add, S64, RSP, Imm(16))
		}, ref: func(_, y uint64) uint64 { return uint64(uint16(y >> 48)) }},
		{name: "lea", emit: func(a *Assembler) { a.Lea(S64, RAX, BaseIndex(RAX, RCX, 8, -3)) },
			ref: func(x, y uint64) uint64 { return x + 8*y - 3 }},

		{name: "f64.add", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.Float(FAdd, S64, X0, X1) },
			ref: func(x, y uint64) uint64 { return bf64(f64(x) + f64(y)) }},
		{name: "f64.div", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.Float(FDiv, S64, X0, X1) },
			ref: func(x, y uint64) uint64 { return bf64(f64(x) / f64(y)) }},
		{name: "f64.sqrt", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.Float(FSqrt, S64, X0, X0) },
			ref: func(x, _ uint64) uint64 { return bf64(math.Sqrt(f64(x))) }},
		{name: "f64.abs", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.Packed(AndPS, X0, a.Const128(1<<63-1, 1<<63-1)) },
			ref: func(x, _ uint64) uint64 { return x &^ (1 << 63) }},
		{name: "f64.neg", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.Packed(XorPS, X0, a.Const128(1<<63, 0)) },
			ref: func(x, _ uint64) uint64 { return x ^ 1<<63 }},
		{name: "f64.copysign", floatIn: true, floatRes: true, emit: func(a *Assembler) {
			a.MovF(S64, X2, a.Const128(1<<63, 0))
			a.Packed(AndPS, X1, X2)    // sign of y
			a.Packed(AndNotPS, X2, X0) // magnitude of x
			a.Packed(OrPS, X1, X2)
			a.MovAPS(X0, X1)
		}, ref: func(x, y uint64) uint64 { return x&^(1<<63) | y&(1<<63) }},
		{name: "f64.floor", floatIn: true, floatRes: true, skip: !feat.SSE41, emit: func(a *Assembler) { a.Round(S64, RoundFloor, X0, X0) },
			ref: func(x, _ uint64) uint64 { return bf64(math.Floor(f64(x))) }},
		{name: "f64.nearest", floatIn: true, floatRes: true, skip: !feat.SSE41, emit: func(a *Assembler) { a.Round(S64, RoundNearest, X0, X0) },
			ref: func(x, _ uint64) uint64 { return bf64(math.RoundToEven(f64(x))) }},
		{name: "f64.ceil literal", floatIn: true, floatRes: true, skip: !feat.SSE41, emit: func(a *Assembler) {
			a.Round(S64, RoundCeil, X0, a.Const64(bf64(-2.5)))
		}, ref: func(_, _ uint64) uint64 { return bf64(-2) }},
		{name: "f64.gt", floatIn: true, emit: func(a *Assembler) {
			a.ALU(Xor, S32, RAX, RAX)
			a.Ucomis(S64, X0, X1)
			a.Setcc(A, RAX)
		}, ref: func(x, y uint64) uint64 { return b2u(f64(x) > f64(y)) }},
		{name: "f64.convert_i64_s", floatIn: true, floatRes: true, emit: func(a *Assembler) {
			a.Packed(XorPS, X0, X0)
			a.CvtIntToFloat(S64, S64, X0, RAX)
		}, ref: func(x, _ uint64) uint64 { return bf64(float64(int64(x))) }},
		{name: "i32.trunc_f64_s", floatIn: true, emit: func(a *Assembler) { a.CvtFloatToInt(S32, S64, RAX, X0) },
			ref: func(x, _ uint64) uint64 {
				f := math.Trunc(f64(x))
				if f != f || f < math.MinInt32 || f > math.MaxInt32 {
					return 0x80000000 // integer indefinite
				}
				return uint64(uint32(int32(f)))
			}},
		{name: "f32.demote_f64 promote", floatIn: true, floatRes: true, emit: func(a *Assembler) {
			a.CvtFloat(S32, X2, X0)
			a.Float(FAdd, S32, X2, a.Const32(math.Float32bits(1)))
			a.CvtFloat(S64, X0, X2)
		}, ref: func(x, _ uint64) uint64 { return bf64(float64(float32(f64(x)) + 1)) }},
		{name: "f32 via movd", floatIn: true, floatRes: true, emit: func(a *Assembler) {
			a.MovToX(S32, X3, RAX)
			a.Push(RAX)
			a.MovF(S32, Base(RSP, 0), X3)
			a.MovF(S32, X4, Base(RSP, 0))
			a.Pop(RDX)
			a.Float(FMul, S32, X4, X4)
			a.MovFromX(S32, RAX, X4)
			a.MovToX(S64, X0, RAX)
		}, ref: func(x, _ uint64) uint64 {
			f := math.Float32frombits(uint32(x))
			return uint64(math.Float32bits(f * f))
		}},
	}
}

func TestExecuteKernels(t *testing.T) {
	ints := [][2]uint64{{7, 3}, {0xffffffff, 1}, {1 << 63, 5}, {0x8000_0000, 0xffff_fff0}, {0, 17}, {12345678901, 0x70000001}}
	floats := [][2]uint64{
		{bf64(1.5), bf64(2.25)}, {bf64(-2.5), bf64(0.5)}, {bf64(3.5), bf64(-0.0)},
		{bf64(math.Inf(1)), bf64(2)}, {bf64(1e300), bf64(-7)}, {bf64(-123.456), bf64(1e-3)},
	}
	ctx := newContext(t)
	for _, k := range kernels() {
		t.Run(k.name, func(t *testing.T) {
			if k.skip {
				t.Skip("CPU lacks the extension")
			}
			pc := loadSegment(t, compileKernel(t, k))[0]
			inputs := ints
			if k.floatIn {
				inputs = floats
			}
			for _, in := range inputs {
				got := run(t, ctx, pc, in[0], in[1])[0]
				if want := k.ref(in[0], in[1]); got != want {
					t.Errorf("(%#x, %#x) = %#x, want %#x", in[0], in[1], got, want)
				}
			}
		})
	}
}
