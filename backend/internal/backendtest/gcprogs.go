//go:build linux

package backendtest

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/sablewasm/sable/abi"
	"github.com/sablewasm/sable/compiler"
	"github.com/sablewasm/sable/gc"
	"github.com/sablewasm/sable/wasm"
)

// GCWAT exercise every GC instruction the back end lowers inline, and
// the runtime calls, in code that keeps references live across
// allocations: in locals, loop parameters, multi-value results and the
// operand stack.
const GCWAT = `(module
  (type $all (struct (field $a (mut i8)) (field $b (mut i16)) (field $c (mut i32)) (field $d (mut i64))
                     (field $e (mut f32)) (field $f (mut f64)) (field $g (mut anyref)) (field $h (mut funcref))))
  (type $node (struct (field $v i32) (field $next (ref null $node))))
  (type $i8s (array (mut i8)))
  (type $i16s (array (mut i16)))
  (type $i32s (array (mut i32)))
  (type $i64s (array (mut i64)))
  (type $f32s (array (mut f32)))
  (type $f64s (array (mut f64)))
  (type $refs (array (mut anyref)))
  (type $funcs (array (mut funcref)))
  (type $ii (func (param i32) (result i32)))
  (type $base (sub (struct (field i32))))
  (type $mid (sub $base (struct (field i32) (field i64))))
  (type $leaf (sub final $mid (struct (field i32) (field i64) (field f32))))
  (type $other (sub (struct (field i32))))
  (type $fbase (sub (func (param i32) (result i32))))
  (type $fsub (sub $fbase (func (param i32) (result i32))))
  (rec
    (type $d0 (sub (struct)))
    (type $d1 (sub $d0 (struct))) (type $d2 (sub $d1 (struct))) (type $d3 (sub $d2 (struct)))
    (type $d4 (sub $d3 (struct))) (type $d5 (sub $d4 (struct))) (type $d6 (sub $d5 (struct)))
    (type $d7 (sub $d6 (struct))) (type $d8 (sub $d7 (struct))) (type $d9 (sub $d8 (struct)))
    (type $d10 (sub $d9 (struct))) (type $d11 (sub $d10 (struct))) (type $d12 (sub $d11 (struct)))
    (type $d13 (sub $d12 (struct))) (type $d14 (sub $d13 (struct))) (type $d15 (sub $d14 (struct)))
    (type $d16 (sub $d15 (struct))) (type $d17 (sub $d16 (struct))))

  (table $ft 4 funcref)
  (elem (table $ft) (i32.const 0) func $dbl $inc)
  (elem $fe func $dbl $inc)
  (elem declare func $plain)
  (elem $re anyref (ref.i31 (i32.const 5)) (struct.new $base (i32.const 9)) (ref.null any))
  (data $bytes "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  (global $keep (mut anyref) (ref.null any))
  (global $const (ref $node) (struct.new $node (i32.const 100) (struct.new $node (i32.const 200) (ref.null $node))))

  (func $dbl (type $fsub) (i32.mul (local.get 0) (i32.const 2)))
  (func $inc (type $fbase) (i32.add (local.get 0) (i32.const 1)))
  (func $plain (type $ii) (local.get 0))

  ;; Struct fields of every storage, packed reads both ways.
  (func (export "struct-all") (param i32 i64 f32 f64) (result i32 i32 i32 i32 i64 f32 f64 i32)
    (local $s (ref $all))
    (local.set $s (struct.new $all (local.get 0) (local.get 0) (local.get 0) (local.get 1)
      (local.get 2) (local.get 3) (ref.i31 (local.get 0)) (ref.func $dbl)))
    (struct.get_s $all $a (local.get $s)) (struct.get_u $all $a (local.get $s))
    (struct.get_s $all $b (local.get $s)) (struct.get_u $all $b (local.get $s))
    (struct.get $all $d (local.get $s)) (struct.get $all $e (local.get $s)) (struct.get $all $f (local.get $s))
    (i31.get_s (ref.cast (ref i31) (struct.get $all $g (local.get $s)))))
  (func (export "struct-set") (param i32) (result i32)
    (local $s (ref $all))
    (local.set $s (struct.new_default $all))
    (struct.set $all $c (local.get $s) (local.get 0))
    (struct.set $all $a (local.get $s) (i32.const 0x1ff))
    (struct.set $all $h (local.get $s) (ref.func $inc))
    (i32.add (struct.get $all $c (local.get $s))
      (i32.add (struct.get_u $all $a (local.get $s))
        (call_ref $ii (i32.const 10) (ref.cast (ref $ii) (ref.func $plain))))))
  (func (export "struct-null") (param i32) (result i32)
    (struct.get $node $v (select (result (ref null $node)) (ref.null $node) (global.get $const) (local.get 0))))

  ;; A list built in a loop: the list head is a loop parameter live across
  ;; every allocation; the sum walks it after.
  (func $list (export "list") (param $n i32) (result (ref null $node))
    (local $head (ref null $node))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $head (struct.new $node (local.get $n) (local.get $head)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $head))
  (func $sum (export "sum") (param $p (ref null $node)) (result i32)
    (local $s i32)
    (block $done
      (loop $l
        (local.set $s (i32.add (local.get $s) (struct.get $node $v (br_on_null $done (local.get $p)))))
        (local.set $p (struct.get $node $next (local.get $p)))
        (br $l)))
    (local.get $s))
  (func (export "list-sum") (param i32) (result i32)
    (local $a (ref null $node))
    (local.set $a (call $list (local.get 0)))
    (drop (call $list (i32.const 50))) ;; garbage between
    (i32.add (call $sum (local.get $a)) (call $sum (global.get $const))))
  ;; References in multi-value results and on the operand stack across
  ;; allocations.
  (func $pair (param i32) (result (ref $node) i32 (ref $node))
    (struct.new $node (local.get 0) (ref.null $node))
    (i32.const 7)
    (struct.new $node (i32.add (local.get 0) (i32.const 1)) (ref.null $node)))
  (func (export "multi") (param i32) (result i32)
    (local $x (ref $node)) (local $k i32) (local $y (ref $node))
    (call $pair (local.get 0))
    (local.set $y) (local.set $k) (local.set $x)
    (drop (array.new_default $i32s (i32.const 100)))
    (struct.get $node $v (struct.new $node (i32.const 1000) (local.get $x)))
    (i32.add (struct.get $node $v (local.get $x)))
    (i32.add (struct.get $node $v (local.get $y)))
    (i32.add (local.get $k)))

;; Ten references: two travel in stack slots, as arguments and as
  ;; results; all are live across the allocations in between.
  (func $ten (param $a (ref $node)) (param $b (ref $node)) (param $c (ref $node)) (param $d (ref $node))
             (param $e (ref $node)) (param $f (ref $node)) (param $g (ref $node)) (param $h (ref $node))
             (param $i (ref $node)) (param $j (ref $node))
             (result (ref $node) (ref $node) (ref $node) (ref $node) (ref $node)
                     (ref $node) (ref $node) (ref $node) (ref $node) (ref $node))
    (drop (struct.new_default $all))
    (local.get $j) (local.get $i) (local.get $h) (local.get $g) (local.get $f)
    (local.get $e) (local.get $d) (local.get $c) (local.get $b) (struct.new $node (i32.const 1000) (local.get $a)))
  (func $n (param i32) (result (ref $node)) (struct.new $node (local.get 0) (ref.null $node)))
  (func (export "ten") (param i32) (result i32)
    (local $r0 (ref null $node)) (local $r1 (ref null $node)) (local $r8 (ref null $node)) (local $r9 (ref null $node))
    (call $ten (call $n (i32.const 1)) (call $n (i32.const 2)) (call $n (i32.const 3)) (call $n (i32.const 4))
      (call $n (i32.const 5)) (call $n (i32.const 6)) (call $n (i32.const 7)) (call $n (i32.const 8))
      (call $n (i32.const 9)) (call $n (local.get 0)))
    (local.set $r9) (local.set $r8) (drop) (drop) (drop) (drop) (drop) (drop) (local.set $r1) (local.set $r0)
    (drop (array.new_default $refs (i32.const 10)))
    (i32.add (i32.add (struct.get $node $v (local.get $r0)) (i32.mul (i32.const 10) (struct.get $node $v (local.get $r1))))
      (i32.add (i32.mul (i32.const 100) (struct.get $node $v (local.get $r8)))
        (i32.mul (i32.const 1000) (struct.get $node $v (struct.get $node $next (local.get $r9)))))))
  ;; Three references rotating through loop parameters, one allocation
  ;; per iteration: two of them are live across it at once.
  (func (export "rotate") (param $k i32) (result i32)
    (local $p (ref null $node)) (local $q (ref null $node)) (local $r (ref null $node))
    (local.set $p (struct.new $node (i32.const 1) (ref.null $node)))
    (local.set $q (struct.new $node (i32.const 2) (ref.null $node)))
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $k)))
        (local.set $r (struct.new $node (local.get $k) (local.get $p)))
        (local.set $p (local.get $q))
        (local.set $q (local.get $r))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $l)))
    (i32.add (call $sum (local.get $p)) (i32.mul (i32.const 3) (call $sum (local.get $q)))))

  ;; Arrays of every element storage.
  (func (export "arr-i8") (param i32 i32) (result i32 i32 i32)
    (local $a (ref $i8s))
    (local.set $a (array.new $i8s (local.get 1) (local.get 0)))
    (array.set $i8s (local.get $a) (i32.const 0) (i32.const 0x80))
    (array.len (local.get $a))
    (array.get_s $i8s (local.get $a) (i32.const 0))
    (array.get_u $i8s (local.get $a) (i32.sub (local.get 0) (i32.const 1))))
  (func (export "arr-i16") (param i32 i32) (result i32 i32)
    (local $a (ref $i16s))
    (local.set $a (array.new $i16s (local.get 1) (local.get 0)))
    (array.get_s $i16s (local.get $a) (i32.const 0))
    (array.get_u $i16s (local.get $a) (i32.sub (local.get 0) (i32.const 1))))
  (func (export "arr-i64") (param i32 i64) (result i64 i32)
    (local $a (ref $i64s))
    (local.set $a (array.new $i64s (local.get 1) (local.get 0)))
    (array.set $i64s (local.get $a) (i32.const 1) (i64.const -1))
    (i64.add (array.get $i64s (local.get $a) (i32.const 1)) (array.get $i64s (local.get $a) (i32.const 0)))
    (array.len (local.get $a)))
  (func (export "arr-f32") (param i32 f32) (result f32)
    (local $a (ref $f32s))
    (local.set $a (array.new $f32s (local.get 1) (local.get 0)))
    (f32.add (array.get $f32s (local.get $a) (i32.const 0))
      (array.get $f32s (local.get $a) (i32.sub (local.get 0) (i32.const 1)))))
  (func (export "arr-f64") (param i32) (result f64)
    (local $a (ref $f64s))
    (local.set $a (array.new_fixed $f64s 3 (f64.const 1.5) (f64.const 0) (f64.const -2.25)))
    (f64.add (array.get $f64s (local.get $a) (local.get 0)) (array.get $f64s (local.get $a) (i32.const 2))))
  (func (export "arr-refs") (param i32) (result i32)
    (local $a (ref $refs))
    (local.set $a (array.new $refs (ref.i31 (i32.const -3)) (local.get 0)))
    (array.set $refs (local.get $a) (i32.const 0) (struct.new $base (i32.const 11)))
    (drop (array.new_default $refs (i32.const 1000)))
    (i32.add (struct.get $base 0 (ref.cast (ref $base) (array.get $refs (local.get $a) (i32.const 0))))
      (i31.get_s (ref.cast (ref i31) (array.get $refs (local.get $a) (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "arr-funcs") (param i32) (result i32)
    (local $a (ref $funcs))
    (local.set $a (array.new_fixed $funcs 2 (ref.func $dbl) (ref.func $inc)))
    (call_ref $fbase (i32.const 20) (ref.cast (ref $fbase) (array.get $funcs (local.get $a) (local.get 0)))))
  (func (export "arr-new-len") (param i32) (result i32)
    (array.len (array.new_default $i64s (local.get 0))))
  (func (export "arr-const-len") (result i32)
    (array.len (array.new $i16s (i32.const 3) (i32.const 4000))))
  (func (export "arr-oob") (param i32) (result i32)
    (array.get $i32s (array.new_default $i32s (i32.const 3)) (local.get 0)))
  (func (export "arr-null") (param i32) (result i32)
    (array.len (select (result (ref null $i32s)) (ref.null $i32s) (array.new_default $i32s (i32.const 2)) (local.get 0))))

  ;; The runtime calls.
  (func (export "bulk") (param i32 i32 i32) (result i32)
    (local $a (ref $i8s)) (local $b (ref $i8s)) (local $r (ref $refs)) (local $f (ref $funcs))
    (local.set $a (array.new_data $i8s $bytes (i32.const 2) (i32.const 8)))
    (local.set $b (array.new_default $i8s (i32.const 8)))
    (array.copy $i8s $i8s (local.get $b) (i32.const 0) (local.get $a) (i32.const 0) (i32.const 8))
    (array.copy $i8s $i8s (local.get $b) (local.get 0) (local.get $b) (local.get 1) (local.get 2)) ;; overlapping
    (array.fill $i8s (local.get $a) (i32.const 6) (i32.const 0x55) (i32.const 2))
    (array.init_data $i8s $bytes (local.get $a) (i32.const 0) (i32.const 14) (i32.const 2))
    (local.set $r (array.new_elem $refs $re (i32.const 0) (i32.const 3)))
    (local.set $f (array.new_elem $funcs $fe (i32.const 0) (i32.const 2)))
    (array.init_elem $funcs $fe (local.get $f) (i32.const 0) (i32.const 1) (i32.const 1))
    (i32.add (i32.add (array.get_u $i8s (local.get $b) (i32.const 3)) (i32.mul (i32.const 256) (array.get_u $i8s (local.get $a) (i32.const 1))))
      (i32.add (i32.mul (i32.const 65536) (array.get_u $i8s (local.get $a) (i32.const 6)))
        (i32.add (struct.get $base 0 (ref.cast (ref $base) (array.get $refs (local.get $r) (i32.const 1))))
          (call_ref $fbase (i32.const 100) (ref.cast (ref $fbase) (array.get $funcs (local.get $f) (i32.const 0))))))))

  ;; array.fill of every element type: the value crosses to Go in Scratch
  ;; from a GP or a float register. Returns the filled element's bits and
  ;; its untouched neighbour's.
  (func (export "fill-i16") (param i32) (result i32 i32)
    (local $a (ref $i16s)) (local.set $a (array.new_default $i16s (i32.const 4)))
    (array.fill $i16s (local.get $a) (i32.const 1) (local.get 0) (i32.const 2))
    (array.get_u $i16s (local.get $a) (i32.const 2)) (array.get_u $i16s (local.get $a) (i32.const 3)))
  (func (export "fill-i32") (param i32) (result i32 i32)
    (local $a (ref $i32s)) (local.set $a (array.new_default $i32s (i32.const 4)))
    (array.fill $i32s (local.get $a) (i32.const 1) (local.get 0) (i32.const 2))
    (array.get $i32s (local.get $a) (i32.const 2)) (array.get $i32s (local.get $a) (i32.const 3)))
  (func (export "fill-i64") (param i64) (result i64 i64)
    (local $a (ref $i64s)) (local.set $a (array.new_default $i64s (i32.const 4)))
    (array.fill $i64s (local.get $a) (i32.const 1) (local.get 0) (i32.const 2))
    (array.get $i64s (local.get $a) (i32.const 2)) (array.get $i64s (local.get $a) (i32.const 3)))
  (func (export "fill-f32") (param f32) (result f32 f32)
    (local $a (ref $f32s)) (local.set $a (array.new_default $f32s (i32.const 4)))
    (array.fill $f32s (local.get $a) (i32.const 1) (local.get 0) (i32.const 2))
    (array.get $f32s (local.get $a) (i32.const 2)) (array.get $f32s (local.get $a) (i32.const 3)))
  (func (export "fill-f64") (param f64) (result f64 f64)
    (local $a (ref $f64s)) (local.set $a (array.new_default $f64s (i32.const 4)))
    (array.fill $f64s (local.get $a) (i32.const 1) (local.get 0) (i32.const 2))
    (array.get $f64s (local.get $a) (i32.const 2)) (array.get $f64s (local.get $a) (i32.const 3)))
  (func (export "fill-refs") (result i32 i32)
    (local $a (ref $refs)) (local.set $a (array.new_default $refs (i32.const 4)))
    (array.fill $refs (local.get $a) (i32.const 1) (struct.new $base (i32.const 77)) (i32.const 2))
    (struct.get $base 0 (ref.cast (ref $base) (array.get $refs (local.get $a) (i32.const 2))))
    (ref.is_null (array.get $refs (local.get $a) (i32.const 3))))

  ;; i31.
  (func (export "i31") (param i32) (result i32 i32 i32)
    (ref.eq (ref.i31 (local.get 0)) (ref.i31 (i32.and (local.get 0) (i32.const 0x7fffffff))))
    (i31.get_s (ref.i31 (local.get 0)))
    (i31.get_u (ref.i31 (local.get 0))))
  (func (export "i31-null") (result i32) (i31.get_u (ref.null i31)))

  ;; Casts: which operand comes from the selector.
  ;; 0: null, 1 and 2: i31s (2 has bit 1 set), 3: an i31 through extern, then objects.
  (func $val (param $k i32) (result anyref)
    (if (i32.eq (local.get $k) (i32.const 1)) (then (return (ref.i31 (i32.const 1)))))
    (if (i32.eq (local.get $k) (i32.const 2)) (then (return (ref.i31 (i32.const 2)))))
    (if (i32.eq (local.get $k) (i32.const 3)) (then (return (any.convert_extern (extern.convert_any (ref.i31 (i32.const 3)))))))
    (if (i32.eq (local.get $k) (i32.const 4)) (then (return (struct.new $base (i32.const 1)))))
    (if (i32.eq (local.get $k) (i32.const 5)) (then (return (struct.new $mid (i32.const 1) (i64.const 2)))))
    (if (i32.eq (local.get $k) (i32.const 6)) (then (return (struct.new $leaf (i32.const 1) (i64.const 2) (f32.const 3)))))
    (if (i32.eq (local.get $k) (i32.const 7)) (then (return (struct.new $other (i32.const 1)))))
    (if (i32.eq (local.get $k) (i32.const 8)) (then (return (array.new_default $i32s (i32.const 1)))))
    (if (i32.eq (local.get $k) (i32.const 9)) (then (return (struct.new_default $d17))))
    (if (i32.eq (local.get $k) (i32.const 10)) (then (return (struct.new_default $d13))))
    (if (i32.eq (local.get $k) (i32.const 11)) (then (return (struct.new_default $d14))))
    (if (i32.eq (local.get $k) (i32.const 12)) (then (return (struct.new_default $d16))))
    (ref.null any))
  (func $host (param externref) (result anyref) (any.convert_extern (local.get 0)))
  (func (export "test") (param i32 externref) (result i32)
    (local $v anyref)
    (local.set $v (if (result anyref) (i32.eq (local.get 0) (i32.const 99))
      (then (call $host (local.get 1))) (else (call $val (local.get 0)))))
    (i32.or (i32.shl (ref.test (ref any) (local.get $v)) (i32.const 0))
    (i32.or (i32.shl (ref.test (ref null any) (local.get $v)) (i32.const 1))
    (i32.or (i32.shl (ref.test (ref eq) (local.get $v)) (i32.const 2))
    (i32.or (i32.shl (ref.test (ref null eq) (local.get $v)) (i32.const 3))
    (i32.or (i32.shl (ref.test (ref i31) (local.get $v)) (i32.const 4))
    (i32.or (i32.shl (ref.test (ref struct) (local.get $v)) (i32.const 5))
    (i32.or (i32.shl (ref.test (ref array) (local.get $v)) (i32.const 6))
    (i32.or (i32.shl (ref.test (ref none) (local.get $v)) (i32.const 7))
    (i32.or (i32.shl (ref.test (ref null none) (local.get $v)) (i32.const 8))
    (i32.or (i32.shl (ref.test (ref $base) (local.get $v)) (i32.const 9))
    (i32.or (i32.shl (ref.test (ref $mid) (local.get $v)) (i32.const 10))
    (i32.or (i32.shl (ref.test (ref $leaf) (local.get $v)) (i32.const 11))
    (i32.or (i32.shl (ref.test (ref null $leaf) (local.get $v)) (i32.const 12))
    (i32.or (i32.shl (ref.test (ref $other) (local.get $v)) (i32.const 13))
    (i32.or (i32.shl (ref.test (ref $i32s) (local.get $v)) (i32.const 14))
    (i32.or (i32.shl (ref.test (ref $d0) (local.get $v)) (i32.const 15))
    (i32.or (i32.shl (ref.test (ref $d13) (local.get $v)) (i32.const 16))
    (i32.or (i32.shl (ref.test (ref $d14) (local.get $v)) (i32.const 17))
    (i32.or (i32.shl (ref.test (ref $d16) (local.get $v)) (i32.const 18))
    (i32.or (i32.shl (ref.test (ref null $d17) (local.get $v)) (i32.const 19))
    (i32.or (i32.shl (ref.test (ref null struct) (local.get $v)) (i32.const 20))
      (i32.shl (ref.test (ref null i31) (local.get $v)) (i32.const 21))))))))))))))))))))))))
  (func (export "cast") (param i32) (result i32)
    (struct.get $base 0 (ref.cast (ref $base) (call $val (local.get 0)))))
  (func (export "cast-null") (param i32) (result i32)
    (ref.is_null (ref.cast (ref null $mid) (call $val (local.get 0)))))
  (func (export "cast-deep") (param i32) (result i32)
    (ref.is_null (ref.cast (ref null $d15) (call $val (local.get 0)))))
  (func (export "br-on-cast") (param i32) (result i32)
    (block $yes (result (ref $mid))
      (drop (br_on_cast $yes anyref (ref $mid) (call $val (local.get 0))))
      (return (i32.const -1)))
    (struct.get $mid 0))
  (func (export "br-on-cast-null") (param i32) (result i32)
    (block $yes (result (ref null eq))
      (drop (br_on_cast $yes anyref (ref null eq) (call $val (local.get 0))))
      (return (i32.const -1)))
    (ref.is_null))
  (func (export "br-on-cast-fail") (param i32) (result i32)
    (block $no (result anyref)
      (return (struct.get $base 0 (br_on_cast_fail $no anyref (ref $base) (call $val (local.get 0))))))
    (ref.is_null))
  (func (export "br-on-cast-fail-null") (param i32) (result i32)
    (block $no (result anyref)
      (return (ref.is_null (br_on_cast_fail $no anyref (ref null i31) (call $val (local.get 0))))))
    (drop) (i32.const -1))
  (func (export "func-cast") (param i32) (result i32)
    (local $f funcref)
    (local.set $f (table.get $ft (local.get 0)))
    (i32.or (ref.test (ref $fbase) (local.get $f))
      (i32.or (i32.shl (ref.test (ref $fsub) (local.get $f)) (i32.const 1))
        (i32.or (i32.shl (ref.test (ref null nofunc) (local.get $f)) (i32.const 2))
          (i32.shl (ref.test (ref func) (local.get $f)) (i32.const 3))))))
  (func (export "call-indirect") (param i32) (result i32)
    (call_indirect $ft (type $fbase) (i32.const 5) (local.get 0)))
  (func (export "call-indirect-sub") (param i32) (result i32)
    (call_indirect $ft (type $fsub) (i32.const 5) (local.get 0)))
  (func (export "too-large") (param i32) (result i32)
    (array.len (array.new $refs (struct.new_default $d0) (local.get 0))))
  (func (export "keep") (param i32)
    (global.set $keep (array.new $i32s (local.get 0) (i32.const 4))))
  (func (export "kept") (result i32)
    (array.get $i32s (ref.cast (ref $i32s) (global.get $keep)) (i32.const 3)))
)`

