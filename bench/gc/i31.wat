;; i31: boxing small integers as i31ref. A table of 4096 anyref slots is
;; filled, slot by slot, with pseudo-random values: those that fit in 31
;; signed bits as i31 references (about 15 in 16), the others boxed in a
;; struct. Each step also reads another slot back, unboxing by br_on_cast
;; to i31 (i31.get_s) or to the box. run(n) returns the sum of the values
;; read, so every box and unbox is checked.
(module
  (type $box (struct (field i64)))
  (type $slots (array (mut anyref)))

  (func (export "run") (param $n i32) (result i64)
    (local $t (ref $slots)) (local $i i32) (local $x i32) (local $v i64) (local $sum i64)
    (local.set $t (array.new_default $slots (i32.const 4096)))
    (local.set $x (i32.const 0x2545f491))
    (loop $step
      ;; xorshift32
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 13))))
      (local.set $x (i32.xor (local.get $x) (i32.shr_u (local.get $x) (i32.const 17))))
      (local.set $x (i32.xor (local.get $x) (i32.shl (local.get $x) (i32.const 5))))
      (array.set $slots (local.get $t) (i32.and (local.get $i) (i32.const 4095))
        (if (result anyref) (i32.and (local.get $x) (i32.const 0xf0000000))
          (then (ref.i31 (i32.shr_s (local.get $x) (i32.const 4))))
          (else (struct.new $box (i64.mul (i64.extend_i32_u (local.get $x)) (i64.const 0x100000001))))))
      (local.set $v
        (block $done (result i64)
          (block $is_box (result (ref $box))
            (block $is_i31 (result (ref i31))
              (br_on_cast $is_i31 anyref (ref i31)
                (array.get $slots (local.get $t) (i32.and (i32.mul (local.get $i) (i32.const 7)) (i32.const 4095))))
              (br_on_cast $is_box anyref (ref $box))
              (drop)
              (br $done (i64.const 0)))
            (br $done (i64.extend_i32_s (i31.get_s))))
          (struct.get $box 0)))
      (local.set $sum (i64.add (i64.rotl (local.get $sum) (i64.const 1)) (local.get $v)))
      (br_if $step (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $sum)))
