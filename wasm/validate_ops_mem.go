package wasm

import (
	"strconv"
	"strings"
)

// Instructions with a fixed stack signature (OpInfo.Sig): numeric, vector,
// and memory instructions, whose only variable part is the address type of
// the memory they name. Their immediates (memory index, alignment, offset,
// lane indices) are checked here too.

// Natural access sizes and lane counts, derived once from the opcode
// table's names so that the table stays the single list of instructions.
var (
	// accessLog2 is log2 of the access size of each memory instruction.
	accessLog2Plain [256]uint8
	accessLog2SIMD  [0x120]uint8
	// laneCount is the number of lanes an ImmLane SIMD instruction indexes.
	laneCount [0x120]uint8
)

func init() {
	for i := range opTable {
		info := &opTable[i]
		switch info.Imm {
		case ImmMemArg, ImmMemArgLane:
			size := accessSize(info.Name)
			log2 := uint8(0)
			for 1<<log2 < size {
				log2++
			}
			if info.Op.Prefix() == PrefixSIMD {
				accessLog2SIMD[info.Op.Sub()] = log2
			} else {
				accessLog2Plain[info.Op.Sub()] = log2
			}
		case ImmLane:
			// "i8x16.extract_lane_s": the lane count follows the 'x'.
			shape, _, _ := strings.Cut(info.Name, ".")
			_, lanes, _ := strings.Cut(shape, "x")
			n, _ := strconv.Atoi(lanes)
			laneCount[info.Op.Sub()] = uint8(n)
		}
	}
}

// accessSize returns the number of bytes a load or store named name
// accesses: "i64.load32_s" 4, "v128.load8x8_s" 8, "f64.store" 8,
// "v128.load16_lane" 2.
func accessSize(name string) int {
	typ, rest, _ := strings.Cut(name, ".")
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "load"), "store")
	bits, rest := leadingInt(rest)
	if bits == 0 {
		switch typ {
		case "i32", "f32":
			return 4
		case "i64", "f64":
			return 8
		}
		return 16 // v128
	}
	if strings.HasPrefix(rest, "x") {
		count, _ := leadingInt(rest[1:])
		return bits * count / 8
	}
	return bits / 8
}

func leadingInt(s string) (int, string) {
	n, i := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, s[i:]
}

func accessLog2(op Op) uint8 {
	if op.Prefix() == PrefixSIMD {
		return accessLog2SIMD[op.Sub()]
	}
	return accessLog2Plain[op.Sub()]
}

// fixedSig validates an instruction typed by its OpInfo.Sig.
func (v *funcValidator) fixedSig(info *OpInfo) error {
	in := &v.in
	addr := TypeI32
	switch info.Imm {
	case ImmMemArg, ImmMemArgLane:
		mt, err := v.memory(in.Mem.Mem)
		if err != nil {
			return err
		}
		addr = addrType(mt.Limits)
		log2 := accessLog2(in.Op)
		if in.Mem.Align > uint32(log2) {
			return v.errorf("alignment must not be larger than natural")
		}
		if !mt.Limits.Is64 && in.Mem.Offset > 1<<32-1 {
			return v.errorf("offset out of range")
		}
		if info.Imm == ImmMemArgLane && uint32(in.Lane) >= 16>>log2 {
			return v.errorf("invalid lane index %d", in.Lane)
		}
	case ImmMem:
		mt, err := v.memory(in.Index)
		if err != nil {
			return err
		}
		addr = addrType(mt.Limits)
	case ImmLane:
		if in.Lane >= laneCount[in.Op.Sub()] {
			return v.errorf("invalid lane index %d", in.Lane)
		}
	case ImmShuffle:
		for _, l := range in.V128 {
			if l >= 32 {
				return v.errorf("invalid lane index %d", l)
			}
		}
	}
	return v.applySig(info.Sig, addr)
}

// applySig pops the parameters and pushes the results of signature sig.
func (v *funcValidator) applySig(sig string, addr ValType) error {
	var params [4]ValType
	n := 0
	i := 0
	for ; sig[i] != '>'; i++ {
		params[n] = sigType(sig[i], addr)
		n++
	}
	if err := v.popVals(params[:n]); err != nil {
		return err
	}
	for i++; i < len(sig); i++ {
		v.push(sigType(sig[i], addr))
	}
	return nil
}

func sigType(c byte, addr ValType) ValType {
	switch c {
	case 'i':
		return TypeI32
	case 'I':
		return TypeI64
	case 'f':
		return TypeF32
	case 'F':
		return TypeF64
	case 'v':
		return TypeV128
	}
	return addr // 'a'
}

// memory returns memory idx.
func (v *funcValidator) memory(idx uint32) (*MemType, error) {
	if uint64(idx) >= uint64(len(v.ctx.mems)) {
		return nil, v.errorf("unknown memory %d", idx)
	}
	return &v.ctx.mems[idx], nil
}
