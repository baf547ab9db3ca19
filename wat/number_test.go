package wat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNumbers(t *testing.T) {
	i32 := map[string]uint32{"0": 0, "-1": 0xffffffff, "4294967295": 0xffffffff, "-2147483648": 0x80000000, "0x1_0": 16, "+7": 7}
	for s, want := range i32 {
		if got, err := parseI32(s); err != nil || got != want {
			t.Errorf("i32 %s = %#x, %v; want %#x", s, got, err, want)
		}
	}
	for _, bad := range []string{"4294967296", "-2147483649", "1__0", "_1", "1_", "0x", "", "x1"} {
		if _, err := parseI32(bad); err == nil {
			t.Errorf("i32 %q accepted", bad)
		}
	}
	f32 := map[string]uint32{"0": 0, "-0": 0x80000000, "1.5": 0x3fc00000, "0x1p-149": 1, "inf": 0x7f800000,
		"-nan": 0xffc00000, "nan:0x1": 0x7f800001, "0x1.fffffefffffffffffp127": 0x7f7fffff, "1e-50": 0, "0x1.8": 0x3fc00000, "1_000.5e0_1": 0x461c5400}
	for s, want := range f32 {
		if got, err := parseF32(s); err != nil || got != want {
			t.Errorf("f32 %s = %#x, %v; want %#x", s, got, err, want)
		}
	}
	for _, bad := range []string{"0x1.ffffffp127", "1e39", "nan:0x0", "nan:0x800000", "1.e", "1._5", "0x.p1"} {
		if _, err := parseF32(bad); err == nil {
			t.Errorf("f32 %q accepted", bad)
		}
	}
	if got, err := parseF64("0x1.fffffffffffff8p1023"); err == nil {
		t.Errorf("f64 overflow accepted: %#x", got)
	}
	if got, err := parseF64("-0x1p-1074"); err != nil || got != 0x8000000000000001 {
		t.Errorf("f64 min subnormal = %#x, %v", got, err)
	}
}

func TestClassifyNum(t *testing.T) {
	want := map[string]numClass{
		"0": natNum, "0x1F": natNum, "1_000": natNum, "99999999999999999999999": natNum,
		"+1": intNum, "-0x8": intNum,
		"1.5": floatNum, "1e10": floatNum, "-0x1p-3": floatNum, "inf": floatNum, "-nan": floatNum,
		"nan:0x1": floatNum, "nan:0x0": floatNum, "1e999999": floatNum,
		"": notNum, "0x": notNum, "1__0": notNum, "_1": notNum, ".5": notNum, "1e": notNum,
		"nan:canonical": notNum, "i32": notNum, "+": notNum, "0$l": notNum,
	}
	for s, w := range want {
		if got := classifyNum(s); got != w {
			t.Errorf("classifyNum(%q) = %d, want %d", s, got, w)
		}
	}
}

// The literal tests of the spec suite: each exported function returns one
// constant (possibly reinterpreted to an integer), and assert_return gives
// its expected bits in another spelling. Both are parsed here and compared.
func TestLiteralsSpecSuite(t *testing.T) {
	root := instrSuiteDir(t)
	checked := 0
	for _, file := range []string{"core/const.wast", "core/float_literals.wast", "core/int_literals.wast"} {
		src, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		cmds, err := ParseSExprs(src)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var exports map[string]*Node // export name -> the function's only constant
		for _, cmd := range cmds {
			switch cmd.Head() {
			case "module":
				exports = literalExports(cmd)
			case "assert_return":
				args := cmd.Args()
				if len(args) != 3 || args[1].Head() != "invoke" {
					continue
				}
				lit := exports[args[1].Args()[1].Text]
				want, err := literalBits(args[2])
				if lit == nil || err != nil {
					continue // not a single-constant function, or a NaN pattern
				}
				got, err := literalBits(lit)
				if err != nil || got != want {
					t.Errorf("%s:%d: %s = %#x, %v; want %#x", file, cmd.Line, lit.Args()[1].Text, got, err, want)
				}
				checked++
			}
		}
	}
	t.Logf("%d literals checked", checked)
	if checked < 400 {
		t.Errorf("only %d literals checked", checked)
	}
}

// literalExports maps each exported function of a module to its constant
// instruction, for functions with exactly one.
func literalExports(mod *Node) map[string]*Node {
	exports := map[string]*Node{}
	for _, f := range mod.Args()[1:] {
		if f.Head() != "func" {
			continue
		}
		var name string
		var consts []*Node
		var walk func(n *Node)
		walk = func(n *Node) {
			if strings.HasSuffix(n.Head(), ".const") {
				consts = append(consts, n)
			}
			if n.Head() == "export" {
				name = n.Args()[1].Text
			}
			for _, c := range n.Args() {
				if c.Kind == List {
					walk(c)
				}
			}
		}
		walk(f)
		if name != "" && len(consts) == 1 {
			exports[name] = consts[0]
		}
	}
	return exports
}

// literalBits parses a (t.const literal) form to its bits.
func literalBits(n *Node) (uint64, error) {
	args := n.Args()
	if len(args) != 2 {
		return 0, errUnknownOperator
	}
	s := args[1].Text
	switch args[0].Text {
	case "i32.const":
		v, err := parseI32(s)
		return uint64(v), err
	case "i64.const":
		return parseI64(s)
	case "f32.const":
		v, err := parseF32(s)
		return uint64(v), err
	case "f64.const":
		return parseF64(s)
	}
	return 0, errUnknownOperator
}

// Decimal literals with hundreds of digits round correctly, including a
// midpoint decided by a digit past the 800th.
func TestLongDecimalFloats(t *testing.T) {
	const half = "100000000000000011102230246251565404236316680908203125" // (1 + 2^-53) * 10^53
	zeros := strings.Repeat("0", 1000)
	tests := []struct {
		lit  string
		want uint64
	}{
		{"1" + zeros + "e-1000", 0x3ff0000000000000},
		{strings.Repeat("9", 5000) + ".5e-5000", 0x3ff0000000000000},
		{half + zeros + "e-1053", 0x3ff0000000000000},                           // exact midpoint: ties to even
		{half + zeros + "1e-1054", 0x3ff0000000000001},                          // just above it
		{"0." + strings.Repeat("0", 3000) + half + "e3001", 0x3ff0000000000000}, // leading zeros
	}
	for _, tt := range tests {
		if got, err := parseF64(tt.lit); err != nil || got != tt.want {
			t.Errorf("f64 %.40s... = %#x, %v; want %#x", tt.lit, got, err, tt.want)
		}
	}
	if _, err := parseF64("1." + strings.Repeat("0", 2000) + "1e99999999999999999999999"); err != errConstOutOfRange {
		t.Errorf("huge exponent on a long mantissa: %v, want out of range", err)
	}
	if got, err := parseF64("1." + strings.Repeat("0", 2000) + "1e-99999999999999999999999"); err != nil || got != 0 {
		t.Errorf("tiny exponent on a long mantissa = %#x, %v; want 0", got, err)
	}
}
