/* libc.c: the few C library routines clang may call by itself (it turns
   clearing and copying loops into memset/memcpy calls). Linked into every
   wasm kernel; the native build uses the system's. Word at a time once
   aligned, as a freestanding C library would: a byte loop would make
   hashmap's clearing of its table, not the table, the benchmark. (clang
   does not turn the loops of functions named memset/memcpy into calls to
   themselves.) */
#include "bench.h"

void *memset(void *d, int c, usize n) {
	u8 *p = d;
	u64 w = (u8)c * 0x0101010101010101ULL;
	while (n && ((usize)p & 7)) *p++ = (u8)c, n--;
	for (; n >= 8; n -= 8, p += 8) *(u64 *)p = w;
	while (n--) *p++ = (u8)c;
	return d;
}

void *memcpy(void *d, const void *s, usize n) {
	u8 *p = d;
	const u8 *q = s;
	if ((((usize)p ^ (usize)q) & 7) == 0) {
		while (n && ((usize)p & 7)) *p++ = *q++, n--;
		for (; n >= 8; n -= 8, p += 8, q += 8) *(u64 *)p = *(const u64 *)q;
	}
	while (n--) *p++ = *q++;
	return d;
}

void *memmove(void *d, const void *s, usize n) {
	u8 *p = d;
	const u8 *q = s;
	if (p < q) return memcpy(d, s, n);
	p += n;
	q += n;
	while (n--) *--p = *--q;
	return d;
}
