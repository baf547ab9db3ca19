package wasm_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/sablewasm/sable/wasm"
	"github.com/sablewasm/sable/wat"
)

// bodyCase is a module (module fields in WAT) and the error its validation
// must produce: "" for valid, else the expected message prefix.
type bodyCase struct {
	name, src, err string
}

func runBodyCases(t *testing.T, cases []bodyCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := wat.ParseModule([]byte(c.src))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			err = wasm.Validate(m)
			if c.err == "" {
				if err != nil {
					t.Fatalf("valid module rejected: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("invalid module accepted; want %q", c.err)
			}
			var ve *wasm.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %T %v; want a *ValidationError", err, err)
			}
			if !strings.HasPrefix(ve.Msg, c.err) {
				t.Fatalf("got %q; want prefix %q", ve.Msg, c.err)
			}
			if ve.Offset < 0 {
				t.Errorf("error has no offset: %v", err)
			}
		})
	}
}

func TestValidateBodyStack(t *testing.T) {
	runBodyCases(t, []bodyCase{
		{"add", `(func (result i32) (i32.add (i32.const 1) (i32.const 2)))`, ""},
		{"add-mismatch", `(func (result i32) (i32.add (i64.const 1) (i32.const 2)))`,
			"type mismatch: instruction requires [i32 i32] but stack has [i64 i32]"},
		{"underflow", `(func (result i32) (i32.add (i32.const 2)))`,
			"type mismatch: instruction requires [i32 i32] but stack has [i32]"},
		{"extra-at-end", `(func (i32.const 1))`, "type mismatch: block requires [] but stack has [i32]"},
		{"missing-result", `(func (result i32))`, "type mismatch: instruction requires [i32] but stack has []"},
		{"unreachable-polymorphic", `(func (result i32) (unreachable) (i32.add))`, ""},
		{"unreachable-still-typed", `(func (result i32) (unreachable) (i64.const 0) (i32.add))`, "type mismatch"},
		{"unreachable-extra", `(func (unreachable) (i32.const 0))`, "type mismatch: block requires []"},
		{"drop-empty", `(func (drop))`, "type mismatch"},
		{"block-params", `(func (result i32) (i32.const 1) (block (param i32) (result i32)))`, ""},
		{"block-params-missing", `(func (result i32) (block (param i32) (result i32)))`, "type mismatch"},
		{"loop-label-takes-params", `(func (i32.const 1) (loop (param i32) (br 0)))`, ""},
		{"loop-label-wrong", `(func (i32.const 1) (loop (param i32) (drop) (i64.const 0) (br 0)))`, "type mismatch"},
		{"if-no-else-passthrough", `(func (param i32) (result i32)
			(local.get 0) (local.get 0) (if (param i32) (result i32) (then)))`, ""},
		{"if-no-else-result", `(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 1))))`,
			"type mismatch"},
		{"if-cond", `(func (if (i64.const 1) (then)))`, "type mismatch"},
		{"else-arm", `(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 1)) (else (i64.const 1))))`,
			"type mismatch"},
	})
}

func TestValidateBodyBranches(t *testing.T) {
	runBodyCases(t, []bodyCase{
		{"br", `(func (result i32) (block (result i32) (br 0 (i32.const 1))))`, ""},
		{"br-unknown-label", `(func (br 1))`, "unknown label"},
		{"br-if-keeps-label-types", `(func (result i32) (block (result i32) (br_if 0 (i32.const 1) (i32.const 0))))`, ""},
		{"br-table-arity", `(func (block (result i32) (block (br_table 0 1 (i32.const 0)))) (drop))`,
			"type mismatch"},
		{"br-table-subtypes", `(func (param funcref) (param i32) (result funcref)
			(block (result funcref) (block (result funcref)
				(br_table 0 1 (local.get 0) (local.get 1)))))`, ""},
		{"br-table-unreachable", `(func (block (result i32) (drop (block (result i64)
			(unreachable) (br_table 0 1 (i32.const 0)))) (i32.const 0)) (drop))`, ""},
		{"br-table-each-target", `(func (block (result i32) (drop (block (result i64)
			(i64.const 0) (br_table 0 1 (i32.const 0)))) (i32.const 0)) (drop))`, "type mismatch"},
		{"return", `(func (result i32) (return (i32.const 0)))`, ""},
		{"return-mismatch", `(func (result i32) (return (i64.const 0)))`, "type mismatch"},
		{"br-on-null", `(func (param funcref) (result (ref func))
			(block (br_on_null 0 (local.get 0)) (return)) (unreachable))`, ""},
		{"br-on-non-null", `(func (param funcref) (result (ref func))
			(block (result (ref func)) (br_on_non_null 0 (local.get 0)) (unreachable)))`, ""},
		{"br-on-non-null-no-ref", `(func (param funcref) (block (br_on_non_null 0 (local.get 0))))`,
			"type mismatch"},
		{"br-on-null-unknown", `(func (result i32) (unreachable) (br_on_null 0) (i32.add))`, "type mismatch"},
		{"ref-as-non-null-unknown", `(func (result funcref) (unreachable) (ref.as_non_null))`, ""},
	})
}

