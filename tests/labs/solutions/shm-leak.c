/*
 * shm-scratch.c: makes a System V shared memory segment, writes a line
 * into it, reads it back, and ends.
 *
 * Reference solution: shmctl(IPC_RMID) marks the segment for removal; the
 * kernel frees it when the last process has detached.
 *
 *   cc -Wall -Werror -o shm-scratch shm-scratch.c && ./shm-scratch && ipcs -m
 *   ipc-demo lab check shm-leak
 */
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(void)
{
    int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    if (id == -1) {
        perror("shmget");
        return 1;
    }
    char *mem = shmat(id, NULL, 0);
    if (mem == (char *)-1) {
        perror("shmat");
        return 1;
    }
    strcpy(mem, "a line in shared memory");
    printf("segment %d holds: %s\n", id, mem);
    if (shmdt(mem) == -1)
        perror("shmdt");
    if (shmctl(id, IPC_RMID, NULL) == -1) {
        perror("shmctl");
        return 1;
    }
    return 0;
}
