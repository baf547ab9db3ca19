/* bench.h: what every kernel needs, with no C library. The kernels are
   compiled twice: freestanding to wasm32 with clang (-nostdlib), and
   natively with gcc -O2 beside runners/native.c, the physical-limit
   reference. Each kernel defines
       u64 run(u32 n)
   exported as "run": n scales the work, the result is a checksum every
   engine must reproduce exactly. */
#ifndef BENCH_H
#define BENCH_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef int i32;
typedef long long i64;
typedef unsigned long usize;

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(#name)))
#else
#define EXPORT(name)
#endif

/* xorshift64: the one pseudo-random source of every kernel, so that the
   inputs are the same on every engine and need no data files. */
static inline u64 xorshift64(u64 *s) {
	u64 x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* mix64 folds a value into a running checksum (splitmix64's finalizer). */
static inline u64 mix64(u64 h, u64 v) {
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 29);
}

static inline u64 f64bits(double d) {
	union { double d; u64 u; } v;
	v.d = d;
	return v.u;
}

#endif
