;; GC objects from the command line:
;;
;;   sable run --invoke sum examples/gc.wat 100   # builds a list of 100 cells, prints 5050
;;   sable run --invoke seed examples/gc.wat      # traps: allocation size too large
(module
  (type $cell (struct (field $value i32) (field $next (ref null $cell))))
  (type $empty (struct))
  (type $structs (array structref))

  ;; sum(n) builds the list n, n-1, ..., 1 and adds it up.
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $list (ref null $cell)) (local $sum i32)
    (block $built
      (loop $build
        (br_if $built (i32.eqz (local.get $n)))
        (local.set $list (struct.new $cell (local.get $n) (local.get $list)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $build)))
    (block $done
      (loop $walk
        (br_if $done (ref.is_null (local.get $list)))
        (local.set $sum (i32.add (local.get $sum) (struct.get $cell $value (local.get $list))))
        (local.set $list (struct.get $cell $next (local.get $list)))
        (br $walk)))
    (local.get $sum))

  ;; seed is the bug Sable was seeded with: 536,870,911 structrefs are
  ;; above the size rule's limit for 4-byte elements (268,435,453), so it
  ;; traps before anything is written.
  (func $seed (export "seed") (result i32)
    (array.len (array.new $structs (struct.new_default $empty) (i32.const 536870911))))
)
