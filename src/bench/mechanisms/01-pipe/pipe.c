/* pipe: two pipes, one each way. Every message is copied into the kernel's pipe buffer by
 * write() and out of it by read(). */
#include "bench.h"
#include <unistd.h>

static int open_pipes(struct chan *c)
{
	if (pipe(c->fd) == -1) return -1;     /* parent -> child */
	return pipe(c->fd + 2);               /* child -> parent */
}

/* Keeps this side's two ends as fd[0] (in) and fd[1] (out). */
static int side(struct chan *c)
{
	int in = c->side ? c->fd[0] : c->fd[2], out = c->side ? c->fd[3] : c->fd[1];
	for (int i = 0; i < 4; i++)
		if (c->fd[i] != in && c->fd[i] != out) close(c->fd[i]);
	c->fd[0] = in;
	c->fd[1] = out;
	return 0;
}

static int send_msg(struct chan *c, size_t len) { return bench_write_all(c->fd[1], c->buf, len); }
static int recv_msg(struct chan *c, size_t len) { return bench_read_all(c->fd[0], c->buf, len); }

static void destroy(struct chan *c)
{
	close(c->fd[0]);
	close(c->fd[1]);
}

const struct bench_mech bench_mech = { open_pipes, side, send_msg, recv_msg, destroy };
