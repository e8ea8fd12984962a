// Every exercise's check, on real programs: its starter (as `lab start` writes it) fails, its
// reference solution (kept here, out of the package) passes, each compiled with the native
// runtime and run for real; and nothing of any run is left behind.
import { readFileSync } from 'node:fs';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exercises } from '../../src/demos/exercises.js';
import { ccOnPath } from '../../src/cli/native.js';
import { checkExercise } from '../../src/runtime/lab-check.js';
import { DEMO_IDS } from '../../src/demos/registry.js';

const hasCc = ccOnPath();

const work = mkdtempSync(join(tmpdir(), 'ipc-labs-'));

/**
 * Shared memory segments whose creator has ended: left for good (other tests' objects, made
 * meanwhile, have live creators). A starter's leaked segment must be removed by the check, and said.
 */
function orphanSegments(): Set<string> {
  const rows = readFileSync('/proc/sysvipc/shm', 'utf8').trim().split('\n').slice(1).map((row) => row.trim().split(/\s+/));
  return new Set(rows.filter((f) => !existsSync(`/proc/${f[4]}`)).map((f) => f[1]!));
}

/** Checks `exercise` on `file`, and that its runs left no segment behind. */
async function checked(exercise: (typeof exercises)[number]['exercise'], file: string) {
  const before = orphanSegments();
  const result = await checkExercise(exercise, file);
  expect([...orphanSegments()].filter((id) => !before.has(id)), 'shared memory segments left').toEqual([]);
  return result;
}
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the exercises', () => {
  it('one at least per mechanism, each with a task, hints and a starter, in both languages', () => {
    for (const id of DEMO_IDS) expect(exercises.some(({ demo }) => demo.id === id), id).toBe(true);
    for (const { exercise } of exercises) {
      for (const text of [exercise.title, exercise.task, ...exercise.hints]) {
        expect(text.en.length, exercise.id).toBeGreaterThan(0);
        expect(text.zh.length, exercise.id).toBeGreaterThan(0);
      }
      expect(exercise.hints.length, exercise.id).toBeGreaterThanOrEqual(2);
    }
  });

  for (const { exercise } of exercises) {
    describe.skipIf(!hasCc)(exercise.id, () => {
      it('fails its starter, with the evidence of what the program did', async () => {
        const file = join(work, exercise.file);
        writeFileSync(file, exercise.starter);
        const { verdict } = await checked(exercise, file);
        expect(verdict.pass, verdict.evidence.en).toBe(false);
      });

      it('passes its reference solution', async () => {
        const file = join(work, `${exercise.id}.c`);
        writeFileSync(file, (await import(`./solutions/${exercise.id}.c`)).default as string);
        const { verdict } = await checked(exercise, file);
        expect(verdict.pass, verdict.evidence.en).toBe(true);
      });
    });
  }
});
