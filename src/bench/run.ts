// `ipc-demo bench`: builds the C reference into a private directory, starts the Node twin
// (dist/bench-twin.js, with the fork flags) and one C process per mechanism, and measures
// every cell on both, repetition by repetition, in turn, so that both see the same load.
// Whatever way it ends it leaves nothing: processes killed, System V objects removed, the
// directory (sources, binaries, FIFOs, sockets) gone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metas } from 'virtual:bench-metas';
import { FORK_NODE_FLAGS } from '../ffi/fork-flags.js';
import { describeHost, type Host } from './host.js';
import { Peer, type SysvObject } from './peer.js';
import { planCells, type PlannedCell } from './plan.js';
import { BenchError, buildC, chooseCpus, removeLeftObjects, twinPath, type CpuMode } from './setup.js';
import { summarize, type Summary } from './stats.js';

export { BenchError, type CpuMode };

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
