// `ipc-demo bench`: builds the C reference into a private directory, starts the Node twin
// (dist/bench-twin.js, with the fork flags) and one C process per mechanism, and measures
// every cell on both, repetition by repetition, in turn, so that both see the same load.
// Whatever way it ends it leaves nothing: processes killed, System V objects removed, the
// directory (sources, binaries, FIFOs, sockets) gone.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { metas } from 'virtual:bench-metas';
import harness from './c/harness.c';
import header from './c/bench.h';
import { FORK_NODE_FLAGS } from '../ffi/fork-flags.js';
import { describeHost, type Host } from './host.js';
import { Peer, type SysvObject } from './peer.js';
import { planCells, type PlannedCell } from './plan.js';
import { summarize, type Summary } from './stats.js';
import type { MechanismMeta } from './types.js';

export type CpuMode = 'same' | 'different' | 'any';

export interface BenchOptions {
  /** Mechanism ids; all when empty. */
  readonly mechanisms: readonly string[];
  readonly sizes: readonly number[];
  readonly cpu: CpuMode;
  readonly reps: number;
  readonly onProgress?: (done: number, total: number, cell: PlannedCell) => void;
}

export interface CellResult extends PlannedCell {
  /** ns per round trip (rt) or bytes per second (bw). */
  readonly unit: 'ns' | 'B/s';
  readonly twin: Summary | null;
  readonly c: Summary | null;
  /** twin ÷ C of the medians: > 1 is slower for a round trip, < 1 is slower for throughput. */
  readonly ratio: number | null;
  /** memcpy of the same size in one process (C), for shared memory: bytes per second. */
  readonly memcpyRate: Summary | null;
  /**
   * CPU time (user + system, both processes) per round trip or message, over all repetitions;
   * ratio twin ÷ C. It hardly depends on the machine's load, which wall time does.
   */
  readonly cpu: { readonly twin: number; readonly c: number | null; readonly ratio: number | null } | null;
}

export interface BenchResult {
  readonly host: Host;
  readonly cpu: { readonly mode: CpuMode; readonly parent: number; readonly child: number };
  readonly reps: number;
  /** Why there is no C reference, or null. */
  readonly noC: string | null;
  readonly cells: CellResult[];
  readonly loadAtEnd: readonly number[];
  readonly seconds: number;
  /** What the run made and removed: its processes, System V objects and directory. */
  readonly made: { readonly pids: number[]; readonly objects: SysvObject[]; readonly dir: string };
}

export class BenchError extends Error {}

