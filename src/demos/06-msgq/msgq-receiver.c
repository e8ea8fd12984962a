/* msgq-receiver.c: take messages off a System V queue by type, then remove it.
 * Build: cc -Wall -Wextra -Werror -o msgq-receiver msgq-receiver.c
 * Run:   ./msgq-receiver [types|size-bug] KEYFILE    (with msgq-sender) */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
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
    int fd = open(keyfile, O_RDONLY | O_CREAT, 0600);   /* ftok needs a file */ // @step r-keyfile
    if (fd == -1 || close(fd) == -1) die("open");
    key_t key = ftok(keyfile, 'q');                      // @step r-ftok
    if (key == -1) die("ftok");
    int q = msgget(key, IPC_CREAT | 0600);               // @step r-msgget
    if (q == -1) die("msgget");
    return q;
}

static void take(int q, long type, int flags) {
    struct msg m;
    ssize_t n = msgrcv(q, &m, sizeof m.mtext, type, flags);  /* at most 100 */
    if (n == -1 && errno != ENOMSG) die("msgrcv");
    if (n == -1)
        printf("receiver: msgrcv type %ld, IPC_NOWAIT -> ENOMSG\n", type);
    else
        printf("receiver: msgrcv type %ld -> type %ld \"%.*s\" (%zd bytes)\n",
               type, m.mtype, (int)n, m.mtext, n);  /* mtext need not end in '\0' */
}

static void by_type(int q) {
    take(q, DONE, 0);           /* sleep until the sender is done */ // @step r-wait-done
    take(q, 2, 0);              /* > 0: the oldest of type 2 */     // @step r-type-pos
    take(q, -2, 0);             /* < 0: the lowest type, <= 2 */    // @step r-type-neg
    take(q, 0, 0);              /* 0: the oldest of any type */     // @step r-type-zero
    take(q, 1, IPC_NOWAIT);     /* none of type 1 left */           // @step r-nowait
    struct msqid_ds ds;
    if (msgctl(q, IPC_STAT, &ds) == -1) die("msgctl");   // @step r-stat
    printf("receiver: IPC_STAT qnum %lu, cbytes %lu, last msgsnd by pid %d\n",
           ds.msg_qnum, ds.msg_cbytes, ds.msg_lspid);
}

static void size_bug(int q) {
    struct guarded g = {.guard = 0x5a5a5a5a5a5a5a5a};
    ssize_t n = msgrcv(q, &g.m, sizeof g.m, 0, 0);       /* BUG: 112 */ // @step r-recv-full
    if (n == -1) die("msgrcv");
    printf("receiver: msgrcv copied %zd bytes into mtext[%zu]\n",
           n, sizeof g.m.mtext);
    printf("receiver: guard was 0x5a5a5a5a5a5a5a5a, now 0x%lx\n", g.guard);
}

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) errx(2, "usage: %s [types|size-bug] KEYFILE", argv[0]);
    const char *keyfile = argv[argc - 1];
    int q = open_queue(keyfile);
    printf("receiver: pid %d, queue ready\n", getpid());
    if (argc > 2 && strcmp(argv[1], "size-bug") == 0)
        size_bug(q);
    else
        by_type(q);
    if (msgctl(q, IPC_RMID, NULL) == -1) die("msgctl");  // @step r-rmid
    printf("receiver: IPC_RMID, the queue is gone\n");
    if (unlink(keyfile) == -1) die("unlink");            // @step r-unlink
    return 0;
}
