/* anon-mem.c: a child writes into memory it shares with its parent.
 * Build: cc -Wall -Wextra -Werror -o anon-mem anon-mem.c
 * Run:   ./anon-mem [memfd|mmap|private|no-wait] */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIZE 4096                          /* one page */

static void die(const char *call) { perror(call); exit(1); }

static void report(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) == -1) die("waitpid");
    if (WIFEXITED(status))
        printf("parent: child pid %d exited %d\n", pid, WEXITSTATUS(status));
    else
        printf("parent: child pid %d killed by SIG%s\n", pid,
               sigabbrev_np(WTERMSIG(status)));
}

int main(int argc, char *argv[]) {
    const char *variant = argc > 1 ? argv[1] : "memfd";
    int fd = -1;
    char *mem;
    setvbuf(stdout, NULL, _IOLBF, 0);

    if (strcmp(variant, "mmap") == 0) {
        mem = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,    // @step mmap-anon
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);  /* no file, no fd */
    } else {
        fd = memfd_create("anon-mem", MFD_CLOEXEC);       // @step memfd-create
        if (fd == -1) die("memfd_create");
        if (ftruncate(fd, SIZE) == -1) die("ftruncate");  // @step ftruncate
        int share = strcmp(variant, "private") == 0 ? MAP_PRIVATE : MAP_SHARED;
        mem = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, share, fd, 0); // @step mmap-fd
    }
    if (mem == MAP_FAILED) die("mmap");

    pid_t pid = fork();                                   // @step fork
    if (pid == -1) die("fork");
    if (pid == 0) {
        if (strcmp(variant, "no-wait") == 0)
            sleep(1);          /* a slow child: nothing makes the parent wait */ // @step child-sleep
        strcpy(mem, "Hello from child");                  // @step child-write
        printf("child: wrote \"%s\"\n", mem);
        _exit(0);                                         // @step child-exit
    }
    if (strcmp(variant, "no-wait") == 0)
        printf("parent: read \"%s\" without waiting\n", mem); // @step read-early
    report(pid);                                          // @step wait
    printf("parent: read \"%s\"\n", mem);                 // @step parent-read
    if (munmap(mem, SIZE) == -1) die("munmap");           // @step munmap
    if (fd != -1)
        if (close(fd) == -1) die("close");  /* the memfd's last reference */ // @step close
    return 0;
}
