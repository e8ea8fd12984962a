/*
 * pipe-eof.c: the parent writes a message into a pipe; its child reads
 * until end of file, counts the bytes, and says how many it got.
 *
 * The child never says it. It waits in read() for ever. Why, and what
 * is missing? (ipc-demo lab hint pipe-eof)
 *
 *   cc -Wall -Werror -o pipe-eof pipe-eof.c && ./pipe-eof
 *   ipc-demo pipe-eof.c                  # step it
 *   ipc-demo lab check pipe-eof          # check it
 */
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int fd[2];
    if (pipe(fd) == -1) {
        perror("pipe");
        return 1;
    }

    pid_t pid = fork();
    if (pid == -1) {
        perror("fork");
        return 1;
    }

    if (pid == 0) {
        /* The child reads until read() returns 0: end of file. */
        char buf[64];
        size_t total = 0;
        ssize_t n;
        while ((n = read(fd[0], buf, sizeof buf)) > 0)
            total += (size_t)n;
        printf("child: %zu bytes, then end of file\n", total);
        fflush(stdout);
        _exit(0);
    }

    /* The parent writes, closes its ends, and waits for the child. */
    close(fd[0]);
    const char *msg = "hello through the pipe";
    if (write(fd[1], msg, strlen(msg)) == -1)
        perror("write");
    close(fd[1]);
    if (waitpid(pid, NULL, 0) == -1)
        perror("waitpid");
    return 0;
}
