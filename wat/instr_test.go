package wat

import (
	"encoding/hex"
	"strings"
	"testing"
)

// parseTestInstrs parses src as an instruction sequence with a lenient
// fake scope and locals $x (0) and $y (1).
func parseTestInstrs(src string) ([]byte, error) {
	nodes, err := ParseSExprs([]byte(src))
	if err != nil {
		return nil, err
	}
	locals := map[string]uint32{"x": 0, "y": 1}
	return parseInstrs(newInstrFakeScope(false), locals, nodes, nil)
}

func instrHex(s string) string { return strings.ReplaceAll(s, " ", "") }

func TestParseInstrsEncoding(t *testing.T) {
	tests := []struct{ src, want string }{
		// plain, folded, locals, globals
		{"i32.const 1 i32.const 2 i32.add", "41 01 41 02 6a"},
		{"(i32.add (i32.const 1) (i32.const 2))", "41 01 41 02 6a"},
		{"(local.get $x) local.get 1 local.tee $y local.set 7", "20 00 20 01 22 01 21 07"},
		{"global.get $g global.set 3", "23 00 24 03"},
		{"call $f return_call 2 ref.func $f", "10 00 12 02 d2 00"},
		// blocks, labels and block types
		{"block $a (result i32) i32.const 1 br $a end $a", "02 7f 41 01 0c 00 0b"},
		{"(block $a (loop $b (br $a) (br $b) (br 1) (br_if 0 (i32.const 0))))",
			"02 40 03 40 0c 01 0c 00 0c 01 41 00 0d 00 0b 0b"},
		{"(block $l (block $l (br $l)) (br $l))", "02 40 02 40 0c 00 0b 0c 00 0b"},
		{"block block br 1 end end", "02 40 02 40 0c 01 0b 0b"},
		{"(block (param i32) (result i32))", "02 00 0b"},
		{"(block (result i32 i64) unreachable)", "02 00 00 0b"},
		{"(block (result i32) (result))", "02 7f 0b"},
		{"(block (type 5))", "02 05 0b"},
		{"(loop (result (ref null $t)) unreachable)", "03 63 00 00 0b"},
		{"(block $a (br_table 0 $a 1 (i32.const 0)))", "02 40 41 00 0e 02 00 00 01 0b"},
		// if, flat and folded
		{"(if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3)))", "41 01 04 7f 41 02 05 41 03 0b"},
		{"i32.const 1 if $l (result i32) i32.const 2 else $l i32.const 3 end $l", "41 01 04 7f 41 02 05 41 03 0b"},
		{"(if $l (local.get 0) (then (br $l)))", "20 00 04 40 0c 00 0b"},
		{"(if $l (then) (else (br $l)))", "04 40 05 0c 00 0b"},
		// exceptions
		{"throw $e throw_ref", "08 00 0a"},
		{"(block $h (result exnref) (try_table (catch_all_ref $h) (catch $e 0) (throw $e)) unreachable)",
			"02 69 1f 40 02 03 00 00 00 00 08 00 0b 00 0b"},
		{"try_table $t (result i32) (catch_ref $e 0) (catch_all 1) i32.const 0 br $t end",
			"1f 7f 02 01 00 00 02 01 41 00 0c 00 0b"},
		{"(try (do (throw $e)) (catch $e (rethrow 0)) (catch_all))", "06 40 08 00 07 00 09 00 19 0b"},
		{"try $t catch $e rethrow $t catch_all end $t", "06 40 07 00 09 00 19 0b"},
		{"(block $b (try $t (do nop) (delegate $b)))", "02 40 06 40 01 18 00 0b"},
		{"block $b try $t nop delegate $b end", "02 40 06 40 01 18 00 0b"},
		{"(try (result i32) (do (i32.const 1)) (delegate 0))", "06 7f 41 01 18 00"},
		// calls and types
		{"call_indirect $t (type $sig)", "11 00 00"},
		{"call_indirect 2 (param i32) (result i32)", "11 00 02"},
		{"(return_call_indirect (result i64) (i32.const 0))", "41 00 13 00 00"},
		{"call_ref $t return_call_ref 4", "14 00 15 04"},
		{"select (select (result i32) (local.get 0) (local.get 1) (i32.const 0))", "1b 20 00 20 01 41 00 1c 01 7f"},
		{"select (result)", "1c 00"},
		// references and GC
		{"ref.null func ref.null extern ref.null $t ref.null 9", "d0 70 d0 6f d0 00 d0 09"},
		{"ref.test (ref any) ref.test anyref ref.cast (ref null $t) ref.cast i31ref",
			"fb 14 6e fb 15 6e fb 17 00 fb 17 6c"},
		{"br_on_cast 0 anyref (ref $t) br_on_cast_fail 1 (ref any) (ref null none)",
			"fb 18 01 00 6e 00 fb 19 02 01 6e 71"},
		{"struct.new $s struct.get $s $f struct.get_u 1 2 struct.set $s 0", "fb 00 00 fb 02 00 00 fb 04 01 02 fb 05 00 00"},
		{"array.new_fixed $a 3 array.new_data $a $d array.new_elem $a 2 array.copy $a $b array.init_data 1 2",
			"fb 08 00 03 fb 09 00 00 fb 0a 00 02 fb 11 00 01 fb 12 01 02"},
		{"ref.i31 i31.get_s any.convert_extern br_on_null 0 br_on_non_null 0", "fb 1c fb 1d fb 1a d5 00 d6 00"},
		// memory
		{"i32.load i64.load32_u offset=8 i32.load8_s align=1 v128.load", "28 02 00 35 02 08 2c 00 00 fd 00 04 00"},
		{"f64.store 1 offset=0x1_0 align=4", "39 42 01 10"},
		{"i64.load $m offset=4294967296", "29 03 80 80 80 80 10"},
		{"memory.size memory.grow 2 memory.fill $m", "3f 00 40 02 fc 0b 00"},
		{"memory.copy memory.copy 1 2 memory.init $d memory.init 1 2 data.drop 3",
			"fc 0a 00 00 fc 0a 01 02 fc 08 00 00 fc 08 02 01 fc 09 03"},
		{"table.get table.set 1 table.size $t table.grow 2 table.fill 3",
			"25 00 26 01 fc 10 00 fc 0f 02 fc 11 03"},
		{"table.copy table.copy 1 2 table.init 4 table.init 1 2 elem.drop 3",
			"fc 0e 00 00 fc 0e 01 02 fc 0c 04 00 fc 0c 02 01 fc 0d 03"},
		// constants
		{"i32.const -1 i32.const 0xffff_ffff i64.const -0x8000000000000000",
			"41 7f 41 7f 42 80 80 80 80 80 80 80 80 80 7f"},
		{"f32.const 1.5 f64.const -0x1p-1074 f32.const -nan:0x1", "43 00 00 c0 3f 44 01 00 00 00 00 00 00 80 43 01 00 80 ff"},
		// SIMD
		{"v128.const i32x4 1 2 0xffffffff -1", "fd 0c 01 00 00 00 02 00 00 00 ff ff ff ff ff ff ff ff"},
		{"v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1",
			"fd 0c 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e ff"},
		{"v128.const i16x8 1 2 3 4 5 6 7 -32768", "fd 0c 01 00 02 00 03 00 04 00 05 00 06 00 07 00 00 80"},
		{"v128.const f64x2 1 -0", "fd 0c 00 00 00 00 00 00 f0 3f 00 00 00 00 00 00 00 80"},
		{"v128.const f32x4 1 2 3 4", "fd 0c 00 00 80 3f 00 00 00 40 00 00 40 40 00 00 80 40"},
		{"v128.const i64x2 1 -1", "fd 0c 01 00 00 00 00 00 00 00 ff ff ff ff ff ff ff ff"},
		{"i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31",
			"fd 0d 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 1f"},
		{"i8x16.extract_lane_s 3 f64x2.replace_lane 1", "fd 15 03 fd 22 01"},
		{"v128.load8_lane 1 v128.load16_lane 0 1 v128.store64_lane 1 offset=2 1",
			"fd 54 00 00 01 fd 55 01 00 01 fd 5b 43 01 02 01"},
		{"v128.load32_zero v128.load8x8_s align=8 v128.load64_splat", "fd 5c 02 00 fd 01 03 00 fd 0a 03 00"},
		// annotations are skipped
		{"(@hint x) nop (nop (@a))", "01 01"},
	}
	for _, tt := range tests {
		got, err := parseTestInstrs(tt.src)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if g, w := hex.EncodeToString(got), instrHex(tt.want); g != w {
			t.Errorf("%s:\n got %s\nwant %s", tt.src, g, w)
		}
	}
}

