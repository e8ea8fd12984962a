/* ipc-trace-state.c: what a traced process tells ipc-demo besides its calls
 * (included by ipc-trace.c, one translation unit).
 *
 * - `state` events, as the twins send them (src/runtime/process.ts): the bytes
 *   waiting in each pipe or FIFO end the process made or opened (FIONREAD, with
 *   the pipe's inode: the fd may be closed or reused by the time ipc-demo reads
 *   /proc), and the first bytes of each shared mapping (mmap, shmat), measured at
 *   every step, after every call, and every 100 ms while the process waits.
 * - The record of the kernel objects the program makes, so that ipc-demo removes
 *   what it leaves behind and says so: System V objects go to the run's `objects`
 *   file as the twins write them (src/runtime/run-dir.ts), FIFOs and socket paths
 *   made outside the run's directory as `path <dev> <ino> <path>` lines. */
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <time.h>

/* Pipe ends and mappings followed at once; more are not measured (never more in a lesson). */
#define WATCHED_MAX 32
/* How many bytes of a shared mapping the kernel panel shows (the twins' MEMORY_SHOWN). */
#define MEMORY_SHOWN 32

static int watched[WATCHED_MAX];
static int watched_count;
static struct mapping {
    void *addr;
    size_t length;
} mappings[WATCHED_MAX];
static int mapping_count;
/* The last state told: a state that did not change is not told again. */
static char last_state[EVENT_MAX];
static size_t last_state_len;
/* The run's private directory: the trace socket's. */
static char run_dir[PATH_MAX];

static bool watching(void) {
    return watched_count > 0;
}

/* ---- pipe ends and mappings ---------------------------------------------- */

/* The inode of the pipe or FIFO open on fd, or 0 when it is not one (closed, reused). */
static ino_t pipe_inode(int fd) {
    struct stat st;
    if (fstat(fd, &st) == -1 || !S_ISFIFO(st.st_mode)) return 0;
    return st.st_ino;
}

static void watch_fd(int fd) {
    if (trace_fd == -1 || fd < 0 || pipe_inode(fd) == 0) return;
    for (int i = 0; i < watched_count; i++)
        if (watched[i] == fd) return;
    if (watched_count < WATCHED_MAX) watched[watched_count++] = fd;
}

static void unwatch_fd(int fd) {
    for (int i = 0; i < watched_count; i++)
        if (watched[i] == fd) watched[i--] = watched[--watched_count];
}

static void watch_mapping(void *addr, size_t length) {
    if (trace_fd == -1 || mapping_count == WATCHED_MAX) return;
    mappings[mapping_count++] = (struct mapping){addr, length < MEMORY_SHOWN ? length : MEMORY_SHOWN};
}

static void unwatch_mapping(const void *addr) {
    for (int i = 0; i < mapping_count; i++)
        if (mappings[i].addr == addr) mappings[i--] = mappings[--mapping_count];
}

/* Microseconds of CLOCK_MONOTONIC: one clock for every process, as the twins' `at`. */
static long long monotonic_us(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000;
}

static void put_pipes(struct event *e) {
    put(e, ",\"pipes\":[");
    for (int i = 0; i < watched_count; i++) {
        int fd = watched[i], bytes = 0;
        ino_t inode = pipe_inode(fd);
        if (inode == 0 || ioctl(fd, FIONREAD, &bytes) == -1) {
            unwatch_fd(fd); /* closed since, or the number now names something else */
            i--;
            continue;
        }
        if (e->text[e->len - 1] != '[') put(e, ",");
        put(e, "{\"fd\":"), put_long(e, fd);
        put(e, ",\"inode\":"), put_long(e, (long long)inode);
        put(e, ",\"bytes\":"), put_long(e, bytes), put(e, "}");
    }
    put(e, "]");
}

/* A mapping's first bytes, read without touching them: a page past the end of its file
 * (SIGBUS to the program) or already gone is left out instead of crashing the process. */
