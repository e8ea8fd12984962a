/*
 * shm-counter.c: a parent and its child each add 1 to one counter in a
 * System V shared memory segment, 500 times; the parent waits for the
 * child and prints the total: 1000.
 *
 * Reference solution: one System V semaphore, set to 1 (free). Each
 * addition takes it first (P: semop -1, which waits while the other holds
 * it) and gives it back after (V: semop +1): the load and the store of
 * one process can no longer have the other's in between.
 *
 *   cc -Wall -Wextra -Werror -o shm-counter shm-counter.c && ./shm-counter
 *   ipc-demo lab check shm-counter
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define TIMES 500

union semun { /* semctl(2): the program must define it */
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static void die(const char *call)
{
    perror(call);
    exit(1);
}

/* semop() on the set's one semaphore: -1 takes it (P), +1 gives it back (V). */
static void sem_add(int semid, short n)
{
    struct sembuf op = {.sem_num = 0, .sem_op = n, .sem_flg = SEM_UNDO};
    if (semop(semid, &op, 1) == -1)
        die("semop");
}

/* Adds 1 to the shared counter, TIMES times, each time holding the semaphore. */
static void count_up(volatile int *count, int semid)
{
    for (int i = 0; i < TIMES; i++) {
        sem_add(semid, -1); /* P */
        int seen = *count;
        /* The scheduler can take the CPU away right here, between the
         * load and the store; usleep() makes it happen every time. */
        if (usleep(100) == -1)
            die("usleep");
        *count = seen + 1;
        sem_add(semid, +1); /* V */
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    int shmid = shmget(IPC_PRIVATE, sizeof(int), IPC_CREAT | 0600);
    if (shmid == -1)
        die("shmget");
    volatile int *count = shmat(shmid, NULL, 0); /* a new segment is zeroed */
    if (count == (void *)-1)
        die("shmat");
    int semid = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    if (semid == -1)
        die("semget");
    union semun arg = {.val = 1}; /* 1: free */
    if (semctl(semid, 0, SETVAL, arg) == -1)
        die("semctl");

    pid_t pid = fork(); /* the child is attached too, and knows semid */
    if (pid == -1)
        die("fork");
    if (pid == 0) {
        count_up(count, semid);
        if (shmdt((void *)count) == -1)
            die("shmdt");
        exit(0);
    }
    count_up(count, semid);

    int status;
    if (waitpid(pid, &status, 0) == -1)
        die("waitpid");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "the child failed\n");
        exit(1);
    }
    printf("added %d times in all; the counter says %d\n", 2 * TIMES, *count);
    if (shmdt((void *)count) == -1)
        die("shmdt");
    if (shmctl(shmid, IPC_RMID, NULL) == -1)
        die("shmctl");
    if (semctl(semid, 0, IPC_RMID) == -1)
        die("semctl");
    return 0;
}
