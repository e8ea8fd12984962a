// shm-reader.c takes the ids the writer printed, typed by hand: a typo must be refused with a
// clear message, never read as another number (atoi() reads "12abc" as 12 and "abc" as 0, an id
// that may well be someone else's segment).
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, removeBuilds } from '../../../tests/contract/c-program.js';
import { demoAndVariant } from '../../../tests/helpers/run.js';

afterAll(removeBuilds);

const reader = () => compile(demoAndVariant('shm', 'basic').demo, 'shm-reader.c');

describe('shm-reader SHMID SEMID', () => {
  it.each([
    ['12abc', 'a number followed by more'],
    ['', 'nothing'],
    ['abc', 'no number at all'],
    ['-1', 'below 0'],
    ['99999999999', 'more than an int holds'],
    ['2147483648', 'INT_MAX + 1'],
  ])('refuses shmid %j (%s): exit 2 and the reason, before any System V call', (id) => {
    const run = spawnSync(reader(), [id, '0'], { encoding: 'utf8', timeout: 10_000 });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^[^:]*: /, '') }).toEqual({
      status: 2,
      stdout: '',
      stderr: `shmid "${id}" is not an id: a number from 0 to 2147483647\n`,
    });
  });

  it('refuses a bad semid the same way', () => {
    const run = spawnSync(reader(), ['0', '7 '], { encoding: 'utf8', timeout: 10_000 });
    expect({ status: run.status, stderr: run.stderr.replace(/^[^:]*: /, '') }).toEqual({ status: 2, stderr: 'semid "7 " is not an id: a number from 0 to 2147483647\n' });
  });

  it('takes the largest id an int holds as one, and then finds no such segment', () => {
    const run = spawnSync(reader(), ['2147483647', '0'], { encoding: 'utf8', timeout: 10_000 });
    expect({ status: run.status, stdout: run.stdout.replace(/pid \d+/, 'pid N'), stderr: run.stderr }).toEqual({
      status: 1,
      stdout: 'reader: pid N, shmid 2147483647, semid 0\n',
      stderr: 'shmat: Invalid argument\n',
    });
  });
});
