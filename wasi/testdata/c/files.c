// files: stdio and POSIX file calls in a pre-opened directory, named by
// the first argument, through wasi-libc.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void check(int ok, const char *what) {
	if (!ok) {
		printf("%s failed: %s\n", what, strerror(errno));
		exit(1);
	}
}

static int cmp(const void *a, const void *b) {
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
	char path[512];
	if (argc < 2) {
		printf("usage: files DIR\n");
		return 2;
	}
	const char *dir = argv[1];

	snprintf(path, sizeof path, "%s/input.txt", dir);
	FILE *in = fopen(path, "r");
	check(in != NULL, "fopen input");
	char buf[256];
	size_t n = fread(buf, 1, sizeof buf - 1, in);
	buf[n] = 0;
	fclose(in);
	printf("input: %zu bytes: %s", n, buf);

	snprintf(path, sizeof path, "%s/out.bin", dir);
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	check(fd >= 0, "open out.bin");
	for (int i = 0; i < 1000; i++) {
		unsigned char b = (unsigned char)(i * 7);
		check(write(fd, &b, 1) == 1, "write");
	}
	check(lseek(fd, 500, SEEK_SET) == 500, "lseek");
	unsigned char b;
	check(read(fd, &b, 1) == 1, "read");
	printf("byte 500: %u (want %u)\n", b, (unsigned char)(500 * 7));
	check(pwrite(fd, "XYZ", 3, 10) == 3, "pwrite");
	check(pread(fd, buf, 3, 10) == 3, "pread");
	printf("pread: %.3s\n", buf);
	check(ftruncate(fd, 100) == 0, "ftruncate");
	struct stat st;
	check(fstat(fd, &st) == 0, "fstat");
	printf("size after truncate: %lld, regular: %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
	check(close(fd) == 0, "close");

	snprintf(path, sizeof path, "%s/d", dir);
	check(mkdir(path, 0755) == 0, "mkdir");
	errno = 0;
	printf("mkdir again: %d, EEXIST: %d\n", mkdir(path, 0755), errno == EEXIST);
	for (int i = 0; i < 5; i++) {
		char p[512];
		snprintf(p, sizeof p, "%s/d/file%d", dir, 4 - i);
		FILE *f = fopen(p, "w");
		check(f != NULL, "fopen w");
		fprintf(f, "%d\n", i);
		fclose(f);
	}
	char from[512], to[512];
	snprintf(from, sizeof from, "%s/d/file0", dir);
	snprintf(to, sizeof to, "%s/d/renamed", dir);
	check(rename(from, to) == 0, "rename");
	snprintf(to, sizeof to, "%s/d/link", dir);
	check(symlink("renamed", to) == 0, "symlink");
	ssize_t ln = readlink(to, buf, sizeof buf);
	check(ln > 0, "readlink");
	printf("readlink: %.*s\n", (int)ln, buf);
	check(lstat(to, &st) == 0, "lstat");
	printf("lstat link: %d, ", S_ISLNK(st.st_mode));
	check(stat(to, &st) == 0, "stat");
	printf("stat target regular: %d, size %lld\n", S_ISREG(st.st_mode), (long long)st.st_size);

	DIR *d = opendir(path);
	check(d != NULL, "opendir");
	char *names[16];
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && count < 16)
		names[count++] = strdup(e->d_name);
	closedir(d);
	qsort(names, count, sizeof names[0], cmp);
	for (int i = 0; i < count; i++)
		printf("entry: %s\n", names[i]);

	snprintf(path, sizeof path, "%s/d/file1", dir);
	check(unlink(path) == 0, "unlink");
	errno = 0;
	printf("unlink again: %d, ENOENT: %d\n", unlink(path), errno == ENOENT);
	snprintf(path, sizeof path, "%s/d", dir);
	errno = 0;
	printf("rmdir non-empty: %d, ENOTEMPTY: %d\n", rmdir(path), errno == ENOTEMPTY);

	// Outside the preopen.
	snprintf(path, sizeof path, "%s/../secret.txt", dir);
	printf("escape by ..: %s\n", fopen(path, "r") == NULL ? "refused" : "OPENED");
	printf("absolute outside: %s\n", fopen("/etc/passwd", "r") == NULL ? "refused" : "OPENED");
	return 0;
}
