;; spin: a long-running pure loop for the sibling benchmark. spin(n) runs n
;; rounds of xorshift64 (a serial dependency chain: no calls, no memory)
;; and returns the final state, so the loop cannot be optimized away and
;; the result is a checksum both engines must agree on.
(module
  (func (export "spin") (param $n i64) (result i64)
    (local $x i64) (local $i i64)
    (local.set $x (i64.const 88172645463325252))
    (block $done
      (loop $top
        (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 13))))
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 7))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 17))))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $top)))
    (local.get $x)))
