/* Sockets: a Unix stream socket, a Unix datagram socket, and TCP on loopback (the one people
 * know; it goes through the whole TCP/IP stack for the same two copies). Each message is
 * copied into the kernel by write() and out by read() (send() and recv() with no flags). */
#include "bench.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static struct sockaddr_un un[2];

static int unix_addr(struct chan *c, int i)
{
	un[i].sun_family = AF_UNIX;
	snprintf(un[i].sun_path, sizeof un[i].sun_path, "%s/sock-%d-%d", c->dir, (int)getpid(), i);
	return 0;
}

static int open_sockets(struct chan *c)
{
	if (strcmp(c->variant, "dgram") == 0) { /* two bound sockets, each connected to the other */
		for (int i = 0; i < 2; i++) {
			unix_addr(c, i);
			c->fd[i] = socket(AF_UNIX, SOCK_DGRAM, 0);
			if (c->fd[i] == -1 || bind(c->fd[i], (struct sockaddr *)&un[i], sizeof un[i]) == -1) return -1;
		}
		for (int i = 0; i < 2; i++)
			if (connect(c->fd[i], (struct sockaddr *)&un[!i], sizeof un[!i]) == -1) return -1;
		return 0;
	}
	if (strcmp(c->variant, "tcp") == 0) {
		struct sockaddr_in in = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
		socklen_t len = sizeof in;
		c->fd[2] = socket(AF_INET, SOCK_STREAM, 0);
		if (c->fd[2] == -1 || bind(c->fd[2], (struct sockaddr *)&in, sizeof in) == -1) return -1;
		if (getsockname(c->fd[2], (struct sockaddr *)&in, &len) == -1) return -1;
		c->id[0] = ntohs(in.sin_port);
	} else {
		unix_addr(c, 0);
		c->fd[2] = socket(AF_UNIX, SOCK_STREAM, 0);
		if (c->fd[2] == -1 || bind(c->fd[2], (struct sockaddr *)&un[0], sizeof un[0]) == -1) return -1;
	}
	return listen(c->fd[2], 1);
}

/* The child connects, the parent accepts; fd[0] is then this side's socket. */
static int side(struct chan *c)
{
	int one = 1, tcp = strcmp(c->variant, "tcp") == 0;
	c->id[1] = strcmp(c->variant, "dgram") == 0; /* decided once, not per message */
	if (c->id[1]) {
		close(c->fd[!c->side]);
		c->fd[0] = c->fd[c->side];
		return 0;
	}
	if (c->side) {
		close(c->fd[2]);
		c->fd[0] = socket(tcp ? AF_INET : AF_UNIX, SOCK_STREAM, 0);
		if (c->fd[0] == -1) return -1;
		if (tcp) {
			struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons((unsigned short)c->id[0]), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
			if (connect(c->fd[0], (struct sockaddr *)&in, sizeof in) == -1) return -1;
		} else if (connect(c->fd[0], (struct sockaddr *)&un[0], sizeof un[0]) == -1)
			return -1;
	} else {
		c->fd[0] = accept(c->fd[2], NULL, NULL);
		close(c->fd[2]);
		if (c->fd[0] == -1) return -1;
	}
	/* Nagle would hold back each small message for the ack of the last one. */
	if (tcp) return setsockopt(c->fd[0], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return 0;
}

static int send_msg(struct chan *c, size_t len)
{
	if (c->id[1]) return write(c->fd[0], c->buf, len) == (ssize_t)len ? 0 : -1; /* one datagram */
	return bench_write_all(c->fd[0], c->buf, len);
}

static int recv_msg(struct chan *c, size_t len)
{
	if (c->id[1]) return read(c->fd[0], c->buf, len) == -1 ? -1 : 0;
	return bench_read_all(c->fd[0], c->buf, len);
}

static void destroy(struct chan *c)
{
	close(c->fd[0]);
	if (strcmp(c->variant, "tcp") != 0) unlink(un[0].sun_path);
	if (c->id[1]) unlink(un[1].sun_path);
}

const struct bench_mech bench_mech = { open_sockets, side, send_msg, recv_msg, destroy };
