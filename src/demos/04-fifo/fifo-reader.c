/* fifo-reader.c: opens a named pipe (FIFO) for reading, reads until end of
 * file, and removes the FIFO's name when it is done with it.
 * Build: cc -Wall -Werror -o fifo-reader fifo-reader.c
 * Run:   ./fifo-reader [atomic] PATH     (with ./fifo-writer PATH) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WRITERS 2                       /* atomic: writers A and B */
#define RECORDS 32                      /* records from each */

static void die(const char *call) { perror(call); exit(1); }

static const char *base(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Whoever comes first creates the FIFO; the other finds it there (EEXIST) and
 * uses it, but only if it really is a FIFO. */
static void make_fifo(const char *path) {
    if (mkfifo(path, 0600) == 0) return;                 // @step mkfifo
    if (errno != EEXIST) die("mkfifo");
    struct stat st;
    if (stat(path, &st) == -1) die("stat");              // @step stat
    if (!S_ISFIFO(st.st_mode)) {
        printf("reader: %s exists and is not a FIFO, refusing to use it\n", base(path));
        exit(1);                                         // @step refuse
    }
}

static void read_message(int fd) {
    char buf[256];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)          // @step read
        printf("reader: read %zd bytes: \"%.*s\"\n", n, (int)n, buf);
    if (n == -1) die("read");
    printf("reader: end of file, the writer closed its end\n");
}

/* A record is "A 0007AAAA…A\n": whose it is, its number, filler, newline. */
static int intact(const char *rec, int next[WRITERS]) {
    int w = rec[0] - 'A';
    if (w < 0 || w >= WRITERS) return 0;
    char head[16];
    snprintf(head, sizeof head, "%c %04d", rec[0], next[w]);
    if (memcmp(rec, head, 6) != 0 || rec[PIPE_BUF - 1] != '\n') return 0;
    for (int i = 6; i < PIPE_BUF - 1; i++)
        if (rec[i] != rec[0]) return 0;
    next[w]++;
    return 1;
}

static int read_records(int fd, const char *path) {
    static char rec[PIPE_BUF];
    int next[WRITERS] = {0}, torn = 0, got = 0;
    size_t have = 0;
    for (;;) {
        ssize_t n = read(fd, rec + have, sizeof rec - have); // @step read-record
        if (n == -1) die("read");
        if (n == 0) {               /* no writer has the FIFO open right now */
            if (got == WRITERS * RECORDS) break;
            if (close(fd) == -1) die("close");
            fd = open(path, O_RDONLY);  /* the other writer is still to come */
            if (fd == -1) die("open");
            continue;
        }
        have += n;
        if (have < sizeof rec) continue;
        have = 0;
        got++;
        if (!intact(rec, next)) torn++;
    }
    printf("reader: %d records of %d bytes: %d from A, %d from B, %d torn\n",
           got, PIPE_BUF, next[0], next[1], torn);
    printf("reader: end of file, both writers closed their ends\n");
    return fd;
}

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) {
        fprintf(stderr, "usage: %s [atomic] PATH\n", argv[0]);
        return 2;
    }
    int atomic = argc > 2 && strcmp(argv[1], "atomic") == 0;
    const char *path = argv[argc - 1];

    make_fifo(path);
    printf("reader: pid %d, opening %s for reading\n", getpid(), base(path));
    int fd = open(path, O_RDONLY);         /* sleeps until a writer opens */ // @step open
    if (fd == -1) die("open");
    printf("reader: open() returned, a writer has the FIFO open\n");
    if (atomic)
        fd = read_records(fd, path);
    else
        read_message(fd);
    if (close(fd) == -1) die("close");                   // @step close
    if (unlink(path) == -1) die("unlink");  /* the reader cleans up the name */ // @step unlink
    printf("reader: removed %s\n", base(path));
    return 0;
}
