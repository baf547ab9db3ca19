package wasm

import (
	"bytes"
	"errors"
	"math/rand"
	"strings"
	"testing"
)

// bodyModule returns a module with one function of type [i32] -> [i32],
// the given locals and body, plus a memory, a table, globals and a tag for
// random bodies to refer to.
func bodyModule(locals []LocalDecl, body []byte) *Module {
	sig := FuncType{Params: []ValType{TypeI32}, Results: []ValType{TypeI32}}
	return &Module{
		Types: []SubType{
			{Final: true, Comp: CompType{Kind: CompFunc, Func: sig}},
			{Final: true, Comp: CompType{Kind: CompStruct, Fields: []FieldType{{Type: TypeI32, Mutable: true}}}},
			{Final: true, Comp: CompType{Kind: CompArray, Fields: []FieldType{{Type: ValType{Kind: I8}, Mutable: true}}}},
			{Final: true, Comp: CompType{Kind: CompFunc}},
		},
		RecGroups: []RecGroup{{0, 1}, {1, 1}, {2, 1}, {3, 1}},
		Funcs:     []uint32{0},
		Tables:    []Table{{Type: TableType{Elem: TypeFuncRef, Limits: Limits{Min: 1}}}},
		Mems:      []MemType{{Limits: Limits{Min: 1}}},
		Globals: []Global{
			{Type: GlobalType{Type: TypeI32, Mutable: true}, Init: ConstExpr{Code: []byte{byte(OpI32Const), 0, byte(OpEnd)}}},
			{Type: GlobalType{Type: TypeI64}, Init: ConstExpr{Code: []byte{byte(OpI64Const), 0, byte(OpEnd)}}},
		},
		Tags:  []TagType{{Type: 3}},
		Codes: []Code{{Locals: locals, Body: body}},
	}
}

func encodeBody(ins ...Instr) []byte {
	var b []byte
	for i := range ins {
		b = AppendInstr(b, &ins[i])
	}
	return b
}

func TestValidateFuncDeepNesting(t *testing.T) {
	// Deeply nested blocks: the validator must not recurse.
	const depth = 200_000
	body := bytes.Repeat([]byte{byte(OpBlock), 0x40}, depth)
	body = append(body, bytes.Repeat([]byte{byte(OpEnd)}, depth)...)
	body = append(body, byte(OpLocalGet), 0, byte(OpEnd))
	if err := Validate(bodyModule(nil, body)); err != nil {
		t.Fatal(err)
	}
}

func TestValidateFuncManyLocals(t *testing.T) {
	// Four billion non-defaultable locals cost nothing until used, and
	// initialization is still tracked (with the sparse representation).
	ref := RefType(false, HeapFunc)
	locals := []LocalDecl{{Count: 10, Type: TypeI64}, {Count: 4_000_000_000, Type: ref}, {Count: 1, Type: TypeF32}}
	local := func(op Op, idx uint32) Instr { return Instr{Op: op, Index: idx} }
	last := uint32(4_000_000_010)

	okBody := encodeBody(
		Instr{Op: OpRefNull, Heap: HeapNoFunc}, Instr{Op: OpRefAsNonNull}, local(OpLocalSet, last),
		local(OpLocalGet, last), Instr{Op: OpDrop},
		local(OpLocalGet, last+1), Instr{Op: OpDrop}, // the f32 after the refs
		local(OpLocalGet, 0), Instr{Op: OpEnd})
	if err := Validate(bodyModule(locals, okBody)); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		body []byte
		want string
	}{
		{encodeBody(local(OpLocalGet, last), Instr{Op: OpDrop}, local(OpLocalGet, 0), Instr{Op: OpEnd}), "uninitialized local"},
		{encodeBody(local(OpLocalGet, last+2), Instr{Op: OpEnd}), "unknown local"},
		{encodeBody(local(OpLocalGet, last+1), Instr{Op: OpEnd}), "type mismatch"},
	} {
		err := Validate(bodyModule(locals, c.body))
		var ve *ValidationError
		if !errors.As(err, &ve) || !strings.HasPrefix(ve.Msg, c.want) || ve.Func != 0 {
			t.Errorf("got %v; want %q in func 0", err, c.want)
		}
	}
}

