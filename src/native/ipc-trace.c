/* ipc-trace.c: the runtime ipc-demo links into a C program it steps.
 *
 * It speaks the trace protocol of ipc-demo's Node twins (src/runtime/protocol.ts):
 * one JSON object per line on a Unix socket, from each process to ipc-demo.
 *   hello  {pid, ppid, role, ownFds}   once per process, on start and after fork()
 *   step   {pid, step}                 before each traced call: step is its source line
 *   call   {pid, name, args, step}     then the call itself
 *   return {pid, name, value, [errno, message], step}
 *   output {pid, fd, text, step}       each line the program writes to stdout/stderr
 *   exit   {pid, status, step}         exit() and _exit() called by the program
 * After each step the process waits for one byte from ipc-demo: 'g' runs the
 * line, 'r' runs on without stopping again.
 *
 * Events are built in stack buffers and sent with every signal blocked: a
 * signal handler that calls write() may take a step of its own at any time
 * without cutting another event in two. No malloc and no stdio on that path. */
#define IPC_TRACE_INTERNAL
#include "ipc-trace.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>

#define GO 'g'
#define RUN_FREE 'r'
/* The trace socket is moved this high so the program's own fds are numbered
 * as in a terminal: its first pipe() still gets 3 and 4. */
#define TRACE_FD_MIN 900
#define EVENT_MAX 8192
/* Output text per event: escaped (6 bytes a byte at worst) it fits EVENT_MAX. */
#define TEXT_MAX 1024
#define EXEC_ARGS_MAX 64
/* EX_SOFTWARE: ipc-demo tells this exit code as the runtime's failure, not the program's. */
#define EXIT_RUNTIME 70

static int trace_fd = -1;
static pid_t traced_pid;
static bool run_free;
static int current_line;
/* Steps taken so far: tells that a signal handler took one while this process waited. */
static volatile sig_atomic_t steps_taken;

/* ---- failing ---------------------------------------------------------- */

static void say(const char *text) {
    size_t n = strlen(text);
    while (n > 0) {
        ssize_t done = write(STDERR_FILENO, text, n);
        if (done <= 0 && errno != EINTR) return;
        if (done > 0) text += done, n -= (size_t)done;
    }
}

/* A failure of the runtime itself, never the program's: say so and end. */
static void __attribute__((noreturn)) fail(const char *what) {
    say("ipc-trace: ");
    say(what);
    say(": ");
    say(strerrordesc_np(errno) ? strerrordesc_np(errno) : "unknown error");
    say("\n");
    _exit(EXIT_RUNTIME);
}

/* ---- building one event ----------------------------------------------- */

struct event {
    char text[EVENT_MAX];
    size_t len;
};

static void put(struct event *e, const char *s) {
    for (; *s && e->len < EVENT_MAX; s++) e->text[e->len++] = *s;
}

static void put_long(struct event *e, long long v) {
    char digits[24];
    int n = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do digits[n++] = (char)('0' + u % 10); while ((u /= 10) > 0);
    if (v < 0) digits[n++] = '-';
    while (n > 0 && e->len < EVENT_MAX) e->text[e->len++] = digits[--n];
}

/* The bytes of a JSON string, without the quotes. */
static void put_escaped(struct event *e, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[7] = {0};
        if (c == '"' || c == '\\') esc[0] = '\\', esc[1] = (char)c;
        else if (c == '\n') esc[0] = '\\', esc[1] = 'n';
        else if (c == '\t') esc[0] = '\\', esc[1] = 't';
        else if (c < 0x20 || c == 0x7f) memcpy(esc, "\\u00", 4), esc[4] = hex[c >> 4], esc[5] = hex[c & 15];
        else esc[0] = (char)c;
        put(e, esc);
    }
}

static void put_string(struct event *e, const char *s) {
    put(e, "\"");
    if (s) put_escaped(e, s, strlen(s));
    put(e, "\"");
}

static void begin(struct event *e, const char *kind) {
    e->len = 0;
    put(e, "{\"kind\":\"");
    put(e, kind);
    put(e, "\",\"pid\":");
    put_long(e, getpid());
}

