/* ipc-trace-exec.c: the exec family (included by ipc-trace.c, one translation unit).
 *
 * The trace socket is close-on-exec: the new program runs untraced and its connection
 * closes. Its output would be lost to the output pane (the runtime's streams, which tell
 * each line, go with the old image), so when fd 1 or 2 is still the program's own output
 * at the exec, the new program gets a terminal (fd 1, a pseudo-terminal, so that it
 * buffers and formats as on the learner's terminal) or a pipe (fd 2) instead, and a
 * relay reads it: the relay copies every byte on to where fd 1 or 2 went before and
 * tells each line as an `output` event under the exec'd program's pid (the pid does not
 * change across exec). The relay is a process of its own, orphaned at once (not a child
 * of the exec'd program, whose wait() must not find it), holding no fd of the program's
 * but the two it reads: a pipe end it kept would keep the program's readers from EOF.
 * It ends when every writer has closed, that is when the exec'd program and what it
 * forked have exited. A fd 1 or 2 the program has redirected (dup2 onto a pipe, as in
 * `ls | wc -l`) is left as it is: what goes there is not output. */
#include <dirent.h>
#include <termios.h>

/* The relay's ends, read end and write end, for fds 1 and 2 (-1: not relayed); and a pipe
 * whose write end the relay closes once ipc-demo knows of it (its `relay` event answered). */
struct relay {
    int read_end[3], write_end[3], saved[3];
    int ready[2];
};

/* `fd` moved up among the runtime's own fds (TRACE_FD_MIN and above, which the kernel pane does not
 * show: the learner never sees the relay's ends), close-on-exec; as it is when it cannot be. */
static int runtime_fd(int fd) {
    if (fd == -1) return fd;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, TRACE_FD_MIN + 10);
    if (high == -1) return fd;
    close(fd);
    return high;
}

/* Both ends of a new pipe among the runtime's fds. */
static int runtime_pipe(int ends[2]) {
    if (pipe2(ends, O_CLOEXEC) == -1) return -1;
    ends[0] = runtime_fd(ends[0]), ends[1] = runtime_fd(ends[1]);
    return 0;
}

/* fd 1 gets a pseudo-terminal in raw mode (no "\r\n" for "\n"), fd 2 a pipe; a pipe for fd 1
 * too when no terminal can be had. The ends are made among the runtime's fds, close-on-exec. */
static bool relay_ends(int fd, int ends[2]) {
    if (fd == 1) {
        int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        char name[64];
        if (master != -1 && grantpt(master) == 0 && unlockpt(master) == 0 && ptsname_r(master, name, sizeof name) == 0) {
            int slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
            struct termios raw;
            if (slave != -1 && tcgetattr(slave, &raw) == 0) {
                cfmakeraw(&raw);
                if (tcsetattr(slave, TCSANOW, &raw) == 0) {
                    ends[0] = runtime_fd(master), ends[1] = runtime_fd(slave);
                    return true;
                }
            }
            if (slave != -1) close(slave);
        }
        if (master != -1) close(master);
    }
    return runtime_pipe(ends) == 0;
}

/* The relay itself: keeps only what it reads and where it copies to, reports, ends at EOF. */
static void __attribute__((noreturn)) relay_run(struct relay *r, pid_t program) {
    int keep[3] = {-1, -1, -1};
    for (int fd = 1; fd <= 2; fd++) {
        if (r->read_end[fd] == -1) continue;
        keep[fd] = fcntl(r->read_end[fd], F_DUPFD_CLOEXEC, TRACE_FD_MIN + fd);
        if (keep[fd] == -1) _exit(EXIT_RUNTIME);
    }
    /* Every other fd goes: the program's pipe ends, its sockets, the old trace connection. */
    DIR *dir = opendir("/proc/self/fd");
    if (!dir) _exit(EXIT_RUNTIME);
    int listing = dirfd(dir);
    for (struct dirent *d; (d = readdir(dir));) {
        int fd = atoi(d->d_name);
        if (d->d_name[0] == '.' || fd == listing || fd == keep[1] || fd == keep[2] || fd == r->ready[1]) continue;
        if ((fd == 1 || fd == 2) && r->read_end[fd] != -1) continue;
        close(fd);
    }
    closedir(dir);
    connect_trace();
    speaking_for = program;
    /* Said before the program runs: a parent that reaps the program then waits for this
     * connection's lines, which would otherwise come after the parent's own (wc's count after
     * "wc exited"). */
    struct event e;
    begin(&e, "relay");
    finish(&e, false);
    /* ipc-demo answers once it has read that line: only then may the program run. */
    char go;
    while (read(trace_fd, &go, 1) == -1 && errno == EINTR) {}
    close(r->ready[1]);
    streams[1].partial_len = streams[2].partial_len = 0;
    struct pollfd p[2] = {{.fd = keep[1], .events = POLLIN}, {.fd = keep[2], .events = POLLIN}};
    while (p[0].fd != -1 || p[1].fd != -1) {
        if (poll(p, 2, -1) == -1) {
            if (errno == EINTR) continue;
            _exit(EXIT_RUNTIME);
        }
        for (int i = 0; i < 2; i++) {
            if (p[i].fd == -1 || p[i].revents == 0) continue;
            char buf[4096];
            ssize_t n = read(p[i].fd, buf, sizeof buf);
            if (n == -1 && errno == EINTR) continue;
            /* EOF, or EIO: a terminal whose every slave end has closed. */
            if (n <= 0) {
                close(p[i].fd);
                p[i].fd = -1;
                continue;
            }
            for (ssize_t done = 0, w; done < n; done += w)
                if ((w = write(i + 1, buf + done, (size_t)(n - done))) <= 0) break;
            report_output(i + 1, buf, (size_t)n);
        }
    }
    flush_partial();
    _exit(0);
}

