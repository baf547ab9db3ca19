/* sort: quicksort (median of three, insertion sort below 16 elements) of
   n pseudo-random u32 keys, then a heapsort of the same keys reshuffled:
   compares, swaps, unpredictable branches and recursion. */
#include "bench.h"

#define MAXN (1u << 21)
static u32 v[MAXN];

static void insertion(u32 *a, i32 n) {
	i32 i, j;
	for (i = 1; i < n; i++) {
		u32 x = a[i];
		for (j = i - 1; j >= 0 && a[j] > x; j--) a[j + 1] = a[j];
		a[j + 1] = x;
	}
}

static void quicksort(u32 *a, i32 n) {
	while (n > 16) {
		u32 x = a[0], y = a[n / 2], z = a[n - 1], p;
		p = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
		i32 i = 0, j = n - 1;
		for (;;) {
			while (a[i] < p) i++;
			while (a[j] > p) j--;
			if (i >= j) break;
			u32 t = a[i];
			a[i] = a[j];
			a[j] = t;
			i++, j--;
		}
		/* recurse into the smaller half, loop on the larger */
		if (j + 1 < n - j - 1) {
			quicksort(a, j + 1);
			a += j + 1, n -= j + 1;
		} else {
			quicksort(a + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	insertion(a, n);
}

static void sift(u32 *a, u32 root, u32 n) {
	u32 x = a[root];
	for (;;) {
		u32 c = 2 * root + 1;
		if (c >= n) break;
		if (c + 1 < n && a[c + 1] > a[c]) c++;
		if (a[c] <= x) break;
		a[root] = a[c];
		root = c;
	}
	a[root] = x;
}

static u64 digest(u32 n) {
	u64 h = n;
	u32 i;
	for (i = 0; i < n; i++) {
		if (i && v[i - 1] > v[i]) return 0; /* not sorted: a wrong checksum */
		h = h * 31 + v[i];
	}
	return h;
}

EXPORT(run) u64 run(u32 n) {
	u64 s = 0xdeadbeefcafeULL, h;
	u32 i;
	if (n > MAXN) n = MAXN;
	for (i = 0; i < n; i++) v[i] = (u32)xorshift64(&s);
	quicksort(v, (i32)n);
	h = digest(n);
	for (i = 0; i < n; i++) v[i] ^= (u32)xorshift64(&s) & 0xffff;
	for (i = n / 2; i-- > 0;) sift(v, i, n);
	for (i = n - 1; i > 0; i--) {
		u32 t = v[0];
		v[0] = v[i];
		v[i] = t;
		sift(v, 0, i);
	}
	return mix64(h, digest(n));
}
