package wat

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Numeric literals of the text format. Every function takes the atom's text
// and returns the value's bits; errors are the spec's wording.

var (
	errConstOutOfRange = errors.New("constant out of range")
	errUnknownOperator = errors.New("unknown operator")
)

// digits validates and strips underscores from a run of digits in the given
// base: an underscore must sit between two digits.
func digits(s string, hex bool) (string, bool) {
	if s == "" {
		return "", false
	}
	var b strings.Builder
	prevDigit := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' {
			if !prevDigit || i+1 == len(s) {
				return "", false
			}
			prevDigit = false
			continue
		}
		_, isHex := hexVal(c)
		if (hex && !isHex) || (!hex && (c < '0' || c > '9')) {
			return "", false
		}
		b.WriteByte(c)
		prevDigit = true
	}
	return b.String(), true
}

// parseNat parses an unsigned integer literal (decimal or 0x hex) that must
// fit in bits bits.
func parseNat(s string, bits int) (uint64, error) {
	base, body := 10, s
	if strings.HasPrefix(s, "0x") {
		base, body = 16, s[2:]
	}
	d, ok := digits(body, base == 16)
	if !ok {
		return 0, errUnknownOperator
	}
	v, err := strconv.ParseUint(d, base, bits)
	if err != nil {
		return 0, errConstOutOfRange
	}
	return v, nil
}

// parseU32 parses an unsigned 32-bit literal (indices, limits, alignments).
func parseU32(s string) (uint32, error) {
	v, err := parseNat(s, 32)
	return uint32(v), err
}

// parseU64 parses an unsigned 64-bit literal (memory64 limits and offsets).
func parseU64(s string) (uint64, error) { return parseNat(s, 64) }

// parseInt parses an iN literal: unsigned, or signed with +/-, accepting the
// union of the signed and unsigned ranges.
func parseInt(s string, bits int) (uint64, error) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	v, err := parseNat(s, bits)
	if err != nil {
		return 0, err
	}
	if neg {
		if v > 1<<(bits-1) {
			return 0, errConstOutOfRange
		}
		v = -v
		if bits < 64 {
			v &= 1<<bits - 1
		}
	}
	return v, nil
}

func parseI32(s string) (uint32, error) {
	v, err := parseInt(s, 32)
	return uint32(v), err
}

func parseI64(s string) (uint64, error) { return parseInt(s, 64) }

// parseI8 and parseI16 parse v128 lane literals.
func parseI8(s string) (uint8, error) {
	v, err := parseInt(s, 8)
	return uint8(v), err
}

func parseI16(s string) (uint16, error) {
	v, err := parseInt(s, 16)
	return uint16(v), err
}

// floatFormat describes an IEEE binary format.
type floatFormat struct {
	bits, mantBits int
}

var (
	f32Format = floatFormat{32, 23}
	f64Format = floatFormat{64, 52}
)

