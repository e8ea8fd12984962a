/*
 * msgq-size.c: sends one message into a System V message queue and
 * receives it back.
 *
 * Reference solution: msgsnd() takes the size of mtext alone, never of
 * the whole struct with its mtype.
 *
 *   cc -Wall -Werror -o msgq-size msgq-size.c && ./msgq-size
 *   ipc-demo lab check msgq-size
 */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct message {
    long mtype;
    char mtext[32];
};

int main(void)
{
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (id == -1) {
        perror("msgget");
        return 1;
    }

    struct message out = { .mtype = 1 };
    strcpy(out.mtext, "thirty-two bytes at most");
    int status = 0;
    if (msgsnd(id, &out, sizeof out.mtext, 0) == -1) {
        perror("msgsnd");
        status = 1;
    }

    struct message in;
    ssize_t n = msgrcv(id, &in, sizeof in.mtext, 0, IPC_NOWAIT);
    if (n == -1) {
        perror("msgrcv");
        status = 1;
    } else {
        printf("received %zd bytes: %s\n", n, in.mtext);
    }

    msgctl(id, IPC_RMID, NULL);
    return status;
}
