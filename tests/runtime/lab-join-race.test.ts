// Lab mode: a terminal that joins while the other, the last one out, is removing the shared
// directory must not claim the directory about to go. Here the test is that leaving terminal:
// it holds the lab's lock (as a leaving controller does from its look to the removal's end),
// starts a msgq sender in lab mode, sees it wait at the lock without having claimed anything,
// removes the directory and lets go; the sender then makes a new directory and runs to its end.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { labLockPath, lockLab, processStartTime } from '../../src/runtime/run-dir.js';
import { expectNothingLeftOf, RunTrace, runsEnded } from '../helpers/leftovers.js';
import { CLI } from '../helpers/terminal.js';

let base = '';
afterEach(async () => {
  await runsEnded(base);
  rmSync(base, { recursive: true, force: true });
});

async function poll(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 15_000; waited += 10) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('a terminal joining while the last one out removes the directory waits, then makes a new one', async () => {
  base = mkdtempSync(join(tmpdir(), 'ipc-join-race-'));
  const uid = process.getuid!();
  const dir = join(base, `ipc-demo-${uid}-lab-msgq-types`);
  // What the leaving terminal's directory holds at its end: its objects' record and key file.
  mkdirSync(dir, { mode: 0o700 });
  writeFileSync(join(dir, 'ipc.key'), '');
  writeFileSync(join(dir, 'objects'), '');
  const unlock = lockLab(dir)!;
  expect(unlock).not.toBeNull();
  let unlocked = false;
  try {
    const sender = spawn(process.execPath, [CLI, 'msgq', '--variant', 'types', '--role', 'sender', '--json'], { env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const output: string[] = [];
    sender.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<number | null>((resolve) => sender.on('exit', (code) => resolve(code)));
    // The sender's own candidate lock file says it is at the lock.
    await poll(() => existsSync(`${labLockPath(dir)}.${sender.pid}`), 'the sender at the lock');
    expect(readdirSync(dir).filter((name) => name.startsWith('owner-')), 'nothing claimed while the lock is held').toEqual([]);
    rmSync(dir, { recursive: true });
    unlock();
    unlocked = true;
    expect(await exited).toBe(0);
    const events = output.join('').trim().split('\n').map((line) => JSON.parse(line) as { kind: string; name?: string });
    expect(events.filter((e) => e.kind === 'return' && e.name === 'msgsnd').length, 'every message sent').toBeGreaterThan(0);
    const trace = new RunTrace();
    trace.addEvents(events);
    // The sender ran to its end alone: its word for a receiver still to come (lab-word.ts), and nothing else.
    expect(readdirSync(base), 'no lock, no directory').toEqual([`${basename(dir)}.finished`]);
    expectNothingLeftOf(trace, base, (name) => !name.endsWith('.finished'));
  } finally {
    if (!unlocked) unlock();
  }
});

it('a lock whose holder died is taken over, and `clean` removes one left behind', () => {
  base = mkdtempSync(join(tmpdir(), 'ipc-join-race-'));
  const dir = join(base, `ipc-demo-${process.getuid!()}-lab-fifo-basic`);
  const dead = { pid: process.pid, startTime: 'not-this-one' }; // our pid, another start: a reused pid
  writeFileSync(labLockPath(dir), JSON.stringify(dead));
  const unlock = lockLab(dir);
  expect(unlock, 'the dead holder\'s lock taken over').not.toBeNull();
  unlock!();
  writeFileSync(labLockPath(dir), JSON.stringify(dead));
  const clean = spawnSync(process.execPath, [CLI, 'clean'], { env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' }, encoding: 'utf8' });
  expect(clean.status, clean.stderr).toBe(0);
  expect(readdirSync(base)).toEqual([]);
});

it('a start\'s sweep waits for the lab\'s lock, and leaves a directory a terminal has joined meanwhile', async () => {
  base = mkdtempSync(join(tmpdir(), 'ipc-join-race-'));
  const dir = join(base, `ipc-demo-${process.getuid!()}-lab-msgq-types`);
  const owner = join(dir, `owner-${process.pid}.json`);
  // A terminal killed with SIGKILL left its owner file (our pid, another start: a reused pid): a dead run's.
  mkdirSync(dir, { mode: 0o700 });
  writeFileSync(owner, JSON.stringify({ pid: process.pid, startTime: 'not-this-one' }));
  // Here the test is a terminal joining it: under the lock, it claims the directory.
  const unlock = lockLab(dir)!;
  let unlocked = false;
  try {
    const clean = spawn(process.execPath, [CLI, 'clean'], { env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => clean.on('exit', (code) => resolve(code)));
    // Seen dead before the claim: the sweep must wait at the lock, not remove the directory now.
    await poll(() => existsSync(`${labLockPath(dir)}.${clean.pid}`) || !existsSync(dir), 'the sweep at the lock, or the directory gone');
    expect(existsSync(dir), 'the directory, while a terminal joins it under the lock').toBe(true);
    writeFileSync(owner, JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) }));
    unlock();
    unlocked = true;
    expect(await exited).toBe(0);
    expect(readdirSync(dir), 'the joined directory, kept').toEqual([`owner-${process.pid}.json`]);
  } finally {
    if (!unlocked) unlock();
  }
});
