/* socket-client.c: connect to socket-server, ask, read the answer.
 * Build: cc -Wall -Wextra -Werror -o socket-client socket-client.c
 * Run:   ./socket-client [stream|stale|abstract] PATH   (with the server) */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void die(const char *call) { perror(call); exit(1); }

/* Fill *a with name; return the length bind() and connect() must be given. */
static socklen_t address(struct sockaddr_un *a, const char *name, int abstract)
{
    size_t n = strlen(name);
    if (n >= sizeof a->sun_path) errx(1, "%s: name too long", name);
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    if (abstract) {                   /* sun_path[0] stays '\0': no file */
        memcpy(a->sun_path + 1, name, n);
        return offsetof(struct sockaddr_un, sun_path) + 1 + n;
    }
    memcpy(a->sun_path, name, n + 1);
    return offsetof(struct sockaddr_un, sun_path) + n + 1;
}

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) errx(2, "usage: %s [stream|stale|abstract] PATH", argv[0]);
    const char *mode = argc > 2 ? argv[1] : "stream", *path = argv[argc - 1];
    struct sockaddr_un a;
    socklen_t len = address(&a, path, strcmp(mode, "abstract") == 0);
    printf("client: pid %d\n", getpid());

    int fd;
    for (int try = 1;; try++) {
        fd = socket(AF_UNIX, SOCK_STREAM, 0);                    // @step c-socket
        if (fd == -1) die("socket");
        if (connect(fd, (struct sockaddr *)&a, len) == 0) break; // @step c-connect
        if ((errno != ENOENT && errno != ECONNREFUSED) || try == 100) die("connect");
        if (close(fd) == -1) die("close");   /* a failed socket is not reused */
        usleep(50 * 1000);            /* no server listening yet: wait, retry */
    }
    printf("client: connected\n");
    const char *ask = "hello, server";
    if (write(fd, ask, strlen(ask)) == -1) die("write");         // @step c-write
    printf("client: wrote \"%s\"\n", ask);
    char buf[256];
    ssize_t n = read(fd, buf, sizeof buf);                       // @step c-read
    if (n == -1) die("read");
    printf("client: read %zd bytes \"%.*s\"\n", n, (int)n, buf);
    if (close(fd) == -1) die("close");                           // @step c-close
    printf("client: closed\n");
    return 0;
}
