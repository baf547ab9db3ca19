/* native.c: the driver of a kernel compiled natively with gcc -O2, the
   physical-limit reference of the CPU workloads. It serves the harness on
   stdin/stdout, one request per line, so the harness can interleave it
   call by call with the in-process engines:

       call N     ->  ok CHECKSUM WALL_NS CPU_NS   (run(N), timed here)
       quit       ->  (exits)

   Only the call itself is timed: CLOCK_MONOTONIC and the process's CPU
   clock (it has one thread) around it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

unsigned long long run(unsigned int n);

static long long clock_ns(clockid_t c) {
	struct timespec ts;
	clock_gettime(c, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void) {
	char line[256];
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (fgets(line, sizeof line, stdin)) {
		unsigned long n;
		if (strncmp(line, "quit", 4) == 0) return 0;
		if (sscanf(line, "call %lu", &n) != 1) {
			printf("err bad request: %s", line);
			continue;
		}
		long long c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID), t0 = clock_ns(CLOCK_MONOTONIC);
		unsigned long long r = run((unsigned int)n);
		long long t1 = clock_ns(CLOCK_MONOTONIC), c1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
		printf("ok %llu %lld %lld\n", r, t1 - t0, c1 - c0);
	}
	return 0;
}
