/* libc.c: the few C library routines clang may call by itself (it turns
   clearing and copying loops into memset/memcpy calls). Linked into every
   wasm kernel; the native build uses the system's. */
#include "bench.h"

void *memset(void *d, int c, usize n) {
	u8 *p = d;
	while (n--) *p++ = (u8)c;
	return d;
}

void *memcpy(void *d, const void *s, usize n) {
	u8 *p = d;
	const u8 *q = s;
	while (n--) *p++ = *q++;
	return d;
}

void *memmove(void *d, const void *s, usize n) {
	u8 *p = d;
	const u8 *q = s;
	if (p < q) {
		while (n--) *p++ = *q++;
	} else {
		p += n;
		q += n;
		while (n--) *--p = *--q;
	}
	return d;
}
