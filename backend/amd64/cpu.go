package amd64

import "golang.org/x/sys/cpu"

// Features are the optional instruction-set extensions the instruction
// selector may use. SSE2 is part of amd64 and always assumed.
type Features struct {
	// LZCNT enables Lzcnt (ABM); without it clz is bsr plus a fix-up for
	// zero input.
	LZCNT bool
	// BMI1 enables Tzcnt; without it ctz is bsf plus a fix-up.
	BMI1 bool
	// POPCNT enables Popcnt; without it popcnt is a bit-twiddling sequence.
	POPCNT bool
	// SSE41 enables Round (ceil, floor, trunc, nearest); without it they
	// need a call-out or a conversion-based sequence.
	SSE41 bool
}

// HostFeatures reports the extensions of the CPU running this process.
// Code compiled with them runs only on CPUs that have them too, so
// ahead-of-time compilation for other machines should pass a Features value
// of its own (the zero value is the amd64 baseline).
func HostFeatures() Features {
	return Features{
		LZCNT:  cpu.X86.HasLZCNT,
		BMI1:   cpu.X86.HasBMI1,
		POPCNT: cpu.X86.HasPOPCNT,
		SSE41:  cpu.X86.HasSSE41,
	}
}
