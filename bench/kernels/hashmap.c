/* hashmap: an open-addressing hash table (linear probing, 2^21 slots of
   u64 key + u32 value): n inserts or updates of pseudo-random keys from a
   smaller key space, then n lookups, half of them misses. Hashing,
   unpredictable memory accesses, probe loops. */
#include "bench.h"

#define SLOTS (1u << 21)
static u64 keys[SLOTS];
static u32 vals[SLOTS];

static inline u32 slot_of(u64 k) {
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (u32)k & (SLOTS - 1);
}

EXPORT(run) u64 run(u32 n) {
	u64 s = 7, h = 0, found = 0;
	u32 i, count = 0;
	if (n > SLOTS / 2) n = SLOTS / 2;
	for (i = 0; i < SLOTS; i++) keys[i] = 0;
	for (i = 0; i < n; i++) {
		u64 k = (xorshift64(&s) % (n * 2ULL)) * 2 + 2; /* even, never 0 */
		u32 j = slot_of(k);
		while (keys[j] != 0 && keys[j] != k) j = (j + 1) & (SLOTS - 1);
		if (keys[j] == 0) {
			keys[j] = k;
			vals[j] = i;
			count++;
		} else {
			vals[j] += i;
		}
	}
	s = 7;
	for (i = 0; i < n; i++) {
		u64 k = (xorshift64(&s) % (n * 2ULL)) * 2 + 2 + (i & 1); /* odd keys miss */
		u32 j = slot_of(k);
		while (keys[j] != 0) {
			if (keys[j] == k) {
				h += vals[j];
				found++;
				break;
			}
			j = (j + 1) & (SLOTS - 1);
		}
	}
	return mix64(mix64(h, found), count);
}