/* ---- the connection ---------------------------------------------------- */

static void __attribute__((noreturn)) orphaned(void) {
    /* ipc-demo is gone: a traced process must not run on unsupervised. */
    _exit(EXIT_RUNTIME);
}

static void send_all(const char *text, size_t n) {
    while (n > 0) {
        ssize_t done = send(trace_fd, text, n, MSG_NOSIGNAL);
        if (done == -1) {
            if (errno == EINTR) continue;
            if (errno == EPIPE || errno == ECONNRESET) orphaned();
            fail("send to ipc-demo");
        }
        text += done, n -= (size_t)done;
    }
}

static void connect_trace(void);
static void hello(const char *role);

/* Sends a finished event (the step it belongs to is added here, then the newline). */
static void finish(struct event *e, bool with_step) {
    if (with_step) {
        put(e, ",\"step\":\"");
        put_long(e, current_line);
        put(e, "\"");
    }
    put(e, "}\n");
    if (e->len >= EVENT_MAX) {
        errno = EMSGSIZE;
        fail("event too long");
    }
    send_all(e->text, e->len);
}

/* Every event goes through here: signals are held back while one is on its way. */
static void emit(struct event *e, bool with_step) {
    int saved_errno = errno;
    sigset_t all, old;
    sigfillset(&all);
    if (sigprocmask(SIG_BLOCK, &all, &old) == -1) fail("sigprocmask");
    /* A fork() this runtime did not see (system(), a library): the child connects here. */
    if (getpid() != traced_pid) {
        if (close(trace_fd) == -1) fail("close the parent's trace socket");
        connect_trace();
        hello("child");
    }
    finish(e, with_step);
    if (sigprocmask(SIG_SETMASK, &old, NULL) == -1) fail("sigprocmask");
    errno = saved_errno;
}

static void hello(const char *role) {
    struct event e;
    begin(&e, "hello");
    put(&e, ",\"ppid\":");
    put_long(&e, getppid());
    put(&e, ",\"role\":");
    put_string(&e, role);
    put(&e, ",\"ownFds\":[");
    put_long(&e, trace_fd);
    put(&e, "]");
    finish(&e, false);
}

static void connect_trace(void) {
    const char *path = getenv("IPC_DEMO_TRACE");
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof addr.sun_path) {
        errno = ENAMETOOLONG;
        fail(path);
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd == -1) fail("socket");
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) == -1) fail(path);
    int high = fcntl(fd, F_DUPFD_CLOEXEC, TRACE_FD_MIN);
    /* A limit on open files below TRACE_FD_MIN: keep the low fd, the only cost is the numbering. */
    if (high == -1 && errno != EINVAL && errno != EMFILE) fail("fcntl F_DUPFD_CLOEXEC");
    if (high != -1) {
        if (close(fd) == -1) fail("close");
        fd = high;
    }
    trace_fd = fd;
    traced_pid = getpid();
}

/* ---- steps -------------------------------------------------------------- */

static void announce(int line) {
    struct event e;
    current_line = line;
    begin(&e, "step");
    emit(&e, true);
}

/* Stops at `line` until ipc-demo lets the process run it. Signals are held back from
 * the start and let through only inside ppoll(), atomically: a handler runs while the
 * process waits or not at all, and it may take steps of its own there (its write() is
 * traced too); the process is then back at this line, and says so again. */
static void step(int line) {
    if (trace_fd == -1) return;
    sigset_t all, program_mask;
    sigfillset(&all);
    if (sigprocmask(SIG_BLOCK, &all, &program_mask) == -1) fail("sigprocmask");
    announce(line);
    sig_atomic_t seen = ++steps_taken;
    while (!run_free) {
        struct pollfd p = {.fd = trace_fd, .events = POLLIN};
        if (ppoll(&p, 1, NULL, &program_mask) == -1) {
            if (errno != EINTR) fail("ppoll");
            if (steps_taken != seen) {
                seen = steps_taken;
                announce(line);
            }
            continue;
        }
        char byte;
        ssize_t n = recv(trace_fd, &byte, 1, 0);
        if (n == 0) orphaned();
        if (n == -1) fail("recv from ipc-demo");
        if (byte == RUN_FREE) run_free = true;
        else if (byte != GO) {
            errno = EPROTO;
            fail("unexpected byte from ipc-demo");
        }
        break;
    }
    current_line = line;
    if (sigprocmask(SIG_SETMASK, &program_mask, NULL) == -1) fail("sigprocmask");
}

