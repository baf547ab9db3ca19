;; binarytrees: the Computer Language Benchmarks Game program on Wasm GC
;; structs. run(max) builds and counts a "stretch" tree of depth max+1,
;; keeps a tree of depth max alive throughout, and for every depth d =
;; 4, 6, ..., max builds, counts and drops 2^(max-d+4) trees of depth d.
;; It returns the sum of all node counts.
(module
  (type $node (struct (field $left (ref null $node)) (field $right (ref null $node))))

  (func $tree (param $d i32) (result (ref $node))
    (if (result (ref $node)) (local.get $d)
      (then
        (struct.new $node
          (call $tree (i32.sub (local.get $d) (i32.const 1)))
          (call $tree (i32.sub (local.get $d) (i32.const 1)))))
      (else (struct.new_default $node))))

  (func $count (param $n (ref $node)) (result i64)
    (local $left (ref null $node))
    (local.set $left (struct.get $node $left (local.get $n)))
    (if (result i64) (ref.is_null (local.get $left))
      (then (i64.const 1))
      (else
        (i64.add (i64.const 1)
          (i64.add
            (call $count (ref.as_non_null (local.get $left)))
            (call $count (ref.as_non_null (struct.get $node $right (local.get $n)))))))))

  (func (export "run") (param $max i32) (result i64)
    (local $long (ref null $node))
    (local $sum i64) (local $d i32) (local $i i32) (local $iters i32)
    (local.set $sum (call $count (call $tree (i32.add (local.get $max) (i32.const 1)))))
    (local.set $long (call $tree (local.get $max)))
    (local.set $d (i32.const 4))
    (block $done
      (loop $depths
        (br_if $done (i32.gt_s (local.get $d) (local.get $max)))
        (local.set $iters (i32.shl (i32.const 1) (i32.add (i32.sub (local.get $max) (local.get $d)) (i32.const 4))))
        (local.set $i (i32.const 0))
        (loop $trees
          (local.set $sum (i64.add (local.get $sum) (call $count (call $tree (local.get $d)))))
          (br_if $trees (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $iters))))
        (local.set $d (i32.add (local.get $d) (i32.const 2)))
        (br $depths)))
    (i64.add (local.get $sum) (call $count (ref.as_non_null (local.get $long))))))
