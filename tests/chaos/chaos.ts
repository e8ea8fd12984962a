// Chaos: runs every demo and variant as a real CLI process and interrupts it
// at a random step — SIGINT, SIGTERM or SIGKILL to the controller, to a runner
// or to a forked child, or SIGHUP as when the terminal goes away — then checks
// that nothing of the run is left: no process (zombies included), no path, no
// System V object (after the next start's sweep, when the controller was SIGKILLed).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { demos } from '../../src/demos/registry.js';
import { parseSysvTable } from '../../src/runtime/kernel/sysvipc.js';

const CLI = fileURLToPath(new URL('../../bin/ipc-demo.js', import.meta.url));
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
const TARGETS = ['controller', 'runner', 'child'] as const;

export interface Fault {
  readonly demo: string;
  readonly variant: string;
  readonly target: (typeof TARGETS)[number] | 'terminal';
  readonly signal: NodeJS.Signals;
  /** Inject after this many step events. */
  readonly afterSteps: number;
}

export interface Outcome {
  readonly fault: Fault;
  readonly injected: boolean;
  readonly leaks: readonly string[];
}

interface Event {
  kind: string;
  pid: number;
  ppid?: number;
  role?: string;
  name?: string;
  args?: unknown[];
}

function random<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** A small seeded generator, so that a failing run can be repeated. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` faults, round-robin over every demo and variant, starting at case `offset`. */
export function planFaults(count: number, rand: () => number, offset = 0): Fault[] {
  const cases = demos.flatMap((demo) => demo.variants.map((variant) => ({ demo: demo.id, variant: variant.id, forks: demo.section === 'related' })));
  return Array.from({ length: count }, (_, i) => {
    const c = cases[(offset + i) % cases.length]!;
    const terminal = rand() < 0.15;
    const target = terminal ? 'terminal' : random(c.forks ? TARGETS : TARGETS.filter((t) => t !== 'child'), rand);
    return { demo: c.demo, variant: c.variant, target, signal: terminal ? 'SIGHUP' : random(SIGNALS, rand), afterSteps: Math.floor(rand() * 8) };
  });
}

function exists(pid: number): boolean {
  try {
    readFileSync(`/proc/${pid}/stat`);
    return true;
  } catch {
    return false;
  }
}

function sysvLeft(keys: ReadonlySet<number>): string[] {
  const left: string[] = [];
  for (const kind of ['shm', 'msg', 'sem']) {
    const rows = parseSysvTable(readFileSync(`/proc/sysvipc/${kind}`, 'utf8'));
    for (const row of rows) if (keys.has(row.key!) && row.key !== 0) left.push(`${kind} key ${row.key}`);
  }
  return left;
}

async function gone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(exists);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One run, one fault. Each run gets its own TMPDIR, so what it leaves is its own. */
export async function runOnce(fault: Fault): Promise<Outcome> {
  const base = mkdtempSync(join(tmpdir(), 'ipc-chaos-'));
  const env = { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' };
  const controller = spawn(process.execPath, [CLI, fault.demo, '--variant', fault.variant, '--json', '--mode', 'play', '--delay', '15'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Event[] = [];
  let steps = 0;
  let injected = false;
  const exited = new Promise<void>((resolve) => controller.once('exit', () => resolve()));
  const inject = () => {
    if (injected) return;
    const hello = events.filter((e) => e.kind === 'hello');
    const pick =
      fault.target === 'controller' || fault.target === 'terminal'
        ? controller.pid
        : fault.target === 'runner'
          ? hello.find((e) => e.role !== 'child')?.pid
          : hello.find((e) => e.role === 'child')?.pid;
    if (pick === undefined) return;
    injected = true;
    try {
      process.kill(pick, fault.signal);
    } catch {
      // it ended just before
    }
  };
  createInterface({ input: controller.stdout! }).on('line', (line) => {
    let event: Event;
    try {
      event = JSON.parse(line) as Event;
    } catch {
      return;
    }
    events.push(event);
    if (event.kind === 'step' && ++steps > fault.afterSteps) inject();
  });
  const watchdog = setTimeout(() => controller.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(watchdog);
  if (fault.target === 'controller' && fault.signal === 'SIGKILL') {
    // What the next start does first: sweep what the dead controller left.
    spawnSync(process.execPath, [CLI, 'clean'], { env, stdio: 'ignore' });
  }
  const pids = events.filter((e) => e.kind === 'hello').map((e) => e.pid);
  const leaks: string[] = [];
  // PR_SET_PDEATHSIG and init's reaping take a moment after a SIGKILL: wait for it, bounded.
  for (const pid of await gone(pids, 3000)) leaks.push(`process ${pid}`);
  const keys = new Set(events.filter((e) => e.kind === 'call' && /^(shm|msg|sem)get$/.test(e.name ?? '')).map((e) => Number(e.args?.[0])));
  leaks.push(...sysvLeft(keys));
  const paths = readdirSync(base);
  leaks.push(...paths.map((p) => `path ${p}`));
  rmSync(base, { recursive: true, force: true });
  return { fault, injected, leaks };
}

export function table(outcomes: readonly Outcome[]): string {
  const injected = outcomes.filter((o) => o.injected);
  const byKind = new Map<string, number>();
  for (const o of injected) {
    const kind = `${o.fault.signal} → ${o.fault.target}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  const leaks = outcomes.flatMap((o) => o.leaks.map((l) => `${o.fault.demo}/${o.fault.variant} ${o.fault.signal}→${o.fault.target}@${o.fault.afterSteps}: ${l}`));
  return [
    `runs: ${outcomes.length}   faults injected: ${injected.length}   leaks: ${leaks.length}`,
    ...[...byKind].sort().map(([kind, n]) => `  ${kind.padEnd(24)} ${n}`),
    ...leaks.map((l) => `  LEAK ${l}`),
  ].join('\n');
}
