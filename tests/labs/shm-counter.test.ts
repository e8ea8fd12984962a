// The racy counter exercise, on real programs run free 3 times: the starter loses additions; the
// reference solution passes; programs that make the count exact without two processes counting at
// once with a semaphore fail, each with its evidence; a program right once by luck fails in a
// later run, which the evidence names; and no run leaves a segment or a semaphore set behind.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExercise } from '../../src/demos/exercises.js';
import { ccOnPath } from '../../src/cli/native.js';
import { checkExercise, type CheckResult } from '../../src/runtime/lab-check.js';
import solution from './solutions/shm-counter.c';

const hasCc = ccOnPath();

const work = mkdtempSync(join(tmpdir(), 'ipc-shm-counter-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const exercise = findExercise('shm-counter')!.exercise;

/** The ids in /proc/sysvipc/<kind> now. */
function ids(kind: 'shm' | 'sem'): Set<number> {
  const rows = readFileSync(`/proc/sysvipc/${kind}`, 'utf8').trim().split('\n').slice(1);
  return new Set(rows.map((row) => Number(row.trim().split(/\s+/)[1])));
}

/** Checks `source`, then asserts that the segments and semaphore sets its judged run made are gone. */
async function check(name: string, source: string): Promise<CheckResult> {
  const file = join(work, name);
  writeFileSync(file, source);
  const result = await checkExercise(exercise, file);
  for (const kind of ['shm', 'sem'] as const) {
    const made = result.evidence.calls.filter((c) => c.name === `${kind}get` && typeof c.value === 'number' && c.value >= 0).map((c) => c.value as number);
    const left = ids(kind);
    expect(made.filter((id) => left.has(id)), `${kind} left by ${name}`).toEqual([]);
  }
  return result;
}

/** The solution with `from` replaced by `to`, which must be in it. */
function solutionWith(from: string, to: string): string {
  expect(solution).toContain(from);
  return solution.replace(from, to);
}

describe.skipIf(!hasCc)('shm-counter', () => {
  it('the starter loses additions in its first run, and the evidence says how many and why', async () => {
    const { verdict, run, runs } = await check('shm-counter.c', exercise.starter);
    expect(verdict.pass).toBe(false);
    expect([run, runs]).toEqual([1, 3]);
    expect(verdict.evidence.en).toMatch(/^In run 1 of 3, the parent printed (\d+), not 1000: \d+ additions were lost\. .*neither called semop\(\)/);
    expect(verdict.evidence.zh).toMatch(/^在第 1 次运行中（共 3 次），父进程打印的是 \d+，不是 1000：丢失了 \d+ 次加法。/);
  });

  it('the reference solution passes all 3 runs: both attached, both calling semop(), taking turns', async () => {
    const { verdict, run, runs } = await check('solution.c', solution);
    expect(verdict.pass, verdict.evidence.en).toBe(true);
    expect([run, runs]).toEqual([3, 3]);
    expect(verdict.evidence.en).toMatch(/took turns \d+ times/);
  });

  it('a parent that waits for its child before it counts is exact, and fails: the two counted one after the other', async () => {
    const waitsFirst = solutionWith(
      '    count_up(count, semid);\n\n    int status;\n    if (waitpid(pid, &status, 0) == -1)\n        die("waitpid");\n',
      '    int status;\n    if (waitpid(pid, &status, 0) == -1)\n        die("waitpid");\n    count_up(count, semid);\n',
    );
    const { verdict } = await check('waits-first.c', waitsFirst);
    expect(verdict.pass).toBe(false);
    expect(verdict.evidence.en).toMatch(/the total was 1000, but the two processes counted one after the other: the parent's waitpid\(\) at line \d+ returned, the child ended, before the parent's first semop\(\)/);
  });

  it('a lock held around the whole loop fails the same way: the semaphore changed hands once or twice', async () => {
    const wholeLoop = solutionWith('        sem_add(semid, -1); /* P */\n', '').replace('        sem_add(semid, +1); /* V */\n', '');
    const locked = wholeLoop.replace('    for (int i = 0; i < TIMES; i++) {\n        int seen', '    sem_add(semid, -1);\n    for (int i = 0; i < TIMES; i++) {\n        int seen').replace('        *count = seen + 1;\n    }\n', '        *count = seen + 1;\n    }\n    sem_add(semid, +1);\n');
    expect(locked).not.toBe(wholeLoop);
    const { verdict } = await check('whole-loop.c', locked);
    expect(verdict.pass).toBe(false);
    expect(verdict.evidence.en).toMatch(/counted one after the other: their semop\(\) calls changed hands only \d time/);
  });

  it('a program that prints 1000 without a shared segment fails', async () => {
    const printsOnly = '#include <stdio.h>\n#include <sys/wait.h>\n#include <unistd.h>\nint main(void)\n{\n    pid_t pid = fork();\n    if (pid == 0)\n        return 0;\n    waitpid(pid, NULL, 0);\n    printf("added 1000 times in all; the counter says %d\\n", 1000);\n    return 0;\n}\n';
    const { verdict } = await check('prints-only.c', printsOnly);
    expect(verdict.pass).toBe(false);
    expect(verdict.evidence.en).toMatch(/printed 1000, but a System V segment was attached in neither process/);
  });

  it('a program right in its first run only fails in the second, and the evidence names the run', async () => {
    // Locks in the first run alone: the mark file says a run has been.
    const mark = join(work, 'ran-once');
    const once = solutionWith('        sem_add(semid, -1); /* P */\n', '        if (locking)\n            sem_add(semid, -1);\n')
      .replace('        sem_add(semid, +1); /* V */\n', '        if (locking)\n            sem_add(semid, +1);\n')
      .replace('#define TIMES 500\n', `#define TIMES 500\n#include <fcntl.h>\nstatic int locking;\n`)
      .replace('    setvbuf(stdout, NULL, _IOLBF, 0);\n', `    setvbuf(stdout, NULL, _IOLBF, 0);\n    int mark = open(${JSON.stringify(mark)}, O_WRONLY | O_CREAT | O_EXCL, 0600);\n    locking = mark != -1;\n    if (mark != -1)\n        close(mark);\n`);
    expect(once).toContain('locking = mark');
    const { verdict, run } = await check('lucky-once.c', once);
    expect(verdict.pass).toBe(false);
    expect(run).toBe(2);
    expect(verdict.evidence.en).toMatch(/^In run 2 of 3 \(the run before came out right: a race does not lose every time\), the parent printed \d+, not 1000/);
  });
});