// gcCases are the calls GCPrograms makes, each compared with the
// evaluator: results (scalars; references through deepEqual) and traps.
var gcCases = []struct {
	name string
	args []uint64
}{
	{"struct-all", []uint64{0xffff8081, math.MaxUint64 - 5, uint64(math.Float32bits(-1.5)), math.Float64bits(2.25)}},
	{"struct-all", []uint64{0x7f7f, 1, 0, 0}},
	{"struct-set", []uint64{41}}, {"struct-null", []uint64{0}}, {"struct-null", []uint64{1}},
	{"list", []uint64{0}}, {"list", []uint64{3}}, {"sum", []uint64{0}},
	{"list-sum", []uint64{0}}, {"list-sum", []uint64{1}}, {"list-sum", []uint64{300}},
	{"multi", []uint64{5}}, {"ten", []uint64{10}}, {"rotate", []uint64{0}}, {"rotate", []uint64{1}}, {"rotate", []uint64{77}},
	{"arr-i8", []uint64{1, 0xfe}}, {"arr-i8", []uint64{100, 0x17f}}, {"arr-i8", []uint64{0, 1}},
	{"arr-i16", []uint64{3, 0x8001}}, {"arr-i16", []uint64{1, 0xffff7fff}},
	{"arr-i64", []uint64{2, 1 << 40}}, {"arr-i64", []uint64{1, 5}},
	{"arr-f32", []uint64{2, uint64(math.Float32bits(0.5))}},
	{"arr-f64", []uint64{0}}, {"arr-f64", []uint64{1}}, {"arr-f64", []uint64{3}},
	{"arr-refs", []uint64{1}}, {"arr-refs", []uint64{4}},
	{"arr-funcs", []uint64{0}}, {"arr-funcs", []uint64{1}}, {"arr-funcs", []uint64{2}},
	{"arr-new-len", []uint64{0}}, {"arr-new-len", []uint64{1}}, {"arr-new-len", []uint64{70000}},
	{"arr-new-len", []uint64{uint64(abi.LayoutArray(abi.StorageI64).MaxLen) + 1}}, {"arr-new-len", []uint64{0xffffffff}},
	{"arr-const-len", nil}, {"arr-oob", []uint64{2}}, {"arr-oob", []uint64{3}}, {"arr-oob", []uint64{0xffffffff}},
	{"arr-null", []uint64{0}}, {"arr-null", []uint64{1}},
	{"bulk", []uint64{1, 0, 7}}, {"bulk", []uint64{0, 1, 7}}, {"bulk", []uint64{2, 2, 6}}, {"bulk", []uint64{1, 0, 8}},
	{"fill-i16", []uint64{0xfffe8001}}, {"fill-i32", []uint64{0x80000001}}, {"fill-i64", []uint64{1<<63 | 5}},
	{"fill-f32", []uint64{uint64(math.Float32bits(-1.5))}}, {"fill-f32", []uint64{0x7fc00001}},
	{"fill-f64", []uint64{math.Float64bits(2)}}, {"fill-f64", []uint64{0xfff8000000000001}}, {"fill-refs", nil},
	{"i31", []uint64{0}}, {"i31", []uint64{0x3fffffff}}, {"i31", []uint64{0x40000000}}, {"i31", []uint64{0xffffffff}},
	{"i31", []uint64{0x80000001}}, {"i31-null", nil},
	{"cast-null", []uint64{0}}, {"cast-null", []uint64{5}}, {"cast-null", []uint64{6}}, {"cast-null", []uint64{4}},
	{"too-large", []uint64{0}}, {"too-large", []uint64{3}}, {"too-large", []uint64{536870911}},
	{"too-large", []uint64{1<<31 - 1}}, {"too-large", []uint64{0xffffffff}},
	{"keep", []uint64{9}}, {"kept", nil},
}

