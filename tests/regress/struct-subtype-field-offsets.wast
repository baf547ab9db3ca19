;; Fields keep their declaration order, so that code which knows only a
;; supertype finds its fields where a subtype's object has them
;; (wasmtime 10459: reordering fields by size broke this). $b's fields are
;; laid out i8, i64, i8, ref, i16 — reordering would move every one.
(module
  (type $a (sub (struct (field (mut i8)) (field (mut i64)))))
  (type $b (sub $a (struct (field (mut i8)) (field (mut i64)) (field (mut i8)) (field (mut anyref)) (field (mut i16)))))
  (func $make (result (ref $a))
    (struct.new $b (i32.const 0x11) (i64.const 0x2222222222) (i32.const 0x33) (ref.i31 (i32.const 44)) (i32.const 0x5555)))
  (func (export "super_i8") (result i32) (struct.get_u $a 0 (call $make)))
  (func (export "super_i64") (result i64) (struct.get $a 1 (call $make)))
  (func (export "sub_fields") (result i32 i32 i32)
    (local $b (ref $b))
    (local.set $b (ref.cast (ref $b) (call $make)))
    ;; A store through the supertype lands in the subtype's field.
    (struct.set $a 1 (local.get $b) (i64.const 7))
    (struct.get_u $b 2 (local.get $b))
    (i31.get_s (ref.cast (ref i31) (struct.get $b 3 (local.get $b))))
    (i32.add (struct.get_u $b 4 (local.get $b)) (i32.wrap_i64 (struct.get $b 1 (local.get $b)))))
)
(assert_return (invoke "super_i8") (i32.const 0x11))
(assert_return (invoke "super_i64") (i64.const 0x2222222222))
(assert_return (invoke "sub_fields") (i32.const 0x33) (i32.const 44) (i32.const 0x555c))
