/*
 * fifo-no-reader.c: a writer that sends one line into the FIFO named by
 * argv[1], making the FIFO if it is not there yet.
 *
 * Reference solution: O_NONBLOCK makes open() for writing fail at once
 * with ENXIO when no process has the FIFO open for reading.
 *
 *   cc -Wall -Werror -o fifo-no-reader fifo-no-reader.c && ./fifo-no-reader /tmp/myfifo
 *   ipc-demo lab check fifo-no-reader
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FIFO\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    if (mkfifo(path, 0600) == -1 && errno != EEXIST) {
        perror("mkfifo");
        return 1;
    }

    int fd = open(path, O_WRONLY | O_NONBLOCK);
    if (fd == -1 && errno == ENXIO) {
        printf("no reader: nothing sent\n");
        return 0;
    }
    if (fd == -1) {
        perror("open");
        return 1;
    }
    const char *line = "hello, reader\n";
    if (write(fd, line, strlen(line)) == -1)
        perror("write");
    close(fd);
    return 0;
}
