// What an exec'd program prints reaches the record before what its parent prints after reaping
// it, as on a terminal: `ls | wc -l`'s count comes before the parent's "wc exited". Its lines come
// through an output relay on a connection of its own (src/native/ipc-trace-exec.c), read by the
// controller in any order with the parent's: the relay says itself first, and the parent's events
// after reaping the program wait for the relay's end. Real cc, real controller, real ls and wc.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { programLauncher } from '../helpers/native.js';
import { expectNothingLeft, recordRun } from '../helpers/run.js';

let listed = '';
afterEach(() => rmSync(listed, { recursive: true, force: true }));

const program = (dir: string) => `#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int fd[2];
    if (pipe(fd) == -1) return 1;
    pid_t ls = fork();
    if (ls == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execlp("ls", "ls", "${dir}", (char *)NULL);
        _exit(127);
    }
    pid_t wc = fork();
    if (wc == 0) {
        dup2(fd[0], 0);
        close(fd[0]);
        close(fd[1]);
        execlp("wc", "wc", "-l", (char *)NULL);
        _exit(127);
    }
    close(fd[0]);
    close(fd[1]);
    waitpid(ls, NULL, 0);
    waitpid(wc, NULL, 0);
    printf("main: wc exited\\n");
    return 0;
}
`;

describe('an exec’d program’s output', () => {
  it('is recorded before its parent’s next line, run after run', async () => {
    listed = mkdtempSync(join(tmpdir(), 'ipc-demo-exec-order-'));
    for (const name of ['a', 'b', 'c']) writeFileSync(join(listed, name), '');
    const launcher = programLauncher('lswc.c', program(listed));
    for (let run = 1; run <= 5; run++) {
      const recorded = await recordRun('pipe', 'basic', { launcher, roles: ['main'] });
      expect(recorded.events.flatMap((e) => (e.kind === 'output' ? [e.text] : [])), `run ${run}`).toEqual(['3', 'main: wc exited']);
      expectNothingLeft(recorded);
    }
  });
});
