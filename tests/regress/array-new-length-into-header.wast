;; The bug Sable was seeded with (DESIGN §5; wasmtime issue 10464): an
;; array.new of 536,870,911 structref elements. One engine's JIT path
;; OR-ed the element count into the object header's flag bits, which ran
;; into the kind field ("invalid VMGcKind" on the next GC), while its
;; runtime path rejected the same length: the two computed sizes
;; differently. 536,870,911 = 0x1fffffff is above MaxLen of 4-byte
;; elements ((2^30 - 12) / 4 = 268,435,453), so every path must trap with
;; the same message, before anything is written.

(module
  (type $a (struct))
  (type $b (array structref))
  (func (export "run") (result i32)
    (array.len (array.new $b (struct.new_default $a) (i32.const 536870911))))
  (func (export "run_default") (result i32)
    (array.len (array.new_default $b (i32.const 536870911))))
  ;; The largest length that fits allocates; the next one traps.
  (func (export "max") (result i32)
    (array.len (array.new_default $b (i32.const 268435453))))
  (func (export "max_plus_one") (result i32)
    (array.len (array.new_default $b (i32.const 268435454))))
)

(assert_trap (invoke "run") "allocation size too large")
(assert_trap (invoke "run_default") "allocation size too large")
(assert_return (invoke "max") (i32.const 268435453))
(assert_trap (invoke "max_plus_one") "allocation size too large")
;; The heap is intact afterwards.
(assert_trap (invoke "run") "allocation size too large")
(assert_return (invoke "max") (i32.const 268435453))

;; The same allocation in constant expressions: a global's initializer and
;; an element segment's expression.
(assert_trap
  (module
    (type $a (struct))
    (type $b (array structref))
    (global (ref $b) (array.new $b (struct.new_default $a) (i32.const 536870911))))
  "allocation size too large")
(assert_trap
  (module
    (type $a (struct))
    (type $b (array structref))
    (elem arrayref (array.new_default $b (i32.const 536870911))))
  "allocation size too large")
