/* dgram-client.c: send two datagrams to dgram-server, read its one reply.
 * Build: cc -Wall -Wextra -Werror -o dgram-client dgram-client.c
 * Run:   ./dgram-client SERVER_PATH CLIENT_PATH    (with dgram-server) */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void die(const char *call) { perror(call); exit(1); }

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc != 3) errx(2, "usage: %s SERVER_PATH CLIENT_PATH", argv[0]);
    struct sockaddr_un srv = {.sun_family = AF_UNIX};
    struct sockaddr_un me = {.sun_family = AF_UNIX};
    if (strlen(argv[1]) >= sizeof srv.sun_path) errx(1, "path too long");
    if (strlen(argv[2]) >= sizeof me.sun_path) errx(1, "path too long");
    strcpy(srv.sun_path, argv[1]);
    strcpy(me.sun_path, argv[2]);
    struct sockaddr *ssrv = (struct sockaddr *)&srv;
    printf("client: pid %d\n", getpid());

    int fd;
    for (int try = 1;; try++) {
        fd = socket(AF_UNIX, SOCK_DGRAM, 0);                     // @step dc-socket
        if (fd == -1) die("socket");
        if (connect(fd, ssrv, sizeof srv) == 0) break;           // @step dc-connect
        if ((errno != ENOENT && errno != ECONNREFUSED) || try == 100) die("connect");
        if (close(fd) == -1) die("close");   /* a failed socket is not reused */
        usleep(50 * 1000);            /* no server bound yet: wait, retry */
    }
    /* named once connected: a failed try leaves no socket file behind */
    if (bind(fd, (struct sockaddr *)&me, sizeof me) == -1) die("bind"); // @step dc-bind
    const char *dgram[] = {"one", "and two"};
    for (int i = 0; i < 2; i++) {
        ssize_t sent = send(fd, dgram[i], strlen(dgram[i]), 0);  // @step dc-send
        if (sent == -1) die("send");
        printf("client: sent %zd bytes \"%s\"\n", sent, dgram[i]);
    }
    char buf[256];
    ssize_t n = recv(fd, buf, sizeof buf, 0);                    // @step dc-recv
    if (n == -1) die("recv");
    printf("client: received %zd bytes \"%.*s\"\n", n, (int)n, buf);
    if (close(fd) == -1) die("close");                           // @step dc-close
    if (unlink(argv[2]) == -1) die("unlink");                    // @step dc-unlink
    return 0;
}
