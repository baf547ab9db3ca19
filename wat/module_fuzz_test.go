package wat

import "testing"

// FuzzParseModule checks that no input makes the module parser panic or
// hang, and that a rejected input always comes with an error.
func FuzzParseModule(f *testing.F) {
	for _, seed := range []string{
		`(module)`,
		`(module $m (type $t (func (param i32) (result i32))) (func $f (type $t) (local.get 0)))`,
		`(rec (type $a (sub (struct (field $x (mut i8))))) (type (array (ref null $a))))`,
		`(import "m" "f" (func (param i32))) (func (export "g") (result i32) (i32.const 1))`,
		`(table $t 10 (ref null func) (ref.null func)) (table funcref (elem $f)) (func $f)`,
		`(memory i64 (data "abc")) (data (memory 0) (i64.const 1) "x") (data $d "")`,
		`(elem declare func 0) (elem (table 0) (offset (i32.const 0)) funcref (item ref.null func))`,
		`(global $g (mut i32) (i32.const 0)) (tag $e (param i32)) (start 0)`,
		`(module (@name "m") (@custom "c" (after func) "data") (func (@name "f") (param (@name "p") i32)))`,
		`(func (block (type 0) (param i32) (result i32)) (call_indirect (param i32)))`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := ParseModule(src)
		if err == nil && m == nil {
			t.Fatal("nil module without an error")
		}
	})
}
