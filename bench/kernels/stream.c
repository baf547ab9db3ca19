/* stream: memory-bound loops over arrays far larger than the caches
   (3 x 4 MiB of u32): a STREAM-style triad and copy, then a dependent
   pseudo-random walk (each load's address comes from the previous load),
   which measures memory latency rather than bandwidth. */
#include "bench.h"

#define LEN (1u << 20)
static u32 a[LEN], b[LEN], c[LEN];

EXPORT(run) u64 run(u32 n) {
	u32 i, r;
	u64 h = 0;
	for (i = 0; i < LEN; i++) {
		b[i] = i * 2654435761u;
		c[i] = i ^ 0x5bd1e995u;
	}
	for (r = 0; r < n; r++) {
		for (i = 0; i < LEN; i++) a[i] = b[i] + 3 * c[i];
		for (i = 0; i < LEN; i++) c[i] = a[i] ^ (b[i] >> 3);
		for (i = 0; i < LEN; i++) b[i] = c[(i * 7 + r) & (LEN - 1)] + a[i];
	}
	/* the walk: a random cyclic permutation (Sattolo), then follow it */
	u64 s = 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < LEN; i++) a[i] = i;
	for (i = LEN - 1; i > 0; i--) {
		u32 j = (u32)(xorshift64(&s) % i);
		u32 t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
	u32 p = 0;
	for (i = 0; i < n * (LEN / 4); i++) {
		p = a[p];
		h += p;
	}
	for (i = 0; i < LEN; i += 4099) h = mix64(h, b[i] ^ c[i]);
	return h;
}
