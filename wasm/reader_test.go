package wasm

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// sampleInstr returns an instruction of op with non-trivial immediates of
// the shape its ImmKind names, so that round trips exercise every field.
func sampleInstr(info *OpInfo) Instr {
	in := Instr{Op: info.Op}
	switch info.Imm {
	case ImmBlock:
		in.Block = BlockType{Kind: BlockIndex, Index: 300}
	case ImmLabel:
		in.Label = 129
	case ImmBrTable:
		in.Labels = []uint32{0, 7, 1 << 20, 3}
	case ImmFunc, ImmType, ImmTag, ImmLocal, ImmGlobal, ImmTable, ImmMem, ImmData, ImmElem:
		in.Index = 0xffffffff
	case ImmCallIndirect, ImmTypeField, ImmTypeCount, ImmTypeData, ImmTypeElem,
		ImmTypeType, ImmMemInit, ImmMemMem, ImmTableInit, ImmTableTable:
		in.Index, in.Index2 = 5, 128
	case ImmSelectT:
		in.Types = []ValType{TypeI32, RefType(false, 70), TypeExnRef}
	case ImmTryTable:
		in.Block = BlockType{Kind: BlockValue, Value: RefType(true, 9)}
		in.Catches = []CatchClause{{Kind: Catch, Tag: 2, Label: 1}, {Kind: CatchAllRef, Label: 0}}
	case ImmMemArg:
		in.Mem = MemArg{Align: 3, Offset: 1 << 40, Mem: 2}
	case ImmMemArgLane:
		in.Mem = MemArg{Align: 1, Offset: 9}
		in.Lane = 7
	case ImmLane:
		in.Lane = 15
	case ImmI32:
		in.Bits = 0x80000000
	case ImmI64, ImmF64:
		in.Bits = 0x8000000000000001
	case ImmF32:
		in.Bits = 0x7fc00001
	case ImmV128, ImmShuffle:
		for i := range in.V128 {
			in.V128[i] = byte(i * 17)
		}
	case ImmHeapType:
		in.Heap = HeapNoExn
	case ImmBrOnCast:
		in.CastFlags = CastSourceNullable | CastTargetNullable
		in.Label, in.Heap, in.Heap2 = 2, HeapAny, 1000
	}
	return in
}

// TestInstrRoundTrip encodes one instruction of every opcode in the table
// and checks that InstrReader decodes it back unchanged.
func TestInstrRoundTrip(t *testing.T) {
	var code []byte
	var want []Instr
	for i := range opTable {
		in := sampleInstr(&opTable[i])
		in.Offset = 100 + len(code)
		code = AppendInstr(code, &in)
		want = append(want, in)
	}
	r := NewInstrReader(code, 100)
	var got Instr
	for i := range want {
		if err := r.Next(&got); err != nil {
			t.Fatalf("%s: %v", want[i].Op, err)
		}
		normalize(&got)
		if !reflect.DeepEqual(got, want[i]) {
			t.Fatalf("%s: got %+v, want %+v", want[i].Op, got, want[i])
		}
	}
	if err := r.Next(&got); err != io.EOF {
		t.Fatalf("after last instruction: %v, want io.EOF", err)
	}
}

// normalize turns reused empty slices into nil for comparison.
func normalize(in *Instr) {
	if len(in.Labels) == 0 {
		in.Labels = nil
	}
	if len(in.Types) == 0 {
		in.Types = nil
	}
	if len(in.Catches) == 0 {
		in.Catches = nil
	}
}

func TestInstrCanonical(t *testing.T) {
	cases := []struct {
		in   Instr
		want string
	}{
		{Instr{Op: OpI32Const, Bits: 0xffffffff}, "\x41\x7f"},
		{Instr{Op: OpI64Const, Bits: 64}, "\x42\xc0\x00"},
		{Instr{Op: OpBlock, Block: BlockType{Kind: BlockEmpty}}, "\x02\x40"},
		{Instr{Op: OpBlock, Block: BlockType{Kind: BlockValue, Value: TypeFuncRef}}, "\x02\x70"},
		{Instr{Op: OpBlock, Block: BlockType{Kind: BlockIndex, Index: 64}}, "\x02\xc0\x00"},
		{Instr{Op: OpRefNull, Heap: 3}, "\xd0\x03"},
		{Instr{Op: OpI32Load, Mem: MemArg{Align: 2, Offset: 4}}, "\x28\x02\x04"},
		{Instr{Op: OpI32Load, Mem: MemArg{Align: 2, Mem: 1}}, "\x28\x42\x01\x00"},
		{Instr{Op: OpMemoryInit, Index: 1}, "\xfc\x08\x01\x00"},
		{Instr{Op: OpBrTable, Labels: []uint32{1, 0}}, "\x0e\x01\x01\x00"},
		{Instr{Op: OpSelectT, Types: []ValType{RefType(false, HeapFunc)}}, "\x1c\x01\x64\x70"},
	}
	for _, c := range cases {
		if got := string(AppendInstr(nil, &c.in)); got != c.want {
			t.Errorf("%s: got % x, want % x", c.in.Op, got, c.want)
		}
	}
}

func TestInstrMalformed(t *testing.T) {
	cases := []struct {
		code, want string
	}{
		{"\xff", "illegal opcode ff"},
		{"\x27", "illegal opcode 27"},
		{"\xfc\x7f", "illegal opcode fc 7f"},
		{"\xfd\x80\x80\x04", "illegal opcode fd 10000"},
		{"\x41", "unexpected end"},
		{"\x41\x80\x80\x80\x80\x80\x00", "integer representation too long"},
		{"\x28\x80\x01\x00", "malformed memop flags"},
		{"\x1c\x01\x00", "malformed value type"},
		{"\xd0\x50", "malformed heap type"},
		{"\xd0\x70", ""},
		{"\xd0\xf0\x7f", "malformed heap type"},
		{"\x02\x7f", ""},
		{"\x02\x80\x80\x80\x80\x7f", "malformed block type"},
		{"\x02\x60", "malformed value type"},
		{"\x1f\x40\x01\x04\x00", "malformed catch clause"},
		{"\xfb\x18\x04\x00\x6e\x6e", "malformed br_on_cast flags"},
		{"\x1c\x01\x63", "unexpected end"},
		{"\x0e\xff\xff\xff\xff\x0f\x00", "length out of bounds"},
		{"\x0e\x02\x00", "unexpected end"},
	}
	for _, c := range cases {
		var in Instr
		err := NewInstrReader([]byte(c.code), 0).Next(&in)
		var de *DecodeError
		if c.want == "" {
			if err != nil {
				t.Errorf("% x: unexpected error %v", c.code, err)
			}
			continue
		}
		if !errors.As(err, &de) || !strings.HasPrefix(de.Msg, c.want) {
			t.Errorf("% x: got %v, want %q", c.code, err, c.want)
		}
	}
}

func TestInstrReaderNoAllocs(t *testing.T) {
	code := []byte("\x0e\x02\x00\x01\x02\x1c\x01\x7f\x1f\x40\x01\x02\x00\x41\x01\x0b")
	var in Instr
	// Warm up the reused slices.
	for r := NewInstrReader(code, 0); r.Next(&in) == nil; {
	}
	r := &InstrReader{}
	allocs := testing.AllocsPerRun(100, func() {
		*r = InstrReader{r: reader{b: code, eof: msgEOFSection}}
		for r.Next(&in) == nil {
		}
	})
	if allocs != 0 {
		t.Errorf("steady-state decoding allocates %.1f times per run", allocs)
	}
}