func TestValidateFuncErrorPosition(t *testing.T) {
	body := encodeBody(Instr{Op: OpNop}, Instr{Op: OpI64Const, Bits: 1}, Instr{Op: OpEnd})
	m := bodyModule(nil, body)
	m.Codes[0].BodyOffset = 1000
	err := Validate(m)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v; want a ValidationError", err)
	}
	// The end of the function is the offending instruction: its result is an i64.
	if ve.Func != 0 || ve.Offset != 1000+3 || !strings.HasPrefix(ve.Msg, "type mismatch") {
		t.Errorf("got %+v; want type mismatch in func 0 at offset 1003", ve)
	}
}

func TestValidateFuncStructure(t *testing.T) {
	for _, c := range []struct {
		name string
		body []byte
		want string
	}{
		{"else-without-if", []byte{byte(OpElse), byte(OpLocalGet), 0, byte(OpEnd)}, "unexpected else"},
		{"catch-without-try", []byte{byte(OpBlock), 0x40, byte(OpCatchAll), byte(OpEnd), byte(OpLocalGet), 0, byte(OpEnd)}, "unexpected catch_all"},
		{"missing-end", []byte{byte(OpLocalGet), 0}, "unexpected end"},
		{"trailing", []byte{byte(OpLocalGet), 0, byte(OpEnd), byte(OpNop)}, "operators remaining"},
	} {
		err := Validate(bodyModule(nil, c.body))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v; want %q", c.name, err, c.want)
		}
	}
}

// TestValidateFuncNoSteadyStateAllocs checks that validation does not
// allocate per instruction: a long body costs as many allocations as a
// short one.
func TestValidateFuncNoSteadyStateAllocs(t *testing.T) {
	chunk := encodeBody(
		Instr{Op: OpBlock, Block: BlockType{Kind: BlockValue, Value: TypeI32}},
		Instr{Op: OpLocalGet}, Instr{Op: OpI32Const, Bits: 1}, Instr{Op: OpI32Add},
		Instr{Op: OpI32Load, Mem: MemArg{Align: 2}},
		Instr{Op: OpEnd},
		Instr{Op: OpLocalSet},
	)
	module := func(n int) *Module {
		body := append(bytes.Repeat(chunk, n), byte(OpLocalGet), 0, byte(OpEnd))
		return bodyModule(nil, body)
	}
	small, large := module(1), module(10_000)
	if err := Validate(large); err != nil {
		t.Fatal(err)
	}
	allocs := func(m *Module) float64 {
		return testing.AllocsPerRun(20, func() { _ = Validate(m) })
	}
	if a, b := allocs(small), allocs(large); b > a+1 {
		t.Errorf("validating 10000x the instructions allocates %v times instead of %v", b, a)
	}
}

// TestValidateFuncRandomBodies validates random instruction sequences: every
// one must be accepted or rejected with an error, never panic.
func TestValidateFuncRandomBodies(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	n := 20_000
	if testing.Short() {
		n = 2_000
	}
	valTypes := []ValType{TypeI32, TypeI64, TypeF32, TypeV128, TypeFuncRef, RefType(false, 1), RefType(true, HeapAny), RefType(true, 9)}
	for i := 0; i < n; i++ {
		var body []byte
		for k := rng.Intn(12); k > 0; k-- {
			info := &opTable[rng.Intn(len(opTable))]
			in := Instr{Op: info.Op, Index: uint32(rng.Intn(4)), Index2: uint32(rng.Intn(4)),
				Label: uint32(rng.Intn(3)), Lane: uint8(rng.Intn(20)), CastFlags: uint8(rng.Intn(4)),
				Heap: HeapType(rng.Intn(4)) - HeapType(rng.Intn(2)*0x12), Heap2: HeapType(rng.Intn(3)) - HeapType(rng.Intn(2)*0x14),
				Mem: MemArg{Align: uint32(rng.Intn(5)), Mem: uint32(rng.Intn(2))}}
			switch rng.Intn(3) {
			case 1:
				in.Block = BlockType{Kind: BlockValue, Value: valTypes[rng.Intn(len(valTypes))]}
			case 2:
				in.Block = BlockType{Kind: BlockIndex, Index: uint32(rng.Intn(5))}
			}
			in.Labels = []uint32{uint32(rng.Intn(3)), uint32(rng.Intn(3))}
			in.Types = valTypes[rng.Intn(len(valTypes)):][:1]
			in.Catches = []CatchClause{{Kind: CatchKind(rng.Intn(4)), Label: uint32(rng.Intn(3))}}
			for j := range in.V128 {
				in.V128[j] = byte(rng.Intn(34))
			}
			body = AppendInstr(body, &in)
		}
		body = append(body, byte(OpLocalGet), 0, byte(OpEnd))
		_ = Validate(bodyModule([]LocalDecl{{Count: 2, Type: valTypes[rng.Intn(len(valTypes))]}}, body))
	}
}

