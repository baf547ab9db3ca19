/* matmul: dense f64 matrix product C = A*B (n x n, n <= 512), i-k-j
   order: f64 multiply-add streaming over rows, the inner loop a
   load-load-mul-add-store over linear memory. */
#include "bench.h"

#define MAXN 512
static double A[MAXN * MAXN], B[MAXN * MAXN], C[MAXN * MAXN];

EXPORT(run) u64 run(u32 n) {
	u64 s = 0x1234567;
	u32 i, j, k;
	if (n > MAXN) n = MAXN;
	for (i = 0; i < n * n; i++) {
		A[i] = (double)(xorshift64(&s) % 2001) / 1000.0 - 1.0;
		B[i] = (double)(xorshift64(&s) % 2001) / 1000.0 - 1.0;
		C[i] = 0;
	}
	for (i = 0; i < n; i++)
		for (k = 0; k < n; k++) {
			double a = A[i * n + k];
			for (j = 0; j < n; j++) C[i * n + j] += a * B[k * n + j];
		}
	double sum = 0;
	for (i = 0; i < n * n; i++) sum += C[i] * (double)(i % 7 + 1);
	return f64bits(sum);
}