func TestValidateBodyLocals(t *testing.T) {
	runBodyCases(t, []bodyCase{
		{"unknown-local", `(func (local i32) (drop (local.get 1)))`, "unknown local 1"},
		{"param-then-local", `(func (param i32) (local i64) (drop (i64.add (local.get 1) (i64.const 1))))`, ""},
		{"tee", `(func (local f32) (drop (f32.neg (local.tee 0 (f32.const 1)))))`, ""},
		{"set-mismatch", `(func (local f32) (local.set 0 (i32.const 1)))`, "type mismatch"},
		{"uninitialized", `(type $t (func)) (func (local (ref $t)) (drop (local.get 0)))`, "uninitialized local"},
		{"initialized", `(func $f (local (ref func)) (local.set 0 (ref.func $f)) (drop (local.get 0)))
			(elem declare func $f)`, ""},
		{"init-scoped-to-block", `(func $f (local (ref func)) (block (local.set 0 (ref.func $f)))
			(drop (local.get 0))) (elem declare func $f)`, "uninitialized local"},
		{"init-not-across-else", `(func $f (local (ref func)) (if (i32.const 1)
			(then (local.set 0 (ref.func $f))) (else (drop (local.get 0))))) (elem declare func $f)`,
			"uninitialized local"},
		{"nullable-is-defaultable", `(func (local funcref) (drop (local.get 0)))`, ""},
		{"unknown-local-type", `(func (local (ref 7)))`, "unknown type"},
	})
}

func TestValidateBodyVariables(t *testing.T) {
	runBodyCases(t, []bodyCase{
		{"global-get", `(global $g (mut i64) (i64.const 0)) (func (result i64) (global.get $g))`, ""},
		{"global-set-immutable", `(global $g i64 (i64.const 0)) (func (global.set $g (i64.const 1)))`,
			"immutable global"},
		{"unknown-global", `(func (global.set 3 (i64.const 1)))`, "unknown global 3"},
		{"select", `(func (result f64) (select (f64.const 1) (f64.const 2) (i32.const 0)))`, ""},
		{"select-refs-untyped", `(func (drop (select (ref.null func) (ref.null func) (i32.const 0))))`,
			"type mismatch"},
		{"select-typed-refs", `(func (result funcref) (select (result funcref) (ref.null func) (ref.null func) (i32.const 0)))`, ""},
		{"select-differ", `(func (drop (select (f64.const 1) (i64.const 2) (i32.const 0))))`, "type mismatch"},
		{"select-unreachable", `(func (result f32) (unreachable) (select))`, ""},
		{"select-unreachable-ref", `(func (unreachable) (select (ref.null func) (i32.const 0)) (drop))`,
			"type mismatch"},
	})
}

func TestValidateBodyCalls(t *testing.T) {
	runBodyCases(t, []bodyCase{
		{"call", `(func $f (param i32) (result i64) (i64.const 0)) (func (result i64) (call $f (i32.const 1)))`, ""},
		{"call-args", `(func $f (param i32)) (func (call $f (i64.const 1)))`, "type mismatch"},
		{"unknown-function", `(func (call 9))`, "unknown function 9"},
		{"call-indirect", `(type $t (func (param i32))) (table 1 funcref)
			(func (call_indirect (type $t) (i32.const 1) (i32.const 0)))`, ""},
		{"call-indirect-table64", `(type $t (func)) (table i64 1 funcref)
			(func (call_indirect (type $t) (i64.const 0)))`, ""},
		{"call-indirect-table64-i32", `(type $t (func)) (table i64 1 funcref)
			(func (call_indirect (type $t) (i32.const 0)))`, "type mismatch"},
		{"call-indirect-externref", `(type $t (func)) (table 1 externref)
			(func (call_indirect (type $t) (i32.const 0)))`, "type mismatch"},
		{"call-ref", `(type $t (func (result i32))) (func (param (ref null $t)) (result i32) (call_ref $t (local.get 0)))`, ""},
		{"return-call-subsumption", `(type $t (func)) (func $f (result (ref $t)) (unreachable))
			(func (result funcref) (return_call $f))`, ""},
		{"return-call-results", `(func $f (result i64) (i64.const 0)) (func (result i32) (return_call $f))`,
			"type mismatch"},
		{"return-call-ref-results", `(type $t (func (result i64))) (func (param (ref $t)) (result i32) (return_call_ref $t (local.get 0)))`,
			"type mismatch"},
		{"ref-func-undeclared", `(func $f (drop (ref.func $f)))`, "undeclared function reference"},
		{"ref-func-declared", `(func $f (drop (ref.func $f))) (elem declare func $f)`, ""},
	})
}

