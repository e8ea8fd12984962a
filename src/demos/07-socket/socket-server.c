/* socket-server.c: a Unix domain stream server; answers one client in capitals.
 * Build: cc -Wall -Wextra -Werror -o socket-server socket-server.c
 * Run:   ./socket-server [stream|stale|abstract] PATH   (with the client) */
#define _GNU_SOURCE
#include <ctype.h>
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
    int stale = strcmp(mode, "stale") == 0;
    int abstract = strcmp(mode, "abstract") == 0;
    struct sockaddr_un a;
    socklen_t len = address(&a, path, abstract);
    printf("server: pid %d\n", getpid());
    if (stale) {              /* act out a server that died without unlink() */
        int old = socket(AF_UNIX, SOCK_STREAM, 0);
        if (old == -1) die("socket");
        if (bind(old, (struct sockaddr *)&a, len) == -1) die("bind"); // @step s-leftover
        if (close(old) == -1) die("close");                /* the file stays */
        printf("server: a dead server left its socket file behind\n");
    }

    int lfd = socket(AF_UNIX, SOCK_STREAM, 0);                   // @step s-socket
    if (lfd == -1) die("socket");
    if (bind(lfd, (struct sockaddr *)&a, len) == -1) {           // @step s-bind
        if (errno != EADDRINUSE || !stale) die("bind");
        printf("server: bind: EADDRINUSE, the path is taken\n");
        if (unlink(path) == -1) die("unlink");                   // @step s-unlink-stale
        if (bind(lfd, (struct sockaddr *)&a, len) == -1) die("bind"); // @step s-rebind
    }
    if (listen(lfd, 8) == -1) die("listen");                     // @step s-listen
    printf("server: listening, %s\n", abstract ? "no file" : "the file exists");
    int cfd;
    for (;;) {
        cfd = accept(lfd, NULL, NULL);                           // @step s-accept
        if (cfd == -1) die("accept");
        if (!abstract) break;        /* a path is guarded by its directory's permissions */
        struct ucred peer;           /* an abstract name is not: ask the kernel who connected */
        socklen_t plen = sizeof peer;
        if (getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, &peer, &plen) == -1) // @step s-peercred
            die("getsockopt");
        if (peer.uid == geteuid()) break;
        printf("server: refused pid %d of uid %u: not my user\n", (int)peer.pid, (unsigned)peer.uid);
        if (close(cfd) == -1) die("close");
    }
    printf("server: accepted a connection\n");

    char buf[256];
    ssize_t n;
    while ((n = read(cfd, buf, sizeof buf)) > 0) {               // @step s-read
        printf("server: read %zd bytes \"%.*s\"\n", n, (int)n, buf);
        for (ssize_t i = 0; i < n; i++) buf[i] = toupper((unsigned char)buf[i]);
        if (write(cfd, buf, n) == -1) die("write");              // @step s-write
        printf("server: wrote \"%.*s\"\n", (int)n, buf);
    }
    if (n == -1) die("read");
    printf("server: read 0 bytes, the client has closed\n");
    if (close(cfd) == -1 || close(lfd) == -1) die("close");      // @step s-close
    if (!abstract && unlink(path) == -1) die("unlink");          // @step s-unlink
    return 0;
}
