package execmem

// returnCode is a minimal generated function: store ExitReturn into the
// ExecContext (R19) and return to Go. A return exit is never resumed, so it
// needs no continuation or Wasm SP/FP.
var returnCode = []byte{
	0x20, 0x00, 0x80, 0x52, // MOVW $1, R0
	0x60, 0x32, 0x00, 0xb9, // MOVW R0, 48(R19)    ExecCtxExitCode
	0x60, 0x02, 0x40, 0xf9, // MOVD 0(R19), R0     ExecCtxGoSP
	0x1f, 0x00, 0x00, 0x91, // MOVD R0, RSP
	0x7d, 0x06, 0x40, 0xf9, // MOVD 8(R19), R29    ExecCtxGoFP
	0x7e, 0x0a, 0x40, 0xf9, // MOVD 16(R19), R30   ExecCtxGoLR
	0xc0, 0x03, 0x5f, 0xd6, // RET
}