func TestValidateBodyMemory(t *testing.T) {
	runBodyCases(t, []bodyCase{
		{"load", `(memory 1) (func (result i32) (i32.load offset=4 align=4 (i32.const 0)))`, ""},
		{"no-memory", `(func (drop (i32.load (i32.const 0))))`, "unknown memory 0"},
		{"unknown-memory", `(memory 1) (func (drop (i32.load 1 (i32.const 0))))`, "unknown memory 1"},
		{"align", `(memory 1) (func (drop (i32.load16_s align=4 (i32.const 0))))`,
			"alignment must not be larger than natural"},
		{"align-v128", `(memory 1) (func (drop (v128.load8x8_s align=16 (i32.const 0))))`,
			"alignment must not be larger than natural"},
		{"align-lane", `(memory 1) (func (drop (v128.load16_lane align=4 0 (i32.const 0) (v128.const i64x2 0 0))))`,
			"alignment must not be larger than natural"},
		{"memory64-address", `(memory i64 1) (func (drop (i64.load offset=0x100000000 (i64.const 0))))`, ""},
		{"memory64-i32-address", `(memory i64 1) (func (drop (i64.load (i32.const 0))))`, "type mismatch"},
		{"memory-size64", `(memory i64 1) (func (result i64) (memory.size))`, ""},
		{"memory-copy-mixed", `(memory $a i64 1) (memory $b 1)
			(func (memory.copy $a $b (i64.const 0) (i32.const 0) (i32.const 0)))`, ""},
		{"memory-copy-mixed-len", `(memory $a i64 1) (memory $b 1)
			(func (memory.copy $a $b (i64.const 0) (i32.const 0) (i64.const 0)))`, "type mismatch"},
		{"memory-init", `(memory 1) (data "x") (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)))`, ""},
		{"memory-init-unknown-data", `(memory 1) (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)))`,
			"unknown data segment 0"},
		{"data-drop", `(data "x") (func (data.drop 0))`, ""},
		{"lane", `(func (result i32) (i8x16.extract_lane_s 15 (v128.const i64x2 0 0)))`, ""},
		{"lane-range", `(func (result i32) (i16x8.extract_lane_s 8 (v128.const i64x2 0 0)))`, "invalid lane index"},
		{"load-lane-range", `(memory 1) (func (drop (v128.load32_lane 4 (i32.const 0) (v128.const i64x2 0 0))))`,
			"invalid lane index"},
		{"shuffle", `(func (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
			(v128.const i64x2 0 0) (v128.const i64x2 0 0))))`, ""},
		{"shuffle-range", `(func (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 32
			(v128.const i64x2 0 0) (v128.const i64x2 0 0))))`, "invalid lane index"},
	})
}

func TestValidateBodyTables(t *testing.T) {
	runBodyCases(t, []bodyCase{
		{"get-set", `(table 1 funcref) (func (table.set 0 (i32.const 0) (table.get 0 (i32.const 0))))`, ""},
		{"unknown-table", `(func (drop (table.size 0)))`, "unknown table 0"},
		{"table64-grow", `(table i64 1 externref) (func (result i64) (table.grow 0 (ref.null extern) (i64.const 1)))`, ""},
		{"table-copy-types", `(table $f 1 funcref) (table $e 1 externref)
			(func (table.copy $f $e (i32.const 0) (i32.const 0) (i32.const 0)))`, "type mismatch"},
		{"table-init", `(table 1 funcref) (elem funcref) (func (table.init 0 0 (i32.const 0) (i32.const 0) (i32.const 0)))`, ""},
		{"table-init-types", `(table 1 externref) (elem funcref) (func (table.init 0 0 (i32.const 0) (i32.const 0) (i32.const 0)))`,
			"type mismatch"},
		{"elem-drop-unknown", `(func (elem.drop 2))`, "unknown elem segment 2"},
	})
}

