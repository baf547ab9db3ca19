package wasm

import "bytes"

// Section ids.
const (
	secCustom    = 0
	secType      = 1
	secImport    = 2
	secFunc      = 3
	secTable     = 4
	secMem       = 5
	secGlobal    = 6
	secExport    = 7
	secStart     = 8
	secElem      = 9
	secCode      = 10
	secData      = 11
	secDataCount = 12
	secTag       = 13
)

// sectionRank gives the position of each non-custom section in the
// required order (the tag and data count sections are not ordered by id).
var sectionRank = [...]int{
	secType: 1, secImport: 2, secFunc: 3, secTable: 4, secMem: 5, secTag: 6, secGlobal: 7,
	secExport: 8, secStart: 9, secElem: 10, secDataCount: 11, secCode: 12, secData: 13,
}

var (
	wasmMagic   = []byte("\x00asm")
	wasmVersion = []byte("\x01\x00\x00\x00")
)

// decoder holds the state of one Decode call.
type decoder struct {
	m *Module
	// dataIdxUse is the offset of the first data index in a function body,
	// or -1; such uses require a data count section.
	dataIdxUse int
	in         Instr // scratch for instruction scanning
}

// Decode decodes a binary module. It checks everything the binary format
// defines as malformed, including every function body's instruction
// encoding, but not validity (see Validate). The module's byte slices
// (function bodies, constant expressions, data and custom sections) alias b.
//
// Like the spec's reference decoder, Decode reads a section's contents from
// the module as a whole and compares the bytes consumed with the declared
// size afterwards ("section size mismatch"), so that inconsistent sizes and
// counts are diagnosed the way the spec tests expect.
func Decode(b []byte) (*Module, error) {
	r := reader{b: b, eof: msgEOF}
	if err := r.header(); err != nil {
		return nil, err
	}
	r.eof = msgEOFSection
	d := decoder{m: &Module{}, dataIdxUse: -1}
	last := 0 // rank of the last non-custom section
	lastID := byte(0)
	for r.remaining() > 0 {
		idPos := r.pos
		id, _ := r.byte()
		if int(id) >= len(sectionRank) {
			return nil, r.errAt(idPos, "malformed section id %d", id)
		}
		size, err := r.len32()
		if err != nil {
			return nil, err
		}
		start := r.pos
		end := start + int(size)
		if id == secCustom {
			if end > len(b) {
				return nil, r.eofErr()
			}
			s := r.sub(int(size))
			if err := d.customSection(&s, lastID); err != nil {
				return nil, err
			}
			continue
		}
		if sectionRank[id] <= last {
			return nil, r.errAt(idPos, "unexpected content after last section")
		}
		last, lastID = sectionRank[id], id
		if err := d.section(id, &r); err != nil {
			return nil, err
		}
		if r.pos != end {
			return nil, r.errAt(start, "section size mismatch: section %d of %d bytes declared as %d", id, r.pos-start, size)
		}
	}
	return d.m, d.finish(len(b))
}

func (r *reader) header() error {
	magic, err := r.bytes(uint64(len(wasmMagic)))
	if err != nil {
		return err
	}
	if !bytes.Equal(magic, wasmMagic) {
		return r.errAt(0, "magic header not detected")
	}
	version, err := r.bytes(uint64(len(wasmVersion)))
	if err != nil {
		return err
	}
	if !bytes.Equal(version, wasmVersion) {
		return r.errAt(len(wasmMagic), "unknown binary version")
	}
	return nil
}

// section decodes the contents of non-custom section id.
func (d *decoder) section(id byte, r *reader) error {
	switch id {
	case secType:
		return d.typeSection(r)
	case secImport:
		return d.importSection(r)
	case secFunc:
		return d.funcSection(r)
	case secTable:
		return d.tableSection(r)
	case secMem:
		return d.memSection(r)
	case secTag:
		return d.tagSection(r)
	case secGlobal:
		return d.globalSection(r)
	case secExport:
		return d.exportSection(r)
	case secStart:
		idx, err := r.u32()
		d.m.Start = &idx
		return err
	case secElem:
		return d.elemSection(r)
	case secDataCount:
		n, err := r.u32()
		d.m.DataCount = &n
		return err
	case secCode:
		return d.codeSection(r)
	case secData:
		return d.dataSection(r)
	}
	return nil
}

// finish checks the constraints between sections, which the reference
// decoder checks only once every section has been read.
func (d *decoder) finish(end int) error {
	m := d.m
	if len(m.Funcs) != len(m.Codes) {
		return &DecodeError{Offset: end, Msg: "function and code section have inconsistent lengths"}
	}
	if m.DataCount != nil && uint64(*m.DataCount) != uint64(len(m.Datas)) {
		return &DecodeError{Offset: end, Msg: "data count and data section have inconsistent lengths"}
	}
	if m.DataCount == nil && d.dataIdxUse >= 0 {
		return &DecodeError{Offset: d.dataIdxUse, Msg: "data count section required"}
	}
	return nil
}

func (d *decoder) customSection(r *reader, after byte) error {
	name, err := r.name()
	if err != nil {
		return err
	}
	dataOffset := r.offset()
	data, _ := r.bytes(uint64(r.remaining()))
	d.m.Customs = append(d.m.Customs, CustomSection{Name: name, Data: data, After: after})
	if name == "name" && d.m.Names == nil {
		d.m.Names = decodeNames(data, dataOffset)
	}
	return nil
}
