;; binary_trees: the benchmarks-game workload on Wasm GC structs. For each
;; depth d = 4, 6, ..., n it builds 2^(n-d+4) complete trees of depth d,
;; walks each to count its nodes and drops it: many short-lived objects,
;; plus one long-lived tree of depth n kept across the whole run.
;; run(n) returns the total of the node counts (and the long-lived one's).
(module
  (type $node (struct (field $left (ref null $node)) (field $right (ref null $node))))

  (func $make (param $d i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $d))
      (then (struct.new $node (ref.null $node) (ref.null $node)))
      (else
        (struct.new $node
          (call $make (i32.sub (local.get $d) (i32.const 1)))
          (call $make (i32.sub (local.get $d) (i32.const 1)))))))

  (func $check (param $t (ref null $node)) (result i64)
    (if (result i64) (ref.is_null (struct.get $node $left (local.get $t)))
      (then (i64.const 1))
      (else
        (i64.add (i64.const 1)
          (i64.add
            (call $check (struct.get $node $left (local.get $t)))
            (call $check (struct.get $node $right (local.get $t))))))))

  (func (export "run") (param $n i32) (result i64)
    (local $long (ref null $node)) (local $d i32) (local $i i32) (local $iters i32)
    (local $sum i64)
    (local.set $long (call $make (local.get $n)))
    (local.set $d (i32.const 4))
    (loop $depths
      (local.set $iters (i32.shl (i32.const 1) (i32.add (i32.sub (local.get $n) (local.get $d)) (i32.const 4))))
      (local.set $i (i32.const 0))
      (loop $trees
        (local.set $sum (i64.add (local.get $sum) (call $check (call $make (local.get $d)))))
        (br_if $trees (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $iters))))
      (br_if $depths (i32.le_u (local.tee $d (i32.add (local.get $d) (i32.const 2))) (local.get $n))))
    (i64.add (i64.mul (local.get $sum) (i64.const 1000003)) (call $check (local.get $long)))))
