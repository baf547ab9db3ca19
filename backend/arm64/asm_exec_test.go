//go:build arm64 && linux

package arm64

import (
	"math"
	"math/bits"
	"testing"
	"unsafe"

	"github.com/sablewasm/sable/abi"
	"golang.org/x/sys/unix"
)

// These tests run assembled code for real (under qemu-aarch64-static on
// an amd64 host), entering it through abi.Call, the runtime's own
// trampoline, on an mmap'd Wasm stack, with the exit sequence abi
// documents.

func ctxField(off int) Mem { return Base(Ctx, int64(off)) }

func scratch(i int) Mem { return ctxField(abi.ExecCtxScratch + 8*i) }

// emitExit emits abi's exit sequence: record why and where, switch back to
// Go's stack, frame pointer and link register, and return into abi.Call.
func emitExit(a *Assembler, code abi.ExitCode) {
	a.MovImm(S32, X0, int64(code))
	a.Store(S32, X0, ctxField(abi.ExecCtxExitCode))
	a.Mov(S64, X0, SP)
	a.Store(S64, X0, ctxField(abi.ExecCtxWasmSP))
	a.Store(S64, FP, ctxField(abi.ExecCtxWasmFP))
	cont := a.NewLabel()
	a.Adr(X0, cont)
	a.Store(S64, X0, ctxField(abi.ExecCtxContPC))
	a.Load(S64, X0, ctxField(abi.ExecCtxGoSP))
	a.Mov(S64, SP, X0)
	a.Load(S64, FP, ctxField(abi.ExecCtxGoFP))
	a.Load(S64, LR, ctxField(abi.ExecCtxGoLR))
	a.Ret()
	a.Bind(cont)
}

// loadSegment maps the functions one after another, each 16-byte aligned
// as Code requires, applies their relocations and makes the result
// read-execute (W^X: written while read-write, never both). It returns the
// address of each function.
//
// Instruction-cache coherence: backend packages cannot import
// runtime/internal/execmem, whose Seal runs the architectural
// clean/invalidate sequence. These tests rely on the mapping being fresh
// instead: Linux performs the clean+invalidate itself when it installs a
// user-executable PTE for a page whose PG_dcache_clean flag is not yet
// set (arm64's __sync_icache_dcache, reached from mprotect(PROT_EXEC)),
// which holds for newly faulted anonymous pages, and every test maps new
// pages. Under qemu-user the question does not arise: it invalidates its
// translations when a page's protection changes.
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

// kernel is a binary operation under test: it finds its operands in X0
// and X1 and the same bits in V0 and V1, and leaves its result in X0 (or
// V0, for float results).
type kernel struct {
	name     string
	floatIn  bool
	floatRes bool
	emit     func(a *Assembler)
	ref      func(x, y uint64) uint64
}

