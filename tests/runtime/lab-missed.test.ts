// Lab mode: two terminals that miss each other. A msgq sender runs to its end before its
// receiver's terminal has joined: it leaves as the last one out, and its queue goes with it.
// The receiver, coming second, makes a new directory and would wait for a sender that has gone
// without a word (seen once: 40 s, until it was killed). It is told at once, by a note; a
// pair that met leaves no such word.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import { expectNothingLeftOf, RunTrace, runsEnded } from '../helpers/leftovers.js';
import { CLI } from '../helpers/terminal.js';

let base = '';
/** Controllers started: a test that fails leaves none waiting (lab mode waits for a peer for minutes). */
const started: ChildProcess[] = [];
afterEach(async () => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await runsEnded(base);
  rmSync(base, { recursive: true, force: true });
});

interface Event {
  readonly kind: string;
  readonly pid: number;
  readonly name?: string;
  readonly code?: string;
  readonly detail?: string;
}

function lab(role: string): ChildProcess & { stdout: NonNullable<ChildProcess['stdout']> } {
  const child = spawn(process.execPath, [CLI, 'msgq', '--variant', 'types', '--role', role, '--mode', 'run', '--json'], {
    env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  }) as ChildProcess & { stdout: NonNullable<ChildProcess['stdout']> };
  started.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('close', (code) => resolve(code)));
}

/** A controller's events as they come, and a wait for the first one that matches (never a sleep). */
function eventsOf(child: ReturnType<typeof lab>): { events: Event[]; first: (match: (e: Event) => boolean) => Promise<Event | undefined>; closed: Promise<void> } {
  const events: Event[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    events.push(JSON.parse(line) as Event);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<void>((resolve) => lines.once('close', resolve)).then(() => {
    ended = true;
    for (const wake of waiters.splice(0)) wake();
  });
  const first = async (match: (e: Event) => boolean) => {
    for (;;) {
      const found = events.find(match);
      if (found || ended) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { events, first, closed };
}

it('the second to come is told that the first has finished and left, and nothing is left', async () => {
  base = mkdtempSync(join(tmpdir(), 'ipc-lab-missed-'));
  const trace = new RunTrace();
  const senderChild = lab('sender');
  const senderCode = exited(senderChild);
  const sender = eventsOf(senderChild);
  await sender.closed;
  trace.addEvents(sender.events);
  expect(await senderCode).toBe(0);
  expect(sender.events.filter((e) => e.kind === 'return' && e.name === 'msgsnd')).toHaveLength(5);

  const child = lab('receiver');
  const receiver = eventsOf(child);
  // Told before it waits, or asleep in msgrcv() for the "done" that was sent and removed before it came: never told.
  const first = await receiver.first((e) => (e.kind === 'note' && e.code === 'peer-finished') || (e.kind === 'call' && e.name === 'msgrcv'));
  expect(first?.code, 'a note that the sender has finished, before the receiver waits').toBe('peer-finished');
  expect(first!.detail).toMatch(/^sender \d+$/);
  // It still waits, as lab mode does (a person may start the sender again): a quit ends it.
  await receiver.first((e) => e.kind === 'call' && e.name === 'msgrcv');
  child.kill('SIGTERM');
  await receiver.closed;
  expect(await exited(child)).toBe(143);
  trace.addEvents(receiver.events);
  expectNothingLeftOf(trace, base);
});

it('a pair that met leaves no word behind', async () => {
  base = mkdtempSync(join(tmpdir(), 'ipc-lab-missed-'));
  const trace = new RunTrace();
  const receiverChild = lab('receiver');
  const receiverCode = exited(receiverChild);
  const receiver = eventsOf(receiverChild);
  // The receiver waits in msgrcv(), in the shared directory: the sender comes second.
  await receiver.first((e) => e.kind === 'call' && e.name === 'msgrcv');
  const senderChild = lab('sender');
  const senderCode = exited(senderChild);
  const sender = eventsOf(senderChild);
  await Promise.all([sender.closed, receiver.closed]);
  expect([await senderCode, await receiverCode]).toEqual([0, 0]);
  const all = [...sender.events, ...receiver.events];
  expect(all.filter((e) => e.kind === 'note' && e.code === 'peer-finished')).toEqual([]);
  trace.addEvents(all);
  expectNothingLeftOf(trace, base);
  expect(readdirSync(base)).toEqual([]);
});
