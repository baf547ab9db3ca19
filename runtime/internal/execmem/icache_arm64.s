#include "textflag.h"

// func flushICacheRange(start, end uintptr)
//
// The sequence the Arm ARM gives for making newly written code visible to
// instruction fetch (B2.4.4, "Concurrent modification and execution of
// instructions"), with cache line sizes and the IDC/DIC shortcuts read from
// CTR_EL0 (Linux lets EL0 read it).
TEXT ·flushICacheRange(SB), NOSPLIT|NOFRAME, $0-16
	MOVD start+0(FP), R0
	MOVD end+8(FP), R1
	MRS  CTR_EL0, R2

	// CTR_EL0.IDC: data cache clean to PoU not required for coherence.
	TBNZ $28, R2, dcdone
	UBFX $16, R2, $4, R3   // DminLine: log2(words per D-cache line)
	MOVD $4, R4
	LSL  R3, R4, R3        // D-cache line size in bytes
	SUB  $1, R3, R5
	BIC  R5, R0, R6        // first line
dcloop:
	DC   CVAU, R6
	ADD  R3, R6, R6
	CMP  R1, R6
	BLO  dcloop
dcdone:
	DSB  $0xb              // ISH: cleans complete before invalidation

	// CTR_EL0.DIC: instruction cache invalidation not required.
	TBNZ $29, R2, icdone
	AND  $15, R2, R3       // IminLine
	MOVD $4, R4
	LSL  R3, R4, R3
	SUB  $1, R3, R5
	BIC  R5, R0, R6
icloop:
	SYS  $0x37520, R6       // IC IVAU, R6 (Go asm has no IC mnemonic)
	ADD  R3, R6, R6
	CMP  R1, R6
	BLO  icloop
	DSB  $0xb
icdone:
	ISB  $0xf
	RET
