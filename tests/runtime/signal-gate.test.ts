// JS signal handlers run only inside libc calls: a signal that comes while the
// twin runs JavaScript waits, blocked, for its next libc call. Real processes and
// real signals: the fixture (tests/fixtures/signal-gate.ts) is a runner-like
// program on a trace socket this test listens on.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORK_NODE_FLAGS } from '../../src/ffi/fork-flags.js';
import { buildFixture } from '../helpers/fork-stress.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = `${root}dist/signal-gate.js`;
const SIGUSR1_BIT = 1n << 9n;
const GO = 0;
const RUNS = 1;

interface TraceEvent {
  readonly kind: string;
  readonly pid: number;
  readonly ppid?: number;
  readonly name?: string;
  readonly text?: string;
}

interface Fixture {
  readonly events: TraceEvent[];
  readonly exited: Promise<number | null>;
  readonly stderr: () => string;
  readonly readFlag: (index: number) => number;
  readonly writeFlag: (index: number, value: number) => void;
  readonly stop: () => Promise<void>;
}

beforeAll(async () => {
  await buildFixture('signal-gate', bundle);
});

/** Starts the fixture in `mode`, with a trace server and a shared flag file in a private directory. */
async function start(mode: string): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'ipc-gate-test-'));
  const tracePath = join(dir, 'trace.sock');
  const flagPath = join(dir, 'flags');
  writeFileSync(flagPath, Buffer.alloc(12));
  const flagFd = openSync(flagPath, 'r+');
  const events: TraceEvent[] = [];
  const server: Server = createServer((socket) => {
    let pending = '';
    socket.on('data', (data: Buffer) => {
      pending += data.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) events.push(JSON.parse(line) as TraceEvent);
    });
  });
  await new Promise<void>((resolve) => server.listen(tracePath, resolve));
  const child = spawn(process.execPath, [...FORK_NODE_FLAGS, bundle, tracePath, flagPath, mode], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const word = Buffer.alloc(4);
  return {
    events,
    exited,
    stderr: () => stderr,
    readFlag: (index) => (readSync(flagFd, word, 0, 4, index * 4), word.readInt32LE(0)),
    writeFlag: (index, value) => (word.writeInt32LE(value, 0), writeSync(flagFd, word, 0, 4, index * 4)),
    async stop() {
      // Still running after a failed expectation: its children die with it (PR_SET_PDEATHSIG).
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      await until(() => events.filter((e) => e.kind === 'hello').every(({ pid }) => !existsSync(`/proc/${pid}`)), 'the fixture’s processes gone');
      closeSync(flagFd);
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
      expect(existsSync(dir)).toBe(false);
    },
  };
}

/** Resolves when `predicate` holds, looking again on every turn of the event loop (never by sleeping). */
async function until<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A process's pending (process-wide) and blocked masks, as /proc/<pid>/status shows them. */
function masks(pid: number): { pending: bigint; blocked: bigint } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => BigInt(`0x${new RegExp(`^${name}:\\s*([0-9a-f]+)`, 'm').exec(status)![1]}`);
    return { pending: field('ShdPnd'), blocked: field('SigBlk') };
  } catch {
    return undefined;
  }
}

