;; Empty recursion groups are valid and leave the type index space alone
;; (wasmtime 9374: they broke type interning). Types after them must still
;; canonicalize, allocate and cast as usual.
(module
  (rec)
  (type $s (struct (field i32)))
  (rec)
  (rec (type $t (struct (field i32))))
  (func (export "cast") (result i32)
    ;; $s and $t are the same canonical type.
    (struct.get $t 0 (ref.cast (ref $t) (struct.new $s (i32.const 42)))))
)
(assert_return (invoke "cast") (i32.const 42))
