package wat

import "testing"

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
