package wasm

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestLEBRoundTrip(t *testing.T) {
	for _, v := range []uint64{0, 1, 63, 64, 127, 128, 255, 16383, 16384, math.MaxUint32, math.MaxUint64} {
		r := reader{b: appendU64(nil, v)}
		got, err := r.u64()
		if err != nil || got != v || r.remaining() != 0 {
			t.Errorf("u64 %d: got %d, %v", v, got, err)
		}
	}
	for _, v := range []int64{0, 1, -1, 63, 64, -64, -65, math.MaxInt32, math.MinInt32, math.MaxInt64, math.MinInt64} {
		b := appendS64(nil, v)
		r := reader{b: b}
		got, err := r.s64()
		if err != nil || got != v || r.remaining() != 0 {
			t.Errorf("s64 %d: got %d, %v (% x)", v, got, err, b)
		}
	}
}

func TestLEBCanonical(t *testing.T) {
	cases := []struct {
		v    int64
		want string
	}{{0, "\x00"}, {-1, "\x7f"}, {63, "\x3f"}, {64, "\xc0\x00"}, {-64, "\x40"}, {-65, "\xbf\x7f"}}
	for _, c := range cases {
		if got := string(appendS64(nil, c.v)); got != c.want {
			t.Errorf("appendS64(%d) = % x, want % x", c.v, got, c.want)
		}
	}
	if got := string(appendU32(nil, 624485)); got != "\xe5\x8e\x26" {
		t.Errorf("appendU32(624485) = % x", got)
	}
}

func TestLEBMalformed(t *testing.T) {
	cases := []struct {
		name string
		read func(*reader) error
		in   string
		want string
	}{
		{"u32 too long", u32Err, "\x80\x80\x80\x80\x80\x00", "integer representation too long"},
		{"u32 too large", u32Err, "\xff\xff\xff\xff\x10", "integer too large"},
		{"u32 max", u32Err, "\xff\xff\xff\xff\x0f", ""},
		{"u32 padded", u32Err, "\x80\x80\x80\x80\x00", ""},
		{"s32 too large", s32Err, "\xff\xff\xff\xff\x4f", "integer too large"},
		{"s32 negative padded", s32Err, "\xff\xff\xff\xff\x7f", ""},
		{"s32 positive", s32Err, "\xff\xff\xff\xff\x07", ""},
		{"s33 too large", s33Err, "\xff\xff\xff\xff\x2f", "integer too large"},
		{"s33 ok", s33Err, "\xff\xff\xff\xff\x0f", ""},
		{"u64 too large", u64Err, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", "integer too large"},
		{"s64 too large", s64Err, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", "integer too large"},
		{"s64 min", s64Err, "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x7f", ""},
		{"s64 too long", s64Err, "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00", "integer representation too long"},
		{"truncated", u32Err, "\x80", "unexpected end"},
	}
	for _, c := range cases {
		err := c.read(&reader{b: []byte(c.in), eof: msgEOF})
		var de *DecodeError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", c.name, err)
		case c.want != "" && (!errors.As(err, &de) || !strings.HasPrefix(de.Msg, c.want)):
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

func u32Err(r *reader) error { _, err := r.u32(); return err }
func u64Err(r *reader) error { _, err := r.u64(); return err }
func s32Err(r *reader) error { _, err := r.s32(); return err }
func s33Err(r *reader) error { _, err := r.s33(); return err }
func s64Err(r *reader) error { _, err := r.s64(); return err }
