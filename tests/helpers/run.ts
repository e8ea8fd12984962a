// Runs a demo for real, through the same controller the CLI uses, and checks
// afterwards that the run left nothing behind.
import { existsSync, readFileSync } from 'node:fs';
import { expect, onTestFailed } from 'vitest';
import { findDemo, findVariant } from '../../src/demos/registry.js';
import type { DemoMeta, VariantMeta } from '../../src/demos/types.js';
import { Run, type RunOptions, type RunResult } from '../../src/runtime/controller.js';
import type { KernelSnapshot, RunEvent } from '../../src/runtime/events.js';
import { parseSysvTable } from '../../src/runtime/kernel/sysvipc.js';
import type { Entry } from '../../src/ui/model.js';

export interface Recorded {
  readonly run: Run;
  readonly events: RunEvent[];
  readonly snapshots: KernelSnapshot[];
  /** Events and snapshots in the order they came, as the screen records them (replay folds these). */
  readonly entries: Entry[];
  readonly result: RunResult;
  readonly dir: string;
}

export function demoAndVariant(demoId: string, variantId?: string): { demo: DemoMeta; variant: VariantMeta } {
  const demo = findDemo(demoId);
  if (!demo) throw new Error(`no demo ${demoId}`);
  const variant = findVariant(demo, variantId);
  if (!variant) throw new Error(`no variant ${variantId} in ${demoId}`);
  return { demo, variant };
}

/**
 * Starts a run and hands it to `drive` (which may step it, watch it, stop it),
 * then waits for its end.
 */
export async function recordRun(
  demoId: string,
  variantId: string | undefined,
  options: Partial<RunOptions> = {},
  drive: (run: Run, events: RunEvent[], snapshots: KernelSnapshot[], entries: Entry[]) => void | Promise<void> = () => undefined,
): Promise<Recorded> {
  const { demo, variant } = demoAndVariant(demoId, variantId);
  const run = new Run({ demo, variant, mode: 'run', timeoutMs: 30_000, ...options });
  const events: RunEvent[] = [];
  const snapshots: KernelSnapshot[] = [];
  const entries: Entry[] = [];
  run.on('event', (event) => {
    events.push(event);
    entries.push(event);
  });
  run.on('kernel', (snapshot) => {
    snapshots.push(snapshot);
    entries.push({ kind: 'kernel', snapshot });
  });
  // A failure that comes once in many runs is read from its record: every event, one per line.
  onTestFailed(() => console.error(`the run's events (${demoId} ${variantId ?? ''}):\n${events.map((e) => JSON.stringify(e)).join('\n')}`));
  const ended = new Promise<RunResult>((resolve) => run.once('end', resolve));
  await run.start();
  const dir = run.dir;
  try {
    await drive(run, events, snapshots, entries);
  } catch (error) {
    // A failed expectation mid-run must not leave the run's processes and objects behind.
    await run.stop('stopped');
    throw error;
  }
  const result = await ended;
  return { run, events, snapshots, entries, result, dir };
}

/** Output lines of one process, in order. */
export function outputOf(events: readonly RunEvent[], pid: number, fd: 1 | 2 = 1): string[] {
  return events.filter((e) => e.kind === 'output' && e.pid === pid && e.fd === fd).map((e) => (e as { text: string }).text);
}

export function pidsOf(events: readonly RunEvent[], role?: string): number[] {
  return events.filter((e) => e.kind === 'hello' && (role === undefined || e.role === role)).map((e) => e.pid);
}

function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.length > 0; // a zombie counts: it is left behind too
  } catch {
    return false;
  }
}

/** Keys the run's processes passed to shmget/msgget/semget. */
function sysvKeys(events: readonly RunEvent[]): Map<string, Set<number>> {
  const keys = new Map<string, Set<number>>([['shm', new Set()], ['msg', new Set()], ['sem', new Set()]]);
  for (const event of events) {
    if (event.kind === 'call' && /^(shm|msg|sem)get$/.test(event.name)) keys.get(event.name.slice(0, 3))!.add(Number(event.args[0]));
  }
  return keys;
}

/** Nothing of the run is left: no process (not even a zombie), no directory, no System V object. */
export function expectNothingLeft(recorded: Pick<Recorded, 'events' | 'dir'>): void {
  for (const pid of pidsOf(recorded.events)) expect(processAlive(pid), `process ${pid} still exists`).toBe(false);
  expect(existsSync(recorded.dir), `run directory ${recorded.dir} still exists`).toBe(false);
  for (const [kind, keys] of sysvKeys(recorded.events)) {
    if (keys.size === 0) continue;
    const rows = parseSysvTable(readFileSync(`/proc/sysvipc/${kind}`, 'utf8'));
    const left = rows.filter((row) => keys.has(row.key!) && row.key !== 0);
    expect(left, `System V ${kind} objects left`).toEqual([]);
  }
}

/** Resolves when `predicate` holds, checking on every event and snapshot (never by sleeping). */
export function until(run: Run, predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      run.off('event', check);
      run.off('kernel', check);
    };
    run.on('event', check);
    run.on('kernel', check);
    check();
  });
}

/**
 * Step mode, driven like a learner who keeps pressing space: advance a waiting
 * process each time something happens, until `predicate` holds.
 */
export function stepUntil(run: Run, predicate: () => boolean, what: string, only?: (pid: number) => boolean): Promise<void> {
  const step = () => {
    if (predicate()) return;
    const pid = run.waitingPids().find((p) => !only || only(p));
    if (pid !== undefined) run.advance(pid);
  };
  run.on('event', step);
  step();
  return until(run, predicate, what).finally(() => run.off('event', step));
}
