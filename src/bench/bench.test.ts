// `ipc-demo bench` for real: the built CLI, real processes, real kernel objects. Nothing here
// is timed (the machine is shared): what is checked is that both the twin and C measured every
// cell, the JSON's shape, and that nothing is left behind, whether the run ends or is killed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { mechanism as pipe } from './mechanisms/01-pipe/meta.js';
import { mechanism as anonMem } from './mechanisms/02-anon-mem/meta.js';
import { mechanism as socket } from './mechanisms/07-socket/meta.js';
import { FORK_NODE_FLAGS } from '../ffi/fork-flags.js';
import { DEFAULT_SIZES, planCells } from './plan.js';

const CLI = fileURLToPath(new URL('../../bin/ipc-demo.js', import.meta.url));
const TWIN = fileURLToPath(new URL('../../dist/bench-twin.js', import.meta.url));
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

interface Ran {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function bench(args: string[], env: NodeJS.ProcessEnv = process.env, whileRunning?: (pid: number) => Promise<void>): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'bench', ...args], { env: { ...env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (whileRunning) whileRunning(child.pid!).catch(reject);
  });
}

const alive = (pid: number) => existsSync(`/proc/${pid}`); // a zombie counts: it is left behind too

/** The ids listed in /proc/sysvipc/<kind> (the id is the second column). */
function sysvIds(kind: 'shm' | 'msg' | 'sem'): Set<number> {
  return new Set(readFileSync(`/proc/sysvipc/${kind}`, 'utf8').trim().split('\n').slice(1).map((row) => Number(row.trim().split(/\s+/)[1])));
}

