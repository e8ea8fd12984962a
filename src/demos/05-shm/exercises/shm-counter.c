/*
 * shm-counter.c: a parent and its child each add 1 to one counter in a
 * System V shared memory segment, 500 times; the parent waits for the
 * child and prints the total. It should be 1000. Run it a few times.
 *
 * Each addition reads the counter, then writes back one more: whatever
 * the other process wrote in between is lost. Make the total exact with
 * a System V semaphore, both processes still counting at the same time.
 * (ipc-demo lab hint shm-counter)
 *
 *   cc -Wall -Wextra -Werror -o shm-counter shm-counter.c && ./shm-counter
 *   ipc-demo lab check shm-counter
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define TIMES 500

static void die(const char *call)
{
    perror(call);
    exit(1);
}

/* Adds 1 to the shared counter, TIMES times. */
static void count_up(volatile int *count)
{
    for (int i = 0; i < TIMES; i++) {
        int seen = *count;
        /* The scheduler can take the CPU away right here, between the
         * load and the store; usleep() makes it happen every time. */
        if (usleep(100) == -1)
            die("usleep");
        *count = seen + 1;
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

    pid_t pid = fork(); /* the child is attached too */
    if (pid == -1)
        die("fork");
    if (pid == 0) {
        count_up(count);
        if (shmdt((void *)count) == -1)
            die("shmdt");
        exit(0);
    }
    count_up(count);

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
    return 0;
}
