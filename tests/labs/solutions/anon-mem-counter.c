/*
 * shared-counter.c: a child counts to 1000 in memory it got from mmap();
 * its parent waits for it, then reads the counter.
 *
 * Reference solution: the mapping is MAP_SHARED, one page for both.
 *
 *   cc -Wall -Werror -o shared-counter shared-counter.c && ./shared-counter
 *   ipc-demo lab check anon-mem-counter
 */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int *counter = mmap(NULL, sizeof *counter, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (counter == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    *counter = 0;

    pid_t pid = fork();
    if (pid == -1) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        for (int i = 0; i < 1000; i++)
            (*counter)++;
        _exit(0);
    }

    if (waitpid(pid, NULL, 0) == -1)
        perror("waitpid");
    printf("parent: the counter is %d\n", *counter);
    munmap(counter, sizeof *counter);
    return 0;
}
