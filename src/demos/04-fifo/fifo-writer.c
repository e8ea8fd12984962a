/* fifo-writer.c: opens a named pipe (FIFO) for writing and sends into it
 * whatever program opens the same path for reading.
 * Build: cc -Wall -Wextra -Werror -o fifo-writer fifo-writer.c
 * Run:   ./fifo-writer [nonblock | atomic ID | torn ID] PATH   (with ./fifo-reader) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RECORDS 32                      /* atomic, torn: records per writer */

static void die(const char *call) { perror(call); exit(1); }

static const char *base(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Whoever comes first creates the FIFO; the other finds it there (EEXIST) and
 * uses it, but only if it really is a FIFO. Returns 1 if we created it. */
static int make_fifo(const char *me, const char *path) {
    if (mkfifo(path, 0600) == 0) return 1;               // @step mkfifo
    if (errno != EEXIST) die("mkfifo");
    struct stat st;
    if (stat(path, &st) == -1) die("stat");              // @step stat
    if (!S_ISFIFO(st.st_mode)) {
        printf("%s: %s exists and is not a FIFO, refusing to use it\n", me, base(path));
        exit(1);                                         // @step refuse
    }
    return 0;
}

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) {
        fprintf(stderr, "usage: %s [nonblock | atomic ID | torn ID] PATH\n", argv[0]);
        return 2;
    }
    const char *mode = argc > 2 ? argv[1] : "basic", *path = argv[argc - 1];
    int torn = strcmp(mode, "torn") == 0;
    int records = (torn || strcmp(mode, "atomic") == 0) && argc > 3;
    /* atomic: PIPE_BUF bytes; torn: 20 pages, more than PIPE_BUF and than the pipe holds */
    size_t size = torn ? 20 * PIPE_BUF : PIPE_BUF;
    char me[16] = "writer";
    if (records) snprintf(me, sizeof me, "writer %c", argv[2][0]);

    int created = make_fifo(me, path);
    printf("%s: pid %d, opening %s for writing\n", me, getpid(), base(path));
    int fd;
    if (strcmp(mode, "nonblock") == 0) {
        fd = open(path, O_WRONLY | O_NONBLOCK);          // @step open-nonblock
        if (fd == -1 && errno == ENXIO) {
            printf("%s: open: ENXIO, no process has the FIFO open for reading\n", me);
            if (created && unlink(path) == -1) die("unlink"); // @step unlink-mine
            exit(1);
        }
    } else
        fd = open(path, O_WRONLY);         /* sleeps until a reader opens */ // @step open
    if (fd == -1) die("open");
    printf("%s: open() returned, a reader has the FIFO open\n", me);

    if (records) {
        static char rec[20 * PIPE_BUF];
        memset(rec, argv[2][0], size);       /* every byte says whose it is: "AAAA…" */
        for (int i = 0; i < RECORDS; i++) {
            /* up to PIPE_BUF bytes go in whole, or the write sleeps; more may go in pieces */
            if (write(fd, rec, size) == -1) die("write");     // @step write-record
        }
        printf("%s: wrote %d records of %zu bytes\n", me, RECORDS, size);
    } else {
        const char *msg = "Hello through the FIFO";
        ssize_t n = write(fd, msg, strlen(msg));         // @step write
        if (n == -1) die("write");
        printf("%s: wrote %zd bytes\n", me, n);         /* what write() took */
    }
    if (close(fd) == -1) die("close");                   // @step close
    printf("%s: closed its end\n", me);
    return 0;
}
