/* System V message queue: msgsnd() copies the message into the kernel, msgrcv() out of it,
 * like a pipe, but whole messages with a type: type 1 goes to the child, type 2 back. */
#include "bench.h"
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

static int open_queue(struct chan *c)
{
	c->id[0] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (c->id[0] == -1) return -1;
	bench_record("msg", c->id[0]);
	return 0;
}

static int side(struct chan *c) { (void)c; return 0; }

static int send_msg(struct chan *c, size_t len)
{
	long type = c->side ? 2 : 1;
	memcpy(c->msg, &type, sizeof type);
	return msgsnd(c->id[0], c->msg, len, 0);
}

static int recv_msg(struct chan *c, size_t len)
{
	return msgrcv(c->id[0], c->msg, len, c->side ? 1 : 2, 0) == -1 ? -1 : 0;
}

static void destroy(struct chan *c) { msgctl(c->id[0], IPC_RMID, NULL); }

const struct bench_mech bench_mech = { open_queue, side, send_msg, recv_msg, destroy };
