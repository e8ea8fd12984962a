/* pipe.c: a parent sends a message to its child through an anonymous pipe.
 * Build: cc -Wall -Wextra -Werror -o pipe pipe.c
 * Run:   ./pipe [basic|unclosed|reader-gone|reader-gone-ignore|fill] */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *call) { perror(call); exit(1); }

static void reader(int fd[2], const char *variant) {
    if (strcmp(variant, "unclosed") != 0)        /* the bug: keep fd[1] */
        if (close(fd[1]) == -1) die("close");            // @step child-close-write
    if (strncmp(variant, "reader-gone", 11) == 0) {
        if (close(fd[0]) == -1) die("close");            // @step child-close-read
        printf("child: closed the read end, exiting without reading\n");
        _exit(0);                                        // @step child-exit-early
    }
    if (strcmp(variant, "fill") == 0)
        sleep(1);                        /* let the parent fill the pipe */ // @step child-sleep
    static char buf[65536];
    ssize_t n;
    while ((n = read(fd[0], buf, sizeof buf)) > 0)       // @step child-read
        printf("child: read %zd bytes: \"%.*s%s\"\n", n,
               n > 24 ? 24 : (int)n, buf, n > 24 ? "..." : "");
    if (n == -1) die("read");
    printf("child: end of file, every write end is closed\n");
    _exit(0);                                            // @step child-exit
}

static void report(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) == -1) die("waitpid");
    if (WIFEXITED(status))
        printf("parent: child pid %d exited %d\n", pid, WEXITSTATUS(status));
    else
        printf("parent: child pid %d killed by SIG%s\n", pid, sigabbrev_np(WTERMSIG(status)));
}

int main(int argc, char *argv[]) {
    const char *variant = argc > 1 ? argv[1] : "basic";
    const char *msg = "Hello from parent";
    int fd[2];                            /* fd[0] reads, fd[1] writes */
    setvbuf(stdout, NULL, _IOLBF, 0);

    if (pipe(fd) == -1) die("pipe");                     // @step pipe
    pid_t pid = fork();                                  // @step fork
    if (pid == -1) die("fork");
    if (pid == 0) reader(fd, variant);

    if (close(fd[0]) == -1) die("close");                // @step parent-close-read
    if (strcmp(variant, "reader-gone-ignore") == 0)
        if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) die("signal"); // @step ignore-sigpipe
    if (strncmp(variant, "reader-gone", 11) == 0)
        report(pid);                  /* now no reader is left */ // @step wait-first
    if (strcmp(variant, "fill") == 0) {
        int size = fcntl(fd[1], F_GETPIPE_SZ);           // @step pipe-size
        if (size == -1) die("fcntl");
        char *junk = malloc(size);
        if (junk == NULL) die("malloc");
        memset(junk, 'x', size);
        ssize_t n = write(fd[1], junk, size);            // @step fill
        if (n == -1) die("write");
        printf("parent: wrote %zd bytes, the pipe is full\n", n);
        free(junk);
    }
    ssize_t n = write(fd[1], msg, strlen(msg));          // @step parent-write
    if (n == -1) die("write");
    printf("parent: wrote %zd bytes\n", n);           /* what write() took */
    if (close(fd[1]) == -1) die("close");                // @step parent-close-write
    if (strncmp(variant, "reader-gone", 11) != 0)
        report(pid);                                     // @step wait
    return 0;
}