/* ---- call and return ---------------------------------------------------- */

static void begin_call(struct event *e, const char *name) {
    begin(e, "call");
    put(e, ",\"name\":");
    put_string(e, name);
    put(e, ",\"args\":[");
}

static void arg_long(struct event *e, long long v) {
    if (e->text[e->len - 1] != '[') put(e, ",");
    put_long(e, v);
}

static void arg_string(struct event *e, const char *s) {
    if (e->text[e->len - 1] != '[') put(e, ",");
    put_string(e, s);
}

/* A buffer is shown by its size, never its bytes: "buf[17]". */
static void arg_buffer(struct event *e, size_t count) {
    if (e->text[e->len - 1] != '[') put(e, ",");
    put(e, "\"buf[");
    put_long(e, (long long)count);
    put(e, "]\"");
}

/* An address as a JSON string, "0x7f…", as the twins show a pointer. */
static void put_pointer(struct event *e, const void *p) {
    static const char hex[] = "0123456789abcdef";
    char text[2 + 2 * sizeof(uintptr_t) + 1];
    uintptr_t v = (uintptr_t)p;
    int n = sizeof text - 1;
    text[n] = '\0';
    do text[--n] = hex[v & 15]; while ((v >>= 4) > 0);
    text[--n] = 'x';
    text[--n] = '0';
    put_string(e, text + n);
}

static void arg_pointer(struct event *e, const void *p) {
    if (e->text[e->len - 1] != '[') put(e, ",");
    put_pointer(e, p);
}

/* A struct passed by address is shown by its size, as the twins show it: "buf[152]", or "NULL". */
static void arg_struct(struct event *e, const void *p, size_t size) {
    if (p) arg_buffer(e, size);
    else arg_string(e, "NULL");
}

static void end_call(struct event *e, int line) {
    put(e, "]");
    current_line = line;
    emit(e, true);
}

/* The name errno has in ipc-demo's events (the Node twins name 95 ENOTSUP). */
static const char *errno_name(int err) {
    if (err == ENOTSUP) return "ENOTSUP";
    return strerrorname_np(err);
}

/* Starts a return event; the caller puts the value, then calls end_return(). */
static void begin_return(struct event *e, const char *name) {
    begin(e, "return");
    put(e, ",\"name\":");
    put_string(e, name);
    put(e, ",\"value\":");
}

static void end_return(struct event *e, int line, int err) {
    if (err != 0) {
        const char *errname = errno_name(err);
        const char *message = strerrordesc_np(err);
        put(e, ",\"errno\":");
        if (errname) put_string(e, errname);
        else put(e, "\"E"), put_long(e, err), put(e, "\"");
        put(e, ",\"message\":");
        put_string(e, message ? message : "Unknown error");
    }
    current_line = line;
    emit(e, true);
}

/* The usual return: a number, -1 with errno on failure. */
static void traced_return(const char *name, int line, long long value, int err) {
    if (trace_fd == -1) return;
    struct event e;
    begin_return(&e, name);
    put_long(&e, value);
    end_return(&e, line, value == -1 ? err : 0);
}

/* ---- output --------------------------------------------------------------- */

/* What fds 1 and 2 were at start: output written to them while they still are
 * is the program's output; once dup2() has put a pipe there it is not. */
static struct stream {
    bool known;
    dev_t dev;
    ino_t ino;
    char partial[TEXT_MAX];
    size_t partial_len;
} streams[3];

static bool is_original(int fd) {
    struct stat now;
    if (fd != 1 && fd != 2) return false;
    if (!streams[fd].known || fstat(fd, &now) == -1) return false;
    return now.st_dev == streams[fd].dev && now.st_ino == streams[fd].ino;
}

