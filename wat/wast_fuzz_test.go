package wat

import "testing"

// FuzzParseScript checks that the script parser returns an error, never
// panics, on any input.
func FuzzParseScript(f *testing.F) {
	for _, s := range []string{
		`(module $m (func (export "f") (result i32) (i32.const 1)))`,
		`(assert_return (invoke $m "f" (v128.const f32x4 1 2 3 4)) (either (f32.const nan:canonical) (ref.null)))`,
		`(assert_malformed (module quote "(func") "unexpected end") (register "m" $m)`,
		`(module definition $d binary "\00asm\01\00\00\00") (module instance $i $d)`,
		`(assert_trap (module (start 0)) "unreachable") (assert_exception (get "g"))`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := ParseScript(src)
		if err == nil && s == nil {
			t.Fatal("nil script without an error")
		}
	})
}
