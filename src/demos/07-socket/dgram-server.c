/* dgram-server.c: a Unix domain datagram server: two datagrams in, one out.
 * Build: cc -Wall -Wextra -Werror -o dgram-server dgram-server.c
 * Run:   ./dgram-server PATH    (with ./dgram-client PATH CLIENT_PATH) */
#define _GNU_SOURCE
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void die(const char *call) { perror(call); exit(1); }

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc != 2) errx(2, "usage: %s PATH", argv[0]);
    struct sockaddr_un me = {.sun_family = AF_UNIX}, from;
    if (strlen(argv[1]) >= sizeof me.sun_path) errx(1, "path too long");
    strcpy(me.sun_path, argv[1]);
    struct sockaddr *sfrom = (struct sockaddr *)&from;
    printf("server: pid %d\n", getpid());

    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);                     // @step ds-socket
    if (fd == -1) die("socket");
    if (bind(fd, (struct sockaddr *)&me, sizeof me) == -1) die("bind"); // @step ds-bind
    printf("server: bound; no listen, no accept\n");
    socklen_t flen;
    char buf[256];
    for (int i = 1; i <= 2; i++) {
        flen = sizeof from;
        ssize_t n = recvfrom(fd, buf, sizeof buf, 0, sfrom, &flen); // @step ds-recvfrom
        if (n == -1) die("recvfrom");
        printf("server: datagram %d, %zd bytes \"%.*s\"\n", i, n, (int)n, buf);
    }
    const char *reply = "got your 2 datagrams";
    if (sendto(fd, reply, strlen(reply), 0, sfrom, flen) == -1) die("sendto"); // @step ds-sendto
    printf("server: sent \"%s\" back to the sender\n", reply);
    if (close(fd) == -1) die("close");                           // @step ds-close
    if (unlink(argv[1]) == -1) die("unlink");                    // @step ds-unlink
    return 0;
}
