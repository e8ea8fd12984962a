/* ipc-trace-sockets.c: sockets (included by ipc-trace.c, one translation unit).
 *
 * Arguments as the twins show them (src/ffi/sys-socket.ts): an address by its length,
 * "buf[110]" for a whole struct sockaddr_un; a data buffer by its size; a socklen_t passed
 * by address as the twins' one-element array, "buf[1]"; the optional address of accept()
 * and recvfrom() only when the program asks for it. A socket file bound outside the run's
 * directory is recorded, and removed at the end if the program leaves it. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>

static void arg_address(struct event *e, const struct sockaddr *addr, socklen_t length) {
    if (addr) arg_buffer(e, length);
    else arg_string(e, "NULL");
}

static void arg_length_pointer(struct event *e, const socklen_t *length) {
    if (length) arg_string(e, "buf[1]");
    else arg_string(e, "NULL");
}

int ipc_trace_socket(int line, int domain, int type, int protocol) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "socket"), arg_long(&e, domain), arg_long(&e, type), arg_long(&e, protocol), end_call(&e, line);
    int r = socket(domain, type, protocol);
    int err = errno;
    traced_return("socket", line, r, err);
    errno = err;
    return r;
}

/* socketpair's value is the two fds, as pipe's. */
int ipc_trace_socketpair(int line, int domain, int type, int protocol, int sv[2]) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "socketpair"), arg_long(&e, domain), arg_long(&e, type), arg_long(&e, protocol), end_call(&e, line);
    int r = socketpair(domain, type, protocol, sv);
    int err = errno;
    if (trace_fd != -1 && r == 0) {
        begin_return(&e, "socketpair");
        put(&e, "["), put_long(&e, sv[0]), put(&e, ","), put_long(&e, sv[1]), put(&e, "]");
        end_return(&e, line, 0);
    } else traced_return("socketpair", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_bind(int line, int fd, const struct sockaddr *addr, socklen_t length) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "bind"), arg_long(&e, fd), arg_address(&e, addr, length), arg_long(&e, length), end_call(&e, line);
    int r = bind(fd, addr, length);
    int err = errno;
    /* A socket file (not the abstract namespace, whose name starts with NUL). */
    if (r == 0 && addr && addr->sa_family == AF_UNIX && length > offsetof(struct sockaddr_un, sun_path)) {
        const struct sockaddr_un *un = (const struct sockaddr_un *)addr;
        char path[sizeof un->sun_path + 1] = {0};
        size_t len = length - offsetof(struct sockaddr_un, sun_path);
        memcpy(path, un->sun_path, len < sizeof un->sun_path ? len : sizeof un->sun_path);
        if (path[0] != '\0') record_path(path);
    }
    traced_return("bind", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_listen(int line, int fd, int backlog) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "listen"), arg_long(&e, fd), arg_long(&e, backlog), end_call(&e, line);
    int r = listen(fd, backlog);
    int err = errno;
    traced_return("listen", line, r, err);
    errno = err;
    return r;
}

/* ---- the TCP peer guard ---------------------------------------------------
 * Two users on one machine never meet (src/runtime/peer-guard.ts says why the runtime, not the
 * listing, does this): a TCP port is open to every local user, and a TCP peer has no SO_PEERCRED.
 * Its owner shows only in /proc/net/tcp's uid column, on the row whose local end is our remote
 * one. A connection from another user's socket (or one no process holds any more: inode 0) is
 * closed and accept() made again, inside the one accept() the program sees, and a `peer-refused`
 * note says so, as the twins' runtime does. */

/* Why the peer of TCP socket fd is not ours, in `why` ("uid 1001", "no owner"); false when it is ours or fd is no TCP socket. */
static bool foreign_tcp_peer(int fd, char *why, size_t size) {
    struct sockaddr_in local, remote;
    socklen_t llen = sizeof local, rlen = sizeof remote;
    if (getsockname(fd, (struct sockaddr *)&local, &llen) == -1 || local.sin_family != AF_INET) return false;
    if (getpeername(fd, (struct sockaddr *)&remote, &rlen) == -1) return false;
    FILE *table = fopen("/proc/net/tcp", "re");
    if (!table) return false;
    char row[512];
    bool found = false;
    unsigned uid = 0;
    unsigned long inode = 0;
    while (!found && fgets(row, sizeof row, table)) {
        unsigned la, lp, ra, rp;
        if (sscanf(row, " %*d: %8X:%4X %8X:%4X %*X %*X:%*X %*X:%*X %*X %u %*d %lu", &la, &lp, &ra, &rp, &uid, &inode) != 6) continue;
        found = la == remote.sin_addr.s_addr && lp == ntohs(remote.sin_port) && ra == local.sin_addr.s_addr && rp == ntohs(local.sin_port);
    }
    fclose(table);
    if (!found || inode == 0) return snprintf(why, size, "no owner"), true;
    if (uid == geteuid()) return false;
    snprintf(why, size, "uid %u", uid);
    return true;
}

static void note_peer_refused(const char *why) {
    struct event e;
    begin(&e, "note");
    put(&e, ",\"code\":\"peer-refused\",\"detail\":");
    put_string(&e, why);
    emit(&e, true);
}

