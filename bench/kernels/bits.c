/* bits: bit manipulation: population count, leading and trailing zeros,
   rotates and byte swaps of 64-bit words, then the n-queens count with
   bitboards (and, or, shifts, lowest-set-bit isolation, recursion). */
#include "bench.h"

static u32 queens(u32 cols, u32 d1, u32 d2, u32 all) {
	if (cols == all) return 1;
	u32 count = 0, free = all & ~(cols | d1 | d2);
	while (free) {
		u32 bit = free & -free;
		free ^= bit;
		count += queens(cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1, all);
	}
	return count;
}

EXPORT(run) u64 run(u32 n) {
	u64 s = 0x0123456789abcdefULL, acc = 0, x;
	u32 i;
	for (i = 0; i < n * 65536u; i++) {
		x = xorshift64(&s);
		acc += (u64)__builtin_popcountll(x);
		acc += (u64)__builtin_clzll(x | 1) << 8;
		acc += (u64)__builtin_ctzll(x | (1ULL << 63)) << 16;
		acc ^= x << (x & 63) | x >> (-(x & 63) & 63);
		acc += __builtin_bswap64(acc) >> 40;
		acc ^= (u64)__builtin_popcount((u32)acc ^ (u32)(x >> 32));
	}
	u32 q = n < 6 ? 6 : (n > 12 ? 12 : n);
	return mix64(acc, queens(0, 0, 0, (1u << q) - 1));
}