func compileKernel(t *testing.T, k kernel) *Code {
	a := New()
	a.Load(S64, X0, scratch(0))
	a.Load(S64, X1, scratch(1))
	a.FMovFromGP(S64, V0, X0)
	a.FMovFromGP(S64, V1, X1)
	k.emit(a)
	if k.floatRes {
		a.FMovToGP(S64, X0, V0)
	}
	a.Store(S64, X0, scratch(0))
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
	return []kernel{
		{name: "i32.add", emit: func(a *Assembler) { a.ALU(Add, S32, X0, X0, X1) },
			ref: func(x, y uint64) uint64 { return uint64(uint32(x) + uint32(y)) }},
		{name: "i64.sub imm large", emit: func(a *Assembler) { a.ALU(Sub, S64, X0, X0, Imm(0x123456789)) },
			ref: func(x, _ uint64) uint64 { return x - 0x123456789 }},
		{name: "i64.and bitmask", emit: func(a *Assembler) { a.ALU(And, S64, X0, X0, Imm(0x0ff00ff00ff00ff0)) },
			ref: func(x, _ uint64) uint64 { return x & 0x0ff00ff00ff00ff0 }},
		{name: "i32.xor not bitmask", emit: func(a *Assembler) { a.ALU(Eor, S32, X0, X0, Imm(0x12345678)) },
			ref: func(x, _ uint64) uint64 { return uint64(uint32(x) ^ 0x12345678) }},
		{name: "i64.mul", emit: func(a *Assembler) { a.Mul(S64, X0, X0, X1) },
			ref: func(x, y uint64) uint64 { return x * y }},
		{name: "i64.div_u", emit: func(a *Assembler) { a.UDiv(S64, X0, X0, X1) },
			ref: func(x, y uint64) uint64 { return x / y }},
		{name: "i32.rem_s", emit: func(a *Assembler) {
			a.SDiv(S32, X2, X0, X1)
			a.MSub(S32, X0, X2, X1, X0)
		}, ref: func(x, y uint64) uint64 { return uint64(uint32(int32(x) % int32(y))) }},
		{name: "i64.shr_s", emit: func(a *Assembler) { a.Shift(Asr, S64, X0, X0, X1) },
			ref: func(x, y uint64) uint64 { return uint64(int64(x) >> (y & 63)) }},
		{name: "i32.rotl 13", emit: func(a *Assembler) { a.Shift(Ror, S32, X0, X0, Imm(32-13)) },
			ref: func(x, _ uint64) uint64 { return uint64(bits.RotateLeft32(uint32(x), 13)) }},
		{name: "i64.clz", emit: func(a *Assembler) { a.Clz(S64, X0, X0) },
			ref: func(x, _ uint64) uint64 { return uint64(bits.LeadingZeros64(x)) }},
		{name: "i32.ctz", emit: func(a *Assembler) { a.Rbit(S32, X0, X0); a.Clz(S32, X0, X0) },
			ref: func(x, _ uint64) uint64 { return uint64(bits.TrailingZeros32(uint32(x))) }},
		{name: "i64.popcnt", emit: func(a *Assembler) { a.Popcnt(S64, X0, X0, V5) },
			ref: func(x, _ uint64) uint64 { return uint64(bits.OnesCount64(x)) }},
		{name: "i32.popcnt", emit: func(a *Assembler) { a.Popcnt(S32, X0, X0, V5) },
			ref: func(x, _ uint64) uint64 { return uint64(bits.OnesCount32(uint32(x))) }},
		{name: "i32.lt_s", emit: func(a *Assembler) { a.Cmp(S32, X0, X1); a.CSet(X0, LT) },
			ref: func(x, y uint64) uint64 { return b2u(int32(x) < int32(y)) }},
		{name: "i64.ge_u", emit: func(a *Assembler) { a.Cmp(S64, X0, X1); a.CSet(X0, HS) },
			ref: func(x, y uint64) uint64 { return b2u(x >= y) }},
		{name: "select max_u", emit: func(a *Assembler) { a.Cmp(S64, X0, X1); a.CSel(S64, X0, X0, X1, HI) },
			ref: func(x, y uint64) uint64 { return max(x, y) }},
		{name: "i64.extend8_s", emit: func(a *Assembler) { a.Extend(Sxtb, S64, X0, X0) },
			ref: func(x, _ uint64) uint64 { return uint64(int64(int8(x))) }},
		{name: "i32.extend16_s", emit: func(a *Assembler) { a.Extend(Sxth, S32, X0, X0) },
			ref: func(x, _ uint64) uint64 { return uint64(uint32(int32(int16(x)))) }},
		{name: "i64.extend_i32_u", emit: func(a *Assembler) { a.Extend(Uxtw, S64, X0, X0) },
			ref: func(x, _ uint64) uint64 { return uint64(uint32(x)) }},
		{name: "const 64", emit: func(a *Assembler) { a.MovImm(S64, X0, -0x123456789abcdef) },
			ref: func(_, _ uint64) uint64 { return 0xfedcba9876543211 }},
		{name: "loads in a frame", emit: func(a *Assembler) {
			// A frame record, the operands stored below it, loaded back
			// with each addressing mode.
			a.StorePair(FP, LR, SP, -16, PairPreIndex)
			a.Mov(S64, FP, SP)
			a.ALU(Sub, S64, SP, SP, Imm(0x2010))
			a.StorePair(X0, X1, SP, 0, PairOffset)
			a.Store(S64, X1, Base(SP, 0x2000)) // beyond ldr's scaled reach for bytes
			a.MovImm(S64, X2, 7)
			a.Load(S16, X3, BaseIndex(SP, X2, IndexUXTW, true)) // bits 48..63 of y
			a.LoadSigned(S8, S64, X4, Base(SP, 0x2000+1))       // byte 1 of y, sign-extended
			a.LoadSigned(S32, S64, X5, Base(X29, -0x2010))      // low word of x
			a.Load(S8, X6, Base(SP, 0x2000+0x10-0x10+2))        // byte 2 of y
			a.ALU(Add, S64, X0, X3, X4)
			a.ALU(Add, S64, X0, X0, X5)
			a.ALU(Add, S64, X0, X0, X6)
			a.Mov(S64, SP, FP)
			a.LoadPair(FP, LR, SP, 16, PairPostIndex)
		}, ref: func(x, y uint64) uint64 {
			return uint64(uint16(y>>48)) + uint64(int64(int8(y>>8))) + uint64(int64(int32(x))) + uint64(uint8(y>>16))
		}},

		{name: "f64.add", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.Float(FAdd, S64, V0, V0, V1) },
			ref: func(x, y uint64) uint64 { return bf64(f64(x) + f64(y)) }},
		{name: "f64.div", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.Float(FDiv, S64, V0, V0, V1) },
			ref: func(x, y uint64) uint64 { return bf64(f64(x) / f64(y)) }},
		{name: "f64.sqrt", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.FUnary(FSqrt, S64, V0, V0) },
			ref: func(x, _ uint64) uint64 { return bf64(math.Sqrt(f64(x))) }},
		{name: "f64.floor", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.FUnary(FRintM, S64, V0, V0) },
			ref: func(x, _ uint64) uint64 { return bf64(math.Floor(f64(x))) }},
		{name: "f64.nearest", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.FUnary(FRintN, S64, V0, V0) },
			ref: func(x, _ uint64) uint64 { return bf64(math.RoundToEven(f64(x))) }},
		{name: "f64.neg", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.FUnary(FNeg, S64, V0, V0) },
			ref: func(x, _ uint64) uint64 { return x ^ 1<<63 }},
		{name: "f64.gt", floatIn: true, emit: func(a *Assembler) { a.FCmp(S64, V0, V1); a.CSet(X0, GT) },
			ref: func(x, y uint64) uint64 { return b2u(f64(x) > f64(y)) }},
		{name: "f64.lt", floatIn: true, emit: func(a *Assembler) { a.FCmp(S64, V0, V1); a.CSet(X0, MI) },
			ref: func(x, y uint64) uint64 { return b2u(f64(x) < f64(y)) }},
		{name: "f64 literal mul", floatIn: true, floatRes: true, emit: func(a *Assembler) {
			a.FMovConst(S64, V2, bf64(0.1))
			a.FMovConst(S64, V3, bf64(2))
			a.Float(FMul, S64, V0, V0, V2)
			a.Float(FMul, S64, V0, V0, V3)
		}, ref: func(x, _ uint64) uint64 { return bf64(f64(x) * 0.1 * 2) }},
		{name: "f64.convert_i64_s", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.IntToFloat(true, S64, S64, V0, X0) },
			ref: func(x, _ uint64) uint64 { return bf64(float64(int64(x))) }},
		{name: "i32.trunc_sat_f64_s", floatIn: true, emit: func(a *Assembler) { a.FCvtToInt(true, S32, S64, X0, V0) },
			ref: func(x, _ uint64) uint64 {
				f := math.Trunc(f64(x))
				switch {
				case f != f:
					return 0
				case f < math.MinInt32:
					return 0x80000000
				case f > math.MaxInt32:
					return 0x7fffffff
				}
				return uint64(uint32(int32(f)))
			}},
		{name: "f32.demote promote", floatIn: true, floatRes: true, emit: func(a *Assembler) {
			a.FCvt(S32, V2, V0)
			a.FMovConst(S32, V3, uint64(math.Float32bits(1.1)))
			a.Float(FAdd, S32, V2, V2, V3)
			a.FCvt(S64, V0, V2)
		}, ref: func(x, _ uint64) uint64 { return bf64(float64(float32(f64(x)) + 1.1)) }},
		{name: "f64.min", floatIn: true, floatRes: true, emit: func(a *Assembler) { a.Float(FMin, S64, V0, V0, V1) },
			ref: func(x, y uint64) uint64 { return bf64(math.Min(f64(x), f64(y))) }},
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