// BenchmarkValidateFunc measures body validation throughput.
func BenchmarkValidateFunc(b *testing.B) {
	chunk := encodeBody(
		Instr{Op: OpBlock, Block: BlockType{Kind: BlockValue, Value: TypeI32}},
		Instr{Op: OpLocalGet}, Instr{Op: OpI32Const, Bits: 1}, Instr{Op: OpI32Add},
		Instr{Op: OpI32Load, Mem: MemArg{Align: 2}},
		Instr{Op: OpLocalGet}, Instr{Op: OpBrIf, Label: 0},
		Instr{Op: OpEnd},
		Instr{Op: OpLocalSet},
	)
	body := append(bytes.Repeat(chunk, 10_000), byte(OpLocalGet), 0, byte(OpEnd))
	m := bodyModule(nil, body)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(m); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzValidateFunc validates arbitrary bytes as a function body: the
// result must be an error or success, never a panic or a hang.
func FuzzValidateFunc(f *testing.F) {
	f.Add([]byte{byte(OpLocalGet), 0, byte(OpEnd)})
	f.Add([]byte{byte(OpBlock), 0x7f, byte(OpLocalGet), 0, byte(OpEnd), byte(OpEnd)})
	f.Add([]byte{byte(OpTry), 0x40, byte(OpCatch), 0, byte(OpRethrow), 0, byte(OpEnd), byte(OpLocalGet), 0, byte(OpEnd)})
	f.Add([]byte{byte(OpUnreachable), byte(OpBrOnNull), 0, byte(OpRefAsNonNull), byte(OpEnd)})
	f.Fuzz(func(t *testing.T, body []byte) {
		m := bodyModule([]LocalDecl{{Count: 1, Type: RefType(false, 1)}}, body)
		_ = Validate(m)
	})
}

// TestValidateFuncCoversOpTable checks that every instruction of the
// opcode table has a typing rule.
func TestValidateFuncCoversOpTable(t *testing.T) {
	for i := range opTable {
		info := &opTable[i]
		in := Instr{Op: info.Op, Labels: []uint32{0}, Types: []ValType{TypeI32}}
		body := encodeBody(Instr{Op: OpUnreachable}, in, Instr{Op: OpUnreachable}, Instr{Op: OpEnd})
		err := Validate(bodyModule(nil, body))
		if err != nil && strings.Contains(err.Error(), "unsupported instruction") {
			t.Errorf("%s: %v", info.Name, err)
		}
	}
}

func TestValidateFuncNaturalAlignment(t *testing.T) {
	want := map[string]int{
		"i32.load": 4, "i64.load": 8, "f32.store": 4, "f64.load": 8, "i32.load8_s": 1,
		"i64.load16_u": 2, "i64.load32_s": 4, "i64.store32": 4, "v128.load": 16,
		"v128.load8x8_s": 8, "v128.load32x2_u": 8, "v128.load8_splat": 1, "v128.load64_splat": 8,
		"v128.load32_zero": 4, "v128.load16_lane": 2, "v128.store64_lane": 8,
	}
	for name, size := range want {
		if got := accessSize(name); got != size {
			t.Errorf("accessSize(%q) = %d; want %d", name, got, size)
		}
	}
	for i := range opTable {
		info := &opTable[i]
		switch info.Imm {
		case ImmMemArg, ImmMemArgLane:
			if n := 1 << accessLog2(info.Op); n != accessSize(info.Name) || n > 16 {
				t.Errorf("%s: access size %d", info.Name, n)
			}
		case ImmLane:
			if n := laneCount[info.Op.Sub()]; n != 2 && n != 4 && n != 8 && n != 16 {
				t.Errorf("%s: %d lanes", info.Name, n)
			}
		}
	}
}
