/* signal-queueing.c: a standard signal is a pending bit; real-time ones queue.
 * Build: cc -Wall -Wextra -Werror -o signal-queueing signal-queueing.c
 * Run:   ./signal-queueing */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_count, rt_count;

static void die(const char *call) { perror(call); exit(1); }

static void count(int sig) {
    if (sig == SIGUSR1) usr1_count++; else rt_count++;    // @step count
}

static void child(const sigset_t *counted, const sigset_t *done) {
    struct sigaction sa = { .sa_handler = count };
    if (sigemptyset(&sa.sa_mask) == -1) die("sigemptyset");   /* block nothing more while it runs */
    if (sigaction(SIGUSR1, &sa, NULL) == -1) die("sigaction"); // @step catch-usr1
    if (sigaction(SIGRTMIN, &sa, NULL) == -1) die("sigaction"); // @step catch-rt
    if (sigwaitinfo(done, NULL) == -1) die("sigwaitinfo"); // @step wait-done
    /* each pending signal is handled before sigprocmask() returns */
    if (sigprocmask(SIG_UNBLOCK, counted, NULL) == -1) die("sigprocmask"); // @step unblock
    printf("child: SIGUSR1 handled %d time(s) of 3 sent\n", usr1_count);
    printf("child: SIGRTMIN handled %d time(s) of 3 sent\n", rt_count);
    _exit(0);                                             // @step child-exit
}

int main(void) {
    sigset_t counted, done, all;
    int status;
    setvbuf(stdout, NULL, _IOLBF, 0);

    if (sigemptyset(&counted) == -1 || sigaddset(&counted, SIGUSR1) == -1
        || sigaddset(&counted, SIGRTMIN) == -1 || sigemptyset(&done) == -1
        || sigaddset(&done, SIGUSR2) == -1
        || sigorset(&all, &counted, &done) == -1)
        die("sigset");
    if (sigprocmask(SIG_BLOCK, &all, NULL) == -1) die("sigprocmask"); // @step block-three
    pid_t pid = fork();                                   // @step fork-blocked
    if (pid == -1) die("fork");
    if (pid == 0) child(&counted, &done);

    for (int i = 0; i < 3; i++)
        if (kill(pid, SIGUSR1) == -1) die("kill");        // @step kill-usr1
    for (int i = 0; i < 3; i++)
        if (kill(pid, SIGRTMIN) == -1) die("kill");       // @step kill-rt
    printf("parent: sent 3 x SIGUSR1, 3 x SIGRTMIN to child pid %d\n", pid);
    if (kill(pid, SIGUSR2) == -1) die("kill");   /* SIGUSR2: "that's all" */ // @step kill-done
    if (waitpid(pid, &status, 0) == -1) die("waitpid");  // @step wait
    if (WIFEXITED(status))
        printf("parent: child pid %d exited %d\n", pid, WEXITSTATUS(status));
    else
        printf("parent: child pid %d killed by SIG%s\n", pid,
               sigabbrev_np(WTERMSIG(status)));
    return 0;
}