func TestValidateBodyGC(t *testing.T) {
	const types = `(type $s (struct (field i8) (field (mut i64)) (field (ref null $s))))
		(type $a (array (mut i16))) (type $ia (array i32)) (type $ra (array (mut funcref)))`
	runBodyCases(t, []bodyCase{
		{"struct-new", types + `(func (result (ref $s)) (struct.new $s (i32.const 1) (i64.const 2) (ref.null $s)))`, ""},
		{"struct-new-default", types + `(func (result (ref $s)) (struct.new_default $s))`, ""},
		{"struct-get-packed", types + `(func (param (ref $s)) (result i32) (struct.get $s 0 (local.get 0)))`,
			"type mismatch"},
		{"struct-get-s", types + `(func (param (ref $s)) (result i32) (struct.get_s $s 0 (local.get 0)))`, ""},
		{"struct-get-u-unpacked", types + `(func (param (ref $s)) (result i64) (struct.get_u $s 1 (local.get 0)))`,
			"type mismatch"},
		{"struct-set-immutable", types + `(func (param (ref $s)) (struct.set $s 0 (local.get 0) (i32.const 0)))`,
			"immutable field"},
		{"struct-set", types + `(func (param (ref $s)) (struct.set $s 1 (local.get 0) (i64.const 0)))`, ""},
		{"struct-on-array", types + `(func (result (ref $a)) (struct.new_default $a))`, "type mismatch"},
		{"array-new", types + `(func (result (ref $a)) (array.new $a (i32.const 1) (i32.const 3)))`, ""},
		{"array-new-fixed", types + `(func (result (ref $ia)) (array.new_fixed $ia 2 (i32.const 1) (i32.const 3)))`, ""},
		{"array-new-fixed-short", types + `(func (result (ref $ia)) (array.new_fixed $ia 3 (i32.const 1) (i32.const 3)))`,
			"type mismatch"},
		{"array-new-fixed-huge-unreachable", types + `(func (result (ref $ia)) (unreachable) (array.new_fixed $ia 4000000000))`, ""},
		{"array-set-immutable", types + `(func (param (ref $ia)) (array.set $ia (local.get 0) (i32.const 0) (i32.const 0)))`,
			"immutable array"},
		{"array-fill", types + `(func (param (ref $a)) (array.fill $a (local.get 0) (i32.const 0) (i32.const 7) (i32.const 1)))`, ""},
		{"array-copy-mismatch", types + `(func (param (ref $a) (ref $ia))
			(array.copy $a $ia (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 0)))`,
			"array types do not match"},
		{"array-new-data-ref", types + `(data "") (func (drop (array.new_data $ra 0 (i32.const 0) (i32.const 0))))`,
			"array type is not numeric or vector"},
		{"array-new-elem", types + `(elem funcref) (func (drop (array.new_elem $ra 0 (i32.const 0) (i32.const 0))))`, ""},
		{"array-init-elem-types", types + `(elem externref) (func (param (ref $ra)) (array.init_elem $ra 0 (local.get 0) (i32.const 0) (i32.const 0) (i32.const 0)))`,
			"type mismatch"},
		{"array-len", types + `(func (param (ref $a)) (result i32) (array.len (local.get 0)))`, ""},
		{"i31", `(func (result i32) (i31.get_s (ref.i31 (i32.const 1))))`, ""},
		{"ref-eq", `(func (result i32) (ref.eq (ref.null none) (ref.i31 (i32.const 1))))`, ""},
		{"ref-eq-func", `(func (result i32) (ref.eq (ref.null func) (ref.null func)))`, "type mismatch"},
		{"ref-test", types + `(func (param anyref) (result i32) (ref.test (ref $s) (local.get 0)))`, ""},
		{"ref-test-other-hierarchy", types + `(func (param funcref) (result i32) (ref.test (ref $s) (local.get 0)))`,
			"type mismatch"},
		{"ref-cast", types + `(func (param anyref) (result (ref null $s)) (ref.cast (ref null $s) (local.get 0)))`, ""},
		{"br-on-cast", types + `(func (param anyref) (result (ref $s))
			(block (result (ref $s)) (br_on_cast 0 anyref (ref $s) (local.get 0)) (unreachable)))`, ""},
		{"br-on-cast-not-subtype", types + `(func (param structref) (result anyref)
			(block (result anyref) (br_on_cast 0 structref i31ref (local.get 0))))`, "type mismatch"},
		{"br-on-cast-fail", types + `(func (param anyref) (result anyref)
			(block (result anyref) (br_on_cast_fail 0 anyref (ref $s) (local.get 0)) (drop) (ref.null none)))`, ""},
		{"extern-convert", `(func (param externref) (result externref) (extern.convert_any (any.convert_extern (local.get 0))))`, ""},
		{"extern-convert-nonnull", `(func (param externref) (result (ref any)) (any.convert_extern (local.get 0)))`,
			"type mismatch"},
	})
}