/* Starts the relay for fds 1 and 2 where they are still the program's output, and puts its
 * write ends there; false (nothing changed) when there is nothing to relay or no way to. */
static bool relay_start(struct relay *r) {
    bool any = false;
    for (int fd = 0; fd <= 2; fd++) r->read_end[fd] = r->write_end[fd] = r->saved[fd] = -1;
    for (int fd = 1; fd <= 2; fd++) {
        if (!is_original(fd)) continue;
        int ends[2];
        if (!relay_ends(fd, ends)) continue;
        r->read_end[fd] = ends[0], r->write_end[fd] = ends[1];
        any = true;
    }
    if (!any) return false;
    if (runtime_pipe(r->ready) == -1) r->ready[0] = r->ready[1] = -1;
    pid_t program = getpid();
    pid_t middle = fork();
    if (middle == 0) {
        if (fork() == 0) relay_run(r, program);
        _exit(0); /* the relay is orphaned at once: init reaps it, not the exec'd program */
    }
    if (middle > 0) waitpid(middle, NULL, 0);
    /* The relay has said who it speaks for (or died): EOF on the ready pipe either way. */
    if (r->ready[1] != -1) close(r->ready[1]);
    if (r->ready[0] != -1) {
        char byte;
        while (read(r->ready[0], &byte, 1) == -1 && errno == EINTR) {}
        close(r->ready[0]);
    }
    for (int fd = 1; fd <= 2; fd++) {
        if (r->read_end[fd] == -1) continue;
        close(r->read_end[fd]);
        if (middle > 0) {
            r->saved[fd] = fcntl(fd, F_DUPFD_CLOEXEC, TRACE_FD_MIN + 3);
            dup2(r->write_end[fd], fd);
        }
        close(r->write_end[fd]);
    }
    return middle > 0;
}

/* The exec failed: fds 1 and 2 are the program's output again, and the relay sees EOF. */
static void relay_undo(struct relay *r) {
    for (int fd = 1; fd <= 2; fd++) {
        if (r->saved[fd] == -1) continue;
        dup2(r->saved[fd], fd);
        close(r->saved[fd]);
    }
}

/* Every exec: the call told with the program and its argv (file, then argv[0]…), a return only
 * when it fails. `search`: the file is looked up in PATH (the exec*p forms). */
static int traced_exec(int line, const char *name, const char *file, char *const argv[], char *const envp[], bool search) {
    step(line);
    struct event e;
    struct relay relay;
    bool relayed = false;
    if (trace_fd != -1) {
        begin_call(&e, name);
        arg_string(&e, file);
        for (int i = 0; argv[i]; i++) arg_string(&e, argv[i]);
        end_call(&e, line);
        fflush(NULL);
        flush_partial();
        relayed = relay_start(&relay);
    }
    int r = search ? execvpe(file, argv, envp) : execve(file, argv, envp);
    int err = errno;
    if (relayed) relay_undo(&relay);
    traced_return(name, line, r, err);
    errno = err;
    return r;
}

/* The list forms (execl, execlp, execle): argv from the arguments up to NULL, and for execle
 * the environment after it. */
static int traced_execl(int line, const char *name, const char *file, const char *arg, va_list ap, bool with_env, bool search) {
    char *argv[EXEC_ARGS_MAX + 1];
    int n = 0;
    for (const char *a = arg; a; a = va_arg(ap, const char *)) {
        if (n == EXEC_ARGS_MAX) {
            step(line);
            traced_return(name, line, -1, E2BIG);
            errno = E2BIG;
            return -1;
        }
        argv[n++] = (char *)a;
    }
    argv[n] = NULL;
    char *const *envp = with_env ? va_arg(ap, char *const *) : environ;
    return traced_exec(line, name, file, argv, envp, search);
}

int ipc_trace_execl(int line, const char *path, const char *arg, ...) {
    va_list ap;
    va_start(ap, arg);
    int r = traced_execl(line, "execl", path, arg, ap, false, false);
    va_end(ap);
    return r;
}

int ipc_trace_execlp(int line, const char *file, const char *arg, ...) {
    va_list ap;
    va_start(ap, arg);
    int r = traced_execl(line, "execlp", file, arg, ap, false, true);
    va_end(ap);
    return r;
}

int ipc_trace_execle(int line, const char *path, const char *arg, ...) {
    va_list ap;
    va_start(ap, arg);
    int r = traced_execl(line, "execle", path, arg, ap, true, false);
    va_end(ap);
    return r;
}

int ipc_trace_execv(int line, const char *path, char *const argv[]) {
    return traced_exec(line, "execv", path, argv, environ, false);
}

int ipc_trace_execvp(int line, const char *file, char *const argv[]) {
    return traced_exec(line, "execvp", file, argv, environ, true);
}

int ipc_trace_execve(int line, const char *path, char *const argv[], char *const envp[]) {
    return traced_exec(line, "execve", path, argv, envp, false);
}

int ipc_trace_execvpe(int line, const char *file, char *const argv[], char *const envp[]) {
    return traced_exec(line, "execvpe", file, argv, envp, true);
}
