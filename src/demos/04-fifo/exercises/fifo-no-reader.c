/*
 * fifo-no-reader.c: a writer that sends one line into the FIFO named by
 * argv[1], making the FIFO if it is not there yet.
 *
 * With no reader, it hangs in open() for ever. Make it give up at once
 * when nobody reads (saying so, and exiting 0), and still write when a
 * reader is there. (ipc-demo lab hint fifo-no-reader)
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

    int fd = open(path, O_WRONLY);
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
