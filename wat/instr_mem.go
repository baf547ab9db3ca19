package wat

import (
	"math/bits"
	"strings"

	"github.com/sablewasm/sable/wasm"
)

// memArg parses `memidx? offset=N? align=N?` of a load or store. The
// alignment defaults to the access's natural alignment. For the lane
// instructions (withLane) a numeral is a memory index only when another
// memarg field or the lane index follows it; on its own it is the lane.
func (p *instrParser) memArg(info *wasm.OpInfo, nodes []*Node, i int, withLane bool) (wasm.MemArg, int, error) {
	ma := wasm.MemArg{Align: naturalAlign(info.Name)}
	if i < len(nodes) && isIndex(nodes[i]) {
		isMem := true
		if withLane && nodes[i].Kind != ID {
			isMem = i+1 < len(nodes) && (isNat(nodes[i+1]) || isMemArgKey(nodes[i+1]))
		}
		if isMem {
			var err error
			if ma.Mem, i, err = p.optIndex(spaceMem, nodes, i); err != nil {
				return ma, 0, err
			}
		}
	}
	if v, ok, err := memArgField(nodes, i, "offset="); err != nil {
		return ma, 0, err
	} else if ok {
		ma.Offset = v
		i++
	}
	if v, ok, err := memArgField(nodes, i, "align="); err != nil {
		return ma, 0, err
	} else if ok {
		if v == 0 || v&(v-1) != 0 {
			return ma, 0, nodes[i].Errorf("alignment must be a power of two, got %s", nodes[i].Text)
		}
		ma.Align = uint32(bits.TrailingZeros64(v))
		i++
	}
	return ma, i, nil
}

// isMemArgKey reports whether n is an `offset=` or `align=` memarg field.
func isMemArgKey(n *Node) bool {
	return n.Kind == Atom && (strings.HasPrefix(n.Text, "offset=") || strings.HasPrefix(n.Text, "align="))
}

// memArgField parses the `key=N` atom at nodes[i], if it is one.
func memArgField(nodes []*Node, i int, key string) (uint64, bool, error) {
	if i >= len(nodes) || nodes[i].Kind != Atom || !strings.HasPrefix(nodes[i].Text, key) {
		return 0, false, nil
	}
	v, err := parseU64(nodes[i].Text[len(key):])
	if err != nil {
		return 0, false, nodeErr(nodes[i], err)
	}
	return v, true, nil
}

// naturalAlign returns log2 of the natural alignment (the access size in
// bytes) of a load or store, derived from its name: the size written in
// the name (i64.load32_u: 32 bits, v128.load8x8_s: 8x8 bits, v128.load16_lane:
// 16 bits) or else the width of its type (f64.store: 64 bits).
func naturalAlign(name string) uint32 {
	typ, op, _ := strings.Cut(name, ".")
	op = strings.TrimPrefix(strings.TrimPrefix(op, "load"), "store")
	size, rest := leadingNum(op)
	if count, _ := leadingNum(strings.TrimPrefix(rest, "x")); strings.HasPrefix(rest, "x") {
		size *= count
	}
	if size == 0 {
		size, _ = leadingNum(strings.TrimLeft(typ, "fiv")) // i32, f64, v128
	}
	return uint32(bits.TrailingZeros(uint(size / 8)))
}

// leadingNum splits the decimal digits at the start of s from the rest.
func leadingNum(s string) (int, string) {
	n, i := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, s[i:]
}
