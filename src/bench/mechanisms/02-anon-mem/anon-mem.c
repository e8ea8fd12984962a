/* Anonymous shared memory: a MAP_SHARED mapping of a memfd, or MAP_SHARED|MAP_ANONYMOUS,
 * made before fork() and so shared by both. A message is copied once, by the writer, into a
 * ring slot; the reader uses it where it lies (zero copies through the kernel). The hand-off is
 * a pair of process-shared POSIX semaphores per direction (futexes: a system call only when
 * someone must sleep or be woken). */
#include "bench.h"
#include <semaphore.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HEAD 4096 /* the semaphores, then the data */

static sem_t *sem(struct chan *c, int dir, int empty) { return (sem_t *)(c->mem + (size_t)(dir * 2 + empty) * 32); }
static unsigned char *slot(struct chan *c, int dir, unsigned long pos)
{
	return c->mem + HEAD + ((size_t)dir * BENCH_SLOTS + pos % BENCH_SLOTS) * c->max;
}

static int open_region(struct chan *c)
{
	int fd = -1;
	c->memlen = HEAD + 2 * BENCH_SLOTS * c->max;
	if (strcmp(c->variant, "memfd") == 0) {
		fd = memfd_create("ipc-demo-bench", MFD_CLOEXEC);
		if (fd == -1 || ftruncate(fd, (off_t)c->memlen) == -1) return -1;
	}
	void *mem = mmap(NULL, c->memlen, PROT_READ | PROT_WRITE, MAP_SHARED | (fd == -1 ? MAP_ANONYMOUS : 0), fd, 0);
	if (fd != -1) close(fd); /* the mapping keeps the memory */
	if (mem == MAP_FAILED) return -1;
	c->mem = mem;
	for (int dir = 0; dir < 2; dir++)
		if (sem_init(sem(c, dir, 0), 1, 0) == -1 || sem_init(sem(c, dir, 1), 1, BENCH_SLOTS) == -1) return -1;
	return 0;
}

static int side(struct chan *c) { (void)c; return 0; }

static int send_msg(struct chan *c, size_t len)
{
	int dir = c->side;
	if (sem_wait(sem(c, dir, 1)) == -1) return -1;
	memcpy(slot(c, dir, c->pos[dir]++), c->buf, len);
	return sem_post(sem(c, dir, 0));
}

static int recv_msg(struct chan *c, size_t len)
{
	int dir = !c->side;
	(void)len; /* read in place: slot(c, dir, c->pos[dir]) holds it */
	c->pos[dir]++;
	if (sem_wait(sem(c, dir, 0)) == -1) return -1;
	return sem_post(sem(c, dir, 1));
}

static void destroy(struct chan *c) { munmap(c->mem, c->memlen); }

const struct bench_mech bench_mech = { open_region, side, send_msg, recv_msg, destroy };