func init() {
	for k := range uint64(14) {
		for _, f := range []string{"test", "cast", "cast-deep", "br-on-cast", "br-on-cast-null", "br-on-cast-fail", "br-on-cast-fail-null"} {
			gcCases = append(gcCases, struct {
				name string
				args []uint64
			}{f, []uint64{k, hostRef(3)}[:1+boolInt(f == "test")]})
		}
	}
	gcCases = append(gcCases, struct {
		name string
		args []uint64
	}{"test", []uint64{99, hostRef(7)}})
	for k := range uint64(5) {
		for _, f := range []string{"func-cast", "call-indirect", "call-indirect-sub"} {
			gcCases = append(gcCases, struct {
				name string
				args []uint64
			}{f, []uint64{k}})
		}
	}
}

func boolInt(x bool) int {
	if x {
		return 1
	}
	return 0
}

// GCPrograms runs GCWAT natively, on a normal heap and on a stress heap
// that collects at every allocation, and compares every result with the
// evaluator.
func GCPrograms(t *testing.T, b Backend) {
	for _, stress := range []bool{false, true} {
		t.Run(fmt.Sprintf("stress=%v", stress), func(t *testing.T) {
			mc, ev := gcMachine(t, b, GCWAT, stress)
			for _, c := range gcCases {
				compareGC(t, mc, ev, c.name, c.args)
			}
			if s := mc.St.Heap.Stats(); stress && s.Collections < 100 {
				t.Errorf("stress heap collected only %d times", s.Collections)
			}
		})
	}
}

