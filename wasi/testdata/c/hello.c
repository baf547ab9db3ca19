// hello: arguments, environment, standard streams and the exit code,
// through wasi-libc.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

int main(int argc, char **argv) {
	printf("hello from C on wasi-libc\n");
	for (int i = 1; i < argc; i++)
		printf("arg %d: \"%s\"\n", i, argv[i]);
	const char *g = getenv("GREETING");
	printf("GREETING=%s\n", g ? g : "(unset)");
	printf("UNSET present: %d\n", getenv("UNSET") != NULL);
	char line[256];
	int n = 0;
	while (fgets(line, sizeof line, stdin)) {
		for (char *p = line; *p; p++)
			*p = toupper((unsigned char)*p);
		printf("stdin %d: %s", ++n, line);
	}
	fprintf(stderr, "to stderr\n");
	return 7;
}
