/* FIFO: a pipe with a name. Two FIFOs in the run's directory, one each way; once open,
 * the same copies as a pipe: into the kernel by write(), out by read(). */
#include "bench.h"
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static char paths[2][256];

static int open_fifos(struct chan *c)
{
	for (int i = 0; i < 2; i++) {
		snprintf(paths[i], sizeof paths[i], "%s/fifo-%d-%d", c->dir, (int)getpid(), i);
		if (mkfifo(paths[i], 0600) == -1) return -1;
	}
	return 0;
}

/* Opens in the same order on both sides (0 then 1): open() of a FIFO waits for the other end. */
static int side(struct chan *c)
{
	c->fd[0] = open(paths[0], c->side ? O_RDONLY : O_WRONLY);
	c->fd[1] = open(paths[1], c->side ? O_WRONLY : O_RDONLY);
	if (c->fd[0] == -1 || c->fd[1] == -1) return -1;
	if (!c->side) { /* fd[0] in, fd[1] out */
		int out = c->fd[0];
		c->fd[0] = c->fd[1];
		c->fd[1] = out;
	}
	return 0;
}

static int send_msg(struct chan *c, size_t len) { return bench_write_all(c->fd[1], c->buf, len); }
static int recv_msg(struct chan *c, size_t len) { return bench_read_all(c->fd[0], c->buf, len); }

static void destroy(struct chan *c)
{
	close(c->fd[0]);
	close(c->fd[1]);
	unlink(paths[0]);
	unlink(paths[1]);
}

const struct bench_mech bench_mech = { open_fifos, side, send_msg, recv_msg, destroy };
