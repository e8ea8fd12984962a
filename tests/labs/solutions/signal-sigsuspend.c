/*
 * Reference solution of signal-sigsuspend: SIGUSR1 is blocked before the
 * child exists, so it stays pending until sigsuspend() unblocks it and
 * waits, in one step.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got_usr1;

static void on_usr1(int signo)
{
    (void)signo;
    got_usr1 = 1;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) == -1) {
        perror("sigaction");
        return 1;
    }

    sigset_t usr1, old;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    if (sigprocmask(SIG_BLOCK, &usr1, &old) == -1) {
        perror("sigprocmask");
        return 1;
    }

    pid_t pid = fork();
    if (pid == -1) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        kill(getppid(), SIGUSR1);
        _exit(0);
    }

    if (waitpid(pid, NULL, 0) == -1)
        perror("waitpid");
    while (!got_usr1)
        sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("parent: got SIGUSR1 (%d)\n", (int)got_usr1);
    return 0;
}