int ipc_trace_accept(int line, int fd, struct sockaddr *addr, socklen_t *length) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "accept");
        arg_long(&e, fd);
        if (addr || length) arg_address(&e, addr, length ? *length : 0), arg_length_pointer(&e, length);
        end_call(&e, line);
    }
    socklen_t given = length ? *length : 0;
    int r;
    char why[32];
    for (;;) {
        if (length) *length = given;
        r = accept(fd, addr, length);
        if (r == -1 || trace_fd == -1 || !foreign_tcp_peer(r, why, sizeof why)) break;
        close(r);
        note_peer_refused(why);
    }
    int err = errno;
    traced_return("accept", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_connect(int line, int fd, const struct sockaddr *addr, socklen_t length) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "connect"), arg_long(&e, fd), arg_address(&e, addr, length), arg_long(&e, length), end_call(&e, line);
    int r = connect(fd, addr, length);
    int err = errno;
    traced_return("connect", line, r, err);
    errno = err;
    return r;
}

/* send() and recv() as the twins show them: (fd, buffer, flags), the length in the buffer's. */
ssize_t ipc_trace_send(int line, int fd, const void *buf, size_t count, int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "send"), arg_long(&e, fd), arg_buffer(&e, count), arg_long(&e, flags), end_call(&e, line);
    ssize_t n = send(fd, buf, count, flags);
    int err = errno;
    traced_return("send", line, n, err);
    errno = err;
    return n;
}

ssize_t ipc_trace_recv(int line, int fd, void *buf, size_t count, int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "recv"), arg_long(&e, fd), arg_buffer(&e, count), arg_long(&e, flags), end_call(&e, line);
    ssize_t n = recv(fd, buf, count, flags);
    int err = errno;
    traced_return("recv", line, n, err);
    errno = err;
    return n;
}

ssize_t ipc_trace_sendto(int line, int fd, const void *buf, size_t count, int flags, const struct sockaddr *to, socklen_t length) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "sendto");
        arg_long(&e, fd), arg_buffer(&e, count), arg_long(&e, flags), arg_address(&e, to, length), arg_long(&e, length);
        end_call(&e, line);
    }
    ssize_t n = sendto(fd, buf, count, flags, to, length);
    int err = errno;
    traced_return("sendto", line, n, err);
    errno = err;
    return n;
}

ssize_t ipc_trace_recvfrom(int line, int fd, void *buf, size_t count, int flags, struct sockaddr *from, socklen_t *length) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "recvfrom");
        arg_long(&e, fd), arg_buffer(&e, count), arg_long(&e, flags);
        arg_address(&e, from, length ? *length : 0), arg_length_pointer(&e, length);
        end_call(&e, line);
    }
    ssize_t n = recvfrom(fd, buf, count, flags, from, length);
    int err = errno;
    traced_return("recvfrom", line, n, err);
    errno = err;
    return n;
}

/* sendmsg() and recvmsg(): the struct msghdr by its size, the data by the total of its iovecs. */
static size_t iov_total(const struct msghdr *msg) {
    size_t total = 0;
    for (size_t i = 0; msg && i < msg->msg_iovlen; i++) total += msg->msg_iov[i].iov_len;
    return total;
}

ssize_t ipc_trace_sendmsg(int line, int fd, const struct msghdr *msg, int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "sendmsg"), arg_long(&e, fd), arg_buffer(&e, iov_total(msg)), arg_long(&e, flags), end_call(&e, line);
    ssize_t n = sendmsg(fd, msg, flags);
    int err = errno;
    traced_return("sendmsg", line, n, err);
    errno = err;
    return n;
}

ssize_t ipc_trace_recvmsg(int line, int fd, struct msghdr *msg, int flags) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "recvmsg"), arg_long(&e, fd), arg_buffer(&e, iov_total(msg)), arg_long(&e, flags), end_call(&e, line);
    ssize_t n = recvmsg(fd, msg, flags);
    int err = errno;
    traced_return("recvmsg", line, n, err);
    errno = err;
    return n;
}

int ipc_trace_shutdown(int line, int fd, int how) {
    step(line);
    struct event e;
    if (trace_fd != -1) begin_call(&e, "shutdown"), arg_long(&e, fd), arg_long(&e, how), end_call(&e, line);
    int r = shutdown(fd, how);
    int err = errno;
    traced_return("shutdown", line, r, err);
    errno = err;
    return r;
}

/* An int option is shown by its value, as the twins pass it; any other by its size. */
int ipc_trace_setsockopt(int line, int fd, int level, int name, const void *value, socklen_t length) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "setsockopt");
        arg_long(&e, fd), arg_long(&e, level), arg_long(&e, name);
        if (value && length == sizeof(int)) arg_long(&e, *(const int *)value);
        else arg_struct(&e, value, length);
        end_call(&e, line);
    }
    int r = setsockopt(fd, level, name, value, length);
    int err = errno;
    traced_return("setsockopt", line, r, err);
    errno = err;
    return r;
}

int ipc_trace_getsockopt(int line, int fd, int level, int name, void *value, socklen_t *length) {
    step(line);
    struct event e;
    if (trace_fd != -1) {
        begin_call(&e, "getsockopt");
        arg_long(&e, fd), arg_long(&e, level), arg_long(&e, name);
        arg_struct(&e, value, length ? *length : 0), arg_length_pointer(&e, length);
        end_call(&e, line);
    }
    int r = getsockopt(fd, level, name, value, length);
    int err = errno;
    traced_return("getsockopt", line, r, err);
    errno = err;
    return r;
}