// Flat and folded forms of the same code encode identically.
func TestParseInstrsFoldedFlatEquivalence(t *testing.T) {
	pairs := [][2]string{
		{"(i32.store offset=4 (local.get $x) (i32.add (local.get $y) (i32.const 1)))",
			"local.get $x local.get $y i32.const 1 i32.add i32.store offset=4"},
		{"(loop $l (br_if $l (i32.eqz (local.get 0))))", "loop $l local.get 0 i32.eqz br_if $l end"},
		{"(if $i (result i32) (local.get 0) (then (i32.const 1)) (else (br $i (i32.const 2))))",
			"local.get 0 if $i (result i32) i32.const 1 else i32.const 2 br $i end"},
		{"(block $b (try_table $t (catch $e $b) (call $f (i32.const 1))))",
			"block $b try_table $t (catch $e $b) i32.const 1 call $f end end"},
		{"(block (if (i32.const 0) (then block end)))", "block i32.const 0 if block end end end"},
	}
	for _, p := range pairs {
		folded, err1 := parseTestInstrs(p[0])
		flat, err2 := parseTestInstrs(p[1])
		if err1 != nil || err2 != nil {
			t.Errorf("%s / %s: %v, %v", p[0], p[1], err1, err2)
			continue
		}
		if hex.EncodeToString(folded) != hex.EncodeToString(flat) {
			t.Errorf("folded %s = %x\nflat %s = %x", p[0], folded, p[1], flat)
		}
	}
}

func TestParseInstrsErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"foo", "unknown operator foo"},
		{"get_local 0", "unknown operator get_local"},
		{"select_t", "unknown operator"},
		{"(i32.const 0x) drop", "unknown operator"},
		{"(f32.const .0)", "unknown operator"},
		{"(i32.const)", "unexpected token"},
		{"(i32.const nan:canonical)", "unexpected token"},
		{"(i32.const 4294967296)", "constant out of range"},
		{"(i64.const 1.5)", "constant out of range"},
		{"(f32.const 1e39)", "constant out of range"},
		{"(f32.const nan:0x0)", "constant out of range"},
		{"br 0drop", "unknown operator"},
		{"br", "unexpected token"},
		{"br $nope", "unknown label"},
		{"(block $l (i32.const 0) (br_table $l0))", "unknown label"},
		{"local.get $nope", "unknown local"},
		{"end", "unexpected token"},
		{"else", "unexpected token"},
		{"block", "unexpected token"},
		{"(block end)", "unexpected token"},
		{"block nop", "unexpected token"},
		{"block end $l", "mismatching label"},
		{"block $a end $l", "mismatching label"},
		{"i32.const 0 if else $l end", "mismatching label"},
		{"i32.const 0 if $a else $a end $l", "mismatching label"},
		{"i32.const 0 if else else end", "unexpected token"},
		{"block catch end", "unexpected token"},
		{"try catch_all catch $e end", "unexpected token"},
		{"try catch_all delegate 0", "unexpected token"},
		{"(if i32.const 0 (then) (else))", "unexpected token"},
		{"(if (i32.const 0))", "unexpected token"},
		{"(if (then) (else) (else))", "unexpected token"},
		{"(catch_all)", "unexpected token"},
		{"(catch $e)", "unexpected token"},
		{"(delegate 0)", "unexpected token"},
		{"(try (do) (catch_all) (catch_all))", "unexpected token"},
		{"(try (do) (catch $e) (delegate 0))", "unexpected token"},
		{"(try (do) (delegate) (delegate 0))", "unexpected token"},
		{"(try (catch_all))", "unexpected token"},
		{"(try_table (catch $e) nop)", "unexpected token"},
		{"(local i32)", "unexpected token"},
		{"(nop) (result i32)", "unexpected token"},
		{"(block (result i32) (param i32))", "unexpected token"},
		{"(i32.add (i32.const 1) i32.const 2)", "unexpected token"},
		{`(func "a"x)`, "unexpected token"},
		{`"a"x`, "unknown operator"},
		{"i32.load align=3", "alignment must be a power of two"},
		{"i32.load align=0", "alignment must be a power of two"},
		{"i32.load align=-1", "unknown operator"},
		{"i32.load offset=-1", "unknown operator"},
		{"i32.load offset=18446744073709551616", "constant out of range"},
		{"memory.copy 1", "unexpected token"},
		{"(v128.const)", "unexpected token"},
		{"(v128.const 0 0 0 0)", "unexpected token"},
		{"(v128.const i32x4 1 2)", "wrong number of lane literals"},
		{"(v128.const i32x4 0x10000000000000000 0x10000000000000000)", "wrong number of lane literals"},
		{"v128.const i32x4 1 2 3 4 5", "wrong number of lane literals"},
		{"(v128.const f32x4 .0 .0 .0 .0)", "unknown operator"},
		{"(v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)", "constant out of range"},
		{"(i8x16.shuffle 1 2)", "invalid lane length"},
		{"(i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1)", "i8 constant out of range"},
		{"(i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 256)", "i8 constant out of range"},
		{"(i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15.0)", "i8 constant out of range"},
		{"(i8x16.extract_lane_s 256 (v128.const i64x2 0 0))", "i8 constant out of range"},
		{"(i8x16.extract_lane_s -1 (v128.const i64x2 0 0))", "unexpected token"},
		{"(i8x16.extract_lane_s nan (v128.const i64x2 0 0))", "unexpected token"},
		{"(i8x16.extract_lane_s (v128.const i64x2 0 0))", "unexpected token"},
		{"(i8x16.extract_lane_s)", "unexpected token"},
		{"ref.test i32", "unexpected token"},
		{"ref.null", "unexpected token"},
		{"br_table", "unexpected token"},
		{"array.new_fixed $a", "unexpected token"},
		{"()", "unexpected token"},
	}
	for _, tt := range tests {
		_, err := parseTestInstrs(tt.src)
		if err == nil {
			t.Errorf("%s: accepted, want %q", tt.src, tt.want)
			continue
		}
		var e *Error
		if !asInstrError(err, &e) {
			t.Errorf("%s: error %v has no position", tt.src, err)
		}
		if !strings.HasPrefix(e.Msg, tt.want) {
			t.Errorf("%s: error %q, want prefix %q", tt.src, e.Msg, tt.want)
		}
	}
}

