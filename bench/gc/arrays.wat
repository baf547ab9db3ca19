;; arrays: GC arrays of f64 and i8 with the bulk instructions. An f64
;; array is smoothed by a three-point stencil into a second array, which
;; array.copy copies back, with array.fill resetting a window each pass;
;; a byte array is filled in runs and shifted with overlapping array.copy
;; (memmove semantics), then sampled with array.get_u. run(n) returns the
;; bits of the f64 sum mixed with the byte checksum.
(module
  (type $f64s (array (mut f64)))
  (type $bytes (array (mut i8)))

  (func $stencil (param $n i32) (result f64)
    (local $a (ref $f64s)) (local $b (ref $f64s)) (local $len i32)
    (local $r i32) (local $i i32) (local $s f64)
    (local.set $len (i32.const 4096))
    (local.set $a (array.new $f64s (f64.const 1) (local.get $len)))
    (local.set $b (array.new_default $f64s (local.get $len)))
    (loop $pass
      ;; a window of the input is reset each pass
      (array.fill $f64s (local.get $a)
        (i32.and (i32.mul (local.get $r) (i32.const 97)) (i32.const 4031))
        (f64.convert_i32_u (i32.and (local.get $r) (i32.const 15)))
        (i32.const 64))
      (local.set $i (i32.const 1))
      (loop $cell
        (array.set $f64s (local.get $b) (local.get $i)
          (f64.mul (f64.const 0.25)
            (f64.add
              (f64.add (array.get $f64s (local.get $a) (i32.sub (local.get $i) (i32.const 1)))
                       (array.get $f64s (local.get $a) (i32.add (local.get $i) (i32.const 1))))
              (f64.mul (f64.const 2) (array.get $f64s (local.get $a) (local.get $i))))))
        (br_if $cell (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                               (i32.sub (local.get $len) (i32.const 1)))))
      (array.copy $f64s $f64s (local.get $a) (i32.const 1) (local.get $b) (i32.const 1)
        (i32.sub (local.get $len) (i32.const 2)))
      (br_if $pass (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $n))))
    (local.set $i (i32.const 0))
    (loop $sum
      (local.set $s (f64.add (local.get $s) (array.get $f64s (local.get $a) (local.get $i))))
      (br_if $sum (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $len))))
    (local.get $s))

  (func $bytes (param $n i32) (result i64)
    (local $buf (ref $bytes)) (local $r i32) (local $i i32) (local $h i64) (local $len i32)
    (local.set $len (i32.const 65536))
    (local.set $buf (array.new_default $bytes (local.get $len)))
    (loop $pass
      ;; runs of one byte value
      (local.set $i (i32.const 0))
      (loop $run
        (array.fill $bytes (local.get $buf) (local.get $i)
          (i32.add (local.get $r) (local.get $i)) (i32.const 61))
        (br_if $run (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 64)))
                              (i32.sub (local.get $len) (i32.const 64)))))
      ;; overlapping copies, both directions
      (array.copy $bytes $bytes (local.get $buf) (i32.const 3) (local.get $buf) (i32.const 0) (i32.const 32768))
      (array.copy $bytes $bytes (local.get $buf) (i32.const 1000) (local.get $buf) (i32.const 1005) (i32.const 30000))
      ;; sample
      (local.set $i (local.get $r))
      (loop $sample
        (local.set $h (i64.add (i64.mul (local.get $h) (i64.const 131))
          (i64.extend_i32_u (array.get_u $bytes (local.get $buf) (i32.and (local.get $i) (i32.const 65535))))))
        (br_if $sample (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 7)))
                                 (i32.add (local.get $r) (i32.const 20000)))))
      (br_if $pass (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $n))))
    (local.get $h))

  (func (export "run") (param $n i32) (result i64)
    (i64.xor (i64.reinterpret_f64 (call $stencil (local.get $n)))
             (call $bytes (local.get $n)))))
