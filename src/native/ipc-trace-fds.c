/* ipc-trace-fds.c: pipes, files and memory (included by ipc-trace.c, one translation unit).
 * Each wrapper stops at the caller's line, tells the call, makes it, tells its return. */
#include <sys/mman.h>

/* A read or write on a pipe end changes its level: told again, even if this process's
 * measure did not change (the other end may have told another one since). */
static void remeasure(int fd) {
    for (int i = 0; i < watched_count; i++)
        if (watched[i] == fd) last_state_len = 0;
}

int ipc_trace_pipe(int line, int fds[2]) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "pipe"), end_call(&e, line);
    int r = pipe(fds);
    int err = errno;
    if (r == 0) watch_fd(fds[0]), watch_fd(fds[1]);
    if (trace_fd != -1 && r == 0) {
        begin_return(&e, "pipe");
        put(&e, "[");
        put_long(&e, fds[0]);
        put(&e, ",");
        put_long(&e, fds[1]);
        put(&e, "]");
        end_return(&e, line, 0);
    } else traced_return("pipe", line, r, err);
    errno = err;
    return r;
}

ssize_t ipc_trace_read(int line, int fd, void *buf, size_t count) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "read"), arg_long(&e, fd), arg_buffer(&e, count), end_call(&e, line);
    ssize_t n = read(fd, buf, count);
    int err = errno;
    remeasure(fd);
    traced_return("read", line, n, err);
    errno = err;
    return n;
}

ssize_t ipc_trace_write(int line, int fd, const void *buf, size_t count) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "write"), arg_long(&e, fd), arg_buffer(&e, count), end_call(&e, line);
    ssize_t n = write(fd, buf, count);
    int err = errno;
    remeasure(fd);
    traced_return("write", line, n, err);
    if (n > 0) report_output(fd, buf, (size_t)n);
    errno = err;
    return n;
}

int ipc_trace_close(int line, int fd) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "close"), arg_long(&e, fd), end_call(&e, line);
    /* The program cannot close the trace socket: it is not one of its fds. */
    int r = fd == trace_fd && trace_fd != -1 ? (errno = EBADF, -1) : close(fd);
    int err = errno;
    if (r == 0) unwatch_fd(fd);
    traced_return("close", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_dup2(int line, int oldfd, int newfd) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "dup2"), arg_long(&e, oldfd), arg_long(&e, newfd), end_call(&e, line);
    int r = newfd == trace_fd && trace_fd != -1 ? (errno = EBADF, -1) : dup2(oldfd, newfd);
    int err = errno;
    if (r != -1 && oldfd != newfd) unwatch_fd(newfd);
    traced_return("dup2", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_mkfifo(int line, const char *path, mode_t mode) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "mkfifo"), arg_string(&e, path), arg_long(&e, mode), end_call(&e, line);
    int r = mkfifo(path, mode);
    int err = errno;
    if (r == 0) record_path(path);
    traced_return("mkfifo", line, r, err);
    errno = err;
    return r;
}

/* open's mode exists only when the flags create a file. */
int ipc_trace_open(int line, const char *path, int flags, ...) {
    mode_t mode = 0;
    bool creates = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
    if (creates) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "open");
        arg_string(&e, path);
        arg_long(&e, flags);
        if (creates) arg_long(&e, mode);
        end_call(&e, line);
    }
    int r = open(path, flags, mode);
    int err = errno;
    watch_fd(r); /* a FIFO is a pipe too: its level is told like a pipe's */
    traced_return("open", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_unlink(int line, const char *path) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "unlink"), arg_string(&e, path), end_call(&e, line);
    int r = unlink(path);
    int err = errno;
    traced_return("unlink", line, r, err);
    errno = err;
    return r;
}

/* fcntl's third argument is an int, a pointer or nothing, by command. */
int ipc_trace_fcntl(int line, int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    bool int_arg = cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_SETFD || cmd == F_SETFL || cmd == F_SETOWN ||
                   cmd == F_SETSIG || cmd == F_SETLEASE || cmd == F_NOTIFY || cmd == F_SETPIPE_SZ || cmd == F_ADD_SEALS;
    bool pointer_arg = cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW || cmd == F_OFD_GETLK || cmd == F_OFD_SETLK ||
                       cmd == F_OFD_SETLKW || cmd == F_GETOWN_EX || cmd == F_SETOWN_EX;
    int number = int_arg ? va_arg(ap, int) : 0;
    void *pointer = pointer_arg ? va_arg(ap, void *) : NULL;
    va_end(ap);
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "fcntl");
        arg_long(&e, fd);
        arg_long(&e, cmd);
        if (int_arg) arg_long(&e, number);
        if (pointer_arg) arg_pointer(&e, pointer);
        end_call(&e, line);
    }
    int r = pointer_arg ? fcntl(fd, cmd, pointer) : int_arg ? fcntl(fd, cmd, number) : fcntl(fd, cmd);
    int err = errno;
    traced_return("fcntl", line, r, err);
    errno = err;
    return r;
}

/* stat() is shown as the twins show it: the path, and in the value the mode, the one field
 * the lessons read (a FIFO's type bits). */
int ipc_trace_stat(int line, const char *path, struct stat *buf) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "stat"), arg_string(&e, path), end_call(&e, line);
    int r = stat(path, buf);
    int err = errno;
    if (trace_fd != -1 && r == 0) {
        begin_return(&e, "stat");
        put(&e, "{\"mode\":"), put_long(&e, buf->st_mode), put(&e, "}");
        end_return(&e, line, 0);
    } else traced_return("stat", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_memfd_create(int line, const char *name, unsigned int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "memfd_create"), arg_string(&e, name), arg_long(&e, flags), end_call(&e, line);
    int r = memfd_create(name, flags);
    int err = errno;
    traced_return("memfd_create", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_ftruncate(int line, int fd, off_t length) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "ftruncate"), arg_long(&e, fd), arg_long(&e, length), end_call(&e, line);
    int r = ftruncate(fd, length);
    int err = errno;
    traced_return("ftruncate", line, r, err);
    errno = err;
    return r;
}

/* mmap's arguments as the twins show them: (length, prot, flags), then fd and offset unless the
 * mapping is anonymous with neither, and the address first only when the program asks for one.
 * Its value is the address, "0x…", or -1 (MAP_FAILED) with errno. A shared mapping's first
 * bytes are told in state events from then on, as the twins tell them. */
void *ipc_trace_mmap(int line, void *addr, size_t length, int prot, int flags, int fd, off_t offset) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "mmap");
        if (addr) arg_pointer(&e, addr);
        arg_long(&e, (long long)length), arg_long(&e, prot), arg_long(&e, flags);
        if (fd != -1 || offset != 0) arg_long(&e, fd), arg_long(&e, offset);
        end_call(&e, line);
    }
    void *p = mmap(addr, length, prot, flags, fd, offset);
    int err = errno;
    if (p != MAP_FAILED) watch_mapping(p, length);
    if (trace_fd != -1 && p != MAP_FAILED) {
        begin_return(&e, "mmap");
        put_pointer(&e, p);
        end_return(&e, line, 0);
    } else traced_return("mmap", line, -1, err);
    errno = err;
    return p;
}

int ipc_trace_munmap(int line, void *addr, size_t length) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "munmap"), arg_pointer(&e, addr), arg_long(&e, (long long)length), end_call(&e, line);
    /* Forgotten first: a mapping measured after it is gone would be a read of nothing. */
    unwatch_mapping(addr);
    int r = munmap(addr, length);
    int err = errno;
    traced_return("munmap", line, r, err);
    errno = err;
    return r;
}