function children(pid: number): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((other) => {
    try {
      return Number(readFileSync(`/proc/${other}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid;
    } catch {
      return false;
    }
  });
}

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Cell {
  mechanism: string;
  variant: string;
  kind: 'rt' | 'bw';
  size: number;
  unit: string;
  twin: { median: number; samples: number[] } | null;
  c: { median: number; samples: number[] } | null;
  ratio: number | null;
  memcpyRate: { median: number } | null;
  cpu: { twin: number; c: number | null; ratio: number | null } | null;
  skipped?: number;
}

describe('the plan of a bench run', () => {
  it('warms every throughput cell up with at least 256 messages, and makes no repetition shorter than 48', () => {
    // The forked child's loop is compiled on its main thread (--single-threaded): warmed up with as
    // many messages as one repetition (16 at 1 MiB), the compilation fell into the measured ones.
    const cells = planCells([pipe, anonMem, socket], DEFAULT_SIZES).filter((cell) => cell.kind === 'bw' && cell.skipped === undefined);
    expect(cells.map((cell) => cell.size)).toContain(1048576);
    for (const cell of cells) {
      expect(cell.warm, `${cell.label} ${cell.size}`).toBeGreaterThanOrEqual(256);
      expect(cell.count, `${cell.label} ${cell.size}`).toBeGreaterThanOrEqual(48);
    }
  });
});

describe('ipc-demo bench', () => {
  it('measures each cell with the twin and with C, as JSON, and leaves nothing behind', async () => {
    const ran = await bench(['pipe', 'fifo', 'shm', 'msgq', 'socket', '--sizes', '4096', '--reps', '2', '--json']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const result = JSON.parse(ran.stdout) as { host: Record<string, unknown>; cpu: { mode: string }; noC: null; cells: Cell[]; goals: { id: string }[]; made: { pids: number[]; objects: { kind: 'shm' | 'msg' | 'sem'; id: number }[]; dir: string } };
    expect(result.host).toMatchObject({ cpu: expect.any(String), kernel: expect.stringMatching(/^Linux /), cc: expect.any(String) });
    expect(result.cpu.mode).toBe('same');
    expect(result.noC).toBeNull();
    const names = result.cells.map((c) => `${c.mechanism}/${c.variant} ${c.kind} ${c.size}`);
    expect(names).toEqual(['pipe', 'fifo', 'shm/sysv', 'msgq', 'socket/stream', 'socket/dgram', 'socket/tcp'].flatMap((m) => {
      const [mechanism, variant = mechanism] = m.split('/');
      return [`${mechanism}/${variant} rt 1`, `${mechanism}/${variant} bw 4096`];
    })); // in the folders' order, whatever the command line's
    for (const cell of result.cells) {
      expect(cell.unit).toBe(cell.kind === 'rt' ? 'ns' : 'B/s');
      expect(cell.twin!.samples).toHaveLength(2);
      expect(cell.c!.samples).toHaveLength(2);
      expect(cell.twin!.median).toBeGreaterThan(0);
      expect(cell.c!.median).toBeGreaterThan(0);
      expect(cell.ratio).toBeCloseTo(cell.twin!.median / cell.c!.median, 6);
      expect(cell.cpu!.twin).toBeGreaterThan(0);
      expect(cell.cpu!.c).toBeGreaterThan(0);
    }
    expect(result.cells.find((c) => c.mechanism === 'shm' && c.kind === 'bw')!.memcpyRate!.median).toBeGreaterThan(0);
    expect(result.goals.map((g) => g.id)).toEqual(['throughput', 'round-trip', 'shared-memory']);
    // What it made: the twin, a C process per mechanism, a child per cell and side; a shm
    // segment and semaphore set per shm cell and side, a queue per msgq cell and side.
    expect(result.made.pids.length).toBe(1 + 5 + 2 * 14);
    expect(result.made.objects.filter((o) => o.kind === 'msg')).toHaveLength(4);
    expect(result.made.objects.filter((o) => o.kind === 'sem')).toHaveLength(4);
    expect(result.made.pids.filter(alive)).toEqual([]);
    for (const kind of ['shm', 'msg', 'sem'] as const) {
      const left = sysvIds(kind);
      expect(result.made.objects.filter((o) => o.kind === kind && left.has(o.id))).toEqual([]);
    }
    expect(existsSync(result.made.dir)).toBe(false);
  }, 120_000);

  it('killed in the middle of a cell, leaves no process, no object, no directory', async () => {
    const seen = new Set<number>();
    let dir = '';
    const queues = new Set<number>();
    const ran = await bench(['msgq', 'socket', '--sizes', '4096', '--reps', '100'], process.env, async (pid) => {
      // Wait for a measuring child (bench → twin or C process → its fork), noting what exists.
      await until(() => {
        for (const proc of children(pid)) {
          seen.add(proc);
          const env = (() => {
            try {
              return readFileSync(`/proc/${proc}/environ`, 'utf8');
            } catch {
              return '';
            }
          })();
          dir ||= /(?:^|\0)BENCH_DIR=([^\0]+)/.exec(env)?.[1] ?? '';
          for (const grandchild of children(proc)) seen.add(grandchild);
        }
        for (const row of readFileSync('/proc/sysvipc/msg', 'utf8').trim().split('\n').slice(1)) {
          const cols = row.trim().split(/\s+/).map(Number);
          if (seen.has(cols[6]!) || seen.has(cols[7]!)) queues.add(cols[1]!); // lspid, lrpid
        }
        return queues.size > 0 && [...seen].some((p) => children(p).length > 0);
      }, 30_000, 'a msgq cell to be running');
      process.kill(pid, 'SIGTERM');
    });
    expect(ran.code).toBe(143);
    expect(dir).not.toBe('');
    await until(() => [...seen].every((pid) => !alive(pid)), 5_000, 'the processes to be gone');
    expect(existsSync(dir)).toBe(false);
    const left = sysvIds('msg');
    expect([...queues].filter((id) => left.has(id))).toEqual([]);
  }, 60_000);

  it('draws its chart within 80 columns, in both languages (the ratio wrapped onto a line of its own)', async () => {
    for (const lang of ['en', 'zh']) {
      const ran = await bench(['pipe', 'shm', '--sizes', '65536', '--reps', '1', '--lang', lang]);
      expect(ran.code).toBe(0);
      const wide = ran.stdout.split('\n').filter((line) => stringWidth(line) > 80);
      expect(wide, `${lang}: lines wider than 80 columns`).toEqual([]);
      expect(ran.stdout).toMatch(/^SysV shm \+ sem +█+ +[\d.]+ [GM]B\/s .*█+ +[\d.]+ [GM]B\/s +(±\d+%|>999%) +[\d.]+×$/m);
    }
  }, 120_000);

  it('without cc, measures the twin alone and says so once', async () => {
    const ran = await bench(['pipe', '--sizes', '4096', '--reps', '1', '--json'], { ...process.env, PATH: '/nonexistent' });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe('No C reference (cc not found): the Node twin alone.\n');
    const result = JSON.parse(ran.stdout) as { noC: string; cells: Cell[] };
    expect(result.noC).toBe('cc not found');
    for (const cell of result.cells) {
      expect(cell.twin!.median).toBeGreaterThan(0);
      expect(cell.c).toBeNull();
      expect(cell.ratio).toBeNull();
    }
  }, 60_000);
});

/** /proc/<pid>/io's read and write system call counts (syscr, syscw). */
function syscalls(pid: number): { reads: number; writes: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  return { reads: Number(/syscr: (\d+)/.exec(io)![1]), writes: Number(/syscw: (\d+)/.exec(io)![1]) };
}

/**
 * One throughput repetition of a pipe cell in a measuring process (the twin or C, by their
 * protocol): the read() and write() calls its forked child made in it. The child is between
 * repetitions, blocked in its next read() (counted when it returns), when each count is taken.
 */
async function childCallsInOneRep(command: string, args: string[], cell: string, size: number, count: number): Promise<{ reads: number; writes: number }> {
  const proc = spawn(command, args, { env: { PATH: process.env.PATH, BENCH_DIR: tmpdir(), NODE_OPTIONS: '' }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const next = async (prefix: string) => {
    for (let line = await lines.next(); !line.done; line = await lines.next()) if (line.value.startsWith(prefix)) return line.value.slice(prefix.length);
    throw new Error(`${command} ended before "${prefix}"`);
  };
  try {
    proc.stdin.write(`${cell} bw ${size} ${count} 256 2 0 0\n`);
    const child = Number(await next('ready '));
    const before = syscalls(child);
    proc.stdin.write('rep\n');
    await next('ns ');
    const after = syscalls(child);
    proc.stdin.write('rep\nquit\n');
    await next('done');
    return { reads: after.reads - before.reads, writes: after.writes - before.writes };
  } finally {
    proc.kill('SIGKILL');
  }
}

describe('the twin beside its C', () => {
  it('makes the same read() and write() calls per message as C, a pipe at 4 KiB and 64 KiB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipc-demo-bench-test-'));
    try {
      const c = join(dir, 'c-pipe');
      execFileSync('cc', ['-O2', '-I', here('./c'), '-o', c, here('./c/harness.c'), here('./mechanisms/01-pipe/pipe.c')]);
      for (const size of [4096, 65536]) {
        const count = 64;
        const fromC = await childCallsInOneRep(c, [], 'cell pipe', size, count);
        const fromTwin = await childCallsInOneRep(process.execPath, [...FORK_NODE_FLAGS, TWIN], 'cell pipe pipe', size, count);
        expect(fromC, `C at ${size}`).toEqual({ reads: count, writes: 1 }); // a message per read(), then the ack
        expect(fromTwin, `the twin at ${size}`).toEqual(fromC);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
