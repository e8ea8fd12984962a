/* ipc-trace-signals.c: signals (included by ipc-trace.c, one translation unit).
 * A handler may run inside any of these calls and take steps of its own there: the
 * call's return is still told at the caller's line. */

/* The handler is shown as an address, SIG_DFL "0x0", SIG_IGN "0x1", as the twins show it. */
sighandler_t ipc_trace_signal(int line, int signum, sighandler_t handler) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "signal"), arg_long(&e, signum), arg_pointer(&e, (const void *)(uintptr_t)handler), end_call(&e, line);
    sighandler_t old = signal(signum, handler);
    int err = errno;
    if (trace_fd != -1 && old != SIG_ERR) {
        begin_return(&e, "signal");
        put_pointer(&e, (const void *)(uintptr_t)old);
        end_return(&e, line, 0);
    } else traced_return("signal", line, -1, err);
    errno = err;
    return old;
}

int ipc_trace_kill(int line, pid_t pid, int signum) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "kill"), arg_long(&e, pid), arg_long(&e, signum), end_call(&e, line);
    int r = kill(pid, signum);
    int err = errno;
    traced_return("kill", line, r, err);
    errno = err;
    return r;
}

/* The old action and old mask are shown only when the program asks for them, as the twins do. */
int ipc_trace_sigaction(int line, int signum, const struct sigaction *act, struct sigaction *oldact) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "sigaction");
        arg_long(&e, signum);
        arg_struct(&e, act, sizeof *act);
        if (oldact) arg_struct(&e, oldact, sizeof *oldact);
        end_call(&e, line);
    }
    int r = sigaction(signum, act, oldact);
    int err = errno;
    traced_return("sigaction", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_sigprocmask(int line, int how, const sigset_t *set, sigset_t *oldset) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "sigprocmask");
        arg_long(&e, how);
        arg_struct(&e, set, sizeof *set);
        if (oldset) arg_struct(&e, oldset, sizeof *oldset);
        end_call(&e, line);
    }
    int r = sigprocmask(how, set, oldset);
    int err = errno;
    traced_return("sigprocmask", line, r, err);
    errno = err;
    return r;
}

/* sigsuspend() and pause() return only after a handler has run (which may take steps of its
 * own): -1 with EINTR, their normal return, told with its errno as the twins tell it. */
int ipc_trace_sigsuspend(int line, const sigset_t *mask) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "sigsuspend"), arg_struct(&e, mask, sizeof *mask), end_call(&e, line);
    int r = sigsuspend(mask);
    int err = errno;
    traced_return("sigsuspend", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_pause(int line) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "pause"), end_call(&e, line);
    int r = pause();
    int err = errno;
    traced_return("pause", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_raise(int line, int signum) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "raise"), arg_long(&e, signum), end_call(&e, line);
    int r = raise(signum);
    int err = errno;
    traced_return("raise", line, r, err);
    errno = err;
    return r;
}

/* alarm() returns the seconds left of the previous alarm, never -1. */
unsigned int ipc_trace_alarm(int line, unsigned int seconds) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "alarm"), arg_long(&e, seconds), end_call(&e, line);
    unsigned int left = alarm(seconds);
    traced_return("alarm", line, left, 0);
    return left;
}

/* sigqueue()'s value is shown as its int, the twins' only kind. */
int ipc_trace_sigqueue(int line, pid_t pid, int signum, const union sigval value) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "sigqueue"), arg_long(&e, pid), arg_long(&e, signum), arg_long(&e, value.sival_int), end_call(&e, line);
    int r = sigqueue(pid, signum, value);
    int err = errno;
    traced_return("sigqueue", line, r, err);
    errno = err;
    return r;
}

/* sigwait() returns 0 or an error number (not -1 and errno): the number is told as errno. */
int ipc_trace_sigwait(int line, const sigset_t *set, int *sig) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "sigwait"), arg_struct(&e, set, sizeof *set), end_call(&e, line);
    int r = sigwait(set, sig);
    if (trace_fd != -1 && r == 0) {
        begin_return(&e, "sigwait");
        put_long(&e, *sig);
        end_return(&e, line, 0);
    } else if (trace_fd != -1) {
        begin_return(&e, "sigwait");
        put_long(&e, r);
        end_return(&e, line, r);
    }
    return r;
}

/* sigwaitinfo() and sigtimedwait(): the value is who sent the signal, {signo, code, pid, uid},
 * as the twins give it, or only the signal's number when the program passes no siginfo_t. */
static void traced_siginfo_return(const char *name, int line, int r, int err, const siginfo_t *info) {
    if (trace_fd == -1) return;
    if (r == -1 || !info) {
        traced_return(name, line, r, err);
        return;
    }
    struct event e;
    begin_return(&e, name);
    put(&e, "{\"signo\":"), put_long(&e, info->si_signo);
    put(&e, ",\"code\":"), put_long(&e, info->si_code);
    put(&e, ",\"pid\":"), put_long(&e, info->si_pid);
    put(&e, ",\"uid\":"), put_long(&e, info->si_uid), put(&e, "}");
    end_return(&e, line, 0);
}

int ipc_trace_sigwaitinfo(int line, const sigset_t *set, siginfo_t *info) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "sigwaitinfo");
        arg_struct(&e, set, sizeof *set);
        if (!info) arg_string(&e, "NULL");
        end_call(&e, line);
    }
    int r = sigwaitinfo(set, info);
    int err = errno;
    traced_siginfo_return("sigwaitinfo", line, r, err, info);
    errno = err;
    return r;
}

int ipc_trace_sigtimedwait(int line, const sigset_t *set, siginfo_t *info, const struct timespec *timeout) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "sigtimedwait");
        arg_struct(&e, set, sizeof *set);
        if (!info) arg_string(&e, "NULL");
        arg_struct(&e, timeout, sizeof *timeout);
        end_call(&e, line);
    }
    int r = sigtimedwait(set, info, timeout);
    int err = errno;
    traced_siginfo_return("sigtimedwait", line, r, err, info);
    errno = err;
    return r;
}
