// A learner's program started alone (`ipc-demo reader.c`) may wait for one started in another
// terminal: every process asleep in a call such a program can end (a FIFO's open) is
// `waiting-outside`, which neither ends a run-mode run nor stays once the other program has
// come; asleep where nothing outside can reach (a pipe of its own) is still `stuck`, and ends it.
// Real cc, real controller, a real FIFO opened by this test as the other program.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { programLauncher } from '../helpers/native.js';
import { expectNothingLeft, recordRun, until } from '../helpers/run.js';

let elsewhere = '';
afterEach(() => rmSync(elsewhere, { recursive: true, force: true }));

describe('a learner’s lone program asleep', () => {
  it('in open() of a FIFO no one has opened: waiting-outside, the run goes on; a writer comes, and it reads and ends', async () => {
    elsewhere = mkdtempSync(join(tmpdir(), 'ipc-demo-waiting-'));
    const fifo = join(elsewhere, 'myfifo');
    const launcher = programLauncher('reader.c', `#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
    if (mkfifo("${fifo}", 0600) == -1) return 1;
    int fd = open("${fifo}", O_RDONLY);
    char buf[16];
    ssize_t n = read(fd, buf, sizeof buf);
    printf("got %.*s\\n", (int)n, buf);
    close(fd);
    unlink("${fifo}");
    return 0;
}
`);
    const recorded = await recordRun('pipe', 'basic', { launcher, roles: ['main'], peersElsewhere: true }, async (run, events) => {
      await until(run, () => events.some((e) => e.kind === 'note' && e.code === 'waiting-outside'), 'the waiting-outside note');
      // The other program: opens the write end, which wakes the reader's open().
      const fd = openSync(fifo, 'w');
      writeSync(fd, 'hi');
      closeSync(fd);
    });
    const notes = recorded.events.flatMap((e) => (e.kind === 'note' ? [e.code] : []));
    expect(notes).toEqual(['waiting-outside']);
    expect(recorded.events.find((e) => e.kind === 'note')).toMatchObject({ detail: expect.stringMatching(/^\d+ open \(/) });
    expect(recorded.events.flatMap((e) => (e.kind === 'output' ? [e.text] : []))).toEqual(['got hi']);
    expect(recorded.result.reason).toBe('done');
    expectNothingLeft(recorded);
  });

  it('in read() of its own pipe, its write end still open: stuck, and the run ends', async () => {
    const launcher = programLauncher('self.c', `#include <unistd.h>

int main(void) {
    int fd[2];
    if (pipe(fd) == -1) return 1;
    char c;
    return (int)read(fd[0], &c, 1);
}
`);
    const recorded = await recordRun('pipe', 'basic', { launcher, roles: ['main'], peersElsewhere: true });
    expect(recorded.events.flatMap((e) => (e.kind === 'note' ? [e.code] : []))).toEqual(['stuck']);
    expect(recorded.result.reason).toBe('stuck');
    expectNothingLeft(recorded);
  });
});
