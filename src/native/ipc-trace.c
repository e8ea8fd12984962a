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
 *   state  {pid, at, pipes, memory}    bytes in its pipe ends, first bytes of its shared memory
 * After each step the process waits for one byte from ipc-demo: 'g' runs the
 * line, 'r' runs on without stopping again.
 *
 * Events are built in stack buffers and sent with every signal blocked: a
 * signal handler that calls write() may take a step of its own at any time
 * without cutting another event in two. No malloc and no stdio on that path.
 *
 * This file is the core (events, the connection, steps, output, start and end);
 * the wrappers are in one file per family, included at the end: ipc-trace-fds.c
 * (pipes, files, memory), ipc-trace-process.c (fork, wait), ipc-trace-exec.c, ipc-trace-signals.c,
 * ipc-trace-sysv.c, ipc-trace-sockets.c, and ipc-trace-state.c (state events and the
 * record of what the program makes). One translation unit, so that nothing but the
 * ipc_trace_* wrappers is visible to the program's link: a program's own put() or
 * step() must not meet the runtime's. */
#define IPC_TRACE_INTERNAL
#include "ipc-trace.h"

#include <dirent.h>
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
/* How often a process waiting at a step measures its pipes again (the twins' REMEASURE_MS). */
#define REMEASURE_NS (100 * 1000 * 1000)
/* EX_SOFTWARE: ipc-demo tells this exit code as the runtime's failure, not the program's. */
#define EXIT_RUNTIME 70

static int trace_fd = -1;
static pid_t traced_pid;
/* The relay of an exec'd program's output speaks for that program's pid (ipc-trace-exec.c). */
static pid_t speaking_for;
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
    put_long(e, speaking_for ? speaking_for : getpid());
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
/* In ipc-trace-state.c: */
static void report_state(void);
static bool watching(void);
static void remember_run_dir(const char *trace_path);

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
    report_state();
    announce(line);
    sig_atomic_t seen = ++steps_taken;
    while (!run_free) {
        struct pollfd p = {.fd = trace_fd, .events = POLLIN};
        /* Another process may fill or drain this one's pipes meanwhile, one that reports to
         * another controller (a lab's other terminal) or none: measured again while waiting. */
        const struct timespec remeasure = {.tv_sec = 0, .tv_nsec = REMEASURE_NS};
        int ready = ppoll(&p, 1, watching() ? &remeasure : NULL, &program_mask);
        if (ready == 0) {
            report_state();
            continue;
        }
        if (ready == -1) {
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
    report_state();
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

/* A program started from a terminal has fds 0, 1 and 2 and nothing else; one started by ipc-demo
 * would also have every fd ipc-demo's own parent left open without close-on-exec (an editor's,
 * a build tool's), shown in its fd table as if the program had opened it. */
static void close_inherited_fds(void) {
    if (close_range(3, ~0U, 0) == 0) return;
    DIR *dir = opendir("/proc/self/fd");
    if (!dir) return;
    int listing = dirfd(dir);
    for (struct dirent *d; (d = readdir(dir));) {
        int fd = atoi(d->d_name);
        if (fd > 2 && fd != listing) close(fd);
    }
    closedir(dir);
}

__attribute__((constructor)) static void ipc_trace_start(void) {
    const char *path = getenv("IPC_DEMO_TRACE");
    if (!path || !*path) return;
    const char *gate = getenv("IPC_DEMO_GATE");
    const char *role = getenv("IPC_DEMO_ROLE");
    run_free = gate && strcmp(gate, "free") == 0;
    /* Like a twin's runner: the program dies with ipc-demo, never runs on unseen. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1) fail("prctl PR_SET_PDEATHSIG");
    close_inherited_fds();
    connect_trace();
    remember_run_dir(path);
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

/* ---- the wrappers, by family ------------------------------------------------------ */

#include "ipc-trace-state.c"
#include "ipc-trace-fds.c"
#include "ipc-trace-process.c"
#include "ipc-trace-exec.c"
#include "ipc-trace-signals.c"
#include "ipc-trace-sysv.c"
#include "ipc-trace-sockets.c"
