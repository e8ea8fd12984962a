/* ipc-trace-sysv.c: System V IPC (included by ipc-trace.c, one translation unit).
 *
 * Arguments as the twins show them (src/ffi/sys-shm.ts, sys-sem.ts, sys-msg.ts): a buffer by
 * its size, shmat's address only when the program gives one. Every object the program gets
 * is recorded for the run's cleanup (ipc-trace-state.c): a segment or queue it leaks is
 * removed at the end of the run, and named as it is. */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

/* sizeof the mtype that comes before mtext in every message buffer. */
#define MTYPE_SIZE ((size_t)sizeof(long))

key_t ipc_trace_ftok(int line, const char *path, int proj_id) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "ftok"), arg_string(&e, path), arg_long(&e, proj_id), end_call(&e, line);
    key_t key = ftok(path, proj_id);
    int err = errno;
    traced_return("ftok", line, key, err);
    errno = err;
    return key;
}

int ipc_trace_shmget(int line, key_t key, size_t size, int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "shmget"), arg_long(&e, key), arg_long(&e, (long long)size), arg_long(&e, flags), end_call(&e, line);
    /* Recorded before the call with no id (SIGKILL may come between the call and the record), then with its id. */
    record_object("shm", -1, key);
    int id = shmget(key, size, flags);
    int err = errno;
    if (id != -1) record_object("shm", id, key);
    traced_return("shmget", line, id, err);
    errno = err;
    return id;
}

/* Its value is the address, "0x…", or -1 ((void *) -1) with errno. The segment's first bytes
 * are told in state events from then on. */
void *ipc_trace_shmat(int line, int id, const void *addr, int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "shmat");
        arg_long(&e, id);
        if (addr) arg_pointer(&e, addr);
        arg_long(&e, flags);
        end_call(&e, line);
    }
    void *p = shmat(id, addr, flags);
    int err = errno;
    if (p != (void *)-1) watch_mapping(p, MEMORY_SHOWN);
    if (trace_fd != -1 && p != (void *)-1) {
        begin_return(&e, "shmat");
        put_pointer(&e, p);
        end_return(&e, line, 0);
    } else traced_return("shmat", line, -1, err);
    errno = err;
    return p;
}

int ipc_trace_shmdt(int line, const void *addr) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "shmdt"), arg_pointer(&e, addr), end_call(&e, line);
    unwatch_mapping(addr);
    int r = shmdt(addr);
    int err = errno;
    traced_return("shmdt", line, r, err);
    errno = err;
    return r;
}

/* IPC_STAT's value is the fields the lessons print, {segsz, cpid, lpid, nattch}, as the twins'. */
int ipc_trace_shmctl(int line, int id, int cmd, struct shmid_ds *buf) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "shmctl"), arg_long(&e, id), arg_long(&e, cmd), end_call(&e, line);
    int r = shmctl(id, cmd, buf);
    int err = errno;
    if (trace_fd != -1 && r != -1 && cmd == IPC_STAT) {
        begin_return(&e, "shmctl");
        put(&e, "{\"segsz\":"), put_long(&e, (long long)buf->shm_segsz);
        put(&e, ",\"cpid\":"), put_long(&e, buf->shm_cpid);
        put(&e, ",\"lpid\":"), put_long(&e, buf->shm_lpid);
        put(&e, ",\"nattch\":"), put_long(&e, (long long)buf->shm_nattch), put(&e, "}");
        end_return(&e, line, 0);
    } else traced_return("shmctl", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_semget(int line, key_t key, int nsems, int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "semget"), arg_long(&e, key), arg_long(&e, nsems), arg_long(&e, flags), end_call(&e, line);
    /* Recorded before the call with no id (SIGKILL may come between the call and the record), then with its id. */
    record_object("sem", -1, key);
    int id = semget(key, nsems, flags);
    int err = errno;
    if (id != -1) record_object("sem", id, key);
    traced_return("semget", line, id, err);
    errno = err;
    return id;
}

/* The operations are shown as the array of struct sembuf they are: "buf[6 × nsops]". */
int ipc_trace_semop(int line, int id, struct sembuf *sops, size_t nsops) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "semop"), arg_long(&e, id), arg_buffer(&e, nsops * sizeof *sops), end_call(&e, line);
    int r = semop(id, sops, nsops);
    int err = errno;
    traced_return("semop", line, r, err);
    errno = err;
    return r;
}

