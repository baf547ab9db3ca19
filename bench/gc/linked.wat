;; linked: linked structures. Builds a singly linked list of n cells with
;; i64 payloads, reverses it in place m times (struct.set of a mutable
;; field), and folds over it; then builds a doubly linked ring of n cells,
;; splices every third cell out of it, and walks what is left both ways.
;; run(n) returns a checksum of the payloads in the order seen.
(module
  (type $cell (struct (field $next (mut (ref null $cell))) (field $val i64)))
  (type $dnode (struct (field $prev (mut (ref null $dnode)))
                       (field $next (mut (ref null $dnode)))
                       (field $val (mut i64))))

  (func $build (param $n i32) (result (ref null $cell))
    (local $l (ref null $cell)) (local $i i32)
    (loop $more
      (local.set $l (struct.new $cell (local.get $l)
        (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const 0x9e3779b97f4a7c15))))
      (br_if $more (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $l))

  (func $reverse (param $l (ref null $cell)) (result (ref null $cell))
    (local $prev (ref null $cell)) (local $next (ref null $cell))
    (block $done
      (loop $walk
        (br_if $done (ref.is_null (local.get $l)))
        (local.set $next (struct.get $cell $next (local.get $l)))
        (struct.set $cell $next (local.get $l) (local.get $prev))
        (local.set $prev (local.get $l))
        (local.set $l (local.get $next))
        (br $walk)))
    (local.get $prev))

  (func $fold (param $l (ref null $cell)) (result i64)
    (local $h i64)
    (block $done
      (loop $walk
        (br_if $done (ref.is_null (local.get $l)))
        (local.set $h (i64.add (i64.rotl (local.get $h) (i64.const 5))
                               (struct.get $cell $val (local.get $l))))
        (local.set $l (struct.get $cell $next (local.get $l)))
        (br $walk)))
    (local.get $h))

  (func $ring (param $n i32) (result i64)
    (local $head (ref $dnode)) (local $p (ref null $dnode)) (local $q (ref null $dnode))
    (local $i i32) (local $h i64)
    (local.set $head (struct.new $dnode (ref.null $dnode) (ref.null $dnode) (i64.const 0)))
    (struct.set $dnode $prev (local.get $head) (local.get $head))
    (struct.set $dnode $next (local.get $head) (local.get $head))
    ;; append n cells before head
    (local.set $i (i32.const 1))
    (loop $more
      (local.set $p (struct.get $dnode $prev (local.get $head)))
      (local.set $q (struct.new $dnode (local.get $p) (local.get $head) (i64.extend_i32_u (local.get $i))))
      (struct.set $dnode $next (local.get $p) (local.get $q))
      (struct.set $dnode $prev (local.get $head) (local.get $q))
      (br_if $more (i32.le_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    ;; splice out every cell whose value is a multiple of 3
    (local.set $p (struct.get $dnode $next (local.get $head)))
    (block $done
      (loop $walk
        (br_if $done (ref.eq (local.get $p) (local.get $head)))
        (local.set $q (struct.get $dnode $next (local.get $p)))
        (if (i64.eqz (i64.rem_u (struct.get $dnode $val (local.get $p)) (i64.const 3)))
          (then
            (struct.set $dnode $next (struct.get $dnode $prev (local.get $p)) (local.get $q))
            (struct.set $dnode $prev (local.get $q) (struct.get $dnode $prev (local.get $p)))))
        (local.set $p (local.get $q))
        (br $walk)))
    ;; forwards, then backwards
    (local.set $p (struct.get $dnode $next (local.get $head)))
    (block $done
      (loop $walk
        (br_if $done (ref.eq (local.get $p) (local.get $head)))
        (local.set $h (i64.add (i64.mul (local.get $h) (i64.const 31)) (struct.get $dnode $val (local.get $p))))
        (local.set $p (struct.get $dnode $next (local.get $p)))
        (br $walk)))
    (local.set $p (struct.get $dnode $prev (local.get $head)))
    (block $done
      (loop $walk
        (br_if $done (ref.eq (local.get $p) (local.get $head)))
        (local.set $h (i64.xor (i64.rotl (local.get $h) (i64.const 7)) (struct.get $dnode $val (local.get $p))))
        (local.set $p (struct.get $dnode $prev (local.get $p)))
        (br $walk)))
    (local.get $h))

  (func (export "run") (param $n i32) (result i64)
    (local $l (ref null $cell)) (local $r i32) (local $h i64)
    (local.set $l (call $build (local.get $n)))
    (loop $rev
      (local.set $l (call $reverse (local.get $l)))
      (local.set $h (i64.add (i64.rotl (local.get $h) (i64.const 1)) (call $fold (local.get $l))))
      (br_if $rev (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 8))))
    (i64.xor (local.get $h) (call $ring (local.get $n)))))
