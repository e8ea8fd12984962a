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
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int ipc_trace_pipe(int line, int fds[2]);
pid_t ipc_trace_fork(int line);
ssize_t ipc_trace_read(int line, int fd, void *buf, size_t count);
ssize_t ipc_trace_write(int line, int fd, const void *buf, size_t count);
int ipc_trace_close(int line, int fd);
int ipc_trace_dup2(int line, int oldfd, int newfd);
pid_t ipc_trace_waitpid(int line, pid_t pid, int *status, int options);
pid_t ipc_trace_wait(int line, int *status);
int ipc_trace_waitid(int line, idtype_t idtype, id_t id, siginfo_t *info, int options);
int ipc_trace_execl(int line, const char *path, const char *arg, ...) __attribute__((sentinel));
int ipc_trace_execlp(int line, const char *file, const char *arg, ...) __attribute__((sentinel));
int ipc_trace_execle(int line, const char *path, const char *arg, ...) __attribute__((sentinel(1)));
int ipc_trace_execv(int line, const char *path, char *const argv[]);
int ipc_trace_execvp(int line, const char *file, char *const argv[]);
int ipc_trace_execve(int line, const char *path, char *const argv[], char *const envp[]);
int ipc_trace_execvpe(int line, const char *file, char *const argv[], char *const envp[]);
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
int ipc_trace_raise(int line, int signum);
unsigned int ipc_trace_alarm(int line, unsigned int seconds);
int ipc_trace_sigqueue(int line, pid_t pid, int signum, const union sigval value);
int ipc_trace_sigwait(int line, const sigset_t *set, int *sig);
int ipc_trace_sigwaitinfo(int line, const sigset_t *set, siginfo_t *info);
int ipc_trace_sigtimedwait(int line, const sigset_t *set, siginfo_t *info, const struct timespec *timeout);
int ipc_trace_usleep(int line, useconds_t usec);
pid_t ipc_trace_getpid(int line);
pid_t ipc_trace_getppid(int line);
uid_t ipc_trace_geteuid(int line);
int ipc_trace_stat(int line, const char *path, struct stat *buf);
int ipc_trace_memfd_create(int line, const char *name, unsigned int flags);
int ipc_trace_ftruncate(int line, int fd, off_t length);
void *ipc_trace_mmap(int line, void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int ipc_trace_munmap(int line, void *addr, size_t length);
key_t ipc_trace_ftok(int line, const char *path, int proj_id);
int ipc_trace_shmget(int line, key_t key, size_t size, int flags);
void *ipc_trace_shmat(int line, int id, const void *addr, int flags);
int ipc_trace_shmdt(int line, const void *addr);
int ipc_trace_shmctl(int line, int id, int cmd, struct shmid_ds *buf);
int ipc_trace_semget(int line, key_t key, int nsems, int flags);
int ipc_trace_semop(int line, int id, struct sembuf *sops, size_t nsops);
int ipc_trace_semctl(int line, int id, int num, int cmd, ...);
int ipc_trace_msgget(int line, key_t key, int flags);
int ipc_trace_msgsnd(int line, int id, const void *msgp, size_t size, int flags);
ssize_t ipc_trace_msgrcv(int line, int id, void *msgp, size_t size, long type, int flags);
int ipc_trace_msgctl(int line, int id, int cmd, struct msqid_ds *buf);
int ipc_trace_socket(int line, int domain, int type, int protocol);
int ipc_trace_socketpair(int line, int domain, int type, int protocol, int sv[2]);
int ipc_trace_bind(int line, int fd, const struct sockaddr *addr, socklen_t length);
int ipc_trace_listen(int line, int fd, int backlog);
int ipc_trace_accept(int line, int fd, struct sockaddr *addr, socklen_t *length);
int ipc_trace_connect(int line, int fd, const struct sockaddr *addr, socklen_t length);
ssize_t ipc_trace_send(int line, int fd, const void *buf, size_t count, int flags);
ssize_t ipc_trace_recv(int line, int fd, void *buf, size_t count, int flags);
ssize_t ipc_trace_sendto(int line, int fd, const void *buf, size_t count, int flags, const struct sockaddr *to, socklen_t length);
ssize_t ipc_trace_recvfrom(int line, int fd, void *buf, size_t count, int flags, struct sockaddr *from, socklen_t *length);
ssize_t ipc_trace_sendmsg(int line, int fd, const struct msghdr *msg, int flags);
ssize_t ipc_trace_recvmsg(int line, int fd, struct msghdr *msg, int flags);
int ipc_trace_shutdown(int line, int fd, int how);
int ipc_trace_setsockopt(int line, int fd, int level, int name, const void *value, socklen_t length);
int ipc_trace_getsockopt(int line, int fd, int level, int name, void *value, socklen_t *length);

/* ipc-trace.c defines IPC_TRACE_INTERNAL: it calls the real functions. */
#ifndef IPC_TRACE_INTERNAL
#define pipe(fds) ipc_trace_pipe(__LINE__, fds)
#define fork() ipc_trace_fork(__LINE__)
#define read(fd, buf, count) ipc_trace_read(__LINE__, fd, buf, count)
#define write(fd, buf, count) ipc_trace_write(__LINE__, fd, buf, count)
#define close(fd) ipc_trace_close(__LINE__, fd)
#define dup2(oldfd, newfd) ipc_trace_dup2(__LINE__, oldfd, newfd)
#define waitpid(pid, status, options) ipc_trace_waitpid(__LINE__, pid, status, options)
#define wait(status) ipc_trace_wait(__LINE__, status)
#define waitid(idtype, id, info, options) ipc_trace_waitid(__LINE__, idtype, id, info, options)
#define execl(...) ipc_trace_execl(__LINE__, __VA_ARGS__)
#define execlp(...) ipc_trace_execlp(__LINE__, __VA_ARGS__)
#define execle(...) ipc_trace_execle(__LINE__, __VA_ARGS__)
#define execv(path, argv) ipc_trace_execv(__LINE__, path, argv)
#define execvp(file, argv) ipc_trace_execvp(__LINE__, file, argv)
#define execve(path, argv, envp) ipc_trace_execve(__LINE__, path, argv, envp)
#define execvpe(file, argv, envp) ipc_trace_execvpe(__LINE__, file, argv, envp)
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
#define raise(signum) ipc_trace_raise(__LINE__, signum)
#define alarm(seconds) ipc_trace_alarm(__LINE__, seconds)
#define sigqueue(pid, signum, value) ipc_trace_sigqueue(__LINE__, pid, signum, value)
#define sigwait(set, sig) ipc_trace_sigwait(__LINE__, set, sig)
#define sigwaitinfo(set, info) ipc_trace_sigwaitinfo(__LINE__, set, info)
#define sigtimedwait(set, info, timeout) ipc_trace_sigtimedwait(__LINE__, set, info, timeout)
#define usleep(usec) ipc_trace_usleep(__LINE__, usec)
#define getpid() ipc_trace_getpid(__LINE__)
#define getppid() ipc_trace_getppid(__LINE__)
#define geteuid() ipc_trace_geteuid(__LINE__)
#define stat(path, buf) ipc_trace_stat(__LINE__, path, buf)
#define memfd_create(name, flags) ipc_trace_memfd_create(__LINE__, name, flags)
#define ftruncate(fd, length) ipc_trace_ftruncate(__LINE__, fd, length)
#define mmap(addr, length, prot, flags, fd, offset) ipc_trace_mmap(__LINE__, addr, length, prot, flags, fd, offset)
#define munmap(addr, length) ipc_trace_munmap(__LINE__, addr, length)
#define ftok(path, proj_id) ipc_trace_ftok(__LINE__, path, proj_id)
#define shmget(key, size, flags) ipc_trace_shmget(__LINE__, key, size, flags)
#define shmat(id, addr, flags) ipc_trace_shmat(__LINE__, id, addr, flags)
#define shmdt(addr) ipc_trace_shmdt(__LINE__, addr)
#define shmctl(id, cmd, buf) ipc_trace_shmctl(__LINE__, id, cmd, buf)
#define semget(key, nsems, flags) ipc_trace_semget(__LINE__, key, nsems, flags)
#define semop(id, sops, nsops) ipc_trace_semop(__LINE__, id, sops, nsops)
#define semctl(...) ipc_trace_semctl(__LINE__, __VA_ARGS__)
#define msgget(key, flags) ipc_trace_msgget(__LINE__, key, flags)
#define msgsnd(id, msgp, size, flags) ipc_trace_msgsnd(__LINE__, id, msgp, size, flags)
#define msgrcv(id, msgp, size, type, flags) ipc_trace_msgrcv(__LINE__, id, msgp, size, type, flags)
#define msgctl(id, cmd, buf) ipc_trace_msgctl(__LINE__, id, cmd, buf)
#define socket(domain, type, protocol) ipc_trace_socket(__LINE__, domain, type, protocol)
#define socketpair(domain, type, protocol, sv) ipc_trace_socketpair(__LINE__, domain, type, protocol, sv)
#define bind(fd, addr, length) ipc_trace_bind(__LINE__, fd, addr, length)
#define listen(fd, backlog) ipc_trace_listen(__LINE__, fd, backlog)
#define accept(fd, addr, length) ipc_trace_accept(__LINE__, fd, addr, length)
#define connect(fd, addr, length) ipc_trace_connect(__LINE__, fd, addr, length)
#define send(fd, buf, count, flags) ipc_trace_send(__LINE__, fd, buf, count, flags)
#define recv(fd, buf, count, flags) ipc_trace_recv(__LINE__, fd, buf, count, flags)
#define sendto(fd, buf, count, flags, to, length) ipc_trace_sendto(__LINE__, fd, buf, count, flags, to, length)
#define recvfrom(fd, buf, count, flags, from, length) ipc_trace_recvfrom(__LINE__, fd, buf, count, flags, from, length)
#define sendmsg(fd, msg, flags) ipc_trace_sendmsg(__LINE__, fd, msg, flags)
#define recvmsg(fd, msg, flags) ipc_trace_recvmsg(__LINE__, fd, msg, flags)
#define shutdown(fd, how) ipc_trace_shutdown(__LINE__, fd, how)
#define setsockopt(fd, level, name, value, length) ipc_trace_setsockopt(__LINE__, fd, level, name, value, length)
#define getsockopt(fd, level, name, value, length) ipc_trace_getsockopt(__LINE__, fd, level, name, value, length)
#endif

#endif
