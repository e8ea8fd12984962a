/* tcp-client.c: connect to tcp-server on 127.0.0.1, ask, read the answer.
 * Build: cc -Wall -Werror -o tcp-client tcp-client.c
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

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc != 2 || atoi(argv[1]) <= 0 || atoi(argv[1]) > 65535)
        errx(2, "usage: %s PORT", argv[0]);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_port = htons(atoi(argv[1]));              /* network byte order */
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