function twinPath(): string {
  for (const candidate of ['./bench-twin.js', '../../dist/bench-twin.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new BenchError('dist/bench-twin.js is missing; run `npm run build` first');
}

/** The CPUs this process may use, from /proc/self/status ("0-1,4"). */
function allowedCpus(): number[] {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('Cpus_allowed_list:')) ?? '';
  return line.slice(line.indexOf(':') + 1).trim().split(',').flatMap((part) => {
    const [lo, hi] = part.split('-').map(Number);
    return lo === undefined || Number.isNaN(lo) ? [] : Array.from({ length: (hi ?? lo) - lo + 1 }, (_, i) => lo + i);
  });
}

function chooseCpus(mode: CpuMode): { parent: number; child: number } {
  if (mode === 'any') return { parent: -1, child: -1 };
  const cpus = allowedCpus();
  if (cpus.length === 0) throw new BenchError('no CPU to run on (Cpus_allowed_list is empty)');
  if (mode === 'same') return { parent: cpus[0]!, child: cpus[0]! };
  if (cpus.length < 2) throw new BenchError(`--cpu different needs two CPUs; this process may use only CPU ${cpus[0]}`);
  return { parent: cpus[0]!, child: cpus[1]! };
}

/** Compiles each mechanism's C reference with the harness into `dir`, -O2, in parallel. */
async function buildC(dir: string, chosen: readonly MechanismMeta[]): Promise<Map<string, string>> {
  writeFileSync(join(dir, 'bench.h'), header);
  writeFileSync(join(dir, 'harness.c'), harness);
  const run = promisify(execFile);
  const binaries = new Map<string, string>();
  await Promise.all(chosen.map(async (meta) => {
    const source = join(dir, `${meta.id}.c`);
    writeFileSync(source, meta.source);
    const binary = join(dir, `c-${meta.id}`);
    try {
      await run('cc', ['-O2', '-Wall', '-I', dir, '-o', binary, join(dir, 'harness.c'), source]);
    } catch (error) {
      throw new BenchError(`cc could not build the C reference of ${meta.id}:\n${(error as { stderr?: string }).stderr ?? String(error)}`);
    }
    binaries.set(meta.id, binary);
  }));
  return binaries;
}

function removeLeftObjects(objects: readonly SysvObject[], remove: (kind: SysvObject['kind'], id: number) => void): void {
  for (const { kind, id } of objects) {
    const column = 1; // key, then the id, in every /proc/sysvipc table
    let table: string;
    try {
      table = readFileSync(`/proc/sysvipc/${kind}`, 'utf8');
    } catch {
      continue;
    }
    // Ids are not reused soon (a sequence number is part of them): a recorded id still listed is ours.
    if (table.split('\n').slice(1).some((row) => Number(row.trim().split(/\s+/)[column]) === id)) {
      try {
        remove(kind, id);
      } catch {
        // gone meanwhile
      }
    }
  }
}

function cellLine(cell: PlannedCell, cpus: { parent: number; child: number }, reps: number): string {
  return `${cell.variant} ${cell.kind} ${cell.size} ${cell.count} ${cell.warm} ${reps} ${cpus.parent} ${cpus.child}`;
}

/** One cell on both sides: each opened (forked, warmed up), then their repetitions in turn. */
async function measureCell(cell: PlannedCell, twin: Peer, c: Peer | undefined, cpus: { parent: number; child: number }, reps: number, pids: Set<number>) {
  const sides = [...(c ? [{ peer: c, line: `cell ${cellLine(cell, cpus, reps)}`, ns: [] as number[] }] : []), { peer: twin, line: `cell ${cell.mechanism} ${cellLine(cell, cpus, reps)}`, ns: [] as number[] }];
  for (const side of sides) {
    side.peer.cpuNs = 0;
    side.peer.send(side.line);
    pids.add(Number(await side.peer.expect('ready'))); // the forked child
  }
  for (let r = 0; r < reps; r++) {
    for (const side of r % 2 ? [...sides].reverse() : sides) {
      side.peer.send('rep');
      side.ns.push(Number(await side.peer.expect('ns')));
    }
  }
  for (const side of sides) await side.peer.expect('done');
  const value = (ns: number) => (cell.kind === 'rt' ? ns / cell.count : (cell.size * cell.count) / (ns / 1e9));
  const twinSummary = summarize(sides[sides.length - 1]!.ns.map(value));
  const cSummary = c ? summarize(sides[0]!.ns.map(value)) : null;
  const perOp = (peer: Peer) => peer.cpuNs / (cell.count * reps);
  const cpu = { twin: perOp(twin), c: c ? perOp(c) : null, ratio: c ? perOp(twin) / perOp(c) : null };
  let memcpyRate: Summary | null = null;
  if (cell.memcpy && c) {
    c.send(`memcpy ${cell.size} ${cell.count} ${reps} ${cpus.parent}`);
    const ns: number[] = [];
    for (let r = 0; r < reps; r++) ns.push(Number(await c.expect('ns')));
    await c.expect('done');
    memcpyRate = summarize(ns.map(value));
  }
  return { twin: twinSummary, c: cSummary, memcpyRate, cpu };
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const chosen = options.mechanisms.length === 0 ? metas : metas.filter((m) => options.mechanisms.includes(m.id));
  const cpus = chooseCpus(options.cpu);
  const host = describeHost();
  const cells = planCells(chosen, options.sizes);
  const dir = mkdtempSync(join(tmpdir(), `ipc-demo-bench-${process.getuid?.() ?? 0}-`));
  const objects: SysvObject[] = [];
  const pids = new Set<number>();
  const peers = new Map<string, Peer>();
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', BENCH_DIR: dir, NODE_OPTIONS: '' };
  const { removeSysvObject } = await import('../ffi/sys-ipc.js');
  const cleanup = () => {
    for (const peer of peers.values()) peer.kill();
    removeLeftObjects(objects, removeSysvObject);
    rmSync(dir, { recursive: true, force: true });
  };
  // Ctrl-C or a kill: the same cleanup, synchronously, then the usual exit status.
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  try {
    const noC = host.cc === null ? 'cc not found' : null;
    const binaries = noC ? new Map<string, string>() : await buildC(dir, chosen);
    const twin = new Peer('node twin', process.execPath, [...FORK_NODE_FLAGS, twinPath()], env, objects, pids);
    peers.set('twin', twin);
    const results: CellResult[] = [];
    for (const [i, cell] of cells.entries()) {
      options.onProgress?.(i, cells.length, cell);
      const unit = cell.kind === 'rt' ? 'ns' : 'B/s';
      if (cell.skipped !== undefined) {
        results.push({ ...cell, unit, twin: null, c: null, ratio: null, memcpyRate: null, cpu: null });
        continue;
      }
      const binary = binaries.get(cell.mechanism);
      let c = peers.get(cell.mechanism);
      if (!c && binary) {
        c = new Peer(`C ${cell.mechanism}`, binary, [], env, objects, pids);
        peers.set(cell.mechanism, c);
      }
      const measured = await measureCell(cell, twin, c, cpus, options.reps, pids);
      const ratio = measured.c ? measured.twin.median / measured.c.median : null;
      results.push({ ...cell, unit, ...measured, ratio });
    }
    options.onProgress?.(cells.length, cells.length, cells[cells.length - 1]!);
    await Promise.all([...peers.values()].map((peer) => peer.quit()));
    return {
      host, cpu: { mode: options.cpu, ...cpus }, reps: options.reps, noC, cells: results,
      loadAtEnd: (await import('node:os')).loadavg(), seconds: (performance.now() - started) / 1000,
      made: { pids: [...pids], objects, dir },
    };
  } finally {
    cleanup();
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, onSignal);
  }
}