function wchan(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/wchan`, 'utf8');
  } catch {
    return '';
  }
}

/** Calls, returns and output lines of one process, in order: 'call getpid', 'output handler ran…'. */
function trail(events: readonly TraceEvent[], pid: number): string[] {
  return events.filter((e) => e.pid === pid && ['call', 'return', 'output'].includes(e.kind)).map((e) => (e.kind === 'output' ? `output ${e.text}` : `${e.kind} ${e.name}`));
}

/** SIGUSR1 is pending and blocked in `pid`: held, not just about to be delivered. */
function heldBack(pid: number): boolean {
  const now = masks(pid);
  return now !== undefined && (now.pending & now.blocked & SIGUSR1_BIT) !== 0n;
}

/**
 * The process that spins sends `busy…`; SIGUSR1 is sent to it then, and it is told
 * to go on once the kernel shows the signal held back (or its handler has run).
 */
async function signalWhileBusy(fixture: Fixture): Promise<{ pid: number; held: boolean }> {
  const { events, readFlag, writeFlag } = fixture;
  const pid = await until(() => events.find((e) => e.kind === 'output' && e.text?.startsWith('busy'))?.pid, 'the process spinning');
  process.kill(pid, 'SIGUSR1');
  await until(() => heldBack(pid) || readFlag(RUNS) > 0, 'SIGUSR1 held back, or its handler run');
  const held = heldBack(pid);
  writeFlag(GO, 1);
  expect(await fixture.exited).toBe(0);
  return { pid, held };
}

describe('signal gate', () => {
  it('a signal sent while JS runs stays pending, blocked, and its handler runs at the next libc call', async () => {
    const fixture = await start('busy');
    try {
      const { pid, held } = await signalWhileBusy(fixture);
      expect(held).toBe(true);
      expect(trail(fixture.events, pid)).toEqual([
        'return fork',
        'call signal',
        'return signal',
        'call sigprocmask',
        'return sigprocmask',
        'output busy, program mask: none',
        'output handler ran, depth 1',
        'call getpid',
        'return getpid',
        'output runs during the loop: 0, after getpid(): 1',
      ]);
    } finally {
      await fixture.stop();
    }
  });

  it('fork: the child keeps the JS handler and the program’s mask, and the same gate', async () => {
    const fixture = await start('inherit');
    try {
      const { pid } = await signalWhileBusy(fixture);
      const [, child] = fixture.events.filter((e) => e.kind === 'hello');
      expect(fixture.events.find((e) => e.kind === 'hello' && e.pid === pid)?.ppid).toBe(child!.pid);
      expect(trail(fixture.events, pid)).toEqual([
        'return fork',
        'call sigprocmask',
        'return sigprocmask',
        'output busy, program mask: SIGUSR2',
        'output handler ran, depth 1',
        'call getpid',
        'return getpid',
        'output runs during the loop: 0, after getpid(): 1',
      ]);
    } finally {
      await fixture.stop();
    }
  });

  it('a handler’s own calls keep its signal blocked: one sent from inside runs after it, inside the outer call', async () => {
    const fixture = await start('nested');
    try {
      expect(await fixture.exited).toBe(0);
      const [, child] = fixture.events.filter((e) => e.kind === 'hello');
      expect(trail(fixture.events, child!.pid)).toEqual([
        'return fork',
        'call sigaction',
        'return sigaction',
        'call getpid',
        'return getpid',
        'call kill',
        'output handler ran, depth 1',
        'call getpid',
        'return getpid',
        'call kill',
        'return kill',
        'output handler ran, depth 1',
        'return kill',
        'output runs: 2, deepest: 1',
      ]);
    } finally {
      await fixture.stop();
    }
  });

  it('SA_NODEFER: the one sent from inside the handler interrupts it, at that kill()', async () => {
    const fixture = await start('nodefer');
    try {
      expect(await fixture.exited).toBe(0);
      const [, child] = fixture.events.filter((e) => e.kind === 'hello');
      const lines = trail(fixture.events, child!.pid).filter((line) => line.startsWith('output'));
      expect(lines).toEqual(['output handler ran, depth 1', 'output handler ran, depth 2', 'output runs: 2, deepest: 2']);
    } finally {
      await fixture.stop();
    }
  });

  it('SA_RESTART: waitpid() restarts after the handler under the program’s mask, so a second signal interrupts it too', async () => {
    const fixture = await start('restart');
    const { events, readFlag, writeFlag } = fixture;
    try {
      const child = await until(() => events.filter((e) => e.kind === 'hello')[1]?.pid, 'the child');
      const waiting = () => wchan(child) === 'do_wait';
      await until(() => events.some((e) => e.kind === 'call' && e.name === 'waitpid' && e.pid === child) && waiting(), 'the child in waitpid()');
      process.kill(child, 'SIGUSR1');
      await until(() => readFlag(RUNS) === 1 && waiting(), 'the handler run, and waitpid() restarted');
      process.kill(child, 'SIGUSR1');
      // Held back means blocked in the kernel while waitpid() sleeps: the restart kept it out.
      await until(() => readFlag(RUNS) === 2 || (heldBack(child) && waiting()), 'the second handler run, or the signal held back');
      const runs = readFlag(RUNS);
      writeFlag(GO, 1);
      expect(await fixture.exited).toBe(0);
      expect(runs).toBe(2);
      expect(trail(events, child).slice(-5)).toEqual([
        'call waitpid',
        'output handler ran, depth 1',
        'output handler ran, depth 1',
        'return waitpid',
        'output runs: 2',
      ]);
    } finally {
      await fixture.stop();
    }
  });

  it('a runner, which has Node’s threads, may not install a JS handler: one of them would take the signal', async () => {
    const fixture = await start('runner');
    try {
      expect(await fixture.exited).toBe(1);
      expect(fixture.stderr()).toMatch(/a JS signal handler needs a single-threaded process/);
      expect(fixture.events.filter((e) => e.kind === 'hello')).toHaveLength(1);
    } finally {
      await fixture.stop();
    }
  });
});
