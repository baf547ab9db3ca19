package wasm

// AppendInstr appends the binary encoding of in to dst. Immediates are
// written in their canonical (shortest LEB128) form.
func AppendInstr(dst []byte, in *Instr) []byte {
	return dst // owned by the decoder helper: not implemented yet
}
