/*
 * socket-server.c: a Unix domain socket server at the path argv[1]. It
 * binds, listens, and (to keep the exercise short) closes and removes
 * its socket file again.
 *
 * A server that crashed left its socket file behind, and now bind()
 * fails with EADDRINUSE though no one listens there. Make the server
 * start anyway. (ipc-demo lab hint socket-stale-path)
 *
 *   cc -Wall -Werror -o socket-server socket-server.c && ./socket-server /tmp/my.sock
 *   ipc-demo lab check socket-stale-path
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s SOCKET-PATH\n", argv[0]);
        return 2;
    }
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(argv[1]) >= sizeof addr.sun_path) {
        fprintf(stderr, "%s: path too long\n", argv[1]);
        return 2;
    }
    strcpy(addr.sun_path, argv[1]);

    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd == -1) {
        perror("socket");
        return 1;
    }
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) == -1) {
        perror("bind");
        return 1;
    }
    if (listen(fd, 8) == -1) {
        perror("listen");
        return 1;
    }
    printf("listening at %s\n", argv[1]);
    close(fd);
    unlink(argv[1]);
    return 0;
}
