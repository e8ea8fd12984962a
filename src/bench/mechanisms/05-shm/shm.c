/* System V shared memory with System V semaphores. The segment is marked for removal as soon
 * as it is attached (it lives while attached, and fork() attaches the child too), so it never
 * outlives the run. A message is copied once into a ring slot; each hand-off is a semop(),
 * always a system call (unlike a futex). */
#include "bench.h"
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };

static unsigned char *slot(struct chan *c, int dir, unsigned long pos)
{
	return c->mem + ((size_t)dir * BENCH_SLOTS + pos % BENCH_SLOTS) * c->max;
}

static int open_segment(struct chan *c)
{
	c->memlen = 2 * BENCH_SLOTS * c->max;
	int shm = shmget(IPC_PRIVATE, c->memlen, IPC_CREAT | 0600);
	if (shm == -1) return -1;
	bench_record("shm", shm);
	void *mem = shmat(shm, NULL, 0);
	shmctl(shm, IPC_RMID, NULL);
	if (mem == (void *)-1) return -1;
	c->mem = mem;
	c->id[0] = semget(IPC_PRIVATE, 4, IPC_CREAT | 0600); /* per direction: full, empty */
	if (c->id[0] == -1) return -1;
	bench_record("sem", c->id[0]);
	for (int dir = 0; dir < 2; dir++) {
		union semun arg = { .val = BENCH_SLOTS };
		if (semctl(c->id[0], dir * 2 + 1, SETVAL, arg) == -1) return -1;
	}
	return 0;
}

static int side(struct chan *c) { (void)c; return 0; }

static int op(struct chan *c, int num, int delta)
{
	struct sembuf sop = { (unsigned short)num, (short)delta, 0 };
	return semop(c->id[0], &sop, 1);
}

static int send_msg(struct chan *c, size_t len)
{
	int dir = c->side;
	if (op(c, dir * 2 + 1, -1) == -1) return -1;
	memcpy(slot(c, dir, c->pos[dir]++), c->buf, len);
	return op(c, dir * 2, 1);
}

static int recv_msg(struct chan *c, size_t len)
{
	int dir = !c->side;
	(void)len; /* read in place */
	c->pos[dir]++;
	if (op(c, dir * 2, -1) == -1) return -1;
	return op(c, dir * 2 + 1, 1);
}

static void destroy(struct chan *c)
{
	shmdt(c->mem);
	semctl(c->id[0], 0, IPC_RMID);
}

const struct bench_mech bench_mech = { open_segment, side, send_msg, recv_msg, destroy };
