;; live_heap: allocation beside a large live heap, so that the collector
;; has to trace (or copy) a big set of survivors, not just sweep away
;; young garbage. A table of 131072 slots holds chains of two objects,
;; each with a 16-element i32 array (about 25 MiB live). Every step
;; allocates such an object; most die at once (short-lived temporaries),
;; every eighth replaces a pseudo-random slot, so old objects die and new
;; ones survive at a steady rate. run(n) returns a checksum over the
;; values read from the temporaries and a final walk of the table.
(module
  (type $data (array (mut i32)))
  (type $obj (struct (field $next (mut (ref null $obj))) (field $data (ref $data)) (field $k i32)))
  (type $table (array (mut (ref null $obj))))

  (func $new (param $k i32) (param $next (ref null $obj)) (result (ref $obj))
    (local $d (ref $data))
    (local.set $d (array.new $data (local.get $k) (i32.const 16)))
    (array.set $data (local.get $d) (i32.and (local.get $k) (i32.const 15)) (i32.xor (local.get $k) (i32.const 0x5a5a)))
    (struct.new $obj (local.get $next) (local.get $d) (local.get $k)))

  (func $val (param $o (ref null $obj)) (result i64)
    (i64.extend_i32_u
      (i32.add (struct.get $obj $k (local.get $o))
               (array.get $data (struct.get $obj $data (local.get $o))
                 (i32.and (struct.get $obj $k (local.get $o)) (i32.const 15))))))

  (func (export "run") (param $n i32) (result i64)
    (local $t (ref $table)) (local $i i32) (local $x i32) (local $o (ref null $obj))
    (local $h i64) (local $slots i32)
    (local.set $slots (i32.const 131072))
    (local.set $t (array.new_default $table (local.get $slots)))
    (loop $fill
      (array.set $table (local.get $t) (local.get $i)
        (call $new (local.get $i) (call $new (i32.add (local.get $i) (i32.const 1)) (ref.null $obj))))
      (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $slots))))
    (local.set $x (i32.const 12345))
    (local.set $i (i32.const 0))
    (loop $step
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (local.set $o (call $new (local.get $x) (ref.null $obj)))
      (local.set $h (i64.add (local.get $h) (call $val (local.get $o))))
      (if (i32.eqz (i32.and (local.get $i) (i32.const 7)))
        (then
          ;; the new object and a second one survive in a random slot;
          ;; the old chain there becomes garbage
          (struct.set $obj $next (local.get $o) (call $new (local.get $i) (ref.null $obj)))
          (array.set $table (local.get $t) (i32.and (local.get $x) (i32.const 131071)) (local.get $o))))
      (br_if $step (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.set $i (i32.const 0))
    (loop $walk
      (local.set $o (array.get $table (local.get $t) (local.get $i)))
      (local.set $h (i64.add (i64.rotl (local.get $h) (i64.const 3))
        (i64.add (call $val (local.get $o)) (call $val (struct.get $obj $next (local.get $o))))))
      (br_if $walk (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $slots))))
    (local.get $h)))