// gcMachine compiles src in a store whose heap collects at every
// allocation if stress, and builds the evaluator of the same IR.
func gcMachine(t *testing.T, b Backend, src string, stress bool) (*Machine, *compiler.Instance) {
	t.Helper()
	m, err := ParseValidate([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	st, err := NewStore(t, 1<<20, gc.Config{Stress: stress, Poison: stress})
	if err != nil {
		t.Fatal(err)
	}
	mc, err := NewStoreMachine(t, b, st, m, noImports)
	if err != nil {
		t.Fatal(err)
	}
	return mc, Evaluator(t, mc.MI)
}

// compareGC calls export name natively and in the evaluator and reports
// any difference.
func compareGC(t *testing.T, mc *Machine, ev *compiler.Instance, name string, args []uint64) {
	t.Helper()
	idx, ok := Export(mc.MI.Module, name)
	if !ok {
		t.Fatalf("no export %s", name)
	}
	got, gerr := mc.Call(idx, args)
	want, werr := ev.Call(idx, args)
	if TrapOf(gerr) != TrapOf(werr) || (gerr == nil) != (werr == nil) {
		t.Errorf("%s%v: native (%v, %v), evaluator (%v, %v)", name, args, got, gerr, want, werr)
		return
	}
	ft := mc.MI.FuncType(mc.MI.FuncTypes[idx])
	for i := range want {
		if err := mc.deepEqual(ev, ft.Results[i], got[i], want[i]); err != nil {
			t.Errorf("%s%v: result %d: %v", name, args, i, err)
		}
	}
}

// deepEqual compares a native value of type t with the evaluator's:
// scalars bit for bit, references by what they refer to (funcrefs by
// function, objects by type, length and contents, recursively).
func (mc *Machine) deepEqual(ev *compiler.Instance, t wasm.ValType, got, want uint64) error {
	seen := map[[2]uint64]bool{}
	var eq func(t wasm.ValType, got, want uint64) error
	eq = func(t wasm.ValType, got, want uint64) error {
		switch {
		case t.Kind != wasm.Ref:
			if got != want {
				return fmt.Errorf("%#x, want %#x", got, want)
			}
			return nil
		case mc.MI.IRType(t) == compiler.TypeFuncRef:
			if (got == 0) != (want == 0) || (want != 0 && got != mc.Inst.FuncRef(uint32(want-1))) {
				return fmt.Errorf("funcref %#x, want function %d", got, int64(want)-1)
			}
			return nil
		case !abi.IsObjectRef(want):
			if got != want {
				return fmt.Errorf("reference %#x, want %#x", got, want)
			}
			return nil
		}
		if seen[[2]uint64{got, want}] {
			return nil
		}
		seen[[2]uint64{got, want}] = true
		id, l, b, err := mc.St.Object(got)
		if err != nil {
			return err
		}
		kind, wid := ev.Heap.ObjectKind(want)
		if id != uint32(wid) || l.Kind != kind {
			return fmt.Errorf("object of type %d, want %d", id, wid)
		}
		wb := ev.Heap.Bytes[want : want+uint64(len(b))]
		if kind == abi.KindArray && !bytes.Equal(b[:abi.ArrayLenOffset+4], wb[:abi.ArrayLenOffset+4]) {
			return fmt.Errorf("array header % x, want % x", b[:12], wb[:12])
		}
		// Compare field by field: references recursively, the rest as bytes.
		type field struct {
			off uint32
			s   abi.Storage
		}
		var fields []field
		if kind == abi.KindStruct {
			for i, s := range l.Fields {
				fields = append(fields, field{l.Struct.Offsets[i], s})
			}
		} else {
			for i := range le32(b[abi.ArrayLenOffset:]) {
				fields = append(fields, field{l.Array.ElemOffset + i*l.Array.ElemSize, l.Array.Elem})
			}
		}
		for _, f := range fields {
			g, w := b[f.off:f.off+f.s.Size()], wb[f.off:f.off+f.s.Size()]
			var err error
			switch f.s {
			case abi.StorageGCRef:
				err = eq(wasm.RefType(true, wasm.HeapAny), uint64(le32(g)), uint64(le32(w)))
			case abi.StorageFuncRef:
				err = eq(wasm.TypeFuncRef, le64(g), le64(w))
			default:
				if !bytes.Equal(g, w) {
					err = fmt.Errorf("% x, want % x", g, w)
				}
			}
			if err != nil {
				return fmt.Errorf("field at %d: %w", f.off, err)
			}
		}
		return nil
	}
	return eq(t, got, want)
}

func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
func le64(b []byte) uint64 { return uint64(le32(b)) | uint64(le32(b[4:]))<<32 }