/* semctl(2): "the calling program must define" union semun; the runtime defines its own, of the
 * same layout, to take the fourth argument of the commands that have one. SETVAL's is shown as
 * the twins show it, {val}; the others' (a pointer) as an address. */
union ipc_trace_semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *info;
};

int ipc_trace_semctl(int line, int id, int num, int cmd, ...) {
    bool has_arg = cmd == SETVAL || cmd == GETALL || cmd == SETALL || cmd == IPC_STAT || cmd == IPC_SET || cmd == IPC_INFO ||
                   cmd == SEM_INFO || cmd == SEM_STAT || cmd == SEM_STAT_ANY;
    union ipc_trace_semun arg = {0};
    if (has_arg) {
        va_list ap;
        va_start(ap, cmd);
        arg = va_arg(ap, union ipc_trace_semun);
        va_end(ap);
    }
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "semctl");
        arg_long(&e, id), arg_long(&e, num), arg_long(&e, cmd);
        if (cmd == SETVAL) put(&e, ",{\"val\":"), put_long(&e, arg.val), put(&e, "}");
        else if (has_arg) arg_pointer(&e, arg.buf);
        end_call(&e, line);
    }
    int r = has_arg ? semctl(id, num, cmd, arg) : semctl(id, num, cmd);
    int err = errno;
    traced_return("semctl", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_msgget(int line, key_t key, int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "msgget"), arg_long(&e, key), arg_long(&e, flags), end_call(&e, line);
    /* Recorded before the call with no id (SIGKILL may come between the call and the record), then with its id. */
    record_object("msg", -1, key);
    int id = msgget(key, flags);
    int err = errno;
    if (id != -1) record_object("msg", id, key);
    traced_return("msgget", line, id, err);
    errno = err;
    return id;
}

/* The message buffer is shown by what the kernel reads or writes of it: its mtype and `size`
 * bytes of mtext (the runtime cannot know the buffer's own size; the twins show that). */
int ipc_trace_msgsnd(int line, int id, const void *msgp, size_t size, int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "msgsnd"), arg_long(&e, id), arg_buffer(&e, MTYPE_SIZE + size), arg_long(&e, (long long)size), arg_long(&e, flags), end_call(&e, line);
    int r = msgsnd(id, msgp, size, flags);
    int err = errno;
    traced_return("msgsnd", line, r, err);
    errno = err;
    return r;
}

ssize_t ipc_trace_msgrcv(int line, int id, void *msgp, size_t size, long type, int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "msgrcv");
        arg_long(&e, id), arg_buffer(&e, MTYPE_SIZE + size), arg_long(&e, (long long)size), arg_long(&e, type), arg_long(&e, flags);
        end_call(&e, line);
    }
    ssize_t n = msgrcv(id, msgp, size, type, flags);
    int err = errno;
    traced_return("msgrcv", line, n, err);
    errno = err;
    return n;
}

/* IPC_STAT's value is the queue's counts and who last used it, as the twins' (src/ffi/sys-msg.ts). */
int ipc_trace_msgctl(int line, int id, int cmd, struct msqid_ds *buf) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "msgctl"), arg_long(&e, id), arg_long(&e, cmd), end_call(&e, line);
    int r = msgctl(id, cmd, buf);
    int err = errno;
    if (trace_fd != -1 && r != -1 && cmd == IPC_STAT) {
        begin_return(&e, "msgctl");
        put(&e, "{\"cbytes\":"), put_long(&e, (long long)buf->__msg_cbytes);
        put(&e, ",\"qnum\":"), put_long(&e, (long long)buf->msg_qnum);
        put(&e, ",\"qbytes\":"), put_long(&e, (long long)buf->msg_qbytes);
        put(&e, ",\"lspid\":"), put_long(&e, buf->msg_lspid);
        put(&e, ",\"lrpid\":"), put_long(&e, buf->msg_lrpid);
        put(&e, ",\"stime\":"), put_long(&e, (long long)buf->msg_stime);
        put(&e, ",\"rtime\":"), put_long(&e, (long long)buf->msg_rtime), put(&e, "}");
        end_return(&e, line, 0);
    } else traced_return("msgctl", line, r, err);
    errno = err;
    return r;
}
