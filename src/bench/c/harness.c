/* ipc-demo bench: main() and the loops of the C reference. The orchestrator (src/bench/run.ts)
 * drives it by lines on stdin, and it answers by lines on stdout:
 *   cell <variant> <rt|bw> <size> <count> <warm> <reps> <cpu-parent> <cpu-child>
 *        -> "ready <child pid>", then per "rep" line "ns <nanoseconds>", then "done"
 *           ("cpu child|parent <ns>" on the way: CPU time over the repetitions)
 *   memcpy <size> <count> <reps>   -> "ns <nanoseconds>" per repetition, then "done"
 * The Node twin (src/bench/twin-main.ts) speaks the same protocol with the same loops. */
#include "bench.h"
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

void bench_record(const char *kind, int id)
{
	printf("obj %s %d\n", kind, id);
	fflush(stdout);
}

int bench_read_all(int fd, unsigned char *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = read(fd, buf + done, len - done);
		if (n <= 0) {
			if (n == -1 && errno == EINTR) continue;
			if (n == 0) errno = EPIPE;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

int bench_write_all(int fd, const unsigned char *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);
		if (n == -1) {
			if (errno == EINTR) continue;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

static void die(const char *what)
{
	printf("error %s: %s\n", what, strerror(errno));
	fflush(stdout);
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* CPU time (user + system) this process has used: unlike wall time, it hardly changes with
 * the machine's load, so the twin's cost beside C's is still seen on a busy machine. */
static long long cpu_ns(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
}

static void pin(int cpu)
{
	cpu_set_t set;
	if (cpu < 0) return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof set, &set) == -1) die("sched_setaffinity");
}

/* The parent's loop: a round trip of one byte each way, or `count` messages and an ack. */
static void parent_loop(struct chan *c, int bw, size_t size, long count)
{
	for (long i = 0; i < count; i++) {
		if (bench_mech.send(c, bw ? size : 1) == -1) die("send");
		if (!bw && bench_mech.recv(c, 1) == -1) die("recv");
	}
	if (bw && bench_mech.recv(c, 1) == -1) die("recv ack");
}

/* The child's loop: the echo of each byte, or the receiver of `count` messages and the ack. */
static void child_loop(struct chan *c, int bw, size_t size, long count)
{
	for (long i = 0; i < count; i++) {
		if (bench_mech.recv(c, bw ? size : 1) == -1) die("recv");
		if (!bw && bench_mech.send(c, 1) == -1) die("send");
	}
	if (bw && bench_mech.send(c, 1) == -1) die("send ack");
}

static void cell(char *variant, int bw, size_t size, long count, long warm, int reps, int cpu_parent, int cpu_child)
{
	struct chan c;
	char line[64];
	memset(&c, 0, sizeof c);
	c.variant = variant;
	c.dir = getenv("BENCH_DIR");
	c.max = size > 8 ? size : 8;
	c.buf = malloc(c.max);
	c.msg = malloc(c.max + 8);
	if (!c.buf || !c.msg) die("malloc");
	memset(c.buf, 'x', c.max);
	memset(c.msg, 'x', c.max + 8);
	pin(cpu_parent);
	if (bench_mech.open(&c) == -1) die("open");
	pid_t parent = getpid();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == -1) die("fork");
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent) _exit(1);
		pin(cpu_child);
		c.side = 1;
		c.peer = parent;
		if (bench_mech.side(&c) == -1) die("side");
		child_loop(&c, bw, size, warm);
		long long cpu0 = cpu_ns();
		for (int r = 0; r < reps; r++) child_loop(&c, bw, size, count);
		printf("cpu child %lld\n", cpu_ns() - cpu0); /* before the parent's "done": it waits for our exit */
		fflush(stdout);
		_exit(0);
	}
	c.side = 0;
	c.peer = pid;
	if (bench_mech.side(&c) == -1) die("side");
	parent_loop(&c, bw, size, warm);
	printf("ready %d\n", (int)pid);
	fflush(stdout);
	long long cpu = 0;
	for (int r = 0; r < reps; r++) {
		if (!fgets(line, sizeof line, stdin)) exit(1);
		long long cpu0 = cpu_ns(), t0 = now_ns();
		parent_loop(&c, bw, size, count);
		long long t1 = now_ns();
		cpu += cpu_ns() - cpu0;
		printf("ns %lld\n", t1 - t0);
		fflush(stdout);
	}
	int status;
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) die("waitpid");
	bench_mech.destroy(&c);
	free(c.buf);
	free(c.msg);
	printf("cpu parent %lld\n", cpu);
	printf(WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "done\n" : "error child failed\n");
	fflush(stdout);
}

/* The yardstick for shared memory: one process copying the same sizes with memcpy. */
static void copy(size_t size, long count, int reps, int cpu)
{
	unsigned char *src = malloc(size), *dst = malloc(size * BENCH_SLOTS);
	if (!src || !dst) die("malloc");
	memset(src, 'x', size);
	memset(dst, 0, size * BENCH_SLOTS);
	pin(cpu);
	for (int r = 0; r <= reps; r++) {
		long long t0 = now_ns();
		for (long i = 0; i < count; i++) {
			memcpy(dst + size * (size_t)(i % BENCH_SLOTS), src, size);
			__asm__ volatile("" : : "r"(dst) : "memory"); /* the copy is not optimised away */
		}
		if (r > 0) printf("ns %lld\n", now_ns() - t0); /* the first pass warms the caches */
	}
	free(src);
	free(dst);
	printf("done\n");
	fflush(stdout);
}

int main(void)
{
	char line[256], variant[32], kind[8];
	unsigned long size;
	long count, warm;
	int reps, cpu_parent, cpu_child;
	setvbuf(stdout, NULL, _IOLBF, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	while (fgets(line, sizeof line, stdin)) {
		if (sscanf(line, "cell %31s %7s %lu %ld %ld %d %d %d", variant, kind, &size, &count, &warm, &reps, &cpu_parent, &cpu_child) == 8)
			cell(variant, strcmp(kind, "bw") == 0, size, count, warm, reps, cpu_parent, cpu_child);
		else if (sscanf(line, "memcpy %lu %ld %d %d", &size, &count, &reps, &cpu_parent) == 4)
			copy(size, count, reps, cpu_parent);
		else if (strncmp(line, "quit", 4) == 0)
			break;
		else {
			printf("error bad command\n");
			fflush(stdout);
		}
	}
	return 0;
}
