/* fifo-reader.c: opens a named pipe (FIFO) for reading, reads until end of
 * file, and removes the FIFO's name when it is done with it.
 * Build: cc -Wall -Wextra -Werror -o fifo-reader fifo-reader.c
 * Run:   ./fifo-reader [atomic | torn] PATH     (with ./fifo-writer) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WRITERS 2                       /* atomic, torn: writers A and B */
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

/* Every byte is its writer's letter, so the reader can tell where each piece
 * came from. A record is torn where the other writer's bytes begin while the
 * current writer is in the middle of one of its records. */
static int read_records(int fd, const char *path, size_t size) {
    static char buf[65536];
    long got[WRITERS] = {0}, all = 0;
    int cur = -1, turns = 0, torn = 0;
    sleep(1);               /* let both writers open the FIFO and fill it */ // @step settle
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);           // @step read-record
        if (n == -1) die("read");
        if (n == 0) {               /* no writer has the FIFO open right now */
            if (all == (long)(WRITERS * RECORDS * size)) break;
            if (close(fd) == -1) die("close");
            fd = open(path, O_RDONLY);  /* the other writer is still to come */
            if (fd == -1) die("open");
            continue;
        }
        for (ssize_t i = 0; i < n; i++, all++) {
            int w = buf[i] == 'B';
            if (cur != -1 && w != cur) {
                turns++;
                if (got[cur] % size != 0) torn++;
            }
            cur = w;
            got[w]++;
        }
    }
    printf("reader: %ld records of %zu bytes from A, %ld from B\n",
           got[0] / (long)size, size, got[1] / (long)size);
    printf("reader: the writers took turns %d times, %d of them in the middle of a record\n",
           turns, torn);
    printf("reader: end of file, both writers closed their ends\n");
    return fd;
}

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) {
        fprintf(stderr, "usage: %s [atomic | torn] PATH\n", argv[0]);
        return 2;
    }
    int torn = argc > 2 && strcmp(argv[1], "torn") == 0;
    int records = torn || (argc > 2 && strcmp(argv[1], "atomic") == 0);
    const char *path = argv[argc - 1];

    make_fifo(path);
    printf("reader: pid %d, opening %s for reading\n", getpid(), base(path));
    int fd = open(path, O_RDONLY);         /* sleeps until a writer opens */ // @step open
    if (fd == -1) die("open");
    printf("reader: open() returned, a writer has the FIFO open\n");
    if (records)
        fd = read_records(fd, path, torn ? 20 * PIPE_BUF : PIPE_BUF);
    else
        read_message(fd);
    if (close(fd) == -1) die("close");                   // @step close
    if (unlink(path) == -1) die("unlink");  /* the reader cleans up the name */ // @step unlink
    printf("reader: removed %s\n", base(path));
    return 0;
}
