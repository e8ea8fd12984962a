/* signal-textbook.c: the textbook way to signal a child, and the race in it.
 * Build: cc -Wall -Wextra -Werror -o signal-textbook signal-textbook.c
 * Run:   ./signal-textbook [sleep|race] */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *call) { perror(call); exit(1); }

static void handler(int sig) {
    (void)sig;                    /* installed for SIGUSR1 only */
    /* not printf(): the signal may have stopped main() inside printf() */
    const char msg[] = "child: handler caught SIGUSR1\n";
    if (write(1, msg, sizeof msg - 1) == -1) _exit(1);    // @step handler
}

static void report(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) == -1) die("waitpid");
    if (WIFEXITED(status))
        printf("parent: child pid %d exited %d\n", pid, WEXITSTATUS(status));
    else
        printf("parent: child pid %d killed by SIG%s\n", pid,
               sigabbrev_np(WTERMSIG(status)));
}

int main(int argc, char *argv[]) {
    int race = argc > 1 && strcmp(argv[1], "race") == 0;
    setvbuf(stdout, NULL, _IOLBF, 0);

    pid_t pid = fork();                                   // @step fork
    if (pid == -1) die("fork");
    if (pid == 0) {
        if (signal(SIGUSR1, handler) == SIG_ERR) die("signal"); // @step signal
        pause();                  /* returns only after a handler has run */ // @step pause
        printf("child: pause() returned\n");
        _exit(0);                                         // @step child-exit
    }
    if (!race)
        sleep(1);             /* and hope the child is ready by then */ // @step sleep
    if (kill(pid, SIGUSR1) == -1) die("kill");            // @step kill
    printf("parent: sent SIGUSR1 to child pid %d\n", pid);
    report(pid);                                          // @step wait
    return 0;
}
