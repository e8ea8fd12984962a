/* signal-robust.c: signal a child with no race: block, then wait atomically.
 * Build: cc -Wall -Wextra -Werror -o signal-robust signal-robust.c
 * Run:   ./signal-robust [sigsuspend|sigwaitinfo] */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *call) { perror(call); exit(1); }

static void handler(int sig) {
    (void)sig;                    /* installed for SIGUSR1 only */
    const char msg[] = "child: handler caught SIGUSR1\n";
    /* write() is async-signal-safe, printf() is not */
    if (write(1, msg, sizeof msg - 1) == -1) _exit(1);    // @step handler
}

static void child(const sigset_t *usr1, int synchronous) {
    if (synchronous) {
        siginfo_t info;              /* no handler: take it like a message */
        if (sigwaitinfo(usr1, &info) == -1) die("sigwaitinfo"); // @step sigwaitinfo
        printf("child: got SIGUSR1 from pid %d, my parent is pid %d\n",
               info.si_pid, getppid());
    } else {
        struct sigaction sa = { .sa_handler = handler };  /* no flags */
        if (sigemptyset(&sa.sa_mask) == -1) die("sigemptyset");
        if (sigaction(SIGUSR1, &sa, NULL) == -1) die("sigaction"); // @step sigaction
        sigset_t none;
        if (sigemptyset(&none) == -1) die("sigemptyset");
        /* unblock and sleep in one system call: nothing can slip in between */
        if (sigsuspend(&none) == -1 && errno != EINTR) die("sigsuspend"); // @step sigsuspend
        printf("child: sigsuspend returned, SIGUSR1 is blocked again\n");
    }
    _exit(0);                                             // @step child-exit
}

int main(int argc, char *argv[]) {
    int synchronous = argc > 1 && strcmp(argv[1], "sigwaitinfo") == 0;
    sigset_t usr1;
    int status;
    setvbuf(stdout, NULL, _IOLBF, 0);

    if (sigemptyset(&usr1) == -1 || sigaddset(&usr1, SIGUSR1) == -1)
        die("sigaddset");
    if (sigprocmask(SIG_BLOCK, &usr1, NULL) == -1) die("sigprocmask"); // @step block
    pid_t pid = fork();                 /* the child inherits the mask */ // @step fork-blocked
    if (pid == -1) die("fork");
    if (pid == 0) child(&usr1, synchronous);

    if (kill(pid, SIGUSR1) == -1) die("kill");     /* no sleep needed */ // @step kill-blocked
    printf("parent: sent SIGUSR1 to child pid %d\n", pid);
    if (waitpid(pid, &status, 0) == -1) die("waitpid");  // @step wait
    if (WIFEXITED(status))
        printf("parent: child pid %d exited %d\n", pid, WEXITSTATUS(status));
    else
        printf("parent: child pid %d killed by SIG%s\n", pid,
               sigabbrev_np(WTERMSIG(status)));
    return 0;
}
