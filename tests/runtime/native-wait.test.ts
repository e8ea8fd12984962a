// wait() reaps as waitpid() does: a forked child that returns from main() sends no exit event
// (the runtime cannot see past main), so its end is known from its parent's wait() return, as
// from waitpid()'s. Real cc, real controller.
import { describe, expect, it } from 'vitest';
import { programLauncher } from '../helpers/native.js';
import { expectNothingLeft, recordRun } from '../helpers/run.js';

const SOURCE = `#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t pid = fork();
    if (pid == 0) return 3;          /* no exit event: a return from main */
    int status;
    if (wait(&status) != pid) return 1;
    printf("parent: child exited %d\\n", WEXITSTATUS(status));
    return 0;
}
`;

describe('a native wait()', () => {
  it('tells the controller how the child it reaped ended, as waitpid() does', async () => {
    const launcher = programLauncher('waiter.c', SOURCE);
    const recorded = await recordRun('pipe', 'basic', { launcher, roles: ['main'] });
    expect(recorded.result.reason).toBe('done');
    expect(Object.fromEntries(recorded.result.exits)).toEqual({
      main: { code: 0, signal: null, core: false },
      child: { code: 3, signal: null, core: false },
    });
    expectNothingLeft(recorded);
  });
});
