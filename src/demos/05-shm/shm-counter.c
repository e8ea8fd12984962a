/* shm-counter.c: two processes add 1 to one counter in shared memory, many times.
 * Build: cc -Wall -Wextra -Werror -o shm-counter shm-counter.c
 * Run:   ./shm-counter race|semaphore a KEYFILE  &  ./shm-counter race|semaphore b KEYFILE */
#define _GNU_SOURCE
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#define SIZE 4096
#define TIMES 2000                     /* additions per process, locked or not */
#define PAUSE_US 100                   /* between load and store */
enum { A_HERE, B_HERE, LOCK };         /* three semaphores in one set */
union semun {                          /* semctl(2): the caller must define it */
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

static void die(const char *call) { perror(call); exit(1); }

static void sem(int semid, unsigned short num, short op, short flags) {
    struct sembuf sb = {num, op, flags};
    if (semop(semid, &sb, 1) == -1) die("semop");
}

/* A rendezvous: V on my "here", then P on the other's. */
static void meet(int semid, int a) {
    sem(semid, a ? A_HERE : B_HERE, +1, 0);
    sem(semid, a ? B_HERE : A_HERE, -1, 0);
}

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc != 4 || (strcmp(argv[2], "a") != 0 && strcmp(argv[2], "b") != 0))
        errx(2, "usage: %s race|semaphore a|b KEYFILE", argv[0]);
    int locked = strcmp(argv[1], "semaphore") == 0;
    int a = strcmp(argv[2], "a") == 0;
    const char *me = argv[2], *keyfile = argv[3];

    int fd = open(keyfile, O_RDONLY | O_CREAT, 0600);   // @step c-keyfile
    if (fd == -1 || close(fd) == -1) die("open");
    key_t key = ftok(keyfile, 'm');                      // @step c-ftok
    if (key == -1) die("ftok");
    int shmid = shmget(key, SIZE, IPC_CREAT | 0600);     // @step c-shmget
    if (shmid == -1) die("shmget");
    int semid = semget(key, 3, IPC_CREAT | 0600);        // @step c-semget
    if (semid == -1) die("semget");
    printf("%s: pid %d, shmid %d, semid %d\n", me, getpid(), shmid, semid);
    volatile int *count = shmat(shmid, NULL, 0);         // @step c-shmat
    if (count == (void *)-1) die("shmat");
    if (a && locked) {
        union semun arg = {.val = 1};   /* 1 = free */
        if (semctl(semid, LOCK, SETVAL, arg) == -1) die("semctl"); // @step lock-init
    }

    meet(semid, a);                     /* start together */ // @step start
    /* load, add, store: the other process may store in between */
    for (int i = 0; i < TIMES; i++) {
        if (locked) sem(semid, LOCK, -1, SEM_UNDO); /* P: lock */
        int seen = *count;
        if (usleep(PAUSE_US) == -1) die("usleep"); /* off the CPU, as if preempted here */
        *count = seen + 1;              /* over whatever the other stored meanwhile */
        if (locked) sem(semid, LOCK, +1, SEM_UNDO); /* V: unlock */
    }
    printf("%s: added 1 %d times\n", me, TIMES);

    if (!a) {
        sem(semid, B_HERE, +1, 0);      /* V: b is done */ // @step b-done
        if (shmdt((void *)count) == -1) die("shmdt");    // @step b-shmdt
        return 0;
    }
    sem(semid, B_HERE, -1, 0);          /* P: await b */ // @step a-wait
    printf("a: count %d, expected %d, lost %d\n", *count, 2 * TIMES, 2 * TIMES - *count);
    if (shmdt((void *)count) == -1) die("shmdt");        // @step a-shmdt
    if (shmctl(shmid, IPC_RMID, NULL) == -1) die("shmctl"); // @step a-rmid
    if (semctl(semid, 0, IPC_RMID) == -1) die("semctl"); // @step a-semrm
    return 0;
}
