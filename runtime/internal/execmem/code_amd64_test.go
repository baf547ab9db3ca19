package execmem

// returnCode is a minimal generated function: store ExitReturn into the
// ExecContext (R15) and return to Go. A return exit is never resumed, so it
// needs no continuation or Wasm SP/FP.
var returnCode = []byte{
	0x41, 0xc7, 0x47, 0x30, 0x01, 0x00, 0x00, 0x00, // MOVL $1, 48(R15)   ExitReturn -> ExecCtxExitCode
	0x49, 0x8b, 0x27, //                               MOVQ 0(R15), SP    ExecCtxGoSP
	0x49, 0x8b, 0x6f, 0x08, //                         MOVQ 8(R15), BP    ExecCtxGoFP
	0xc3, //                                           RET
}
