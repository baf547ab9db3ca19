;; References live across allocations inside a loop must all be in the
;; stack map at every safepoint, each in a slot of its own, and be reloaded
;; after it (wasmtime 10397: block parameters missing from stack maps;
;; 13480: two live references sharing a spill slot across a loop). Under
;; GC stress every allocation moves every object, so a stale or shared
;; slot reads the wrong object or poison.
(module
  (type $box (struct (field $v i32) (field $next (ref null $box))))
  (func $box (param $v i32) (param $next (ref null $box)) (result (ref $box))
    (struct.new $box (local.get $v) (local.get $next)))
  (func $box2 (param $next (ref null $box)) (param $v i32) (result (ref $box))
    (struct.new $box (local.get $v) (local.get $next)))
  ;; Four chains built side by side, each link an allocation while the
  ;; other three heads are live, through a loop and a block parameter.
  (func (export "chains") (param $n i32) (result i32)
    (local $a (ref null $box)) (local $b (ref null $box))
    (local $c (ref null $box)) (local $d (ref null $box))
    (local $i i32) (local $sum i32)
    (loop $build
      (local.set $a (call $box (local.get $i) (local.get $a)))
      (local.set $b (struct.new $box (i32.mul (local.get $i) (i32.const 2)) (local.get $b)))
      (local.set $c (call $box (i32.mul (local.get $i) (i32.const 3)) (local.get $c)))
      ;; $d's chain goes through a block parameter.
      (local.set $d (local.get $d)
        (block $bp (param (ref null $box)) (result (ref null $box))
          (call $box2 (i32.mul (local.get $i) (i32.const 4)))))
      (br_if $build (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    ;; Every chain is intact: sum of (1+2+3+4) * (0 + 1 + ... + n-1).
    (loop $walk
      (local.set $sum (i32.add (local.get $sum)
        (i32.add (i32.add (struct.get $box $v (local.get $a)) (struct.get $box $v (local.get $b)))
                 (i32.add (struct.get $box $v (local.get $c)) (struct.get $box $v (local.get $d))))))
      (local.set $a (struct.get $box $next (local.get $a)))
      (local.set $b (struct.get $box $next (local.get $b)))
      (local.set $c (struct.get $box $next (local.get $c)))
      (local.set $d (struct.get $box $next (local.get $d)))
      (br_if $walk (i32.eqz (ref.is_null (local.get $a)))))
    (local.get $sum))
)
(assert_return (invoke "chains" (i32.const 1)) (i32.const 0))
(assert_return (invoke "chains" (i32.const 100)) (i32.const 49500))
(assert_return (invoke "chains" (i32.const 3000)) (i32.const 44985000))
