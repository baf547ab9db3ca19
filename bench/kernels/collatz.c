/* collatz: integer loops with data-dependent branches: the Collatz step
   counts of 1..n (shifts, multiply-add, compares), and Euclid's gcd of
   consecutive pairs (integer division). */
#include "bench.h"

EXPORT(run) u64 run(u32 n) {
	u64 steps = 0, longest = 0, gcds = 0;
	u32 i;
	for (i = 1; i <= n; i++) {
		u64 x = i, s = 0;
		while (x != 1) {
			x = (x & 1) ? 3 * x + 1 : x >> 1;
			s++;
		}
		steps += s;
		if (s > longest) longest = s;
	}
	for (i = 1; i <= n / 4; i++) {
		u32 a = i * 2654435761u, b = i + 12345;
		while (b) {
			u32 t = a % b;
			a = b;
			b = t;
		}
		gcds += a;
	}
	return mix64(mix64(steps, longest), gcds);
}