static void put_memory(struct event *e) {
    static const char hex[] = "0123456789abcdef";
    put(e, ",\"memory\":[");
    for (int i = 0; i < mapping_count; i++) {
        unsigned char bytes[MEMORY_SHOWN];
        struct iovec local = {bytes, mappings[i].length}, remote = {mappings[i].addr, mappings[i].length};
        if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) != (ssize_t)mappings[i].length) continue;
        if (e->text[e->len - 1] != '[') put(e, ",");
        put(e, "{\"addr\":"), put_pointer(e, mappings[i].addr), put(e, ",\"hex\":\"");
        for (size_t b = 0; b < mappings[i].length; b++) {
            char pair[3] = {hex[bytes[b] >> 4], hex[bytes[b] & 15], '\0'};
            put(e, pair);
        }
        put(e, "\"}");
    }
    put(e, "]");
}

/* Tells the pipes' levels and the mappings' bytes, when they changed since last told. */
static void report_state(void) {
    if (trace_fd == -1 || (watched_count == 0 && mapping_count == 0 && last_state_len == 0)) return;
    struct event e;
    begin(&e, "state");
    size_t measures = e.len;
    put_pipes(&e);
    put_memory(&e);
    size_t len = e.len - measures;
    if (len == last_state_len && memcmp(last_state, e.text + measures, len) == 0) return;
    memcpy(last_state, e.text + measures, len);
    last_state_len = len;
    /* `at` after the measures, so that the text compared above does not hold the time. */
    put(&e, ",\"at\":");
    put_long(&e, monotonic_us());
    emit(&e, false);
}

/* ---- the record of what the program makes --------------------------------- */

static void remember_run_dir(const char *trace_path) {
    const char *slash = strrchr(trace_path, '/');
    size_t len = slash ? (size_t)(slash - trace_path) : 0;
    if (len >= sizeof run_dir) len = 0;
    memcpy(run_dir, trace_path, len);
    run_dir[len] = '\0';
}

/* Appends one line to the run's `objects` file (O_APPEND: one write, whole, whoever else writes). */
static void record_line(const char *text, size_t n) {
    if (trace_fd == -1 || run_dir[0] == '\0') return;
    char path[PATH_MAX];
    if ((size_t)snprintf(path, sizeof path, "%s/objects", run_dir) >= sizeof path) return;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd == -1) fail("open the run's record of objects");
    if (write(fd, text, n) != (ssize_t)n) fail("write the run's record of objects");
    close(fd);
}

/* A System V object, as the twins record it: before the call with `?` for the id (SIGKILL may
 * come anywhere), then with its id. kind is shm, msg or sem. */
static void record_object(const char *kind, int id, key_t key) {
    char line[64];
    int n = id < 0 ? snprintf(line, sizeof line, "%s ? %d\n", kind, (int)key) : snprintf(line, sizeof line, "%s %d %d\n", kind, id, (int)key);
    record_line(line, (size_t)n);
}

/* A FIFO or socket file the program made outside the run's directory (inside it, it goes with
 * the directory, as the twins' do): removed at the end if it is still that file. */
static void record_path(const char *path) {
    if (trace_fd == -1 || !path || path[0] == '\0') return;
    char absolute[PATH_MAX];
    struct stat st;
    if (!realpath(path, absolute) || lstat(absolute, &st) == -1) return;
    size_t dir_len = strlen(run_dir);
    if (strncmp(absolute, run_dir, dir_len) == 0 && absolute[dir_len] == '/') return;
    char line[PATH_MAX + 64];
    int n = snprintf(line, sizeof line, "path %llu %llu %s\n", (unsigned long long)st.st_dev, (unsigned long long)st.st_ino, absolute);
    if (n > 0 && (size_t)n < sizeof line && !strchr(absolute, '\n')) record_line(line, (size_t)n);
}
