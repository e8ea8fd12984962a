// Lab mode: two terminals share one directory and one set of System V objects,
// and the last controller out removes them. Two that end at the same instant
// must not each leave them to the other (2 runs in 30 of 'shm leak' did, then
// removed the directory: the segment stayed for good, with no record of it).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { expectNothingLeftOf, RunTrace, runsEnded } from '../helpers/leftovers.js';
import { CLI } from '../helpers/terminal.js';

let base = '';
const holds: Socket[] = [];

afterEach(async () => {
  for (const hold of holds.splice(0)) hold.destroy();
  await runsEnded(base);
  rmSync(base, { recursive: true, force: true });
});

function exited(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

async function poll<T>(get: () => T | undefined, what: string): Promise<T> {
  for (let waited = 0; waited < 15_000; waited += 20) {
    const value = get();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('two terminals ending at the same instant: the objects are removed, and the directory', async () => {
  base = mkdtempSync(join(tmpdir(), 'ipc-last-out-'));
  const env = { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' };
  const start = (role: string) => spawn(process.execPath, [CLI, 'shm', '--variant', 'leak', '--role', role, '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const writer = start('writer');
  const reader = start('reader');
  const trace = new RunTrace();
  const output: string[] = [];
  for (const child of [writer, reader]) child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  // One idle connection to each controller's trace socket holds it in its last moments (its server
  // closes when every connection has), so that both get there before either goes on.
  // The directory itself, not its lock file beside it (`….lock`, and `….lock.<pid>` while taken).
  const lab = await poll(() => readdirSync(base).find((name) => /-lab-[^.]+$/.test(name)), 'the lab directory');
  const sockets = await poll(() => {
    const found = readdirSync(join(base, lab)).filter((name) => /^trace-\d+\.sock$/.test(name));
    return found.length === 2 ? found : undefined;
  }, 'both trace sockets');
  for (const name of sockets) {
    const hold = connect(join(base, lab, name));
    holds.push(hold);
    await new Promise((resolve, reject) => hold.once('connect', resolve).once('error', reject));
  }
  await poll(() => (trace.watch(base).ids.shm.size > 0 ? true : undefined), 'the segment');
  const ends = [exited(writer), exited(reader)];
  // Both runs are over (their runners gone): each controller is now in its finish, held.
  await poll(() => (output.join('').split('\n').filter((line) => line.includes('"kind":"exit"')).length >= 2 ? true : undefined), 'both runs to end');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect([writer.exitCode, reader.exitCode], 'both controllers held in their finish').toEqual([null, null]);
  for (const hold of holds.splice(0)) {
    hold.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await Promise.all(ends)).toEqual([0, 0]);
  trace.addEvents(output.join('').trim().split('\n').map((line) => JSON.parse(line) as { kind: string }));
  expectNothingLeftOf(trace, base);
});