func asInstrError(err error, e **Error) bool {
	x, ok := err.(*Error)
	*e = x
	return ok
}

func TestParseInstrsStrictNames(t *testing.T) {
	sc := newInstrFakeScope(true)
	sc.ids[spaceFunc]["f"] = 3
	nodes, _ := ParseSExprs([]byte("call $f call $g"))
	if _, err := parseInstrs(sc, nil, nodes, nil); err == nil || !strings.Contains(err.Error(), "$g") {
		t.Errorf("unknown function accepted or unnamed: %v", err)
	}
	nodes, _ = ParseSExprs([]byte("call $f"))
	out, err := parseInstrs(sc, nil, nodes, []byte{0xaa})
	if err != nil || hex.EncodeToString(out) != "aa1003" {
		t.Errorf("call $f = %x, %v; want aa1003", out, err)
	}
}

// Deeply folded input is rejected with an error, not a stack overflow.
func TestParseInstrsNestingBound(t *testing.T) {
	const depth = maxFoldDepth + 10
	src := strings.Repeat("(block ", depth) + strings.Repeat(")", depth)
	if _, err := parseTestInstrs(src); err == nil || !strings.Contains(err.Error(), "nested") {
		t.Errorf("nesting %d: %v", depth, err)
	}
	src = strings.Repeat("(block ", 100) + strings.Repeat(")", 100)
	if _, err := parseTestInstrs(src); err != nil {
		t.Errorf("nesting 100: %v", err)
	}
	src = strings.Repeat("block ", depth) + strings.Repeat("end ", depth)
	if _, err := parseTestInstrs(src); err != nil {
		t.Errorf("flat nesting %d: %v", depth, err)
	}
}

func TestNaturalAlign(t *testing.T) {
	want := map[string]uint32{
		"i32.load": 2, "i64.load": 3, "f32.store": 2, "f64.load": 3, "v128.load": 4,
		"i32.load8_s": 0, "i32.load16_u": 1, "i64.load32_s": 2, "i64.store32": 2,
		"v128.load8x8_s": 3, "v128.load16x4_u": 3, "v128.load32x2_s": 3,
		"v128.load8_splat": 0, "v128.load64_splat": 3, "v128.load32_zero": 2,
		"v128.load16_lane": 1, "v128.store64_lane": 3,
	}
	for name, w := range want {
		if got := naturalAlign(name); got != w {
			t.Errorf("naturalAlign(%s) = %d, want %d", name, got, w)
		}
	}
}

func FuzzParseInstrs(f *testing.F) {
	for _, s := range []string{
		"(block $l (br_if $l (i32.const 1)))",
		"i32.const 0 if (result i32) i32.const 1 else i32.const 2 end",
		"(try_table (catch_all 0) (throw $e))",
		"(try (do) (catch $e) (catch_all))",
		"v128.const f32x4 1 2 3 nan:0x1",
		"i32.load 1 offset=3 align=2 v128.load8_lane 2 3",
		"br_on_cast 0 anyref (ref null $t)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// Any input must give bytes or an error, never a panic.
		_, _ = parseTestInstrs(src)
	})
}
