/* ipc-trace.h: what ipc-demo adds to a C program it steps.
 *
 * ipc-demo compiles the program with `-include ipc-trace.h` and links it with
 * ipc-trace.c: the source file itself is not changed. The macros below turn
 * each traced libc call into a call of the same name with the source line in
 * front (pipe(fd) becomes ipc_trace_pipe(23, fd)); that function stops the
 * process at line 23 until ipc-demo says go, tells it the call, its arguments
 * and its result, and otherwise does exactly what the libc call does.
 *
 * Without IPC_DEMO_TRACE in the environment nothing is traced: the program
 * runs as if compiled on its own. See README.md next to this file. */
#ifndef IPC_TRACE_H
#define IPC_TRACE_H

/* The system headers come first, before the macros exist: their own
 * declarations of read(), write() … must stay what they are. _GNU_SOURCE is
 * what most IPC programs ask for; defined here the same way (empty), a
 * program's own #define _GNU_SOURCE repeats it without a warning. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int ipc_trace_pipe(int line, int fds[2]);
pid_t ipc_trace_fork(int line);
ssize_t ipc_trace_read(int line, int fd, void *buf, size_t count);
ssize_t ipc_trace_write(int line, int fd, const void *buf, size_t count);
int ipc_trace_close(int line, int fd);
int ipc_trace_dup2(int line, int oldfd, int newfd);
pid_t ipc_trace_waitpid(int line, pid_t pid, int *status, int options);
int ipc_trace_execlp(int line, const char *file, const char *arg, ...) __attribute__((sentinel));
int ipc_trace_execvp(int line, const char *file, char *const argv[]);
void ipc_trace_exit(int line, int status) __attribute__((noreturn));
void ipc_trace__exit(int line, int status) __attribute__((noreturn));
int ipc_trace_mkfifo(int line, const char *path, mode_t mode);
int ipc_trace_open(int line, const char *path, int flags, ...);
int ipc_trace_unlink(int line, const char *path);
sighandler_t ipc_trace_signal(int line, int signum, sighandler_t handler);
int ipc_trace_fcntl(int line, int fd, int cmd, ...);
unsigned int ipc_trace_sleep(int line, unsigned int seconds);
int ipc_trace_kill(int line, pid_t pid, int signum);
int ipc_trace_sigaction(int line, int signum, const struct sigaction *act, struct sigaction *oldact);
int ipc_trace_sigprocmask(int line, int how, const sigset_t *set, sigset_t *oldset);
int ipc_trace_sigsuspend(int line, const sigset_t *mask);
int ipc_trace_pause(int line);

/* ipc-trace.c defines IPC_TRACE_INTERNAL: it calls the real functions. */
#ifndef IPC_TRACE_INTERNAL
#define pipe(fds) ipc_trace_pipe(__LINE__, fds)
#define fork() ipc_trace_fork(__LINE__)
#define read(fd, buf, count) ipc_trace_read(__LINE__, fd, buf, count)
#define write(fd, buf, count) ipc_trace_write(__LINE__, fd, buf, count)
#define close(fd) ipc_trace_close(__LINE__, fd)
#define dup2(oldfd, newfd) ipc_trace_dup2(__LINE__, oldfd, newfd)
#define waitpid(pid, status, options) ipc_trace_waitpid(__LINE__, pid, status, options)
#define execlp(...) ipc_trace_execlp(__LINE__, __VA_ARGS__)
#define execvp(file, argv) ipc_trace_execvp(__LINE__, file, argv)
#define exit(status) ipc_trace_exit(__LINE__, status)
#define _exit(status) ipc_trace__exit(__LINE__, status)
#define mkfifo(path, mode) ipc_trace_mkfifo(__LINE__, path, mode)
#define open(...) ipc_trace_open(__LINE__, __VA_ARGS__)
#define unlink(path) ipc_trace_unlink(__LINE__, path)
#define signal(signum, handler) ipc_trace_signal(__LINE__, signum, handler)
#define fcntl(...) ipc_trace_fcntl(__LINE__, __VA_ARGS__)
#define sleep(seconds) ipc_trace_sleep(__LINE__, seconds)
#define kill(pid, signum) ipc_trace_kill(__LINE__, pid, signum)
#define sigaction(signum, act, oldact) ipc_trace_sigaction(__LINE__, signum, act, oldact)
#define sigprocmask(how, set, oldset) ipc_trace_sigprocmask(__LINE__, how, set, oldset)
#define sigsuspend(mask) ipc_trace_sigsuspend(__LINE__, mask)
#define pause() ipc_trace_pause(__LINE__)
#endif

#endif
