/* calls: direct recursion (fib, tak) and indirect calls through a table of
   function pointers (call_indirect in wasm). Call overhead dominates: the
   bodies are a compare and an add or two. */
#include "bench.h"

__attribute__((noinline)) static u32 fib(u32 n) {
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static i32 tak(i32 x, i32 y, i32 z) {
	return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}

typedef u32 (*op_fn)(u32, u32);
__attribute__((noinline)) static u32 op_add(u32 a, u32 b) { return a + b; }
__attribute__((noinline)) static u32 op_xor(u32 a, u32 b) { return (a ^ b) * 3; }
__attribute__((noinline)) static u32 op_rot(u32 a, u32 b) { return (a << 5 | a >> 27) + b; }
__attribute__((noinline)) static u32 op_sub(u32 a, u32 b) { return a - b - 1; }
static op_fn ops[4] = {op_add, op_xor, op_rot, op_sub};

EXPORT(run) u64 run(u32 n) {
	u64 h = fib(n);
	h = mix64(h, (u64)tak(n / 2 + 6, n / 3, n / 6));
	u32 acc = 1, i;
	for (i = 0; i < (n << 20); i++)
		acc = ops[(acc ^ i) & 3](acc, i);
	return mix64(h, acc);
}
