/* ipc-trace-process.c: fork, wait and sleep (included by ipc-trace.c, one translation unit).
 * exec is in ipc-trace-exec.c, exit() and _exit() in ipc-trace.c. */

static const char *const SIGNAL_NAMES[] = {
    "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
    "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP",
    "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
    "SIGIO", "SIGPWR", "SIGSYS",
};

/* Signal names as ipc-demo writes them (src/ffi/signal-names.ts). */
static void put_signal_name(struct event *e, int signo) {
    const int count = sizeof SIGNAL_NAMES / sizeof SIGNAL_NAMES[0];
    put(e, "\"");
    if (signo >= 1 && signo <= count) put(e, SIGNAL_NAMES[signo - 1]);
    else if (signo >= 34 && signo <= 64) {
        put(e, "SIGRTMIN");
        if (signo > 34) put(e, "+"), put_long(e, signo - 34);
    } else put(e, "SIG"), put_long(e, signo);
    put(e, "\"");
}

pid_t ipc_trace_fork(int line) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "fork"), end_call(&e, line);
    pid_t pid = fork();
    int err = errno;
    if (pid == 0 && trace_fd != -1) {
        /* The parent's connection is the parent's: the child says hello on its own. */
        if (close(trace_fd) == -1) fail("close the parent's trace socket");
        connect_trace();
        hello("child");
        /* The start of a line the parent wrote is on the screen already, written by the parent. */
        streams[1].partial_len = streams[2].partial_len = 0;
        /* Its state is told at once, even where it is its parent's. */
        last_state_len = 0;
    }
    traced_return("fork", line, pid, err);
    errno = err;
    return pid;
}

/* A reaped child as the twins give it: {pid, status: {code, signal, core}, raw}. A child
 * stopped or continued (WUNTRACED, WCONTINUED) has neither code nor signal of its end. */
static void traced_wait_return(const char *name, int line, pid_t pid, int raw) {
    if (trace_fd == -1) return;
    struct event e;
    begin_return(&e, name);
    put(&e, "{\"pid\":");
    put_long(&e, pid);
    put(&e, ",\"status\":{\"code\":");
    if (WIFEXITED(raw)) put_long(&e, WEXITSTATUS(raw)), put(&e, ",\"signal\":null,\"core\":false}");
    else if (WIFSIGNALED(raw)) {
        put(&e, "null,\"signal\":");
        put_signal_name(&e, WTERMSIG(raw));
        put(&e, WCOREDUMP(raw) ? ",\"core\":true}" : ",\"core\":false}");
    } else put(&e, "null,\"signal\":null,\"core\":false}");
    put(&e, ",\"raw\":");
    put_long(&e, raw);
    put(&e, "}");
    end_return(&e, line, 0);
}

/* waitpid's value is {pid, status: {code, signal, core}, raw}, as the twins give it. */
pid_t ipc_trace_waitpid(int line, pid_t pid, int *status, int options) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "waitpid");
        arg_long(&e, pid);
        if (options != 0) arg_long(&e, options);
        end_call(&e, line);
    }
    int raw = 0;
    pid_t r = waitpid(pid, &raw, options);
    int err = errno;
    if (status && r > 0) *status = raw;
    if (r > 0) traced_wait_return("waitpid", line, r, raw);
    else traced_return("waitpid", line, r, err);
    errno = err;
    return r;
}


/* wait() is waitpid(-1, status, 0): its value the same {pid, status, raw}. */
pid_t ipc_trace_wait(int line, int *status) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "wait"), end_call(&e, line);
    int raw = 0;
    pid_t r = wait(&raw);
    int err = errno;
    if (status && r > 0) *status = raw;
    if (r > 0) traced_wait_return("wait", line, r, raw);
    else traced_return("wait", line, r, err);
    errno = err;
    return r;
}

/* waitid() fills a siginfo_t instead: its value is {pid, code, status} of that struct, or 0 when
 * WNOHANG found no child (si_pid 0). */
int ipc_trace_waitid(int line, idtype_t idtype, id_t id, siginfo_t *info, int options) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "waitid"), arg_long(&e, idtype), arg_long(&e, id), arg_long(&e, options), end_call(&e, line);
    int r = waitid(idtype, id, info, options);
    int err = errno;
    if (trace_fd != -1 && r == 0 && info && info->si_pid != 0) {
        begin_return(&e, "waitid");
        put(&e, "{\"pid\":"), put_long(&e, info->si_pid);
        put(&e, ",\"code\":"), put_long(&e, info->si_code);
        put(&e, ",\"status\":"), put_long(&e, info->si_status), put(&e, "}");
        end_return(&e, line, 0);
    } else traced_return("waitid", line, r, err);
    errno = err;
    return r;
}

/* sleep() returns the seconds left, never -1: there is no errno to tell. */
unsigned int ipc_trace_sleep(int line, unsigned int seconds) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "sleep"), arg_long(&e, seconds), end_call(&e, line);
    unsigned int left = sleep(seconds);
    traced_return("sleep", line, left, 0);
    return left;
}

int ipc_trace_usleep(int line, useconds_t usec) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "usleep"), arg_long(&e, usec), end_call(&e, line);
    int r = usleep(usec);
    int err = errno;
    traced_return("usleep", line, r, err);
    errno = err;
    return r;
}

/* getpid(), getppid() and geteuid() are calls the twins trace too (the lessons print what they
 * return), and as there, they are no step: they never block and change nothing, a stop before
 * them would show nothing new (and a line like kill(getpid(), SIGUSR1) would stop twice). */
pid_t ipc_trace_getpid(int line) {
    struct event e;
    if (trace_fd != -1) begin_call(&e, "getpid"), end_call(&e, line);
    pid_t r = getpid();
    traced_return("getpid", line, r, 0);
    return r;
}

pid_t ipc_trace_getppid(int line) {
    struct event e;
    if (trace_fd != -1) begin_call(&e, "getppid"), end_call(&e, line);
    pid_t r = getppid();
    traced_return("getppid", line, r, 0);
    return r;
}

uid_t ipc_trace_geteuid(int line) {
    struct event e;
    if (trace_fd != -1) begin_call(&e, "geteuid"), end_call(&e, line);
    uid_t r = geteuid();
    traced_return("geteuid", line, r, 0);
    return r;
}
