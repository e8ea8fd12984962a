// A learner's program that dup2()s a pipe onto 0, 1 or 2 (`ls | wc -l`) shows that pipe end in
// the fd table, under the fd the program put it at; a pipe on a standard fd that nothing else
// of the run holds (the one an exec'd program's stderr goes to, ipc-demo's output relay) is not
// the program's and is left out. Real cc, real controller, real /proc.
import { describe, expect, it } from 'vitest';
import { programLauncher } from '../helpers/native.js';
import { expectNothingLeft, recordRun } from '../helpers/run.js';

const program = `#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int fd[2];
    if (pipe(fd) == -1) return 1;
    pid_t pid = fork();
    if (pid == 0) {
        int lone[2];
        if (pipe(lone) == -1) return 1;
        dup2(lone[1], 2);                 /* a pipe on fd 2 that nobody else holds */
        close(lone[0]);
        close(lone[1]);
        dup2(fd[0], 0);                   /* the read end becomes stdin, as wc's does */
        close(fd[0]);
        close(fd[1]);
        char c;
        _exit(read(0, &c, 1) == 1 ? 0 : 1); /* blocks: the parent never writes */
    }
    close(fd[0]);
    waitpid(pid, NULL, 0);                /* blocks: both asleep, the run is stuck */
    return 0;
}
`;

describe('standard fds in the kernel view', () => {
  it('stdin made the pipe’s read end by dup2 is shown (0 r pipe:N, N the parent’s write end); a pipe on fd 2 held by no one else is not', async () => {
    const launcher = programLauncher('stdin-pipe.c', program);
    const recorded = await recordRun('pipe', 'basic', { launcher, roles: ['main'] });
    expect(recorded.result.reason).toBe('stuck');
    const hellos = recorded.events.flatMap((e) => (e.kind === 'hello' ? [e.pid] : []));
    expect(hellos).toHaveLength(2);
    const [parentPid, childPid] = hellos as [number, number];
    // The view the run got stuck in: both asleep, the child in read(), the parent in waitpid().
    // (Not a later one: ending the stuck run kills them, and a dying process has no fds left to read.)
    const last = recorded.snapshots.findLast((s) => s.processes.length === 2 && s.processes.every((p) => p.state === 'S'))!;
    const parent = last.processes.find((p) => p.pid === parentPid)!;
    const child = last.processes.find((p) => p.pid === childPid)!;
    const writeEnd = parent.fds.find((f) => f.kind === 'pipe' && f.access === 'w')!;
    expect(writeEnd.fd).toBe(4);
    expect(child.fds.map((f) => `${f.fd} ${f.access} ${f.kind}:${f.inode}`)).toEqual([`0 r pipe:${writeEnd.inode}`]);
    expectNothingLeft(recorded);
  });
});