static void emit_output(int fd, const char *a, size_t alen, const char *b, size_t blen) {
    struct event e;
    begin(&e, "output");
    put(&e, ",\"fd\":");
    put_long(&e, fd);
    put(&e, ",\"text\":\"");
    put_escaped(&e, a, alen);
    put_escaped(&e, b, blen);
    put(&e, "\"");
    emit(&e, true);
}

/* Bytes written to fd 1 or 2: each whole line becomes an output event; the
 * start of a line waits for its end (or the process's). */
static void report_output(int fd, const char *buf, size_t n) {
    if (trace_fd == -1 || !is_original(fd)) return;
    sigset_t all, old;
    sigfillset(&all);
    if (sigprocmask(SIG_BLOCK, &all, &old) == -1) fail("sigprocmask");
    struct stream *s = &streams[fd];
    while (n > 0) {
        const char *nl = memchr(buf, '\n', n);
        size_t len = nl ? (size_t)(nl - buf) : n;
        if (s->partial_len + len > TEXT_MAX) len = TEXT_MAX - s->partial_len;
        if (nl && buf + len == nl) {
            emit_output(fd, s->partial, s->partial_len, buf, len);
            s->partial_len = 0;
            len++; /* the newline */
        } else if (s->partial_len + len == TEXT_MAX) {
            /* A line longer than one event holds: it goes in pieces. */
            emit_output(fd, s->partial, s->partial_len, buf, len);
            s->partial_len = 0;
        } else {
            memcpy(s->partial + s->partial_len, buf, len);
            s->partial_len += len;
        }
        buf += len, n -= len;
    }
    if (sigprocmask(SIG_SETMASK, &old, NULL) == -1) fail("sigprocmask");
}

/* The start of a line the process ends (or execs) without finishing. */
static void flush_partial(void) {
    for (int fd = 1; fd <= 2; fd++) {
        if (streams[fd].partial_len == 0) continue;
        emit_output(fd, streams[fd].partial, streams[fd].partial_len, "", 0);
        streams[fd].partial_len = 0;
    }
}

/* stdout and stderr become streams whose writes go to fds 1 and 2 and are reported. */
static ssize_t stream_write(void *cookie, const char *buf, size_t size) {
    int fd = (int)(intptr_t)cookie;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, buf + done, size - done);
        if (n == -1 && errno == EINTR) continue;
        if (n == -1) break;
        report_output(fd, buf + done, (size_t)n);
        done += (size_t)n;
    }
    return done > 0 || size == 0 ? (ssize_t)done : -1;
}

static FILE *reported_stream(int fd, int buffering) {
    struct stat st;
    if (fstat(fd, &st) == 0) {
        streams[fd].known = true;
        streams[fd].dev = st.st_dev;
        streams[fd].ino = st.st_ino;
    }
    cookie_io_functions_t io = {.write = stream_write};
    FILE *f = fopencookie((void *)(intptr_t)fd, "w", io);
    if (!f) fail("fopencookie");
    if (setvbuf(f, NULL, buffering, BUFSIZ) != 0) fail("setvbuf");
    return f;
}

/* ---- start and end ---------------------------------------------------------- */

__attribute__((constructor)) static void ipc_trace_start(void) {
    const char *path = getenv("IPC_DEMO_TRACE");
    if (!path || !*path) return;
    const char *gate = getenv("IPC_DEMO_GATE");
    const char *role = getenv("IPC_DEMO_ROLE");
    run_free = gate && strcmp(gate, "free") == 0;
    /* Like a twin's runner: the program dies with ipc-demo, never runs on unseen. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1) fail("prctl PR_SET_PDEATHSIG");
    connect_trace();
    hello(role && *role ? role : "main");
    /* As on a terminal: stdout line-buffered, stderr unbuffered. */
    stdout = reported_stream(STDOUT_FILENO, _IOLBF);
    stderr = reported_stream(STDERR_FILENO, _IONBF);
}

