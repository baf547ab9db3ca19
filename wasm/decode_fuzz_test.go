package wasm

import (
	"reflect"
	"testing"
)

// FuzzDecode checks that Decode never panics or hangs, and that every
// module it accepts survives an encode/decode round trip.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(header))
	f.Add([]byte(header + section(secType, "\x01\x60\x01\x7f\x01\x7e") + section(secFunc, "\x01\x00") +
		section(secCode, "\x01\x0a\x01\x01\x7f\x02\x40\x20\x00\x1a\x0b\x0b")))
	f.Add([]byte(header + section(secType, "\x01\x4e\x02\x50\x00\x5f\x01\x78\x01\x4f\x01\x00\x5e\x63\x01\x00") +
		section(secMem, "\x01\x05\x01\x02") + section(secData, "\x01\x00\x42\x00\x0b\x01a") + "\x00\x05\x04name"))
	f.Add([]byte(header + section(secTable, "\x01\x70\x00\x01") + section(secElem, "\x02\x00\x41\x00\x0b\x01\x00\x05\x70\x01\xd0\x70\x0b")))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Decode(b)
		if err != nil {
			return
		}
		again, err := Decode(Encode(m))
		if err != nil {
			t.Fatalf("re-decoding the encoded module: %v", err)
		}
		clearModuleOffsets(m)
		clearModuleOffsets(again)
		if !reflect.DeepEqual(m, again) {
			t.Fatalf("round trip changed the module:\n got %+v\nwant %+v", again, m)
		}
	})
}

func clearModuleOffsets(m *Module) {
	for i := range m.Tables {
		m.Tables[i].Init.Offset = 0
	}
	for i := range m.Globals {
		m.Globals[i].Init.Offset = 0
	}
	for i := range m.Elems {
		m.Elems[i].Offset.Offset = 0
		for j := range m.Elems[i].Init {
			m.Elems[i].Init[j].Offset = 0
		}
	}
	for i := range m.Datas {
		m.Datas[i].Offset.Offset = 0
	}
	for i := range m.Codes {
		m.Codes[i].BodyOffset = 0
	}
}

// benchModule builds a module of n functions whose bodies hold one
// instance of every non-control instruction of the opcode table.
func benchModule(n int) []byte {
	body := []byte{0} // no locals
	for i := range opTable {
		info := &opTable[i]
		switch info.Op {
		case OpBlock, OpLoop, OpIf, OpTry, OpTryTable, OpElse, OpCatch, OpCatchAll, OpDelegate, OpEnd:
			continue
		}
		in := sampleInstr(info)
		body = AppendInstr(body, &in)
	}
	body = append(body, 0x02, 0x40, 0x01, 0x0b, 0x0b) // block nop end; end
	code := appendU32(nil, uint32(n))
	funcs := appendU32(nil, uint32(n))
	for range n {
		code = append(appendU32(code, uint32(len(body))), body...)
		funcs = append(funcs, 0)
	}
	b := []byte(header + section(secType, "\x01\x60\x00\x00"))
	b = appendSection(b, secFunc, funcs)
	b = appendSection(b, secDataCount, []byte{0})
	return appendSection(b, secCode, code)
}

func BenchmarkDecode(b *testing.B) {
	mod := benchModule(1000)
	if _, err := Decode(mod); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(mod)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(mod); err != nil {
			b.Fatal(err)
		}
	}
}
