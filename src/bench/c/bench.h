/* ipc-demo bench: the C reference. One mechanism per file (../mechanisms/<nn>-<id>/<id>.c),
 * each defining `bench_mech`; harness.c holds main() and the loops, the same loops as the
 * Node twin's (../loops.ts), so that the two differ only in who makes the calls. */
#ifndef IPC_DEMO_BENCH_H
#define IPC_DEMO_BENCH_H
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/types.h>

/* Ring slots per direction in the shared-memory channels. On one CPU the writer fills them all
 * before it must wait for the reader: a context switch per BENCH_SLOTS messages, not per message
 * (with 2 slots, memfd throughput at 64 KiB was a third of what it is with 8, measured here). */
#define BENCH_SLOTS 8

struct chan {
	const char *variant; /* the mechanism's variant: "memfd", "stream", ... */
	const char *dir;     /* the run's private directory, for FIFO and socket paths */
	size_t max;          /* the largest message of the cell */
	int side;            /* 0 parent, 1 child: set before side() */
	pid_t peer;          /* the other process */
	int fd[4];           /* descriptors: the mechanism's own use */
	int id[2];           /* System V ids */
	unsigned char *mem;  /* a shared mapping */
	size_t memlen;
	unsigned char *buf;  /* a private buffer of max bytes (the message) */
	unsigned char *msg;  /* a private buffer of 8 + max bytes (msgq) */
	unsigned long pos[2]; /* ring position per direction */
};

struct bench_mech {
	/* Before fork(): make the kernel objects. Returns -1 with errno on failure. */
	int (*open)(struct chan *c);
	/* After fork(), in each process: keep its own ends (c->side, c->peer are set). */
	int (*side)(struct chan *c);
	/* One whole message of len bytes, each way. */
	int (*send)(struct chan *c, size_t len);
	int (*recv)(struct chan *c, size_t len);
	/* The parent, once the child is reaped: remove names and objects. */
	void (*destroy)(struct chan *c);
};

extern const struct bench_mech bench_mech;

/* Tells the orchestrator of a System V object before it is used: removed by it if we die. */
void bench_record(const char *kind, int id);
/* Whole reads and writes on a descriptor (stream mechanisms return short counts). */
int bench_read_all(int fd, unsigned char *buf, size_t len);
int bench_write_all(int fd, const unsigned char *buf, size_t len);
#endif
