;; sieve: sieve of Eratosthenes over one byte per number in linear memory.
;; Memory-bound: sieve(n) clears n bytes, then marks composites with
;; strided byte stores, then returns the number of primes below n.
;; 153 pages (10,027,008 bytes) hold the flags for n <= 10,000,000;
;; sieve(10000000) = 664579. n larger than memory traps (out of bounds).
(module
  (memory (export "memory") 153 153)
  (func (export "sieve") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $count i32)
    ;; clear flags[0..n)
    (local.set $i (i32.const 0))
    (block $cleared
      (loop $clear
        (br_if $cleared (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (local.get $i) (i32.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $clear)))
    ;; for i in [2, n): if !flags[i] { count++; for j = i*i; j < n; j += i { flags[j] = 1 } }
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            ;; i*i < n, written without overflow as i <= (n-1)/i
            (if (i32.le_u (local.get $i)
                          (i32.div_u (i32.sub (local.get $n) (i32.const 1)) (local.get $i)))
              (then
                (local.set $j (i32.mul (local.get $i) (local.get $i)))
                (block $marked
                  (loop $mark
                    (br_if $marked (i32.ge_u (local.get $j) (local.get $n)))
                    (i32.store8 (local.get $j) (i32.const 1))
                    (local.set $j (i32.add (local.get $j) (local.get $i)))
                    (br $mark)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.get $count)))
