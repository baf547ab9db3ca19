package wasm

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

const header = "\x00asm\x01\x00\x00\x00"

// section builds a section with a correct size prefix.
func section(id byte, body string) string {
	return string(appendSection(nil, id, []byte(body)))
}

func decodeErr(t *testing.T, b string) string {
	t.Helper()
	_, err := Decode([]byte(b))
	var de *DecodeError
	if err == nil {
		return ""
	}
	if !errors.As(err, &de) {
		t.Fatalf("error %v is not a *DecodeError", err)
	}
	return de.Msg
}

func TestDecodeMalformed(t *testing.T) {
	cases := []struct {
		name, bin, want string
	}{
		{"empty", "", "unexpected end"},
		{"bad magic", "\x00asn\x01\x00\x00\x00", "magic header not detected"},
		{"bad version", "\x00asm\x02\x00\x00\x00", "unknown binary version"},
		{"section id", header + "\x0e\x00", "malformed section id"},
		{"section too long", header + "\x01\x05\x00", "length out of bounds"},
		{"order", header + section(secFunc, "\x00") + section(secType, "\x00"), "unexpected content after last section"},
		{"tag before global", header + section(secGlobal, "\x00") + section(secTag, "\x00"), "unexpected content after last section"},
		{"huge vector", header + section(secType, "\xff\xff\xff\xff\x0f"), "length out of bounds"},
		{"huge rec group", header + section(secType, "\x01\x4e\xff\xff\xff\xff\x0f"), "length out of bounds"},
		{"limits flags", header + section(secMem, "\x01\x08\x00"), "malformed limits flags"},
		{"import kind", header + section(secImport, "\x01\x00\x00\x05"), "malformed import kind"},
		{"export kind", header + section(secExport, "\x01\x00\x05\x00"), "malformed export kind"},
		{"mutability", header + section(secType, "\x01\x5e\x7f\x02"), "malformed mutability"},
		{"comp type", header + section(secType, "\x01\x5d"), "malformed composite type"},
		{"bad utf8", header + section(secImport, "\x01\x01\xff\x00\x00\x00"), "malformed UTF-8 encoding"},
		{"elem kind", header + section(secElem, "\x01\x01\x01\x00"), "malformed element kind"},
		{"elem flags", header + section(secElem, "\x01\x08"), "malformed elements segment kind"},
		{"data flags", header + section(secData, "\x01\x03"), "malformed data segment kind"},
		{"tag attribute", header + section(secTag, "\x01\x01\x00"), "malformed tag attribute"},
		{"table 0x40", header + section(secTable, "\x01\x40\x01"), "malformed table encoding"},
		{"funcs without code", header + section(secType, "\x01\x60\x00\x00") + section(secFunc, "\x01\x00"),
			"function and code section have inconsistent lengths"},
		{"data count mismatch", header + section(secDataCount, "\x01"), "data count and data section have inconsistent lengths"},
		{"else at depth 0", header + section(secType, "\x01\x60\x00\x00") + section(secFunc, "\x01\x00") +
			section(secCode, "\x01\x02\x00\x05"), "END opcode expected"},
		{"body size", header + section(secType, "\x01\x60\x00\x00") + section(secFunc, "\x01\x00") +
			section(secCode, "\x01\x03\x00\x0b\x01"), "section size mismatch"},
		{"custom name overrun", header + "\x00\x01\x05", "length out of bounds"},
		{"custom truncated", header + "\x00\x03\x01a", "unexpected end"},
	}
	for _, c := range cases {
		if got := decodeErr(t, c.bin); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDecodeDataCountRequired(t *testing.T) {
	body := "\x00\xfc\x09\x00\x0b" // no locals; data.drop 0; end
	code := section(secCode, "\x01"+string(rune(len(body)))+body)
	base := header + section(secType, "\x01\x60\x00\x00") + section(secFunc, "\x01\x00")
	if got := decodeErr(t, base+code); got != "data count section required" {
		t.Errorf("without data count: got %q", got)
	}
	withCount := base + section(secDataCount, "\x01") + code + section(secData, "\x01\x01\x00")
	if got := decodeErr(t, withCount); got != "" {
		t.Errorf("with data count: %q", got)
	}
}

func TestDecodeModule(t *testing.T) {
	bin := header +
		section(secType, "\x02"+"\x60\x01\x7f\x01\x7e"+"\x4e\x02\x50\x00\x5f\x01\x78\x01\x4f\x01\x01\x5e\x63\x01\x00") +
		section(secImport, "\x01\x01m\x01t\x04\x00\x00") +
		section(secFunc, "\x01\x00") +
		section(secTable, "\x01\x40\x00\x64\x70\x00\x01\xd2\x00\x0b") +
		section(secMem, "\x01\x05\x01\x02") +
		"\x00\x02\x01c" + // custom "c" after the memory section
		section(secGlobal, "\x01\x7f\x01\x41\x2a\x0b") +
		section(secExport, "\x01\x01f\x00\x00") +
		section(secElem, "\x01\x00\x41\x00\x0b\x02\x00\x00") +
		section(secCode, "\x01\x06\x01\x02\x7c\x42\x01\x0b")
	m, err := Decode([]byte(bin))
	if err != nil {
		t.Fatal(err)
	}
	wantTypes := []SubType{
		{Final: true, Comp: CompType{Kind: CompFunc, Func: FuncType{Params: []ValType{TypeI32}, Results: []ValType{TypeI64}}}},
		{Comp: CompType{Kind: CompStruct, Fields: []FieldType{{Type: ValType{Kind: I8}, Mutable: true}}}},
		{Final: true, Supers: []uint32{1}, Comp: CompType{Kind: CompArray, Fields: []FieldType{{Type: RefType(true, 1)}}}},
	}
	if !reflect.DeepEqual(m.Types, wantTypes) {
		t.Errorf("types: %+v", m.Types)
	}
	if want := []RecGroup{{0, 1}, {1, 2}}; !reflect.DeepEqual(m.RecGroups, want) {
		t.Errorf("rec groups: %+v", m.RecGroups)
	}
	if im := m.Imports[0]; im.Kind != ExternTag || im.Tag.Type != 0 || im.Module != "m" || im.Name != "t" {
		t.Errorf("import: %+v", im)
	}
	if tb := m.Tables[0]; tb.Type.Elem != RefType(false, HeapFunc) || string(tb.Init.Code) != "\xd2\x00\x0b" {
		t.Errorf("table: %+v", tb)
	}
	if l := m.Mems[0].Limits; !l.Is64 || !l.HasMax || l.Min != 1 || l.Max != 2 {
		t.Errorf("memory limits: %+v", l)
	}
	if c := m.Customs; len(c) != 1 || c[0].Name != "c" || c[0].After != secMem || len(c[0].Data) != 0 {
		t.Errorf("customs: %+v", c)
	}
	seg := m.Elems[0]
	if !seg.FuncIndices || seg.Type != RefType(false, HeapFunc) || len(seg.Init) != 2 ||
		string(seg.Init[1].Code) != "\xd2\x00\x0b" || string(seg.Offset.Code) != "\x41\x00\x0b" {
		t.Errorf("elem: %+v", seg)
	}
	code := m.Codes[0]
	if !reflect.DeepEqual(code.Locals, []LocalDecl{{2, TypeF64}}) || string(code.Body) != "\x42\x01\x0b" ||
		bin[code.BodyOffset] != 0x42 {
		t.Errorf("code: %+v", code)
	}
	// The canonical encoding of this module is the input itself.
	if got := string(Encode(m)); got != bin {
		t.Errorf("Encode:\n got % x\nwant % x", got, bin)
	}
}

func TestNameSection(t *testing.T) {
	names := "\x00\x04\x03mod" + // module name
		"\x01\x07\x02\x00\x01f\x03\x01g" + // function names
		"\x07\x01\x00" + // unknown subsection, skipped
		"\x02\x06\x01\x00\x01\x01\x01x" // local names
	m, err := Decode([]byte(header + "\x00" + string(rune(len(names)+5)) + "\x04name" + names))
	if err != nil {
		t.Fatal(err)
	}
	want := &NameSection{
		Module: "mod",
		Funcs:  map[uint32]string{0: "f", 3: "g"},
		Locals: map[uint32]map[uint32]string{0: {1: "x"}},
	}
	if !reflect.DeepEqual(m.Names, want) {
		t.Errorf("names: %+v", m.Names)
	}
	// A malformed name section leaves the module well formed, without names.
	m, err = Decode([]byte(header + "\x00\x07\x04name\x01\x05"))
	if err != nil || m.Names != nil || len(m.Customs) != 1 {
		t.Errorf("malformed name section: %v, %+v", err, m)
	}
}

func TestNameSectionEncodeRoundTrip(t *testing.T) {
	ns := &NameSection{Module: "m", Funcs: map[uint32]string{3: "c", 0: "a"},
		Locals: map[uint32]map[uint32]string{1: {0: "x", 2: "z"}}}
	got := decodeNames(ns.Encode(), 0)
	if !reflect.DeepEqual(got, ns) {
		t.Fatalf("round trip: got %+v, want %+v", got, ns)
	}
}
