/* tcp-server.c: the same capitals server over TCP on 127.0.0.1.
 * Build: cc -Wall -Wextra -Werror -o tcp-server tcp-server.c
 * Run:   ./tcp-server PORT    (with ./tcp-client PORT) */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
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
    printf("server: pid %d\n", getpid());

    int lfd = socket(AF_INET, SOCK_STREAM, 0);                   // @step ts-socket
    if (lfd == -1) die("socket");
    int on = 1;           /* bind even while old connections are in TIME_WAIT */
    if (setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == -1) // @step ts-reuseaddr
        die("setsockopt");
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) == -1) die("bind"); // @step ts-bind
    if (listen(lfd, 8) == -1) die("listen");                     // @step ts-listen
    printf("server: listening on 127.0.0.1, no file anywhere\n");
    int cfd = accept(lfd, NULL, NULL);                           // @step ts-accept
    if (cfd == -1) die("accept");
    printf("server: accepted a connection\n");

    char buf[256];
    ssize_t n;
    while ((n = read(cfd, buf, sizeof buf)) > 0) {               // @step ts-read
        printf("server: read %zd bytes \"%.*s\"\n", n, (int)n, buf);
        for (ssize_t i = 0; i < n; i++) buf[i] = toupper((unsigned char)buf[i]);
        if (write(cfd, buf, n) == -1) die("write");              // @step ts-write
        printf("server: wrote \"%.*s\"\n", (int)n, buf);
    }
    if (n == -1) die("read");
    printf("server: read 0 bytes, the client has closed\n");
    if (close(cfd) == -1 || close(lfd) == -1) die("close");      // @step ts-close
    return 0;
}
