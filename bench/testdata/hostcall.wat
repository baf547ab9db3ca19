;; hostcall: the call-overhead workload. nop is called from the host in a
;; loop (host -> Wasm); call_host(n) calls the host function env.inc n
;; times from Wasm (Wasm -> host) and returns n.
(module
  (import "env" "inc" (func $inc (param i32) (result i32)))
  (func (export "nop") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))
  (func (export "call_host") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (loop $l
      (local.set $acc (call $inc (local.get $acc)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $acc)))