/* A return from main(): stdio is flushed, then what is left of a last line is told. */
__attribute__((destructor)) static void ipc_trace_end(void) {
    if (trace_fd == -1) return;
    fflush(NULL);
    flush_partial();
}

static void announce_exit(int line, int status) {
    if (trace_fd == -1) return;
    struct event e;
    begin(&e, "exit");
    put(&e, ",\"status\":{\"code\":");
    put_long(&e, status & 0xff);
    put(&e, ",\"signal\":null,\"core\":false}");
    current_line = line;
    emit(&e, true);
}

void ipc_trace_exit(int line, int status) {
    step(line);
    /* What exit() would print on its way out is told before the exit itself. */
    if (trace_fd != -1) fflush(NULL);
    flush_partial();
    announce_exit(line, status);
    exit(status);
}

void ipc_trace__exit(int line, int status) {
    step(line);
    flush_partial();
    announce_exit(line, status);
    _exit(status);
}

/* ---- the traced calls ---------------------------------------------------------- */

int ipc_trace_pipe(int line, int fds[2]) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "pipe"), end_call(&e, line);
    int r = pipe(fds);
    int err = errno;
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
    }
    traced_return("fork", line, pid, err);
    errno = err;
    return pid;
}

ssize_t ipc_trace_read(int line, int fd, void *buf, size_t count) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "read"), arg_long(&e, fd), arg_buffer(&e, count), end_call(&e, line);
    ssize_t n = read(fd, buf, count);
    int err = errno;
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
    traced_return("dup2", line, r, err);
    errno = err;
    return r;
}

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
    if (trace_fd != -1 && r > 0) {
        begin_return(&e, "waitpid");
        put(&e, "{\"pid\":");
        put_long(&e, r);
        put(&e, ",\"status\":{\"code\":");
        if (WIFEXITED(raw)) put_long(&e, WEXITSTATUS(raw)), put(&e, ",\"signal\":null,\"core\":false}");
        else {
            put(&e, "null,\"signal\":");
            put_signal_name(&e, WTERMSIG(raw));
            put(&e, WCOREDUMP(raw) ? ",\"core\":true}" : ",\"core\":false}");
        }
        put(&e, ",\"raw\":");
        put_long(&e, raw);
        put(&e, "}");
        end_return(&e, line, 0);
    } else traced_return("waitpid", line, r, err);
    errno = err;
    return r;
}

/* exec: the trace socket closes with the old program (close-on-exec); the new one runs untraced. */
static int traced_exec(int line, const char *name, const char *file, char *const argv[]) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, name);
        arg_string(&e, file);
        for (int i = 0; argv[i]; i++) arg_string(&e, argv[i]);
        end_call(&e, line);
        flush_partial();
    }
    int r = execvp(file, argv);
    int err = errno;
    traced_return(name, line, r, err);
    errno = err;
    return r;
}

int ipc_trace_execlp(int line, const char *file, const char *arg, ...) {
    char *argv[EXEC_ARGS_MAX + 1];
    int n = 0;
    va_list ap;
    va_start(ap, arg);
    for (const char *a = arg; a; a = va_arg(ap, const char *)) {
        if (n == EXEC_ARGS_MAX) {
            va_end(ap);
            step(line);
            traced_return("execlp", line, -1, E2BIG);
            errno = E2BIG;
            return -1;
        }
        argv[n++] = (char *)a;
    }
    va_end(ap);
    argv[n] = NULL;
    return traced_exec(line, "execlp", file, argv);
}

int ipc_trace_execvp(int line, const char *file, char *const argv[]) {
    return traced_exec(line, "execvp", file, argv);
}

int ipc_trace_mkfifo(int line, const char *path, mode_t mode) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "mkfifo"), arg_string(&e, path), arg_long(&e, mode), end_call(&e, line);
    int r = mkfifo(path, mode);
    int err = errno;
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

/* sleep() returns the seconds left, never -1: there is no errno to tell. */
unsigned int ipc_trace_sleep(int line, unsigned int seconds) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "sleep"), arg_long(&e, seconds), end_call(&e, line);
    unsigned int left = sleep(seconds);
    traced_return("sleep", line, left, 0);
    return left;
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
