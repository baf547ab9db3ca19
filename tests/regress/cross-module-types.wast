;; Canonical types span modules: a struct made by one module is of the
;; equal type another module declares, and a function imported from
;; another module casts to its own concrete type (wasmtime 13095 used the
;; wrong type for such a downcast).
(module $a
  (type $pair (struct (field i32) (field i32)))
  (type $fn (func (param i32) (result i32)))
  (func (export "make") (result anyref) (struct.new $pair (i32.const 3) (i32.const 4)))
  (func $double (export "double") (type $fn) (i32.mul (local.get 0) (i32.const 2)))
)
(register "a" $a)
(module $b
  (type $pair (struct (field i32) (field i32)))
  (type $fn (func (param i32) (result i32)))
  (type $other (struct (field i64)))
  (import "a" "make" (func $make (result anyref)))
  (import "a" "double" (func $double (type $fn)))
  (table 1 funcref)
  (elem (table 0) (i32.const 0) func $double)
  (func (export "sum") (result i32)
    (local $p (ref $pair))
    (local.set $p (ref.cast (ref $pair) (call $make)))
    (i32.add (struct.get $pair 0 (local.get $p)) (struct.get $pair 1 (local.get $p))))
  (func (export "is_other") (result i32) (ref.test (ref $other) (call $make)))
  (func (export "call_cast") (param i32) (result i32)
    (call_ref $fn (local.get 0) (ref.cast (ref $fn) (table.get (i32.const 0)))))
)
(assert_return (invoke "sum") (i32.const 7))
(assert_return (invoke "is_other") (i32.const 0))
(assert_return (invoke "call_cast" (i32.const 21)) (i32.const 42))
