;; A trap and its backtrace: sable run --invoke average examples/trap.wat 10 0
;; prints "trap: integer divide by zero" and the Wasm frames, and exits 1.
(module (@name "trap")
  (func $div (@name "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func (@name "average") (export "average") (param $sum i32) (param $count i32) (result i32)
    (call $div (local.get $sum) (local.get $count))))
