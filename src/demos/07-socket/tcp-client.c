/* tcp-client.c: connect to tcp-server on 127.0.0.1, ask, read the answer.
 * Build: cc -Wall -Wextra -Werror -o tcp-client tcp-client.c
 * Run:   ./tcp-client PORT    (with ./tcp-server PORT) */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void die(const char *call) { perror(call); exit(1); }

/* PORT: all of it a number, from 1 to 65535 (atoi() would take "80x" for 80). */
static in_port_t port_arg(int argc, char *argv[]) {
    if (argc != 2) errx(2, "usage: %s PORT", argv[0]);
    char *end;
    errno = 0;
    long port = strtol(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || errno == ERANGE || port < 1 || port > 65535)
        errx(2, "usage: %s PORT: \"%s\" is not a port (1 to 65535)", argv[0], argv[1]);
    return (in_port_t)port;
}

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_port = htons(port_arg(argc, argv));       /* network byte order */
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);     /* 127.0.0.1 */
    printf("client: pid %d\n", getpid());

    int fd;
    for (int try = 1;; try++) {
        fd = socket(AF_INET, SOCK_STREAM, 0);                    // @step tc-socket
        if (fd == -1) die("socket");
        if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) break; // @step tc-connect
        if (errno != ECONNREFUSED || try == 100) die("connect");
        if (close(fd) == -1) die("close");   /* a failed socket is not reused */
        usleep(50 * 1000);            /* no server listening yet: wait, retry */
    }
    printf("client: connected\n");
    const char *ask = "hello, server";
    if (write(fd, ask, strlen(ask)) == -1) die("write");         // @step tc-write
    printf("client: wrote \"%s\"\n", ask);
    char buf[256];
    ssize_t n = read(fd, buf, sizeof buf);                       // @step tc-read
    if (n == -1) die("read");
    printf("client: read %zd bytes \"%.*s\"\n", n, (int)n, buf);
    if (close(fd) == -1) die("close");                           // @step tc-close
    printf("client: closed\n");
    return 0;
}