func TestValidateBodyExceptions(t *testing.T) {
	runBodyCases(t, []bodyCase{
		{"throw", `(tag $e (param i32)) (func (throw $e (i32.const 1)))`, ""},
		{"throw-args", `(tag $e (param i32)) (func (throw $e))`,
			"type mismatch: instruction requires [i32] but stack has []"},
		{"unknown-tag", `(func (throw 0))`, "unknown tag 0"},
		{"throw-ref", `(func (param exnref) (throw_ref (local.get 0)))`, ""},
		{"try-table-catch", `(tag $e (param i32)) (func (result i32)
			(block $h (result i32) (try_table (catch $e $h) (throw $e (i32.const 1))) (i32.const 0)))`, ""},
		{"try-table-catch-ref", `(tag $e (param i32)) (func (result i32 exnref)
			(block $h (result i32 exnref) (try_table (catch_ref $e $h)) (unreachable)))`, ""},
		{"try-table-catch-all-ref-nonnull", `(func (result (ref exn))
			(block $h (result (ref exn)) (try_table (catch_all_ref $h)) (unreachable)))`, ""},
		{"try-table-catch-types", `(tag $e (param i64)) (func (result i32)
			(block $h (result i32) (try_table (catch $e $h)) (i32.const 0)))`, "type mismatch"},
		{"try-table-label-outside", `(func (try_table (catch_all 1)))`, "unknown label"},
		{"legacy-try", `(tag $e (param i32)) (func (result i32)
			(try (result i32) (do (i32.const 1)) (catch $e) (catch_all (i32.const 2))))`, ""},
		{"legacy-catch-extra", `(tag $e) (func (try (do) (catch $e (i32.const 42))))`,
			"type mismatch: block requires [] but stack has [i32]"},
		{"legacy-rethrow", `(tag $e) (func (try (do) (catch $e (rethrow 0))))`, ""},
		{"legacy-rethrow-nested", `(tag $e) (func (try (do) (catch_all (block (rethrow 1)))))`, ""},
		{"legacy-rethrow-not-catch", `(func (block (rethrow 0)))`, "invalid rethrow label"},
		{"legacy-delegate", `(func (block (try (do) (delegate 0))))`, ""},
		{"legacy-delegate-to-caller", `(func (try (do) (delegate 0)))`, ""},
		{"legacy-delegate-unknown", `(func (try (do) (delegate 1)))`, "unknown label"},
	})
}

func TestValidateConstExprs(t *testing.T) {
	runBodyCases(t, []bodyCase{
		{"extended", `(global i64 (i64.mul (i64.add (i64.const 1) (i64.const 2)) (i64.const 3)))`, ""},
		{"non-constant", `(global i32 (i32.clz (i32.const 1)))`, "constant expression required"},
		{"nop", `(global i32 (nop) (i32.const 1))`, "constant expression required"},
		{"result-type", `(global i32 (i64.const 1))`, "type mismatch"},
		{"empty", `(global i32)`, "type mismatch"},
		{"two-values", `(global i32 (i32.const 1) (i32.const 2))`, "type mismatch"},
		{"global-get-immutable", `(global $a i32 (i32.const 1)) (global i32 (global.get $a))`, ""},
		{"global-get-mutable", `(global $a (mut i32) (i32.const 1)) (global i32 (global.get $a))`,
			"constant expression required"},
		{"global-get-later", `(global i32 (global.get 1)) (global i32 (i32.const 1))`, "unknown global 1"},
		{"ref-func-declares", `(func $f) (global funcref (ref.func $f))`, ""},
		{"ref-func-unknown", `(global funcref (ref.func 3))`, "unknown function 3"},
		{"gc", `(type $s (struct (field i32) (field anyref))) (type $a (array i8))
			(global (ref $s) (struct.new $s (i32.const 1) (array.new_fixed $a 2 (i32.const 1) (i32.const 2))))`, ""},
		{"i31-extern", `(global externref (extern.convert_any (ref.i31 (i32.const 3))))`, ""},
		{"v128", `(global v128 (v128.const i32x4 1 2 3 4))`, ""},
		{"elem-item", `(table 1 funcref) (elem (table 0) (i32.const 0) funcref (ref.null func) (i32.const 0))`,
			"type mismatch"},
	})
}