// parseFloat parses an fN literal into its IEEE bits: decimal or hex
// mantissa with optional exponent, inf, nan and nan:0xPAYLOAD, each with an
// optional sign; rounding is round-to-nearest-even, overflow is an error.
func parseFloat(s string, f floatFormat) (uint64, error) {
	signBit := uint64(1) << (f.bits - 1)
	expMask := (uint64(1)<<(f.bits-1) - 1) &^ (uint64(1)<<f.mantBits - 1)
	var sign uint64
	switch {
	case strings.HasPrefix(s, "-"):
		sign, s = signBit, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	switch {
	case s == "inf":
		return sign | expMask, nil
	case s == "nan":
		return sign | expMask | 1<<(f.mantBits-1), nil
	case strings.HasPrefix(s, "nan:0x"):
		d, ok := digits(s[6:], true)
		if !ok {
			return 0, errUnknownOperator
		}
		p, err := strconv.ParseUint(d, 16, 64)
		if err != nil || p == 0 || p >= 1<<f.mantBits {
			return 0, errConstOutOfRange
		}
		return sign | expMask | p, nil
	}
	hex := strings.HasPrefix(s, "0x")
	body := s
	if hex {
		body = s[2:]
	}
	// Split into mantissa and exponent, validating each part's digits.
	expSep := "eE"
	if hex {
		expSep = "pP"
	}
	mant, exp := body, ""
	if i := strings.IndexAny(body, expSep); i >= 0 {
		mant, exp = body[:i], body[i+1:]
		if exp == "" {
			return 0, errUnknownOperator
		}
	}
	intPart, fracPart, hasDot := strings.Cut(mant, ".")
	ip, ok := digits(intPart, hex)
	if !ok {
		return 0, errUnknownOperator
	}
	fp := ""
	if hasDot && fracPart != "" {
		if fp, ok = digits(fracPart, hex); !ok {
			return 0, errUnknownOperator
		}
	}
	esign, e := "", "0"
	if exp != "" {
		if exp[0] == '+' || exp[0] == '-' {
			esign, exp = exp[:1], exp[1:]
		}
		if e, ok = digits(exp, false); !ok {
			return 0, errUnknownOperator
		}
	}
	clean := "0x" + ip + "." + fp + "p" + esign + e
	if !hex {
		clean = decimalForStrconv(ip, fp, esign, e)
	}
	x, err := strconv.ParseFloat(clean, f.bits)
	if err != nil && !isRangeErr(err) {
		return 0, errUnknownOperator
	}
	if math.IsInf(x, 0) {
		return 0, errConstOutOfRange
	}
	if f.bits == 32 {
		return sign | uint64(math.Float32bits(float32(x))), nil // exact: x was rounded to float32
	}
	return sign | math.Float64bits(x), nil
}

// maxDecimalDigits is how many significant digits decimalForStrconv keeps.
// A float64 rounding boundary (a midpoint between neighbours) has at most
// 767 significant decimal digits, so past this many only whether the rest
// is zero can matter.
const maxDecimalDigits = 780

// decimalForStrconv renders the validated decimal literal ip.fp e±e for
// strconv.ParseFloat, whose slow path loses track of the decimal point past
// 800 integer digits. Longer digit strings are cut to maxDecimalDigits
// significant digits plus a sticky 1 standing for any nonzero digits
// dropped, which rounds exactly like the full value.
func decimalForStrconv(ip, fp, esign, e string) string {
	mant := strings.TrimLeft(ip+fp, "0")
	if len(mant) <= maxDecimalDigits {
		return ip + "." + fp + "e" + esign + e
	}
	exp, err := strconv.ParseInt(esign+e, 10, 64)
	if err != nil {
		// Beyond int64 the value is 0 or infinite whatever the digits;
		// any exponent far outside the float range says the same.
		exp = 1 << 40
		if esign == "-" {
			exp = -exp
		}
	}
	exp += int64(len(mant) - maxDecimalDigits - len(fp))
	head := mant[:maxDecimalDigits]
	if strings.Trim(mant[maxDecimalDigits:], "0") != "" {
		head += "1"
		exp--
	}
	return head + "e" + strconv.FormatInt(exp, 10)
}

func isRangeErr(err error) bool {
	var ne *strconv.NumError
	return errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange)
}

func parseF32(s string) (uint32, error) {
	v, err := parseFloat(s, f32Format)
	return uint32(v), err
}

func parseF64(s string) (uint64, error) { return parseFloat(s, f64Format) }

// numClass is the kind of numeric token an atom is, as the spec's lexer
// classifies it: an unsigned numeral, a signed one, a float, or no number.
type numClass uint8

const (
	notNum numClass = iota
	natNum
	intNum
	floatNum
)

// classifyNum classifies s by its syntax alone: an out-of-range value still
// has the class its spelling gives it.
func classifyNum(s string) numClass {
	if _, err := parseNat(s, 64); err != errUnknownOperator {
		return natNum
	}
	if len(s) > 1 && (s[0] == '+' || s[0] == '-') {
		if _, err := parseNat(s[1:], 64); err != errUnknownOperator {
			return intNum
		}
	}
	if _, err := parseFloat(s, f64Format); err != errUnknownOperator {
		return floatNum
	}
	return notNum
}
