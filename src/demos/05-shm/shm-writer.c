/* shm-writer.c: leave a message in a System V shared memory segment.
 * Build: cc -Wall -Wextra -Werror -o shm-writer shm-writer.c
 * Run:   ./shm-writer KEYFILE    (with ./shm-reader KEYFILE, or with
 *        ./shm-reader SHMID SEMID using the two ids this program prints) */
#define _GNU_SOURCE
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#define SIZE 4096                      /* one page */
enum { WRITTEN, REPLIED };             /* two semaphores, both from 0 */

static void die(const char *call) { perror(call); exit(1); }

static void sem(int semid, unsigned short num, short op) {
    struct sembuf sb = {num, op, 0};
    if (semop(semid, &sb, 1) == -1) die("semop");
}

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) errx(2, "usage: %s KEYFILE", argv[0]);
    const char *keyfile = argv[argc - 1];
    int fd = open(keyfile, O_RDONLY | O_CREAT, 0600);   // @step w-keyfile
    if (fd == -1 || close(fd) == -1) die("open");
    key_t key = ftok(keyfile, 'm');                      // @step w-ftok
    if (key == -1) die("ftok");
    int shmid = shmget(key, SIZE, IPC_CREAT | 0600);     // @step w-shmget
    if (shmid == -1) die("shmget");
    int semid = semget(key, 2, IPC_CREAT | 0600);        // @step w-semget
    if (semid == -1) die("semget");
    printf("writer: pid %d, shmid %d, semid %d\n", getpid(), shmid, semid);

    char *mem = shmat(shmid, NULL, 0);                   // @step w-shmat
    if (mem == (void *)-1) die("shmat");
    strcpy(mem, "Hello from the writer");                // @step w-write
    printf("writer: wrote \"%s\"\n", mem);
    sem(semid, WRITTEN, +1);    /* V: written */     // @step w-post
    sem(semid, REPLIED, -1);    /* P: await reply */ // @step w-wait
    printf("writer: the reader replied \"%s\"\n", mem);
    if (semctl(semid, 0, IPC_RMID) == -1) die("semctl"); // @step w-semrm
    if (shmdt(mem) == -1) die("shmdt");                  // @step w-shmdt
    printf("writer: detached\n");
    return 0;
}
