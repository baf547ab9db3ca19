;; fib: naive doubly recursive Fibonacci on i32. Call-heavy: every call is
;; a compare, a branch and two recursive calls. fib(30) = 832040 takes
;; 1,664,079 calls.
(module
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
