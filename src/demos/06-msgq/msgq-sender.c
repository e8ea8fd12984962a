/* msgq-sender.c: put typed messages on a System V message queue.
 * Build: cc -Wall -Wextra -Werror -o msgq-sender msgq-sender.c
 * Run:   ./msgq-sender [types|size-bug] KEYFILE    (with msgq-receiver) */
#define _GNU_SOURCE
#include <err.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <unistd.h>

#define DONE 99                         /* type of the last message: all sent */

struct msg { long mtype; char mtext[100]; };           /* 112 bytes */
struct guarded { struct msg m; unsigned long guard; }; /* guard right after m */
_Static_assert(offsetof(struct guarded, guard) == sizeof(struct msg), "gap");

static void die(const char *call) { perror(call); exit(1); }

static int open_queue(const char *keyfile) {
    int fd = open(keyfile, O_RDONLY | O_CREAT, 0600);   /* ftok needs a file */ // @step s-keyfile
    if (fd == -1 || close(fd) == -1) die("open");
    key_t key = ftok(keyfile, 'q');                      // @step s-ftok
    if (key == -1) die("ftok");
    int q = msgget(key, IPC_CREAT | 0600);               // @step s-msgget
    if (q == -1) die("msgget");
    return q;
}

static void put(int q, long type, const char *text) {
    struct msg m = {.mtype = type};
    size_t size = strlen(text) + 1;              /* the text's size, not m's */
    if (size > sizeof m.mtext) errx(1, "\"%s\" does not fit in mtext", text);
    memcpy(m.mtext, text, size);
    if (msgsnd(q, &m, size, 0) == -1) die("msgsnd");
    printf("sender: msgsnd type %ld \"%s\" (%zu bytes)\n", type, text, size);
}

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) errx(2, "usage: %s [types|size-bug] KEYFILE", argv[0]);
    int q = open_queue(argv[argc - 1]);
    printf("sender: pid %d, queue ready\n", getpid());

    if (argc > 2 && strcmp(argv[1], "size-bug") == 0) {
        struct guarded g = {{1, "a full-size message"}, 0xa5a5a5a5a5a5a5a5};
        if (msgsnd(q, &g.m, sizeof g.m, 0) == -1) die("msgsnd"); /* BUG */ // @step s-send-full
        printf("sender: msgsnd %zu bytes, the last 8 from past m: 0x%lx\n",
               sizeof g.m, g.guard);
        return 0;
    }
    static const struct { long type; const char *text; } plan[] = {
        {3, "first"}, {2, "second"}, {2, "third"}, {1, "fourth"}};
    for (int i = 0; i < 4; i++)
        put(q, plan[i].type, plan[i].text);              // @step s-send
    put(q, DONE, "done");                                // @step s-send-done
    return 0;
}
