;; The arrays array.new_elem and array.new_data return, and the objects an
;; element segment holds, are references like any other: live across the
;; allocations that follow, and the segment's objects are the same in every
;; array made from it (wasmtime 12935/12936: results not rooted; 13066:
;; segment references not owned). Under GC stress each allocation moves
;; them all.
(module
  (type $s (struct (field i32)))
  (type $refs (array (ref null $s)))
  (type $bytes (array i8))
  (elem $e (ref null $s) (struct.new $s (i32.const 10)) (struct.new $s (i32.const 20)) (ref.null $s))
  (data $d "\01\02\03\04\05")
  (func (export "elem") (result i32)
    (local $a (ref $refs)) (local $b (ref $refs)) (local $junk anyref)
    (local.set $a (array.new_elem $refs $e (i32.const 0) (i32.const 3)))
    (local.set $junk (struct.new $s (i32.const 99)))
    (local.set $b (array.new_elem $refs $e (i32.const 1) (i32.const 2)))
    (local.set $junk (array.new_default $refs (i32.const 100)))
    (i32.add
      (i32.add (struct.get $s 0 (array.get $refs (local.get $a) (i32.const 0)))
               (struct.get $s 0 (array.get $refs (local.get $a) (i32.const 1))))
      (i32.add (ref.eq (array.get $refs (local.get $a) (i32.const 1)) (array.get $refs (local.get $b) (i32.const 0)))
               (ref.is_null (array.get $refs (local.get $b) (i32.const 1))))))
  (func (export "data") (result i32)
    (local $a (ref $bytes)) (local $junk anyref)
    (local.set $a (array.new_data $bytes $d (i32.const 1) (i32.const 4)))
    (local.set $junk (array.new_default $bytes (i32.const 1000)))
    (local.set $junk (struct.new $s (i32.const 0)))
    (i32.add (array.get_u $bytes (local.get $a) (i32.const 0)) (array.get_u $bytes (local.get $a) (i32.const 3))))
)
(assert_return (invoke "elem") (i32.const 32))
(assert_return (invoke "elem") (i32.const 32))
(assert_return (invoke "data") (i32.const 7))
