/* shm-reader.c: read the writer's message from shared memory and reply in place.
 * Build: cc -Wall -Wextra -Werror -o shm-reader shm-reader.c
 * Run:   ./shm-reader [basic|leak] KEYFILE        (the same key file as the writer)
 *        ./shm-reader [basic|leak] SHMID SEMID    (the ids the writer printed) */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#define SIZE 4096
enum { WRITTEN, REPLIED };

static void die(const char *call) { perror(call); exit(1); }

static void sem(int semid, unsigned short num, short op) {
    struct sembuf sb = {num, op, 0};
    if (semop(semid, &sb, 1) == -1) die("semop");
}

/* An id typed by hand: all of it a number, and one an int holds. atoi() would take
 * "12abc" for 12 and "abc" for 0, an id that may well be someone else's. */
static int parse_id(const char *what, const char *text) {
    char *end;
    errno = 0;
    long id = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || id < 0 || id > INT_MAX)
        errx(2, "%s \"%s\" is not an id: a number from 0 to %d", what, text, INT_MAX);
    return (int)id;
}

static void by_key(const char *keyfile, int *shmid, int *semid) {
    int fd = open(keyfile, O_RDONLY | O_CREAT, 0600);   // @step r-keyfile
    if (fd == -1 || close(fd) == -1) die("open");
    key_t key = ftok(keyfile, 'm');                      // @step r-ftok
    if (key == -1) die("ftok");
    *shmid = shmget(key, SIZE, IPC_CREAT | 0600);        // @step r-shmget
    if (*shmid == -1) die("shmget");
    *semid = semget(key, 2, IPC_CREAT | 0600);           // @step r-semget
    if (*semid == -1) die("semget");
}

int main(int argc, char *argv[]) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    int first = 1, shmid, semid;
    const char *variant = "basic";
    if (argc > 1 && (strcmp(argv[1], "basic") == 0 || strcmp(argv[1], "leak") == 0))
        variant = argv[first++];
    if (argc - first == 2) {            /* ids typed by hand */
        shmid = parse_id("shmid", argv[first]);
        semid = parse_id("semid", argv[first + 1]);
    } else if (argc - first == 1) {
        by_key(argv[first], &shmid, &semid);
    } else {
        errx(2, "usage: %s [basic|leak] KEYFILE | SHMID SEMID", argv[0]);
    }
    printf("reader: pid %d, shmid %d, semid %d\n", getpid(), shmid, semid);

    char *mem = shmat(shmid, NULL, 0);                   // @step r-shmat
    if (mem == (void *)-1) die("shmat");
    sem(semid, WRITTEN, -1);    /* P: await it */    // @step r-wait
    printf("reader: read \"%s\"\n", mem);                // @step r-read
    struct shmid_ds ds;
    if (shmctl(shmid, IPC_STAT, &ds) == -1) die("shmctl"); // @step r-stat
    printf("reader: IPC_STAT size %zu, nattch %lu, created by pid %d\n",
           ds.shm_segsz, ds.shm_nattch, ds.shm_cpid);
    strcpy(mem, "Thanks, got it");                       // @step r-reply
    sem(semid, REPLIED, +1);    /* V: replied */     // @step r-post
    if (shmdt(mem) == -1) die("shmdt");                  // @step r-shmdt
    printf("reader: detached\n");
    if (strcmp(variant, "leak") == 0) {
        printf("reader: no IPC_RMID, the segment outlives us\n"); // @step r-forget
        return 0;
    }
    if (shmctl(shmid, IPC_RMID, NULL) == -1) die("shmctl"); // @step r-rmid
    printf("reader: IPC_RMID, the segment goes when the last process detaches\n");
    return 0;
}
