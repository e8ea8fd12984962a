/*
 * wait-for-signal.c: the parent waits for its child's SIGUSR1, then says
 * it got it.
 *
 * It never says so: pause() waits for ever. The signal came; when? Make
 * the wait race-free, so the parent wakes whenever the signal comes.
 * (ipc-demo lab hint signal-sigsuspend)
 *
 *   cc -Wall -Werror -o wait-for-signal wait-for-signal.c && ./wait-for-signal
 *   ipc-demo lab check signal-sigsuspend
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

    pid_t pid = fork();
    if (pid == -1) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        kill(getppid(), SIGUSR1);
        _exit(0);
    }

    /* The parent reaps its child first, then waits for the signal. */
    if (waitpid(pid, NULL, 0) == -1)
        perror("waitpid");
    pause();
    printf("parent: got SIGUSR1 (%d)\n", (int)got_usr1);
    return 0;
}
