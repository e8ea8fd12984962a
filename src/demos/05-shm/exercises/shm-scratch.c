/*
 * shm-scratch.c: makes a System V shared memory segment, writes a line
 * into it, reads it back, and ends.
 *
 * It works, and it leaks: run it twice, then look at `ipcs -m`. A
 * segment outlives every process attached to it. Make the program leave
 * nothing behind. (ipc-demo lab hint shm-leak)
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
    return 0;
}
