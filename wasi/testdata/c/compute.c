// compute: integer, floating-point and libm work whose printed results
// must be bit-exact on every correct runtime; no system calls but
// printing, and clock/random for sanity only.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint32_t crc32(const unsigned char *p, size_t n) {
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

static int cmp_double(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(void) {
	// Primes below 100000 by sieve.
	static unsigned char sieve[100000];
	int primes = 0;
	for (int i = 2; i < 100000; i++) {
		if (!sieve[i]) {
			primes++;
			for (int j = 2 * i; j < 100000; j += i)
				sieve[j] = 1;
		}
	}
	printf("primes below 100000: %d\n", primes);

	// 64-bit arithmetic: a xorshift stream, divisions, shifts.
	uint64_t x = 88172645463325252ull, acc = 0;
	int64_t sacc = 0;
	for (int i = 0; i < 100000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		acc += x % 1000003 + (x >> (i & 63));
		sacc += (int64_t)x / -7 + ((int64_t)x >> 3);
	}
	printf("xorshift: %llu %lld\n", (unsigned long long)acc, (long long)sacc);

	// Floating point through libm, printed exactly.
	double v[20];
	for (int i = 0; i < 20; i++) {
		double t = (i - 10) * 0.37;
		v[i] = sin(t) * exp(t / 3) + log1p(fabs(t)) - pow(fabs(t), 1.5) + atan2(t, 1.25) + sqrt(fabs(t)) + cbrt(t);
	}
	qsort(v, 20, sizeof v[0], cmp_double);
	for (int i = 0; i < 20; i += 4)
		printf("%.17g %a\n", v[i], v[i]);
	float f = 1.0f;
	for (int i = 0; i < 50; i++)
		f = fmaf(f, 1.0001f, 1e-3f);
	printf("float: %.9g, nearbyint(2.5)=%g, rint(-3.5)=%g, trunc(-2.7)=%g\n", f, nearbyint(2.5), rint(-3.5), trunc(-2.7));
	printf("special: %g %g %g %d\n", 1.0 / 0.0, -1.0 / 0.0, copysign(0.0, -1.0), isnan(sqrt(-1.0)));

	// Strings and memory.
	char *s = malloc(1 << 20);
	for (int i = 0; i < (1 << 20); i++)
		s[i] = 'a' + (i * 31) % 26;
	printf("crc32 of 1 MiB: %08x\n", crc32((unsigned char *)s, 1 << 20));
	memmove(s + 1, s, 1000);
	printf("after memmove: %.10s\n", s);
	free(s);

	// The clocks and the random source work (values vary, so only sanity).
	struct timespec ts;
	printf("clock_gettime: %d\n", clock_gettime(CLOCK_MONOTONIC, &ts) == 0);
	printf("time after 2020: %d\n", time(NULL) > 1577836800);
	unsigned char r[32];
	printf("getentropy: %d\n", getentropy(r, sizeof r) == 0);
	return 0;
}
